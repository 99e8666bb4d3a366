import { ApiProperty } from '@nestjs/swagger';
import type { QuestionnaireDefinition } from '../../../common/questionnaire';

export class WithdrawalScaleItemResponse {
  /** Position in the scale's published order, from 1 (the order of an answers array). */
  order: number;
  /** Key used in an answers object, e.g. `tremor`. */
  key: string;
  /** The item's text. */
  label: string;
  /** The scores this item accepts (COWS items each have their own published set). */
  @ApiProperty({ type: 'array', items: { type: 'integer' } })
  allowed: number[];
}

export class WithdrawalScaleBandResponse {
  /** Stable lower-case identifier stored with each assessment, e.g. `moderate`. */
  id: string;
  min: number;
  max: number;
  label: string;
}

export class WithdrawalScaleResponse {
  /** CIWA-Ar or COWS: the `scale` of POST /patients/{id}/withdrawal-assessments. */
  id: string;
  version: string;
  title: string;
  @ApiProperty({ type: [WithdrawalScaleItemResponse] })
  items: WithdrawalScaleItemResponse[];
  @ApiProperty({ type: [WithdrawalScaleBandResponse] })
  bands: WithdrawalScaleBandResponse[];

  static of(scale: QuestionnaireDefinition): WithdrawalScaleResponse {
    return Object.assign(new WithdrawalScaleResponse(), {
      id: scale.id,
      version: scale.version,
      title: scale.title,
      items: scale.items.map((item, index) => ({
        order: index + 1, key: item.key, label: item.label, allowed: item.allowed.filter((v) => typeof v === 'number'),
      })),
      bands: scale.bands.map((b) => ({ id: b.id, min: b.min, max: b.max, label: b.label })),
    });
  }
}
