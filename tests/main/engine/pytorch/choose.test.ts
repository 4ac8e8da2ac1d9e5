/** Which engine a run goes to: forced PyTorch always; auto only where torch has a GPU; never for a forced TF.js backend. */
import { describe, expect, it } from 'vitest';
import { chooseEngine, gpuDeviceVisible } from '../../../../src/main/engine/pytorch/choose.js';

describe('chooseEngine', () => {
  it('a forced backend decides without probing', async () => {
    expect((await chooseEngine('pytorch')).pytorch).toBe(true);
    const wasm = await chooseEngine('wasm');
    expect(wasm).toEqual({
      pytorch: false,
      probe: { name: 'pytorch', available: false, detail: "not used: 'wasm' was requested" },
    });
  });

  it.skipIf(gpuDeviceVisible())(
    'auto stays on TF.js without a GPU, and says why (CPU PyTorch is slower than wasm here)',
    async () => {
      const choice = await chooseEngine('auto');
      expect(choice.pytorch).toBe(false);
      expect(choice.probe.detail).toMatch(/no GPU here, and on CPU the wasm backend trains faster/);
    },
  );
});
