import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../problem/domain-error';

/** RFC 9562 UUIDs (versions 1-8, nil, max), as PostgreSQL's uuid columns hold them. */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

/** Path parameters named `id` or `…Id` are record ids, always UUIDs. */
export const isIdParameter = (name: string | undefined): name is string => name === 'id' || /^[a-z]+Id$/.test(name ?? '');

/** The id itself, or the validation problem naming the path parameter (the value is never echoed). */
export function requireUuidParameter(name: string, value: unknown): string {
  if (typeof value === 'string' && UUID.test(value)) return value;
  throw new ValidationFailed([{ field: name, message: `${name} must be a UUID` }]);
}

/**
 * Refuses a malformed id in the path with the same validation problem as a
 * bad body field (`errors[]` naming the parameter), never echoing the input.
 * Runs before any route-level pipe, so every id route answers alike.
 */
@Injectable()
export class PathIdPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || !isIdParameter(metadata.data)) return value;
    return requireUuidParameter(metadata.data, value);
  }
}
