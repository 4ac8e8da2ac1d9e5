/** Shared bits of the benchmarks: machine description, medians, atomic JSON results. */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The CPU, its cores and how busy it was (the 1/5/15-minute load averages). */
export function machine(): { cpu: string; cores: number; node: string; load: number[] } {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    load: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Write bench/results/<name>.json atomically (temp file in the same folder, fsync, rename). */
export function writeResult(name: string, data: unknown): string {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', `${name}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, JSON.stringify(data, null, 2) + '\n');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, out);
  return out;
}

/**
 * Cores this process actually gets right now: CPU time of one busy thread per
 * core over a short wall-clock window. On a shared machine another session's
 * job can hold a core whatever its nice level (autogroup scheduling), and then
 * two training threads cannot beat one; the bench records this beside them.
 */
export async function measureFreeCores(ms = 1000): Promise<number> {
  const code = `const { parentPort } = require('node:worker_threads'); const t = Date.now(); let x = 0; while (Date.now() - t < ${ms}) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i); parentPort.postMessage(x);`;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    cpus().map(() => new Promise((resolve) => new Worker(code, { eval: true }).once('message', resolve))),
  );
  const used = process.cpuUsage(c0);
  return Number(((used.user + used.system) / 1000 / (performance.now() - t0)).toFixed(2));
}

/** The fields every interleaved-rounds result starts with: when, where, and how busy the machine was. */
export function roundsHeader(loadBefore: number[], freeCores: number, rounds: number, secondsPerMeasure: number) {
  const m = machine();
  console.log(
    `CPU: ${m.cpu} × ${m.cores} cores (${freeCores} free when measured), load average ${loadBefore.join(' / ')} → ${m.load.join(' / ')}`,
  );
  return { date: new Date().toISOString(), ...m, loadBefore, freeCores, rounds, secondsPerMeasure };
}
