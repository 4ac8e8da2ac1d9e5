/**
 * Columns of numbers that grow in place (typed arrays, doubled when full), so
 * a curve with 100,000 points costs one amortised write per point and charts
 * can hand uPlot views of the same memory without copying.
 */
export class SeriesBuffer<C extends string> {
  private cols: Record<C, Float64Array>;
  private size = 0;
  /** Columns holding at least one missing value (charts need nulls there, not NaN). */
  private gaps = new Set<C>();

  constructor(
    readonly columns: readonly C[],
    capacity = 1024,
  ) {
    this.cols = {} as Record<C, Float64Array>;
    for (const c of columns) this.cols[c] = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Appends one row; missing values are stored as NaN (uPlot draws a gap). */
  append(row: Partial<Record<C, number>>): void {
    if (this.size === this.cols[this.columns[0]].length) this.grow();
    for (const c of this.columns) {
      const v = row[c];
      if (v === undefined || Number.isNaN(v)) this.gaps.add(c);
      this.cols[c][this.size] = v ?? Number.NaN;
    }
    this.size += 1;
  }

  /** A view (no copy) of the filled part of one column. */
  view(column: C): Float64Array {
    return this.cols[column].subarray(0, this.size);
  }

  /** The column for a chart: the typed view itself, or (only where values are missing) a copy with nulls. */
  series(column: C): Float64Array | (number | null)[] {
    const v = this.view(column);
    return this.gaps.has(column) ? Array.from(v, (x) => (Number.isNaN(x) ? null : x)) : v;
  }

  /** True when the column has at least one real value. */
  hasValues(column: C): boolean {
    const v = this.view(column);
    for (let i = 0; i < v.length; i += 1) if (!Number.isNaN(v[i])) return true;
    return false;
  }

  last(column: C): number | undefined {
    return this.size > 0 ? this.cols[column][this.size - 1] : undefined;
  }

  clear(): void {
    this.size = 0;
    this.gaps.clear();
  }

  private grow(): void {
    for (const c of this.columns) {
      const bigger = new Float64Array(this.cols[c].length * 2);
      bigger.set(this.cols[c]);
      this.cols[c] = bigger;
    }
  }
}
