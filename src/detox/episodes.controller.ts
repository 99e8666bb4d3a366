import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { RequirePermission } from '../common/auth/decorators';
import { EndEpisodeDto, EpisodeResponse, StartEpisodeDto } from './dto/episode.dto';
import { EpisodesService } from './episodes.service';

@ApiTags('detox')
@Controller('patients/:id/detox-episodes')
export class EpisodesController {
  constructor(private readonly episodes: EpisodesService) {}

  @Post()
  @RequirePermission('detox-episodes.manage', {
    summary: 'Start a detox episode',
    description: 'Only while the patient is in the detox phase (409 otherwise); at most one open episode per patient (409).',
  })
  async start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StartEpisodeDto,
  ): Promise<EpisodeResponse> {
    return EpisodeResponse.of(await this.episodes.start(user, id, body));
  }

  @Get()
  @RequirePermission('detox-episodes.read', { summary: "The patient's detox episodes, newest first" })
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EpisodeResponse[]> {
    return (await this.episodes.list(user, id)).map((e) => EpisodeResponse.of(e));
  }

  @Get(':episodeId')
  @RequirePermission('detox-episodes.read', { summary: 'One detox episode' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ): Promise<EpisodeResponse> {
    return EpisodeResponse.of(await this.episodes.get(user, id, episodeId));
  }

  @Post(':episodeId/end')
  @HttpCode(200)
  @RequirePermission('detox-episodes.manage', {
    summary: 'End a detox episode with its outcome',
    description: 'Outcomes: completed, transferred_higher_level, left_against_advice, other. An episode ends once.',
  })
  async end(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Body() body: EndEpisodeDto,
  ): Promise<EpisodeResponse> {
    return EpisodeResponse.of(await this.episodes.end(user, id, episodeId, body));
  }
}
