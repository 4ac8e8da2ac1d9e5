/**
 * Multi-node launch: the multi-node settings reach torchrun as its own flags (static rendezvous at node 0's
 * endpoint, no --standalone), and a real one-node run with an explicit rendezvous on a free port of
 * 127.0.0.1 trains with two processes.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_DIR } from '../../../../src/main/engine/pytorch/python.js';
import { runnerArgs } from '../../../../src/main/engine/pytorch/supervise.js';
import { regressionCsv, tempDir } from '../../../fixtures/datasets/make.js';
import { regressor } from '../helpers/graph.js';
import { done } from '../train/helpers.js';
import { NO_TORCH, runTorch, TORCH_PYTHON } from './helpers.js';

const runner = join(PYTHON_DIR, 'deepwire_runner.py');
const torchrun = join(PYTHON_DIR, 'deepwire_torchrun.py');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('runnerArgs', () => {
  it('one process: the runner; N on this machine: torchrun --standalone; several machines: the rendezvous', () => {
    expect(runnerArgs(1, '/run')).toEqual([runner, '/run']);
    expect(runnerArgs(4, '/run')).toEqual([torchrun, '--standalone', '--nproc_per_node=4', runner, '/run']);
    expect(runnerArgs(8, '/run', { nnodes: 4, nodeRank: 2, rdzvEndpoint: 'node0:29500' })).toEqual([
      torchrun,
      '--nnodes=4',
      '--node_rank=2',
      '--rdzv_endpoint=node0:29500',
      '--nproc_per_node=8',
      runner,
      '/run',
    ]);
    expect(() => runnerArgs(1, '/run', { nnodes: 2, nodeRank: 2, rdzvEndpoint: 'h:1' })).toThrow(/DW534|not below/);
  });
});

describe.skipIf(!TORCH_PYTHON)(`PyTorch multi-node launch${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('--nnodes 1 --node-rank 0 --rdzv-endpoint 127.0.0.1:<free port> trains with 2 processes', async () => {
    const port = await freePort();
    const run = await runTorch({
      kind: 'regressor',
      graph: regressor(3),
      dataset: { source: 'csv', path: regressionCsv(tempDir(), 200), labelColumn: 'y' },
      training: { loss: 'meanSquaredError', epochs: 1, batchSize: 32 },
      nprocPerNode: 2,
      multiNode: { nnodes: 1, nodeRank: 0, rdzvEndpoint: `127.0.0.1:${port}` },
    });
    const end = done(run);
    expect(run.of('started')[0].backend.threads).toBe(2); // the world torchrun made: 2 ranks
    expect(end.backend).toBe('pytorch');
    expect(Number.isFinite(end.metrics.testMae)).toBe(true);
  }, 120_000);
});
