import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../lib/export/csv';

describe('csvCell: RFC 4180 quoting', () => {
  it('leaves plain text alone and quotes fields with comma, quote, CR or LF (quotes doubled)', () => {
    expect(csvCell('Production')).toBe('Production');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('line\r\nbreak')).toBe('"line\r\nbreak"');
  });

  it('writes numbers as numbers, booleans as True/False, missing values as empty', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(1.5)).toBe('1.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(true)).toBe('True');
    expect(csvCell(false)).toBe('False');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('csvCell: formula neutralisation', () => {
  it('prefixes text starting with =, +, -, @, tab or CR with an apostrophe', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('a negative duration is text and gets the prefix; a plain negative number stays a number', () => {
    expect(csvCell('-426:53:44')).toBe("'-426:53:44");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('-5+cmd|x')).toBe("'-5+cmd|x");
    expect(csvCell('-1e3')).toBe("'-1e3");
  });

  it('leaves text with the characters elsewhere alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('user@example.com')).toBe('user@example.com');
  });
});

describe('toCsv', () => {
  it('joins with commas and ends every record with CRLF', () => {
    expect(toCsv([['Name', 'Value'], ['a,b', 1], [null, true]])).toBe('Name,Value\r\n"a,b",1\r\n,True\r\n');
  });

  it('adds a UTF-8 BOM on request; no rows gives an empty text', () => {
    expect(toCsv([['é']], { bom: true })).toBe('\uFEFFé\r\n');
    expect(toCsv([])).toBe('');
  });
});
