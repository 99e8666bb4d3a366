import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { PatientResolver } from '../../patients/access/patient-scoped.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The patient an alert (`/alerts/:id`) is about. */
@Injectable()
export class AlertPatient implements PatientResolver {
  readonly resource = 'Alert';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async patientsOf(request: Request): Promise<string[] | undefined> {
    const alertId = request.params.id;
    if (typeof alertId !== 'string' || !UUID.test(alertId)) return undefined;
    const rows = (await this.dataSource.query(`SELECT patient_id::text FROM alerts WHERE id = $1`, [alertId])) as {
      patient_id: string;
    }[];
    return rows.map((r) => r.patient_id);
  }
}
