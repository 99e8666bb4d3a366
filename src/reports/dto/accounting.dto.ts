/** One disclosure of the patient's record (42 CFR 2.24): when, to whom, why, and what. */
export class DisclosureEntry {
  id: string;
  disclosedAt: Date;
  /** The staff member who made the export. */
  disclosedBy: string;
  recipient: string;
  purpose: string;
  /** The report and period disclosed. */
  what: string;
}

/** One read or change of the patient's record, from the audit trail. */
export class AccessEntry {
  occurredAt: Date;
  userId: string | null;
  userName: string | null;
  userRole: string | null;
  /** `resource.verb`, e.g. `vitals.create`, `patient.read`, `report.disclose`. */
  action: string;
  outcome: string;
  emergencyAccess: boolean;
}

export class AccessReportPage {
  items: AccessEntry[];
  total: number;
  limit: number;
  offset: number;
}
