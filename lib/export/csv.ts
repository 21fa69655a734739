/** A value of one CSV cell. `null` / `undefined` / non-finite numbers are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8. Default `false`. */
  bom?: boolean;
}

/** A plain decimal number, which a spreadsheet reads as a number and never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** `= + - @ TAB CR`: a leading one makes a spreadsheet treat the cell as a formula (OWASP "CSV injection"). */
function formulaStart(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/** `" , CR LF` force quoting (RFC 4180). */
function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 44 || c === 13 || c === 10) return true;
  }
  return false;
}

/**
 * One CSV field, safe for spreadsheets and RFC 4180:
 * 1. numbers are written as numbers (`-5` stays `-5`: a number cannot run as a formula); booleans as
 *    `True` / `False` (as Octopus's .NET export writes them); empty for null, undefined, NaN, ±Infinity;
 * 2. text starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so Excel, LibreOffice and Sheets
 *    show it as text instead of evaluating it — except text that is a plain decimal number (`-5`, `-0.25`),
 *    which is as harmless as the number. A negative duration `-426:53:44` is therefore written
 *    `'-426:53:44` (its seconds column carries the exact number);
 * 3. a field containing a comma, a double quote, CR or LF is enclosed in double quotes, quotes doubled.
 *
 * @example
 * csvCell('=HYPERLINK("http://x")')
 * //=> '"\'=HYPERLINK(""http://x"")"'
 * csvCell(-5)
 * //=> '-5'
 */
export function csvCell(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    text = String(value);
  } else if (typeof value === 'boolean') {
    text = value ? 'True' : 'False';
  } else {
    text = value;
    if (text.length > 0 && formulaStart(text.charCodeAt(0)) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  }
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV text: fields from {@link csvCell} joined by commas, records ended by CRLF (including the
 * last), an optional UTF-8 BOM first.
 *
 * @example
 * toCsv([['Name', 'Value'], ['a,b', 1]])
 * //=> 'Name,Value\r\n"a,b",1\r\n'
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(csvLine(row));
  return (options.bom ? '\uFEFF' : '') + (lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '');
}

/**
 * One CSV record (without its line break): {@link csvCell} of each value, joined by commas.
 *
 * @example
 * csvLine(['a', 1, null])
 * //=> 'a,1,'
 */
export function csvLine(values: readonly CsvValue[]): string {
  // map + join flattens once; building with += makes rope strings that are slower to join (measured).
  return values.map(csvCell).join(',');
}
