/**
 * The summary as text, the way Keras 3's `model.summary()` prints it: a box
 * table "Layer (type) │ Output Shape │ Param #" (plus "Connected to" for
 * branched models), then `Total params: 693,962 (2.65 MB)`, trainable and
 * non-trainable counts, and FLOPs per sample.
 */
import { formatShape } from '../layers/specs/util.js';
import type { ModelSummary, SummaryModel, SummaryRow, SummaryTotals } from './summarize.js';

/** Keras's thousands grouping: 693962 -> "693,962". */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Keras's readable_memory_size: bytes in powers of 1024 with two decimals ("2.65 MB", "0.00 B"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  for (const unit of units) {
    if (value / 1024 < 1) return `${value.toFixed(2)} ${unit}`;
    value /= 1024;
  }
  return `${value.toFixed(2)} PB`;
}

/** FLOPs with an SI prefix: 12015616 -> "12.02 M". */
export function formatSi(n: number): string {
  const prefixes = ['', 'K', 'M', 'G', 'T', 'P'];
  let value = n;
  let i = 0;
  while (value >= 1000 && i < prefixes.length - 1) {
    value /= 1000;
    i++;
  }
  return i === 0 ? String(Math.round(value)) : `${value.toFixed(2)} ${prefixes[i]}`;
}

/** Parameters are float32: 4 bytes each. */
const paramBytes = (n: number) => formatBytes(4 * n);

const showShape = (row: SummaryRow) => (row.outputShape ? formatShape(row.outputShape) : '?');
const showParams = (row: SummaryRow) => (row.outputShape ? formatCount(row.params) : '?');
const showInputs = (row: SummaryRow) =>
  row.connectedTo.length ? row.connectedTo.map((n) => `${n}[0][0]`).join(', ') : '-';

interface Column {
  header: string;
  align: 'left' | 'right';
  cell(row: SummaryRow): string;
}

function columnsOf(model: SummaryModel): Column[] {
  const columns: Column[] = [
    { header: 'Layer (type)', align: 'left', cell: (r) => `${r.name} (${r.kerasClass})` },
    { header: 'Output Shape', align: 'left', cell: showShape },
    { header: 'Param #', align: 'right', cell: showParams },
  ];
  if (!model.sequential) columns.push({ header: 'Connected to', align: 'left', cell: showInputs });
  return columns;
}

function table(model: SummaryModel): string[] {
  const columns = columnsOf(model);
  // A Sequential summary leaves out the InputLayer, as Keras does.
  const rows = model.sequential ? model.rows.filter((r) => r.kerasClass !== 'InputLayer') : model.rows;
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const pad = (text: string, i: number) =>
    columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
  const line = (l: string, fill: string, mid: string, r: string) =>
    l + widths.map((w) => fill.repeat(w + 2)).join(mid) + r;
  const out = [
    line('┏', '━', '┳', '┓'),
    '┃ ' + columns.map((c, i) => pad(c.header, i)).join(' ┃ ') + ' ┃',
    line('┡', '━', '╇', '┩'),
  ];
  cells.forEach((row, k) => {
    if (k > 0) out.push(line('├', '─', '┼', '┤'));
    out.push('│ ' + row.map(pad).join(' │ ') + ' │');
  });
  out.push(line('└', '─', '┴', '┘'));
  return out;
}

export function formatTotals(t: SummaryTotals): string[] {
  return [
    ` Total params: ${formatCount(t.total)} (${paramBytes(t.total)})`,
    ` Trainable params: ${formatCount(t.trainable)} (${paramBytes(t.trainable)})`,
    ` Non-trainable params: ${formatCount(t.nonTrainable)} (${paramBytes(t.nonTrainable)})`,
    ` FLOPs: ${formatCount(t.flops)} per sample (${formatSi(t.flops)}FLOPs)${t.variableSize ? ', counting each None size as 1' : ''}`,
  ];
}

/** The whole summary; a GAN prints its Generator and Discriminator one after the other, then both together. */
export function formatSummary(summary: ModelSummary): string {
  const blocks = summary.models.map((m) => [`Model: "${m.name}"`, ...table(m), ...formatTotals(m.totals)].join('\n'));
  if (summary.models.length > 1) {
    const t = summary.totals;
    blocks.push(
      ` All models: ${formatCount(t.total)} params (${paramBytes(t.total)}), ${formatCount(t.flops)} FLOPs per sample`,
    );
  }
  return blocks.join('\n\n');
}
