/**
 * `deepwire doctor [--json]`: which training backends this machine has, why
 * the others are missing and how to get them, the one `auto` picks, the
 * kernel pack's state (with a self-check), threads, versions and the CPU.
 */
import { DeepwireError, ERRORS } from '../../shared/errors.js';
import { diagnose, type Diagnosis } from '../engine/backend/diagnose.js';
import { describeDevice } from '../engine/pytorch/devices.js';
import type { CliIo } from './io.js';

const HELP = `Usage: deepwire doctor [--json]

Reports the training backends available on this machine (pytorch in a
Python process, then TensorFlow.js's best first: tensorflow-gpu, tensorflow,
wasm + Deepwire's kernel pack, cpu), why each missing one is unavailable,
and the one 'auto' picks. For PyTorch: the Python found (DEEPWIRE_PYTHON, else
python3 on PATH), torch's version and build, and every CUDA/ROCm/MPS device.

  --json   print one JSON object instead of the table`;

/** The PyTorch lines: Python, torch, devices, or the numbered reason it cannot train with its fix. */
function formatPytorch(p: Diagnosis['pytorch']): string[] {
  const lines: string[] = [];
  if (p.python)
    lines.push(`python:       ${p.python.executable} (Python ${p.python.version}, from ${p.python.source})`);
  if (p.torch) {
    const build = p.torch.hip ? `ROCm ${p.torch.hip}` : p.torch.cuda ? `CUDA ${p.torch.cuda}` : 'CPU only';
    lines.push(
      `torch:        ${p.torch.version} (${build}), ${p.torch.threads} CPU thread(s)${p.torch.distributed ? ', torch.distributed' : ''}`,
    );
    const devices = p.torch.devices.map(describeDevice);
    lines.push(
      `devices:      ${devices.length ? devices.join('\n              ') : 'no GPU seen by torch (PyTorch trains on the CPU)'}`,
    );
  }
  if (p.problem)
    lines.push(
      `pytorch:      ${p.problem.code} ${ERRORS[p.problem.code].title}: ${p.problem.message}`,
      `              Fix: ${p.problem.fix}`,
    );
  return lines;
}

export function formatDiagnosis(d: Diagnosis): string[] {
  const lines = ['Training backends (best first):'];
  for (const p of d.probes) {
    const mark = p.name === d.auto ? '→' : ' ';
    lines.push(`  ${mark} ${p.name.padEnd(15)} ${(p.available ? 'available' : 'unavailable').padEnd(12)} ${p.detail}`);
  }
  lines.push('', `auto picks:   ${d.auto}`);
  lines.push(...formatPytorch(d.pytorch));
  const pack = d.kernelPack;
  const state = !pack.installed ? 'not installed' : pack.verified ? 'installed, verified' : 'installed, NOT verified';
  lines.push(`kernel pack:  ${state} (${pack.detail})`);
  lines.push(`              ${pack.kernels.join(', ')}`);
  if (d.wasm)
    lines.push(
      `wasm:         SIMD ${d.wasm.simd ? 'yes' : 'no'}, multithreaded build ${d.wasm.multithread ? 'yes' : 'no (not under Node)'}`,
    );
  const split =
    ' (data-parallel, one model replica per thread: a batch is split only where it is big enough and splitting measures faster)';
  lines.push(
    `threads:      ${d.threads > 1 ? 'up to ' : ''}${d.threads} training thread${d.threads === 1 ? '' : 's'}${d.threads > 1 ? split : ''}`,
  );
  lines.push(`TensorFlow.js ${d.tfjs}, Node ${d.node}`);
  lines.push(`CPU:          ${d.cpu.model} × ${d.cpu.cores} cores`);
  if (d.auto !== 'tensorflow-gpu' && d.auto !== 'tensorflow' && d.auto !== 'pytorch') {
    lines.push(
      '',
      'Faster training: a GPU with PyTorch (`--backend pytorch`), `npm install @tensorflow/tfjs-node` (native CPU) or `@tensorflow/tfjs-node-gpu` (CUDA 11.2 + cuDNN 8.1); see docs/backends.md.',
    );
  }
  return lines;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length > 0) throw new DeepwireError('DW801', `doctor does not take '${unknown[0]}'`, 'doctor');
  const d = await diagnose();
  if (args.includes('--json')) io.out(JSON.stringify(d));
  else for (const line of formatDiagnosis(d)) io.out(line);
  return d.kernelPack.installed && !d.kernelPack.verified ? 1 : 0;
}
