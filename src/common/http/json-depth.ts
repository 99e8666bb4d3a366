/**
 * The deepest nesting of objects and arrays a JSON request body may have.
 * Real request bodies here are at most 4 levels deep; 32 leaves room for
 * settings documents while keeping the parser and validator far from a stack
 * overflow (10,000 levels of `[[…]]` crashed them).
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether raw JSON text nests objects/arrays deeper than `max`, found by one
 * scan of the bytes (brackets inside strings do not count), so it runs before
 * the text is parsed.
 */
export function jsonNestsDeeperThan(raw: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      depth += 1;
      if (depth > max) return true;
    } else if (CLOSERS.has(byte)) {
      depth -= 1;
    }
  }
  return false;
}
