import { Foundation1764000000000 } from './1764000000000-Foundation';
import { Screening1764100000000 } from './1764100000000-Screening';

/** Every migration, in order. Add new ones at the end. */
export const MIGRATIONS = [Foundation1764000000000, Screening1764100000000];
