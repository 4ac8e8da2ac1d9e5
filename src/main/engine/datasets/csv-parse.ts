/**
 * A small, strict CSV reader: RFC 4180 quoting ("" inside quotes, commas and
 * newlines inside quoted fields), CRLF or LF, a UTF-8 BOM, blank lines skipped.
 * The delimiter is the first of , ; or tab found in the header line. Every row
 * keeps the line it starts on, for error messages.
 */
export interface CsvRow {
  cells: string[];
  /** 1-based line number where the row starts. */
  line: number;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  for (const d of [',', ';', '\t']) if (first.includes(d)) return d;
  return ',';
}

export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let fieldStarted = false;

  const endRow = () => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0].trim() === '' && !fieldStarted;
    if (!blank) rows.push({ cells, line: rowLine });
    cells = [];
    cell = '';
    fieldStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      fieldStarted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0 || fieldStarted) endRow();

  const [head, ...body] = rows;
  return { header: head ? head.cells.map((h) => h.trim()) : [], rows: body };
}

/** A cell as a number, or null when it is not one (empty cells are not numbers). */
export function toNumber(cell: string): number | null {
  const s = cell.trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
