/**
 * Every layer kind of the catalog can be dropped from the palette, wired to
 * a fitting input, and edited in the inspector: a loop over the palette.
 */
import { expect, test, type Page } from '@playwright/test';
import { LAYER_KINDS, LAYER_SPECS, type LayerKind } from '../../src/shared/layers/index.js';
import { canvas, connect, dropLayer, inspector, layer, openStudio, select } from './studio.js';

/** Keras-style name the first layer of a kind gets (the canvas is cleared before each kind). */
const nameOf = (kind: LayerKind) =>
  kind
    .replace(/(\d)D/g, '$1d')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

type Edit = { field: string; value: string; shows: string; select?: boolean } | { rename: string };

interface Case {
  /** Shape typed into the feeding Input (default: 28×28×1 images). */
  input?: string;
  int32?: boolean;
  /** Merges get two Inputs (both of `input`'s shape when given). */
  merge?: boolean;
  /** Sources are wired onward, into this kind. */
  feeds?: LayerKind;
  edit: Edit;
}

const CASES: Record<LayerKind, Case> = {
  Input: { feeds: 'Flatten', edit: { field: 'Shape', value: '32×32×3', shows: '32×32×3' } },
  Noise: { feeds: 'Dense', edit: { field: 'Latent size', value: '64', shows: 'z: 64' } },
  Dense: { input: '784', edit: { field: 'Units', value: '32', shows: '32 units' } },
  Embedding: { input: 'None', int32: true, edit: { field: 'Embedding size', value: '8', shows: '10,000 → 8' } },
  Conv2D: { edit: { field: 'Filters', value: '8', shows: '8 filters' } },
  Conv2DTranspose: { edit: { field: 'Filters', value: '8', shows: '8 filters' } },
  SeparableConv2D: { edit: { field: 'Filters', value: '16', shows: 'filters 16' } },
  DepthwiseConv2D: { edit: { field: 'Kernel size', value: '5', shows: 'kernel size 5×5' } },
  Conv1D: { input: '28×28', edit: { field: 'Filters', value: '8', shows: 'filters 8' } },
  MaxPooling1D: { input: '28×28', edit: { field: 'Pool size', value: '3', shows: 'pool size 3' } },
  AveragePooling1D: { input: '28×28', edit: { field: 'Pool size', value: '3', shows: 'pool size 3' } },
  GlobalAveragePooling1D: { input: '28×28', edit: { rename: 'gap1d' } },
  GlobalMaxPooling1D: { input: '28×28', edit: { rename: 'gmp1d' } },
  MaxPooling2D: { edit: { field: 'Pool size', value: '3', shows: '3×3' } },
  AveragePooling2D: { edit: { field: 'Pool size', value: '3', shows: '3×3' } },
  GlobalAveragePooling2D: { edit: { rename: 'gap' } },
  GlobalMaxPooling2D: { edit: { rename: 'gmp' } },
  UpSampling2D: { edit: { field: 'Factor', value: '3', shows: 'factor 3×3' } },
  ReflectionPadding2D: { edit: { rename: 'mirror' } },
  ZeroPadding2D: { edit: { rename: 'zpad' } },
  Cropping2D: { edit: { rename: 'crop' } },
  UpSampling1D: { input: '28×28', edit: { field: 'Factor', value: '3', shows: 'factor 3' } },
  RepeatVector: { input: '16', edit: { field: 'Repeats', value: '5', shows: 'repeats 5' } },
  Flatten: { edit: { rename: 'flat' } },
  Permute: { input: '28×28', edit: { rename: 'swap' } },
  Reshape: { edit: { field: 'Target shape', value: '28×28', shows: '→ 28×28' } },
  Dropout: { edit: { field: 'Rate', value: '0.25', shows: 'rate 0.25' } },
  BatchNormalization: { edit: { field: 'Momentum', value: '0.9', shows: 'momentum 0.9' } },
  LayerNormalization: { edit: { field: 'Epsilon', value: '0.01', shows: 'epsilon 0.01' } },
  InstanceNormalization: { edit: { field: 'Epsilon', value: '0.01', shows: 'epsilon 0.01' } },
  Activation: { edit: { field: 'Activation', value: 'tanh', shows: 'tanh', select: true } },
  GaussianNoise: { edit: { field: 'Std. deviation', value: '0.5', shows: 'std. deviation 0.5' } },
  GaussianDropout: { edit: { field: 'Rate', value: '0.3', shows: 'rate 0.3' } },
  SpatialDropout1D: { input: '28×28', edit: { field: 'Rate', value: '0.3', shows: 'rate 0.3' } },
  SpatialDropout2D: { edit: { field: 'Rate', value: '0.3', shows: 'rate 0.3' } },
  Rescaling: { edit: { field: 'Offset', value: '-1', shows: 'offset -1' } },
  RandomFlip: { edit: { field: 'Mode', value: 'vertical', shows: 'vertical', select: true } },
  RandomRotation: { edit: { field: 'Factor', value: '0.2', shows: 'factor 0.2' } },
  RandomTranslation: { edit: { field: 'Width factor', value: '0.3', shows: 'width factor 0.3' } },
  RandomZoom: { edit: { field: 'Height factor', value: '0.2', shows: 'height factor 0.2' } },
  Normalization: { input: '9', edit: { rename: 'standardize' } },
  ReLU: { edit: { field: 'Max value', value: '6', shows: 'max value 6' } },
  ELU: { edit: { field: 'Alpha', value: '0.5', shows: 'alpha 0.5' } },
  PReLU: { edit: { rename: 'prelu' } },
  Softmax: { edit: { field: 'Axis', value: '1', shows: 'axis 1' } },
  Add: { merge: true, edit: { rename: 'sum' } },
  Concatenate: { merge: true, edit: { rename: 'joined' } },
  Subtract: { merge: true, edit: { rename: 'subtract_1' } },
  Multiply: { merge: true, edit: { rename: 'multiply_1' } },
  Average: { merge: true, edit: { rename: 'average_1' } },
  Maximum: { merge: true, edit: { rename: 'maximum_1' } },
  Minimum: { merge: true, edit: { rename: 'minimum_1' } },
  SimpleRNN: { input: '28×28', edit: { field: 'Units', value: '16', shows: '16 units' } },
  LSTM: { input: '?×28', edit: { field: 'Units', value: '16', shows: '16 units' } },
  GRU: { input: '28×28', edit: { field: 'Units', value: '16', shows: '16 units' } },
  Bidirectional: { input: '28×28', edit: { field: 'Units', value: '16', shows: 'LSTM 16' } },
  TimeDistributed: { input: '28×28', edit: { field: 'Units', value: '16', shows: 'units 16' } },
  MultiHeadAttention: { input: '28×28', merge: true, edit: { field: 'Heads', value: '4', shows: 'heads 4' } },
};

async function clearCanvas(page: Page) {
  await canvas(page).click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(page.getByRole('group', { name: /\(\w+\)$/ })).toHaveCount(0);
}

async function setField(page: Page, node: string, field: string, value: string, isSelect = false) {
  const form = inspector(page, node);
  if (isSelect) await form.getByLabel(field, { exact: true }).selectOption(value);
  else await form.getByLabel(field, { exact: true }).fill(value);
}

async function noErrorsOn(page: Page, name: string) {
  await expect(page.getByRole('list', { name: `Problems of ${name}` }).locator('.diag-error')).toHaveCount(0);
}

test('every layer kind can be dropped, wired and edited', async ({ page }) => {
  expect(Object.keys(CASES).sort()).toEqual([...LAYER_KINDS].sort());
  await openStudio(page);
  await page.getByRole('button', { name: 'New classifier' }).click();
  for (const kind of LAYER_KINDS) {
    await test.step(kind, async () => {
      const c = CASES[kind];
      const name = nameOf(kind);
      await clearCanvas(page);
      if (c.feeds) {
        await dropLayer(page, LAYER_SPECS[kind].label, 300, 80);
        await dropLayer(page, LAYER_SPECS[c.feeds].label, 300, 320);
        await connect(page, name, nameOf(c.feeds));
      } else {
        await dropLayer(page, 'Input', 300, 80);
        if (c.input || c.int32) {
          await select(page, 'input', 'Input');
          if (c.input) await setField(page, 'input', 'Shape', c.input);
          if (c.int32) await setField(page, 'input', 'Type', 'int32', true);
        }
        if (c.merge) {
          await dropLayer(page, 'Input', 620, 80);
          // A merge of sequences (MultiHeadAttention's query and value) gets the shape on both Inputs.
          if (c.input) {
            await select(page, 'input_1', 'Input');
            await setField(page, 'input_1', 'Shape', c.input);
          }
        }
        await dropLayer(page, LAYER_SPECS[kind].label, 420, 340);
        if (c.merge) {
          await connect(page, 'input', name, `Input 1 of ${name}`);
          await connect(page, 'input_1', name, `Input 2 of ${name}`);
        } else {
          await connect(page, 'input', name);
        }
      }
      // Wired: the connection carries a shape and the layer has no error.
      await expect(page.getByRole('group', { name: /^Connection from .*, shape \(None/ })).toHaveCount(c.merge ? 2 : 1);
      await noErrorsOn(page, name);
      await select(page, name, kind);
      if ('rename' in c.edit) {
        await inspector(page, name).getByLabel('Name', { exact: true }).fill(c.edit.rename);
        await expect(layer(page, c.edit.rename, kind)).toBeVisible();
      } else {
        await setField(page, name, c.edit.field, c.edit.value, c.edit.select);
        await expect(layer(page, name, kind)).toContainText(c.edit.shows);
      }
    });
  }
});
