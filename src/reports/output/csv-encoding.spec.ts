import { csvField, csvRecord } from './csv-encoding';

describe('CSV encoding (RFC 4180)', () => {
  it('leaves plain text, numbers and booleans bare and writes null as an empty field', () => {
    expect(csvRecord(['plain', 12, 0.5, true, null])).toBe('plain,12,0.5,true,\r\n');
  });

  it('quotes commas, quotes, CR and LF, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each(['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx'])('neutralises a text cell starting a formula: %j', (text) => {
    expect(csvField(text)).toBe(`'${text}`);
  });

  it('neutralises and quotes a cell starting with CR', () => {
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('does not touch numbers, which are not text: -3 stays -3', () => {
    expect(csvField(-3)).toBe('-3');
  });
});
