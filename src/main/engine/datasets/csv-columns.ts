/**
 * Reading a CSV into checked numeric columns: the shared part of tables and
 * time series. Ragged rows are DW403, missing columns DW404/DW410, and a
 * non-numeric cell in a numeric column DW406, each naming file and line.
 */
import { readFile } from 'node:fs/promises';
import { DeepwireError } from '../../../shared/errors.js';
import { parseCsv, toNumber, type CsvTable } from './csv-parse.js';

export async function readCsvFile(file: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new DeepwireError('DW401', `CSV file ${file} does not exist or cannot be read`, file);
  }
  const table = parseCsv(text);
  if (table.header.length === 0)
    throw new DeepwireError('DW409', `${file} is empty: it needs a header row and data rows`, file);
  if (table.rows.length === 0) throw new DeepwireError('DW409', `${file} has a header but no data rows`, file);
  return table;
}

/** Every row has the header's number of cells (checked after the columns, so a wrong column name is reported first). */
export function checkRows(table: CsvTable, file: string): void {
  for (const row of table.rows) {
    if (row.cells.length !== table.header.length) {
      throw new DeepwireError(
        'DW403',
        `${file}:${row.line} has ${row.cells.length} column${row.cells.length === 1 ? '' : 's'}, the header has ${table.header.length}`,
        `${file}:${row.line}`,
      );
    }
  }
}

/** The header for a message: the first 20 columns quoted, then how many more. */
function listColumns(header: string[], shown = 20): string {
  const list = header
    .slice(0, shown)
    .map((h) => `'${h.length > 40 ? `${h.slice(0, 40)}…` : h}'`)
    .join(', ');
  return header.length > shown ? `${list} and ${header.length - shown} more` : list;
}

export function columnIndex(
  table: CsvTable,
  column: string,
  file: string,
  role: 'label' | 'target' | 'feature',
): number {
  const i = table.header.indexOf(column);
  if (i >= 0) return i;
  const known = listColumns(table.header);
  if (role === 'feature')
    throw new DeepwireError('DW410', `${file} has no feature column '${column}'; its columns are ${known}`, file);
  throw new DeepwireError('DW404', `${file} has no ${role} column '${column}'; its columns are ${known}`, file);
}

/** The largest float32; training holds values as float32, so a larger one would become Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The column as numbers; the first non-numeric cell (or one beyond float32) is DW406 with its line. */
export function numericColumn(table: CsvTable, col: number, file: string): Float32Array {
  const out = new Float32Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const v = toNumber(row.cells[col]);
    if (v === null || Math.abs(v) > FLOAT32_MAX) {
      const cell = row.cells[col].trim();
      const shown = `'${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}'`;
      const what =
        cell === ''
          ? 'is empty'
          : v === null
            ? `${shown} is not a number`
            : `${shown} is beyond the 32-bit float range (±3.4e38)`;
      throw new DeepwireError(
        'DW406',
        `${file}:${row.line}, column '${table.header[col]}': the cell ${what}`,
        `${file}:${row.line}`,
      );
    }
    out[r] = v;
  });
  return out;
}

/** A column counts as numeric when its first non-empty cell is a number. */
export function looksNumeric(table: CsvTable, col: number): boolean {
  const first = table.rows.find((r) => (r.cells[col] ?? '').trim() !== '');
  return first !== undefined && toNumber(first.cells[col]) !== null;
}

/**
 * The feature columns: the named ones, or every other numeric-looking column.
 * Returns the indices and a note about columns left out.
 */
export function featureColumns(
  table: CsvTable,
  named: string[] | undefined,
  exclude: number[],
  file: string,
): { cols: number[]; note?: string } {
  if (named && named.length > 0) return { cols: named.map((c) => columnIndex(table, c, file, 'feature')) };
  const cols: number[] = [];
  const skipped: string[] = [];
  table.header.forEach((h, i) => {
    if (exclude.includes(i)) return;
    if (looksNumeric(table, i)) cols.push(i);
    else skipped.push(h);
  });
  if (cols.length === 0) throw new DeepwireError('DW406', `${file} has no numeric feature columns`, file);
  return {
    cols,
    note: skipped.length ? `Columns left out because they are not numeric: ${listColumns(skipped)}.` : undefined,
  };
}

/** Row-major matrix of the given numeric columns. */
export function numericMatrix(table: CsvTable, cols: number[], file: string): Float32Array {
  const columns = cols.map((c) => numericColumn(table, c, file));
  const out = new Float32Array(table.rows.length * cols.length);
  for (let r = 0; r < table.rows.length; r++)
    for (let j = 0; j < cols.length; j++) out[r * cols.length + j] = columns[j][r];
  return out;
}
