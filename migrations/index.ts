import { Foundation1764000000000 } from './1764000000000-Foundation';
import { Screening1764100000000 } from './1764100000000-Screening';
import { Detox1764200000000 } from './1764200000000-Detox';
import { Sessions1764300000000 } from './1764300000000-Sessions';
import { CurrentLevelOfCareView1764400000000 } from './1764400000000-CurrentLevelOfCareView';
import { ClinicalSafetyAlerts1764500000000 } from './1764500000000-ClinicalSafetyAlerts';
import { MedicationSafety1764600000000 } from './1764600000000-MedicationSafety';
import { DoseOmissions1764601000000 } from './1764601000000-DoseOmissions';
import { Dsm5InFull1764602000000 } from './1764602000000-Dsm5InFull';
import { SupportGroups1764700000000 } from './1764700000000-SupportGroups';
import { Aftercare1764800000000 } from './1764800000000-Aftercare';
import { AuditChain1765000000000 } from './1765000000000-AuditChain';
import { Reports1764900000000 } from './1764900000000-Reports';
import { CacheInvalidationNotify1765300000000 } from './1765300000000-CacheInvalidationNotify';
import { CheckInGroupAttendance1765500000000 } from './1765500000000-CheckInGroupAttendance';
import { ReportingGroupsAftercare1765500100000 } from './1765500100000-ReportingGroupsAftercare';
import { PatientTeamNotify1765600000000 } from './1765600000000-PatientTeamNotify';
import { VitalsExportOrder1765600100000 } from './1765600100000-VitalsExportOrder';
import { SerialisedAuthAndPhaseTimes1765700000000 } from './1765700000000-SerialisedAuthAndPhaseTimes';
import { ListedPatientsAuditIndex1765700050000 } from './1765700050000-ListedPatientsAuditIndex';
import { AsamLevelThreeThree1765700060000 } from './1765700060000-AsamLevelThreeThree';
import { ReportingStaffAndLevels1765700100000 } from './1765700100000-ReportingStaffAndLevels';
import { DischargeClosesCare1765800000000 } from './1765800000000-DischargeClosesCare';
import { ConsentElements1765800100000 } from './1765800100000-ConsentElements';
import { DischargeRefusesChanges1765800200000 } from './1765800200000-DischargeRefusesChanges';
import { ProgramRecipientsCareTeam1765800300000 } from './1765800300000-ProgramRecipientsCareTeam';
import { Spo2ScaleAfterDischarge1765800400000 } from './1765800400000-Spo2ScaleAfterDischarge';
import { RoomNeedsAhead1765800500000 } from './1765800500000-RoomNeedsAhead';
import { AuditEventTimeFromDatabase1765800510000 } from './1765800510000-AuditEventTimeFromDatabase';
import { AuditTriggersAlways1765800520000 } from './1765800520000-AuditTriggersAlways';
import { PatientSessionsAvoidGroupMeetings1765900000000 } from './1765900000000-PatientSessionsAvoidGroupMeetings';
import { GroupSeatsAvoidPatientSessions1766000000000 } from './1766000000000-GroupSeatsAvoidPatientSessions';
import { DrugProductForms1766100000000 } from './1766100000000-DrugProductForms';
import { EmergencyAccessReason1766200000000 } from './1766200000000-EmergencyAccessReason';
import { CurrentDiagnosesView1766300000000 } from './1766300000000-CurrentDiagnosesView';
import { WithdrawalSchedules1766400000000 } from './1766400000000-WithdrawalSchedules';

/** Every migration, in order. Add new ones at the end. */
export const MIGRATIONS = [
  Foundation1764000000000, Screening1764100000000, Detox1764200000000, Sessions1764300000000,
  CurrentLevelOfCareView1764400000000, ClinicalSafetyAlerts1764500000000, MedicationSafety1764600000000,
  DoseOmissions1764601000000, Dsm5InFull1764602000000, SupportGroups1764700000000, Aftercare1764800000000,
  Reports1764900000000, AuditChain1765000000000, CacheInvalidationNotify1765300000000,
  CheckInGroupAttendance1765500000000, ReportingGroupsAftercare1765500100000, PatientTeamNotify1765600000000,
  VitalsExportOrder1765600100000, SerialisedAuthAndPhaseTimes1765700000000,
  ListedPatientsAuditIndex1765700050000, AsamLevelThreeThree1765700060000, ReportingStaffAndLevels1765700100000,
  DischargeClosesCare1765800000000, ConsentElements1765800100000, DischargeRefusesChanges1765800200000,
  ProgramRecipientsCareTeam1765800300000, Spo2ScaleAfterDischarge1765800400000, RoomNeedsAhead1765800500000,
  AuditEventTimeFromDatabase1765800510000, AuditTriggersAlways1765800520000, PatientSessionsAvoidGroupMeetings1765900000000,
  GroupSeatsAvoidPatientSessions1766000000000, DrugProductForms1766100000000, EmergencyAccessReason1766200000000,
  CurrentDiagnosesView1766300000000, WithdrawalSchedules1766400000000,
];
