/** `deepwire train`'s multi-node flags: --nnodes, --node-rank, --rdzv-endpoint, checked together (DW534). */
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from '../../../src/main/cli/train.js';
import { runRequestSchema } from '../../../src/shared/training/protocol.js';

const pytorch = ['p.deepwire', '--backend', 'pytorch'];

describe('deepwire train: multi-node options', () => {
  it('parses M nodes, this node rank R and the rendezvous endpoint; none of them means one machine', () => {
    expect(parseTrainArgs(pytorch).multiNode).toBeUndefined();
    const a = parseTrainArgs([...pytorch, '--nnodes', '4', '--node-rank=3', '--rdzv-endpoint', 'node0.cluster:29500']);
    expect(a.multiNode).toEqual({ nnodes: 4, nodeRank: 3, rdzvEndpoint: 'node0.cluster:29500' });
    expect(parseTrainArgs([...pytorch, '--nnodes=1', '--node-rank=0', '--rdzv-endpoint=[::1]:1234']).multiNode).toEqual(
      { nnodes: 1, nodeRank: 0, rdzvEndpoint: '[::1]:1234' },
    );
  });

  it('refuses incomplete or inconsistent flags with DW534, naming the flag and the fix', () => {
    const bad: [string[], RegExp][] = [
      [['--node-rank', '0', '--rdzv-endpoint', 'h:1'], /DW534.*need --nnodes M/],
      [['--nnodes', '2', '--rdzv-endpoint', 'h:1'], /DW534.*--nnodes 2 needs --node-rank R/],
      [['--nnodes', '2', '--node-rank', '2', '--rdzv-endpoint', 'h:1'], /DW534.*--node-rank 2 is not below --nnodes 2/],
      [['--nnodes', '0', '--node-rank', '0', '--rdzv-endpoint', 'h:1'], /DW534.*--nnodes needs a whole number/],
      [['--nnodes', '2', '--node-rank', '-1', '--rdzv-endpoint', 'h:1'], /DW534.*--node-rank needs a whole number/],
      [['--nnodes', '2', '--node-rank', '1'], /DW534.*needs --rdzv-endpoint HOST:PORT/],
      [['--nnodes', '2', '--node-rank', '1', '--rdzv-endpoint', 'h'], /DW534.*--rdzv-endpoint must be HOST:PORT/],
      [['--nnodes', '2', '--node-rank', '1', '--rdzv-endpoint', 'h:70000'], /DW534.*port 1–65535/],
      [['--nnodes', '2', '--node-rank', '1', '--rdzv-endpoint', 'a b:1'], /DW534.*--rdzv-endpoint must be/],
    ];
    for (const [flags, message] of bad) expect(() => parseTrainArgs([...pytorch, ...flags])).toThrow(message);
    expect(() => parseTrainArgs(['p.deepwire', '--nnodes', '2', '--node-rank', '1', '--rdzv-endpoint', 'h:1'])).toThrow(
      /DW534.*add --backend pytorch/,
    );
  });

  it('the run request checks them too (a request without the CLI)', () => {
    const base = {
      runId: 'r',
      project: { kind: 'classifier', graph: { nodes: [], edges: [] }, dataset: { source: 'mnist' } },
    };
    const ok = { nnodes: 2, nodeRank: 1, rdzvEndpoint: '10.0.0.1:29500' };
    expect(runRequestSchema.safeParse({ ...base, multiNode: ok }).success).toBe(true);
    expect(runRequestSchema.safeParse({ ...base, multiNode: { ...ok, nodeRank: 2 } }).success).toBe(false);
    expect(runRequestSchema.safeParse({ ...base, multiNode: { ...ok, rdzvEndpoint: 'x;rm -rf:1' } }).success).toBe(
      false,
    );
  });
});
