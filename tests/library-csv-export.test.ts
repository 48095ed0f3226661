import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../src/engine/export/csv';

describe('CSV export', () => {
  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(false)).toBe('false');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('a=b')).toBe('a=b');
    // A number is not text a formula can hide in.
    expect(csvField(-5)).toBe('-5');
  });

  it('writes a header and CRLF-ended rows', () => {
    expect(
      toCsv(
        ['id', 'city'],
        [
          ['c1', 'Seattle'],
          ['c2', null],
        ],
      ),
    ).toBe('id,city\r\nc1,Seattle\r\nc2,\r\n');
  });
});
