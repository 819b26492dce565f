/** One CSV record: its fields, and the line of the file it starts on (1-based, counting the header). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Reads CSV as spreadsheets write it (RFC 4180): fields separated by commas, quoted with double quotes when they
 * hold commas, quotes ("" inside quotes) or line breaks; LF or CRLF line ends; a UTF-8 byte order mark at the
 * start ignored. Blank lines are skipped. Unterminated quotes run to the end of the text, as Excel reads them.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let index = 0; index < input.length; index += 1) {
    const character = input[index];
    if (quoted) {
      if (character === '"' && input[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
    } else if (character === '"' && field === '') {
      quoted = true;
    } else if (character === ',') {
      fields.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && input[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += character;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
