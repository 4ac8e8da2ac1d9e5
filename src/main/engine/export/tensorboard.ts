/**
 * TensorBoard event files of the project's runs, so `tensorboard --logdir`
 * (and anything reading tfevents) overlays them: one folder per run with
 * `train/` and `validation/` event files, as Keras's TensorBoard callback
 * writes them (`epoch_loss`, `epoch_accuracy` … in both, so training and
 * validation curves share a chart), per-batch curves as `batch_*`, and
 * final test metrics as `test_*`.
 *
 * Each file is TFRecord-framed Event protos (tensorflow/core/util/event.proto):
 * length (uint64 LE), masked CRC-32C of the length, the bytes, their masked
 * CRC-32C. Written with protobufjs's Writer; no TensorFlow needed.
 */
import protobuf from 'protobufjs';
import type { RunRecord } from '../../../shared/project/runs-schema.js';
import type { Project } from '../../../shared/project/schema.js';
import { maskedCrc32c } from './crc32c.js';
import type { ExportFile } from './files.js';

export interface ScalarPoint {
  tag: string;
  step: number;
  /** Seconds since the epoch. */
  wallTime: number;
  value: number;
}

/** Event{wall_time=1, step=2, file_version=3 | summary=5{ value=1{ tag=1, simple_value=2 } }}. */
function eventBytes(
  wallTime: number,
  step: number,
  body: { fileVersion: string } | { tag: string; value: number },
): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 1).double(wallTime);
  w.uint32((2 << 3) | 0).int64(step);
  if ('fileVersion' in body) w.uint32((3 << 3) | 2).string(body.fileVersion);
  else {
    const value = protobuf.Writer.create();
    value.uint32((1 << 3) | 2).string(body.tag);
    value.uint32((2 << 3) | 5).float(body.value);
    const summary = protobuf.Writer.create();
    summary.uint32((1 << 3) | 2).bytes(value.finish());
    w.uint32((5 << 3) | 2).bytes(summary.finish());
  }
  return w.finish();
}

/** One TFRecord: the frame TensorFlow's RecordWriter writes around `data`. */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/** A whole event file: the version record, then one scalar per point. */
export function eventFile(points: readonly ScalarPoint[], startTime: number): Uint8Array {
  const records = [tfRecord(eventBytes(startTime, 0, { fileVersion: 'brain.Event:2' }))];
  for (const p of points) records.push(tfRecord(eventBytes(p.wallTime, p.step, { tag: p.tag, value: p.value })));
  const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The scalars of one run, split into the `train` and `validation` files. */
export function runScalars(run: RunRecord): { train: ScalarPoint[]; validation: ScalarPoint[] } {
  const start = seconds(run.startedAt);
  const end = run.endedAt ? seconds(run.endedAt) : start;
  const epochs = Math.max(1, run.epochsCompleted, ...Object.values(run.history).map((v) => v.length));
  const atEpoch = (e: number) => start + ((end - start) * e) / epochs;
  const train: ScalarPoint[] = [];
  const validation: ScalarPoint[] = [];
  for (const [metric, values] of Object.entries(run.history)) {
    const isVal = metric.startsWith('val_');
    const tag = `epoch_${isVal ? metric.slice(4) : metric}`;
    values.forEach((v, i) => {
      if (v !== null) (isVal ? validation : train).push({ tag, step: i + 1, wallTime: atEpoch(i + 1), value: v });
    });
  }
  const lastStep = Math.max(1, ...Object.values(run.batchHistory ?? {}).map((s) => s.step.at(-1) ?? 1));
  for (const [metric, series] of Object.entries(run.batchHistory ?? {})) {
    series.step.forEach((step, i) => {
      const v = series.value[i];
      if (v !== null)
        train.push({ tag: `batch_${metric}`, step, wallTime: start + ((end - start) * step) / lastStep, value: v });
    });
  }
  for (const [metric, v] of Object.entries(run.metrics)) {
    if (v === null) continue;
    const tag = metric.startsWith('test') ? `test_${metric.slice(4).replace(/^./, (c) => c.toLowerCase())}` : metric;
    train.push({ tag, step: run.epochsCompleted, wallTime: end, value: v });
  }
  return { train, validation };
}

/** The folder of run `index` (1-based): sortable, and unique by the id's start. */
export const runFolder = (run: RunRecord, index: number): string =>
  `run-${String(index).padStart(3, '0')}-${run.id.slice(0, 8).replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function tensorboardFiles(project: Pick<Project, 'runs'>): ExportFile[] {
  const files: ExportFile[] = [];
  project.runs.forEach((run, i) => {
    const start = seconds(run.startedAt);
    const name = `events.out.tfevents.${Math.floor(start)}.deepwire`;
    const { train, validation } = runScalars(run);
    files.push({ path: `${runFolder(run, i + 1)}/train/${name}`, data: eventFile(train, start) });
    if (validation.length > 0)
      files.push({ path: `${runFolder(run, i + 1)}/validation/${name}`, data: eventFile(validation, start) });
  });
  return files;
}
