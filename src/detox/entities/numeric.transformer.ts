import type { ValueTransformer } from 'typeorm';

/** PostgreSQL `numeric` comes back from pg as a string; doses and temperatures are numbers here. */
export const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
