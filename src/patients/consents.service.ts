import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DomainError, NotFound, ValidationFailed } from '../common/problem/domain-error';
import { AppConfig } from '../config/app-config';
import { consentDateErrors } from './consent-elements';
import type { CreateConsentDto } from './dto/consent.dto';
import { Consent } from './entities/consent.entity';
import { type PatientAccess, PatientAccessService } from './access/patient-access.service';

/** 42 CFR Part 2 consents to disclose, kept as data; revocation is recorded, never deleted. */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly config: AppConfig,
  ) {}

  async list(access: PatientAccess): Promise<Consent[]> {
    const { patientId } = access;
    const rows = await this.dataSource.manager.find(Consent, { where: { patientId }, order: { createdAt: 'DESC' } });
    await this.access.record(access, 'consent.read', 'consent', null);
    return rows;
  }

  /**
   * Records a signed consent with the elements 42 CFR 2.31(a) requires (consent-elements.ts): refused (400) when
   * signed in the future (program time zone) or expiring before it was signed.
   */
  create(access: PatientAccess, dto: CreateConsentDto): Promise<Consent> {
    const { user, patientId } = access;
    const today = DateTime.now().setZone(this.config.PROGRAM_TIMEZONE).toISODate() as string;
    const errors = consentDateErrors(dto.signedOn, dto.expiresOn, today);
    if (errors.length > 0) throw new ValidationFailed(errors);
    return this.dataSource.transaction(async (manager) => {
      const consent = await manager.save(
        manager.create(Consent, {
          patientId, recipient: dto.recipient, recipientKind: dto.recipientKind, purpose: dto.purpose,
          informationToDisclose: dto.informationToDisclose, coveredExports: dto.coveredExports ?? [],
          signedOn: dto.signedOn, expiresOn: dto.expiresOn, createdBy: user.id,
        }),
      );
      await this.access.record(access, 'consent.create', 'consent', consent.id, manager);
      return manager.findOneByOrFail(Consent, { id: consent.id });
    });
  }

  revoke(access: PatientAccess, consentId: string, reason: string): Promise<Consent> {
    const { user, patientId } = access;
    return this.dataSource.transaction(async (manager) => {
      const consent = await manager.findOne(Consent, {
        where: { id: consentId, patientId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consent) throw new NotFound('Consent');
      if (consent.revokedAt) throw new DomainError('consent_already_revoked', 'The consent is already revoked.');
      await manager.update(Consent, { id: consentId }, { revokedAt: new Date(), revokedBy: user.id, revocationReason: reason });
      await this.access.record(access, 'consent.revoke', 'consent', consentId, manager);
      return manager.findOneByOrFail(Consent, { id: consentId });
    });
  }
}
