/**
 * `deepwire train`'s multi-node flags (--nnodes, --node-rank, --rdzv-endpoint):
 * checked together, so a bad combination is one DW534 naming the flag and the
 * fix before any Python starts; the engine passes them to torchrun.
 */
import { DeepwireError } from '../../shared/errors.js';
import type { BackendPreference } from '../../shared/training/backend.js';
import { RDZV_ENDPOINT_PATTERN, type MultiNode } from '../../shared/training/protocol.js';

export interface MultiNodeFlags {
  nnodes?: string;
  nodeRank?: string;
  rdzvEndpoint?: string;
}

const bad = (message: string, where: string) => new DeepwireError('DW534', message, where);

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw bad(`${flag} needs a whole number of at least ${min}, got '${value}'`, flag);
  return n;
}

/** The run's multi-node settings, or undefined when no multi-node flag was given. */
export function parseMultiNode(flags: MultiNodeFlags, backend: BackendPreference): MultiNode | undefined {
  const { nnodes, nodeRank, rdzvEndpoint } = flags;
  if (nnodes === undefined && nodeRank === undefined && rdzvEndpoint === undefined) return undefined;
  if (nnodes === undefined)
    throw bad('--node-rank and --rdzv-endpoint need --nnodes M (the number of machines)', '--nnodes');
  const count = wholeNumber('--nnodes', nnodes, 1);
  if (nodeRank === undefined)
    throw bad(`--nnodes ${count} needs --node-rank R (0 on the machine that hosts the rendezvous)`, '--node-rank');
  const rank = wholeNumber('--node-rank', nodeRank, 0);
  if (rank >= count)
    throw bad(
      `--node-rank ${rank} is not below --nnodes ${count}: number the machines 0 … ${count - 1}`,
      '--node-rank',
    );
  if (rdzvEndpoint === undefined)
    throw bad(
      '--nnodes needs --rdzv-endpoint HOST:PORT (node 0 and a free port, the same on every node)',
      '--rdzv-endpoint',
    );
  const port = Number(RDZV_ENDPOINT_PATTERN.exec(rdzvEndpoint)?.[2] ?? NaN);
  if (!(port >= 1 && port <= 65535))
    throw bad(
      `--rdzv-endpoint must be HOST:PORT with a port 1–65535, e.g. 10.0.0.1:29500, got '${rdzvEndpoint}'`,
      '--rdzv-endpoint',
    );
  if (backend !== 'pytorch')
    throw bad(`the multi-node flags run PyTorch's torchrun: add --backend pytorch (got '${backend}')`, '--backend');
  return { nnodes: count, nodeRank: rank, rdzvEndpoint };
}
