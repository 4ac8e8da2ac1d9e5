/** Which engine a run goes to: forced PyTorch always; auto only where torch has a GPU; never for a forced TF.js backend. */
import { describe, expect, it } from 'vitest';
import { chooseEngine, gpuDeviceVisible } from '../../../../src/main/engine/pytorch/choose.js';

describe('chooseEngine', () => {
  it('a forced backend decides without probing', async () => {
    expect((await chooseEngine('pytorch', 'classifier')).pytorch).toBe(true);
    const wasm = await chooseEngine('wasm', 'classifier');
    expect(wasm).toEqual({
      pytorch: false,
      probe: { name: 'pytorch', available: false, detail: "not used: 'wasm' was requested" },
    });
  });

  it('auto keeps semi-supervised GANs on TF.js (no PyTorch loop yet), wherever a GPU is', async () => {
    expect(await chooseEngine('auto', 'gan', undefined, true)).toMatchObject({
      pytorch: false,
      probe: { detail: 'not used: semi-supervised GANs train on TF.js' },
    });
  });

  it.skipIf(gpuDeviceVisible())('auto decides other GANs like any model: without a GPU, TF.js', async () => {
    const choice = await chooseEngine('auto', 'gan');
    expect(choice.pytorch).toBe(false);
    expect(choice.probe.detail).toMatch(/no GPU here/);
  });

  it.skipIf(gpuDeviceVisible())(
    'auto stays on TF.js without a GPU, and says why (CPU PyTorch is slower than wasm here)',
    async () => {
      const choice = await chooseEngine('auto', 'classifier');
      expect(choice.pytorch).toBe(false);
      expect(choice.probe.detail).toMatch(/no GPU here, and on CPU the wasm backend trains faster/);
    },
  );
});
