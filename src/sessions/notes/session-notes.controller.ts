import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, Patients, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { etagOf, ifMatchFrom } from '../../common/http/etag';
import {
  CreateAddendumDto,
  CreateSessionNoteDto,
  PatientNotePage,
  PatientNoteQuery,
  PatientNoteResponse,
  SessionNoteResponse,
  UpdateSessionNoteDto,
} from './dto/session-note.dto';
import { SessionNotePatients, SessionNotePatientsBySession } from '../record-patients.resolvers';
import { SessionNotesService } from './session-notes.service';
import { PatientNoteCopiesService } from './patient-note-copies.service';

const IF_MATCH = { name: 'If-Match', required: true, description: "The note's ETag; 412 when stale, 428 when missing" };

@ApiTags('session notes')
@Controller()
export class SessionNotesController {
  constructor(
    private readonly notes: SessionNotesService,
    private readonly copies: PatientNoteCopiesService,
  ) {}

  @Post('sessions/:id/notes')
  @RequirePermission('session-notes.write', {
    summary: "Write a session's note (a draft)",
    description:
      'One note per session, by one of its clinicians, once the session has started: a shared part (required for ' +
      'groups) and one part per patient it is filed for (patients recorded as no_show or cancelled are refused). ' +
      "Each patient's record shows the shared part and their own part only.",
  })
  async create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateSessionNoteDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionNoteResponse> {
    return this.withEtag(res, await this.notes.create(user, id, body));
  }

  @Get('sessions/:id/notes')
  @PatientScoped({ resolver: SessionNotePatientsBySession })
  @RequirePermission('session-notes.read-body', {
    summary: "A session's whole note with every part (the session's clinicians)",
  })
  async full(
    @CurrentUser() user: AuthUser,
    @Patients() accesses: readonly PatientAccess[],
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionNoteResponse> {
    return this.withEtag(res, await this.notes.full(user, accesses, id));
  }

  @Patch('session-notes/:noteId')
  @ApiHeader(IF_MATCH)
  @PatientScoped({ resolver: SessionNotePatients })
  @RequirePermission('session-notes.write', {
    summary: 'Edit a draft note (its author)',
    description: 'A signed note never changes (422): write an addendum.',
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Patients() accesses: readonly PatientAccess[],
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSessionNoteDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionNoteResponse> {
    return this.withEtag(res, await this.notes.update(user, accesses, noteId, ifMatchFrom(ifMatch), body));
  }

  @Post('session-notes/:noteId/sign')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @PatientScoped({ resolver: SessionNotePatients })
  @RequirePermission('session-notes.write', {
    summary: 'Sign a note (its author); it becomes immutable',
    description: 'The database refuses any later change to a signed note or its parts; changes are addenda.',
  })
  async sign(
    @CurrentUser() user: AuthUser,
    @Patients() accesses: readonly PatientAccess[],
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionNoteResponse> {
    return this.withEtag(res, await this.notes.sign(user, accesses, noteId, ifMatchFrom(ifMatch)));
  }

  @Post('session-notes/:noteId/addenda')
  @PatientScoped({ resolver: SessionNotePatients })
  @RequirePermission('session-notes.write', {
    summary: 'Add an addendum to a signed note (author and time are kept)',
    description: "With patientId it adds to that patient's part (only their copy shows it); without, to the shared part.",
  })
  async addendum(
    @CurrentUser() user: AuthUser,
    @Patients() accesses: readonly PatientAccess[],
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Body() body: CreateAddendumDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionNoteResponse> {
    return this.withEtag(res, await this.notes.addAddendum(user, accesses, noteId, body));
  }

  @Get('patients/:id/session-notes')
  @PatientScoped('id')
  @RequirePermission('session-notes.read-existence', {
    summary: "Session notes filed in a patient's record",
    description:
      "Each is this patient's copy: the shared part, their own part and the addenda to either, never other attendees. " +
      'Signed notes, plus the caller\'s own drafts. Text only with `session-notes.read-body` (clinicians); case ' +
      'managers see that a note exists (`bodyIncluded: false`).',
  })
  async list(
    @Patient() access: PatientAccess,
    @Query() query: PatientNoteQuery,
  ): Promise<PatientNotePage> {
    const { withBody, ...page } = await this.copies.patientCopies(access, query);
    return { ...page, items: page.items.map((c) => PatientNoteResponse.of(c, withBody)) };
  }

  @Get('patients/:id/session-notes/:noteId')
  @PatientScoped('id')
  @RequirePermission('session-notes.read-existence', {
    summary: "One session note as filed in a patient's record (text only with session-notes.read-body)",
  })
  async one(
    @Patient() access: PatientAccess,
    @Param('noteId', ParseUUIDPipe) noteId: string,
  ): Promise<PatientNoteResponse> {
    const { copy, withBody } = await this.copies.patientCopy(access, noteId);
    return PatientNoteResponse.of(copy, withBody);
  }

  private withEtag(res: Response, note: Parameters<typeof SessionNoteResponse.of>[0]): SessionNoteResponse {
    res.setHeader('ETag', etagOf(note.note.version));
    return SessionNoteResponse.of(note);
  }
}
