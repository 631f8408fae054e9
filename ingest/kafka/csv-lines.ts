/**
 * CSV rows of one Kafka message (RFC 4180: quoted fields, "" escapes, delimiters and newlines
 * inside quotes, CRLF). Messages are small (one to a few thousand rows), so this works on
 * the decoded string; files go through ingest's byte-level CsvScanner instead.
 */
export interface CsvRow {
  fields: string[];
  /** The row's text, for dead letters. */
  raw: string;
  /** A quote was left open at the end of the message. */
  unterminated: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function splitCsvRows(text: string, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  const delim = delimiter.charCodeAt(0);
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let rowStart = 0;
  let i = 0;
  const endRow = (end: number): void => {
    fields.push(field);
    const raw = text.slice(rowStart, end);
    if (!(fields.length === 1 && fields[0] === '' && raw.trim() === '')) rows.push({ fields, raw, unterminated: false });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += text[i];
      }
      i++;
      continue;
    }
    if (c === QUOTE && field.trim() === '') {
      field = '';
      inQuotes = true;
    } else if (c === delim) {
      fields.push(field);
      field = '';
    } else if (c === LF || c === CR) {
      endRow(i);
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      rowStart = i + 1;
    } else {
      field += text[i];
    }
    i++;
  }
  if (inQuotes) {
    fields.push(field);
    rows.push({ fields, raw: text.slice(rowStart), unterminated: true });
  } else if (field !== '' || fields.length > 0) {
    endRow(text.length);
  }
  return rows;
}
