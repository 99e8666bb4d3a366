import { Transform } from 'class-transformer';

/**
 * Reads a whole number written as text, as query strings carry it ("20" is 20).
 * Anything else is passed on unchanged for @IsInt to refuse, so a JSON body's
 * `true`, `[]` or `""` is a 400, never read as 1, 0 or 0 (what Number() makes of them).
 */
export const IntegerFromText = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : value));
