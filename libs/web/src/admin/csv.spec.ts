import { CSV_BOM, csvCell, csvLine } from './csv';

describe('the member status CSV (WEB-5, POL-7)', () => {
  it('WEB-5 quotes every cell and doubles the quotes inside, so commas, quotes and line breaks stay in their cell', () => {
    expect(csvCell('plain@example.com')).toBe('"plain@example.com"');
    expect(csvCell('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvCell('')).toBe('""');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])(
    'WEB-5 puts an apostrophe before a cell a spreadsheet would run as a formula (%j)',
    (value) => {
      expect(csvCell(value)).toBe(`"'${value}"`);
    },
  );

  it('WEB-5 leaves a formula character inside a cell alone, and accents as they are', () => {
    expect(csvCell('a=b@example.com')).toBe('"a=b@example.com"');
    expect(csvCell('zoë.müller@example.com')).toBe('"zoë.müller@example.com"');
  });

  it('WEB-5 ends each line with CRLF, and the file starts with a UTF-8 byte order mark for Excel', () => {
    expect(csvLine(['a', 'b'])).toBe('"a","b"\r\n');
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
