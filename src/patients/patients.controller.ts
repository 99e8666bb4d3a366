import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import type { PatientAccess } from './access/patient-access';
import { Patient, PatientScoped } from './access/patient-scoped.decorator';
import { etagOf, ifMatchFrom } from '../common/http/etag';
import {
  CreatePatientDto,
  PatientListQuery,
  PatientPage,
  PatientResponse,
  PatientSearchDto,
  UpdatePatientDto,
} from './dto/patient.dto';
import { ChangePhaseDto, PhaseChangeResponse, PhaseMoveResponse } from './dto/phase.dto';
import { PatientPhaseService } from './patient-phase.service';
import { PatientsService } from './patients.service';
import { describeTransitions } from './phase-transitions';

@ApiTags('patients')
@Controller('patients')
export class PatientsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly phases: PatientPhaseService,
  ) {}

  @Post()
  @RequirePermission('patients.create', {
    summary: 'Register a patient',
    description: 'Generates the MRN, starts the patient in screening and puts the caller on the care team.',
    invalid: { field: 'dateOfBirth', message: 'dateOfBirth must be a date as YYYY-MM-DD' },
  })
  async register(
    @CurrentUser() user: AuthUser,
    @Body() body: CreatePatientDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatientResponse> {
    const patient = await this.patients.register(user, body);
    res.setHeader('ETag', etagOf(patient.version));
    return PatientResponse.of(patient);
  }

  @Get()
  @RequirePermission('patients.read', {
    summary: 'List patients, filtered by MRN and phase',
    description: 'Clinicians and case managers see their care-team patients; admins see all. To search by name, use POST /patients/search.',
  })
  async list(@CurrentUser() user: AuthUser, @Query() query: PatientListQuery): Promise<PatientPage> {
    const page = await this.patients.search(user, query);
    return { ...page, items: page.items.map((p) => PatientResponse.of(p)) };
  }

  @Post('search')
  @HttpCode(200)
  @RequirePermission('patients.read', {
    summary: 'Search patients by name, MRN and phase',
    description: 'The criteria are in the body so that names never appear in URLs. Same scope as the list.',
  })
  async search(@CurrentUser() user: AuthUser, @Body() body: PatientSearchDto): Promise<PatientPage> {
    const page = await this.patients.search(user, body);
    return { ...page, items: page.items.map((p) => PatientResponse.of(p)) };
  }

  @Get(':id')
  @PatientScoped('id')
  @RequirePermission('patients.read', { summary: 'One patient (ETag carries the version)' })
  async get(
    @Patient() access: PatientAccess,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatientResponse> {
    const patient = await this.patients.get(access);
    res.setHeader('ETag', etagOf(patient.version));
    return PatientResponse.of(patient);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last read; 412 when stale' })
  @PatientScoped('id')
  @RequirePermission('patients.update', { summary: "Update a patient's demographics" })
  async update(
    @Patient() access: PatientAccess,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePatientDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatientResponse> {
    const patient = await this.patients.update(access, ifMatchFrom(ifMatch), body);
    res.setHeader('ETag', etagOf(patient.version));
    return PatientResponse.of(patient);
  }

  @Post(':id/phase')
  @HttpCode(200)
  @PatientScoped('id')
  @RequirePermission('patients.change-phase', {
    summary: 'Move a patient to another program phase',
    description: `Allowed transitions: ${describeTransitions()}. Discharge needs a dischargeReason. ` +
      'Clinical gates apply (e.g. a confirmed diagnosis and an accepted level of care before detox or outpatient); ' +
      'only a clinician on the care team moves a patient into detox or outpatient. A discharge cancels or leaves the ' +
      "patient's future sessions, gives up their group seats and waitlist places (the next in line is seated), " +
      'discontinues active medication orders and cancels open follow-ups, all in the same transaction; `closed` lists ' +
      'what was closed. A patient discharged as deceased moves no further, and no new care is recorded for a discharged patient.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: the ETag read; a move from another version is 412' })
  async changePhase(
    @Patient() access: PatientAccess,
    @Body() body: ChangePhaseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PhaseMoveResponse> {
    const expected = ifMatch === undefined ? undefined : ifMatchFrom(ifMatch);
    const outcome = await this.phases.change(access, body, undefined, expected);
    res.setHeader('ETag', etagOf(outcome.patient.version));
    return PhaseMoveResponse.ofOutcome(outcome);
  }

  @Get(':id/phase-history')
  @PatientScoped('id')
  @RequirePermission('patients.read', { summary: 'Every phase change of a patient, oldest first' })
  async phaseHistory(
    @Patient() access: PatientAccess,
  ): Promise<PhaseChangeResponse[]> {
    return (await this.phases.history(access)).map((c) => PhaseChangeResponse.of(c));
  }
}
