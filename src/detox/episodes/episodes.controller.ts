import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import type { PatientAccess } from '../../patients/access/patient-access';
import { Patient, PatientScoped } from '../../patients/access/patient-scoped.decorator';
import { EndEpisodeDto, EpisodeResponse, StartEpisodeDto } from './dto/episode.dto';
import { EpisodesService } from './episodes.service';

@ApiTags('detox')
@Controller('patients/:id/detox-episodes')
export class EpisodesController {
  constructor(private readonly episodes: EpisodesService) {}

  @Post()
  @PatientScoped('id')
  @RequirePermission('detox-episodes.manage', {
    summary: 'Start a detox episode',
    description: 'Only while the patient is in the detox phase (409 otherwise); at most one open episode per patient (409).',
  })
  async start(
    @Patient() access: PatientAccess,
    @Body() body: StartEpisodeDto,
  ): Promise<EpisodeResponse> {
    return EpisodeResponse.of(await this.episodes.start(access, body));
  }

  @Get()
  @PatientScoped('id')
  @RequirePermission('detox-episodes.read', { summary: "The patient's detox episodes, newest first" })
  async list(@Patient() access: PatientAccess): Promise<EpisodeResponse[]> {
    return (await this.episodes.list(access)).map((e) => EpisodeResponse.of(e));
  }

  @Get(':episodeId')
  @PatientScoped('id')
  @RequirePermission('detox-episodes.read', { summary: 'One detox episode' })
  async get(
    @Patient() access: PatientAccess,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ): Promise<EpisodeResponse> {
    return EpisodeResponse.of(await this.episodes.get(access, episodeId));
  }

  @Post(':episodeId/end')
  @HttpCode(200)
  @PatientScoped('id')
  @RequirePermission('detox-episodes.manage', {
    summary: 'End a detox episode with its outcome',
    description: 'Outcomes: completed, transferred_higher_level, left_against_advice, other. An episode ends once.',
  })
  async end(
    @Patient() access: PatientAccess,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Body() body: EndEpisodeDto,
  ): Promise<EpisodeResponse> {
    return EpisodeResponse.of(await this.episodes.end(access, episodeId, body));
  }
}
