/**
 * Generates docs/layers.md, the layer reference, from the layer catalog (the
 * one source of truth). `node --import tsx scripts/gen-layer-docs.ts` writes
 * it; tests/shared/layers/docs.test.ts fails when the file is out of date.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYER_SPECS, kindsByCategory } from '../src/shared/layers/catalog.js';
import { defaultParams, type LayerKind } from '../src/shared/layers/params.js';
import { formatShape } from '../src/shared/layers/specs/util.js';
import { CATEGORIES, type LayerSpec, type ParamSpec } from '../src/shared/layers/types.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');
const num = (n: number) => n.toLocaleString('en-US');

function typeText(p: ParamSpec): string {
  if (p.type === 'ints') return `${p.length} ints`;
  if (p.type === 'shape') return 'shape';
  return p.type;
}

function allowedText(p: ParamSpec): string {
  switch (p.type) {
    case 'int':
    case 'float':
      if (p.min !== undefined && p.max !== undefined) return `${p.min} – ${num(p.max)}`;
      return p.min !== undefined ? `≥ ${p.min}` : p.max !== undefined ? `≤ ${num(p.max)}` : 'any';
    case 'bool':
      return 'true, false';
    case 'enum':
      return p.choices.map((c) => `\`${c}\``).join(', ');
    case 'ints':
      return `each ≥ ${p.min ?? 0}`;
    case 'shape':
      return `${p.minLength}–${p.maxLength} dims ≥ 1${p.allowInfer ? ', one may be −1' : ''}`;
  }
}

function defaultText(p: ParamSpec): string {
  return Array.isArray(p.default) ? `[${p.default.join(', ')}]` : `\`${String(p.default)}\``;
}

function paramsTable(params: readonly ParamSpec[]): string[] {
  if (params.length === 0) return ['No parameters.', ''];
  return [
    '| Param | Type | Default | Allowed | Description |',
    '| --- | --- | --- | --- | --- |',
    ...params.map(
      (p) => `| \`${p.name}\` | ${typeText(p)} | ${defaultText(p)} | ${cell(allowedText(p))} | ${cell(p.doc)} |`,
    ),
    '',
  ];
}

function example(kind: LayerKind): string {
  const spec = LAYER_SPECS[kind] as unknown as LayerSpec;
  const params = defaultParams(kind) as Record<string, unknown>;
  const inputs = LAYER_SPECS[kind].example;
  const out = spec.outputShape(inputs, params);
  if (!out.ok) throw new Error(`docs example for ${kind} is invalid: ${out.message}`);
  const count = spec.paramCount(inputs, params, out.shape);
  const from = inputs.length ? `${inputs.map(formatShape).join(' + ')} → ` : '';
  const weights = count.nonTrainable
    ? `${num(count.trainable)} trainable + ${num(count.nonTrainable)} non-trainable params`
    : `${num(count.trainable)} params`;
  return `Example with the defaults: ${from}${formatShape(out.shape)}, ${weights}, ${num(spec.flops(inputs, params, out.shape))} FLOPs.`;
}

function section(kind: LayerKind): string[] {
  const spec = LAYER_SPECS[kind];
  const range = spec.maxInputs ? `${spec.minInputs ?? 2} or ${spec.maxInputs}` : 'two or more';
  const inputs = { none: 'none (a source)', one: 'one', many: range }[spec.arity];
  return [
    `### ${spec.label}`,
    '',
    `Kind \`${kind}\` · category ${spec.category} · Keras class \`${spec.kerasClass}\` · inputs: ${inputs}`,
    '',
    spec.doc,
    '',
    ...paramsTable(spec.params),
    `- **Output shape:** ${spec.rules.shape}`,
    `- **Weights:** ${spec.rules.params}`,
    `- **FLOPs:** ${spec.rules.flops}`,
    `- ${example(kind)}`,
    '',
  ];
}

/** Hand-written: how a new kind is added (kept here so the generated file carries it). */
const RECIPE = [
  '## Adding a layer kind',
  '',
  'A kind is one declaration plus one entry in each table keyed by kind. Every table is a',
  '`{ [K in LayerKind]: … }` mapped type or an exhaustive `switch` with a declared return type, so a missing',
  'entry fails `npx tsc -b`, not a user. Nothing else lists kinds: sets such as "layers with a fused',
  'activation" or "layers Keras 3 builds" are derived from the spec\'s `traits`.',
  '',
  '1. `src/shared/layers/params.ts`: the params (`PARAM_SPECS`; the dropout, noise, augmentation and normalization kinds in `params-regularization.ts`); this entry makes the kind exist.',
  '2. `src/shared/layers/specs/<family>.ts`: the spec (`defineSpec`): category, doc, arity, Keras class,',
  '   `traits` (`fusedActivation`, `kerasBuildConfig`, `keepsDtype`), the docs `example` input, shape rule',
  '   (numbered errors DW1xx), weight count (as Keras counts it), FLOPs and the rules in words; then add it',
  '   to `LAYER_SPECS` in `src/shared/layers/catalog.ts`. A kind of several inputs with a fixed range',
  "   states `minInputs`/`maxInputs` (MultiHeadAttention: 1 or 2), which shape checks and the canvas's handles read.",
  '3. `src/shared/keras/layers/<family>.ts`: the writer (`WRITERS` covers every kind) and the readers of',
  '   every Keras class name that means the kind (kind-coverage.test.ts checks each written class reads back).',
  '4. `src/main/engine/compile/builders/<family>.ts` and `BUILDERS`: the TF.js layer (a custom',
  '   `tf.layers.Layer` in `compile/layers/` when TF.js lacks it, registered for serialization).',
  '5. `src/main/engine/export/onnx/layers-*.ts` and `CONVERTERS`: the ONNX nodes (NCHW inside).',
  '6. `src/main/engine/export/python/torch-layers.ts` and `keras-layers.ts`: the PyTorch module and the',
  '   Keras 3 constructor.',
  '7. Tests: a case in `tests/main/engine/export/cases.ts` (ONNX Runtime, PyTorch and Keras round trips;',
  '   kind-coverage.test.ts fails without one), the TF.js reference in `tests/shared/layers/tf-oracle.ts` with',
  '   cases in `catalog-vs-tf.test.ts`, a wasm-vs-cpu gradient case in',
  '   `tests/main/engine/kernels/layer-coverage.test.ts`, and the palette case in `tests/e2e/palette.spec.ts`.',
  '8. Run `node --import tsx scripts/gen-layer-docs.ts` to regenerate this page.',
  '',
];

/** The whole reference as Markdown (deterministic: no dates, catalog order). */
export function renderLayerDocs(): string {
  const byCategory = kindsByCategory();
  const lines = [
    '# Layer reference',
    '',
    '<!-- Generated from src/shared/layers by scripts/gen-layer-docs.ts. Do not edit by hand:',
    '     run `node --import tsx scripts/gen-layer-docs.ts`. -->',
    '',
    'Every layer Deepwire offers, as the catalog (`src/shared/layers`) defines it. The same specs drive the',
    'palette, the inspector, shape inference, the TF.js compiler and Keras JSON.',
    '',
    '- Shapes are printed like Keras: batch first as `None`, images as (None, height, width, channels) (NHWC).',
    '- Parameter counts equal Keras / TF.js exactly. Activations (including `leaky_relu` on Dense and Conv',
    '  layers, slope 0.2) have no weights.',
    "- **GRU** defaults to Keras's `reset_after=True` (two bias vectors per gate, 3 × units more weights);",
    '  TF.js 4.22 builds only `reset_after=False`, so Deepwire compiles the Keras variant as its own layer and',
    '  reads files of either kind with their own count (`resetAfter`).',
    '- FLOPs are per sample for a forward pass: 2 × multiply-accumulates for weighted layers, roughly one per',
    '  value for element-wise ones; bias additions and activations inside Dense/Conv layers are not counted.',
    '',
    '## Contents',
    '',
    ...CATEGORIES.filter((c) => byCategory[c]).map(
      (c) =>
        `- ${c}: ${byCategory[c].map((k) => `[${LAYER_SPECS[k].label}](#${LAYER_SPECS[k].label.toLowerCase()})`).join(', ')}`,
    ),
    '',
  ];
  for (const category of CATEGORIES) {
    if (!byCategory[category]) continue;
    lines.push(`## ${category} layers`, '');
    for (const kind of byCategory[category]) lines.push(...section(kind));
  }
  lines.push(...RECIPE);
  return `${lines.join('\n').trimEnd()}\n`;
}

export const LAYER_DOCS_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'layers.md');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmp = `${LAYER_DOCS_PATH}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, renderLayerDocs());
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, LAYER_DOCS_PATH);
  console.log(`wrote ${LAYER_DOCS_PATH}`);
}
