import type { FieldError } from '../field-error';
import { findHostileContent, isForbiddenKey } from './hostile-content';

function decode(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined; // malformed percent-encoding or bytes that are not UTF-8
  }
}

/**
 * Problems in the raw query string, including names of Object.prototype members
 * (the query DTOs never see them); values are never echoed, only parameter
 * names that decode cleanly.
 */
export function queryStringProblems(url: string): FieldError[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  return url
    .slice(start + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .flatMap((pair, index) => {
      const [rawName = '', ...rest] = pair.split('=');
      const name = decode(rawName);
      const value = decode(rest.join('='));
      const field = name !== undefined && findHostileContent(name).length === 0 ? name : `query parameter ${index + 1}`;
      if (name === undefined || value === undefined) return [{ field, message: 'must be percent-encoded UTF-8' }];
      if (isForbiddenKey(name)) return [{ field, message: 'unknown query parameter' }];
      return findHostileContent(name, field).length > 0
        ? [{ field, message: 'must not contain NUL or lone surrogates' }]
        : findHostileContent(value, field);
    });
}
