import type { FieldError } from '../field-error';

/**
 * Keys that reach JavaScript's object machinery rather than data: `prototype`
 * and every member of Object.prototype (`__proto__`, `constructor`,
 * `toString`, `valueOf`, `hasOwnProperty`, ...). class-transformer silently
 * drops a key that names an inherited method, so the DTO whitelist never saw
 * them and `obj[key]` / `key in obj` lookups found the method; no field is
 * named like one, so they are refused in every body and query string, like
 * any other unknown key.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** Whether a body key or query parameter name is one no field may have (see FORBIDDEN_KEYS). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** PostgreSQL text cannot hold NUL, so a NUL byte would fail deep in a query. */
const NUL = '\u0000';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (no lone surrogates)';
  return undefined;
}

function fieldName(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Every string and key in a parsed JSON body that no field may hold: NUL
 * characters, lone UTF-16 surrogates (they cannot be stored as UTF-8 and
 * crash the email validator) and prototype-related keys. One error per place,
 * named by its path; the offending value is never echoed.
 */
export function findHostileContent(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? [{ field: path || 'body', message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findHostileContent(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => {
    const keyProblem = FORBIDDEN_KEYS.has(key) ? 'unknown field; this key is not allowed' : textProblem(key);
    const field = fieldName(path, keyProblem && LONE_SURROGATE.test(key) ? '(key)' : key.replace(/\u0000/g, ''));
    if (keyProblem) return [{ field, message: keyProblem }];
    return findHostileContent((value as Record<string, unknown>)[key], field);
  });
}

