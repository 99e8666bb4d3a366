import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsInstant } from '../../../common/http/is-instant';
import { PageOf, PageQuery } from '../../../common/http/pagination';
import type { AuditEvent } from '../entities/audit-event.entity';

export class AuditQuery extends PageQuery {
  @IsOptional() @IsUUID()
  patientId?: string;

  @IsOptional() @IsUUID()
  userId?: string;

  /** Exact action, e.g. `patient.read`, or a prefix ending in `.`, e.g. `auth.`. */
  @IsOptional() @IsString() @Length(1, 100)
  action?: string;

  @IsOptional() @IsInstant({ filter: true })
  from?: string;

  @IsOptional() @IsInstant({ filter: true })
  to?: string;
}

export class AuditEventResponse {
  id: string;
  occurredAt: Date;
  userId: string | null;
  userRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  emergencyAccess: boolean;
  clientAddress: string | null;
  requestId: string | null;
  details: Record<string, unknown>;

  static of(e: AuditEvent): AuditEventResponse {
    return Object.assign(new AuditEventResponse(), { ...e });
  }
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}
