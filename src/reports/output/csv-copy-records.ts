import { Transform, type TransformCallback } from 'node:stream';
import { patientKey } from '../privacy/pseudonym';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** A patient id as text (a uuid). */
const ID_BYTES = 36;
/** A patient key as text (HMAC-SHA-256, hex). */
const KEY_BYTES = 64;

/**
 * Turns PostgreSQL's CSV (`COPY ... WITH (FORMAT csv)`: records ended by LF,
 * the patient id first) into the export's records: each record's leading
 * patient id replaced by its pseudonymous key, each record ended by CRLF
 * (RFC 4180). A line feed inside a quoted field is data and stays as it is.
 * Chunks are handled as they come, so memory stays flat at any size.
 */
export class CsvCopyRecords extends Transform {
  private readonly keys = new Map<string, Buffer>();
  private carry: Buffer | null = null;
  private inQuotes = false;
  private atRecordStart = true;
  /** Records written so far (progress). */
  records = 0;

  constructor(private readonly secret: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const input = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    // One output buffer per chunk: each record grows by at most the key's length over the id's, plus a CR.
    let lineFeeds = 0;
    for (let at = input.indexOf(LF); at !== -1; at = input.indexOf(LF, at + 1)) lineFeeds += 1;
    const out = Buffer.allocUnsafe(input.length + (lineFeeds + 1) * (KEY_BYTES - ID_BYTES + 1));
    let length = 0;
    const copy = (from: number, to: number) => {
      length += input.copy(out, length, from, to);
    };
    let i = 0;
    let nextQuote = input.indexOf(QUOTE, 0);
    while (i < input.length) {
      if (this.atRecordStart) {
        if (input.length - i < ID_BYTES + 1) {
          this.carry = Buffer.from(input.subarray(i));
          break;
        }
        length += this.keyOf(input.toString('latin1', i, i + ID_BYTES)).copy(out, length);
        i += ID_BYTES;
        this.atRecordStart = false;
        continue;
      }
      if (nextQuote !== -1 && nextQuote < i) nextQuote = input.indexOf(QUOTE, i);
      if (this.inQuotes) {
        // Inside quotes only a quote can end the field ("" is a quote and a reopening: the same toggling).
        const end = nextQuote === -1 ? input.length : nextQuote + 1;
        copy(i, end);
        if (nextQuote !== -1) this.inQuotes = false;
        i = end;
        continue;
      }
      const lineEnd = input.indexOf(LF, i);
      if (nextQuote !== -1 && (lineEnd === -1 || nextQuote < lineEnd)) {
        copy(i, nextQuote + 1);
        this.inQuotes = true;
        i = nextQuote + 1;
        continue;
      }
      if (lineEnd === -1) {
        copy(i, input.length);
        break;
      }
      copy(i, lineEnd);
      out[length++] = CR;
      out[length++] = LF;
      this.records += 1;
      this.atRecordStart = true;
      i = lineEnd + 1;
    }
    done(null, out.subarray(0, length));
  }

  override _flush(done: TransformCallback): void {
    done(this.carry && this.carry.length > 0 ? new Error('the database ended the export inside a record') : null);
  }

  private keyOf(patientId: string): Buffer {
    let key = this.keys.get(patientId);
    if (key === undefined) {
      key = Buffer.from(patientKey(patientId, this.secret), 'latin1');
      this.keys.set(patientId, key);
    }
    return key;
  }
}
