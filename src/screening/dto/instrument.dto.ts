import { ApiProperty } from '@nestjs/swagger';
import type { AnswerValue } from '../../common/questionnaire';
import type { InstrumentDescription } from '../instruments';

export class InstrumentItemResponse {
  /** Position in the instrument's official order, from 1 (the order of an answers array). */
  order: number;
  /** Key used in an answers object, e.g. `q9`. */
  key: string;
  /** The item's text. */
  label: string;
  /** The values this item accepts: integers for scaled items, "yes"/"no" for yes/no items. */
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'integer' }, { type: 'string' }] } })
  allowed: AnswerValue[];
}

export class InstrumentBandResponse {
  /** Stable lower-case identifier stored with each screening, e.g. `zone_2`, `moderately_severe`. */
  id: string;
  min: number;
  max: number;
  label: string;
}

export class InstrumentFlagResponse {
  /** e.g. `self_harm_risk` (PHQ-9 item 9 above 0), `sex_unknown` (AUDIT-C). */
  id: string;
  description: string;
}

export class InstrumentResponse {
  /** AUDIT, AUDIT-C, DAST-10, CAGE, PHQ-9 or GAD-7. */
  id: string;
  /** The published version the server scores with; each screening keeps the version it was scored with. */
  version: string;
  title: string;
  /** Items in the instrument's official order (the order of an answers array). */
  @ApiProperty({ type: [InstrumentItemResponse] })
  items: InstrumentItemResponse[];
  /** Bands by total. AUDIT-C lists the female / unknown cut-off (3); for male sex at birth it is 4. */
  @ApiProperty({ type: [InstrumentBandResponse] })
  bands: InstrumentBandResponse[];
  @ApiProperty({ type: [InstrumentFlagResponse] })
  flags: InstrumentFlagResponse[];

  static of(d: InstrumentDescription): InstrumentResponse {
    return Object.assign(new InstrumentResponse(), {
      id: d.id,
      version: d.version,
      title: d.title,
      items: d.items.map((i, index) => ({ order: index + 1, key: i.key, label: i.label, allowed: [...i.allowed] })),
      bands: d.bands.map((b) => ({ id: b.id, min: b.min, max: b.max, label: b.label })),
      flags: d.flags.map((f) => ({ id: f.id, description: f.description })),
    });
  }
}
