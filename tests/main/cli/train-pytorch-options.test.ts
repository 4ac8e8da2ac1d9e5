/** `deepwire train`'s PyTorch options: --backend pytorch, --device, --python, --nproc-per-node. */
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from '../../../src/main/cli/train.js';
import { runRequestSchema } from '../../../src/shared/training/protocol.js';

describe('deepwire train: PyTorch options', () => {
  it('parses the backend, device, Python and process count, with defaults', () => {
    expect(parseTrainArgs(['p.deepwire'])).toMatchObject({ backend: 'auto', device: 'auto', nprocPerNode: 1 });
    const a = parseTrainArgs([
      'p.deepwire',
      '--backend',
      'pytorch',
      '--device=cuda:1',
      '--python',
      '/opt/py/bin/python',
      '--nproc-per-node',
      '4',
    ]);
    expect(a).toMatchObject({ backend: 'pytorch', device: 'cuda:1', python: '/opt/py/bin/python', nprocPerNode: 4 });
    for (const device of ['cpu', 'cuda', 'mps', 'auto'])
      expect(parseTrainArgs(['p.deepwire', '--device', device]).device).toBe(device);
  });

  it('refuses a device torch does not name, and a bad process count, with DW801', () => {
    expect(() => parseTrainArgs(['p.deepwire', '--device', 'gpu'])).toThrow(
      /DW801[\s\S]*--device must be auto \| cpu \| cuda \| cuda:N \| mps, got 'gpu'/,
    );
    expect(() => parseTrainArgs(['p.deepwire', '--device', 'cuda:x'])).toThrow(/--device must be/);
    expect(() => parseTrainArgs(['p.deepwire', '--nproc-per-node', '0'])).toThrow(
      /--nproc-per-node needs a positive whole number/,
    );
    expect(() => parseTrainArgs(['p.deepwire', '--python'])).toThrow(/--python needs the path of a Python/);
  });

  it('the run request checks the device too (the studio sends it without the CLI)', () => {
    const base = {
      runId: 'r',
      project: { kind: 'classifier', graph: { nodes: [], edges: [] }, dataset: { source: 'mnist' } },
    };
    expect(runRequestSchema.safeParse({ ...base, device: 'cuda:0' }).success).toBe(true);
    expect(runRequestSchema.safeParse({ ...base, device: 'tpu' }).success).toBe(false);
    expect(runRequestSchema.parse(base)).toMatchObject({ device: 'auto', nprocPerNode: 1, backend: 'auto' });
  });
});
