import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { ScheduledJob } from '../../platform/jobs/scheduled-job';
import { MeetingGenerator } from './meeting-generator.service';

/**
 * Hourly (one instance at a time, under JobRunner's advisory lock): extends
 * every active group's meetings to the rolling horizon. Returns how many
 * occurrences were skipped for collisions (they are recorded per group).
 */
@Injectable()
export class MeetingGenerationJob extends ScheduledJob {
  static readonly NAME = 'support-groups.meetings';
  readonly name = MeetingGenerationJob.NAME;
  readonly intervalMs = 60 * 60_000;

  constructor(
    jobs: JobRunner,
    private readonly generator: MeetingGenerator,
  ) {
    super(jobs);
  }

  async run(m: EntityManager, now: Date): Promise<number> {
    const groups = (await m.query(`SELECT id::text FROM support_groups WHERE status = 'active' ORDER BY id`)) as { id: string }[];
    let skipped = 0;
    for (const { id } of groups) skipped += (await this.generator.generate(m, id, now)).length;
    return skipped;
  }
}
