/**
 * Issue #17: a shared .deepwire file is untrusted. Projects whose name,
 * description, layer names, dataset path, column names and run ids are
 * hostile (docstring/quote breakouts, backslashes, CR LF + code, U+2028, NUL,
 * format strings, non-ASCII, bidi overrides, HTML, javascript: links,
 * formulas, very long text) are exported as pytorch, keras-py, keras, card
 * and history. python3 compiles and parses every generated .py and compares
 * it with the export of a benign project (same imports, same calls, project
 * text only in strings and comments); where torch exists, model.py,
 * train_lightning.py and train_keras.py (keras/lightning stubbed) really run
 * in a temp folder: the PWNED marker never appears, every name reads back
 * unchanged, `--help` shows the name, and the modules still reproduce TF.js.
 * Layer names TF.js accepts but Python does not (`forward`, `self`, `torch`,
 * `a-b` next to `a_b`, `1x`, `lambda`, `t`) compile for real and run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFiles } from '../../../../src/main/engine/export/card.js';
import { writeExportFiles } from '../../../../src/main/engine/export/files.js';
import { historyFiles } from '../../../../src/main/engine/export/history.js';
import { kerasFiles } from '../../../../src/main/engine/export/keras/index.js';
import { encodeNpy } from '../../../../src/main/engine/export/keras/npy.js';
import { loadExportModels, type ExportModel } from '../../../../src/main/engine/export/models.js';
import { PY_RESERVED } from '../../../../src/main/engine/export/escape.js';
import { GENERATED_NAMES } from '../../../../src/main/engine/export/python/model-code.js';
import { kerasPyFiles, pytorchFiles } from '../../../../src/main/engine/export/python/index.js';
import type { Project } from '../../../../src/shared/project/schema.js';
import type { RunRecord } from '../../../../src/shared/project/runs-schema.js';
import { exampleProjects, predictTf, randomInputs, randomizeExportModels } from './helpers.js';
import { PYTHON, runPython, TORCH_PYTHON, NO_TORCH_REASON } from './python.js';

const PWN = `"""; import os; os.system('touch PWNED') #`;
const HOSTILE = [
  PWN,
  `'''; import os; os.system("touch PWNED") #`,
  `back\\slash\\"""\\`,
  `name\r\nimport os\nos.system('touch PWNED')\n"""`,
  `sep\u2028import os\u2029os.system('touch PWNED')\u0085#`,
  `nul\u0000bell\u0007esc\u001b[31m`,
  `{} {0} {PROJECT} %s %(prog)s %% %d`,
  `naïve 模型 😀 \u202egnp.exe`,
  `<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://e/i.png)\n# Owned\n| a | b |\n\`\`\`\n`,
  `=HYPERLINK("http://e","click"),-1+1,@SUM(A1)`,
  `${'long '.repeat(38)}\\"`,
];
/** The weightless layers of mnist-cnn (a hostile name there changes no weight file) and of mlp-gan. */
const WEIGHTLESS = ['input', 'max_pooling2d', 'flatten', 'noise', 'reshape'];

const root = mkdtempSync(join(tmpdir(), 'deepwire-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const here = dirname(fileURLToPath(import.meta.url));
const byFile = (file: string) => exampleProjects().find((e) => e.file === file)!.project;

const KINDS = ['pytorch', 'keras-py', 'keras'] as const;
const CLS = { model: 'Model', generator: 'Generator', discriminator: 'Discriminator' } as Record<string, string>;

interface Variant {
  label: string;
  folders: Record<string, string>;
  benign: Record<string, string>;
  name: string;
  dataset: unknown;
  layers: Record<string, string[]>;
  models: { cls: string; weights: string; inputs: string[]; expected: string }[];
}

const renameNodes = <N extends { name: string }>(nodes: readonly N[], names: (n: string) => string | undefined): N[] =>
  nodes.map((n) => ({ ...n, name: names(n.name) ?? n.name }));

/** The models with their weightless layers renamed: what the code writers would get from a project with such names. */
function renamedModels(models: readonly ExportModel[], names: (n: string) => string | undefined): ExportModel[] {
  return models.map((m) => ({
    ...m,
    snap: { ...m.snap, graph: { ...m.snap.graph, nodes: renameNodes(m.snap.graph.nodes, names) } },
  }));
}

function run(id: string, base: Project): RunRecord {
  return {
    id,
    startedAt: '2026-11-23T10:00:00.000Z',
    status: 'completed',
    backend: 'wasm',
    config: { dataset: base.dataset!, training: base.training },
    epochsCompleted: 2,
    history: { loss: [0.5, 0.25], val_loss: [0.6, 0.3] },
    metrics: { testAccuracy: 0.9 },
  };
}

/** Writes sample inputs and the TF.js outputs the run check compares with. */
function samples(dir: string, models: readonly ExportModel[], pytorch: string): Variant['models'] {
  mkdirSync(dir, { recursive: true });
  return models.map((m, i) => {
    const sample = randomInputs(m.snap.inputs, 2, 70 + i);
    const [expected] = predictTf(m.model, sample);
    const inputs = sample.feeds.map((f, k) => {
      const file = join(dir, `${m.name}_in${k}.npy`);
      writeFileSync(file, encodeNpy(f.dims, Float32Array.from(f.values)));
      return file;
    });
    const out = join(dir, `${m.name}_out.npy`);
    writeFileSync(
      out,
      encodeNpy(
        m.model.outputs[0].shape.map((d) => d ?? 2),
        expected,
      ),
    );
    return { cls: CLS[m.name], weights: models.length > 1 ? join(pytorch, m.name) : pytorch, inputs, expected: out };
  });
}

async function exportAll(
  dir: string,
  project: Project,
  models: readonly ExportModel[],
): Promise<Record<string, string>> {
  const opts = { version: 'test', trained: false };
  const files = {
    pytorch: pytorchFiles(project, models, opts),
    'keras-py': kerasPyFiles(project, models, opts),
    keras: kerasFiles(models, { projectName: project.name, trained: false }),
    card: cardFiles(project, models, { ...opts, date: '2026-11-23' }),
    history: historyFiles(project),
  };
  const folders: Record<string, string> = {};
  for (const [kind, list] of Object.entries(files)) {
    folders[kind] = join(dir, kind);
    await writeExportFiles(folders[kind], list);
  }
  return folders;
}

const variants: Variant[] = [];
const hostileProjects: { label: string; project: Project; folders: Record<string, string> }[] = [];

const benignExports = new Map<Project, Promise<Record<string, string>>>();

async function addVariant(
  label: string,
  project: Project,
  models: ExportModel[],
  benignProject: Project,
  benignModels: ExportModel[],
) {
  const dir = join(root, `v${variants.length}`);
  const folders = await exportAll(dir, project, models);
  if (!benignExports.has(benignProject))
    benignExports.set(benignProject, exportAll(join(dir, 'benign'), benignProject, benignModels));
  const benign = await benignExports.get(benignProject)!;
  hostileProjects.push({ label, project, folders });
  variants.push({
    label,
    folders: Object.fromEntries(KINDS.map((k) => [k, folders[k]])),
    benign: Object.fromEntries(KINDS.map((k) => [k, benign[k]])),
    name: project.name,
    dataset: project.dataset,
    layers: Object.fromEntries(models.map((m) => [m.name, m.snap.graph.nodes.map((n) => n.name)])),
    models: samples(join(dir, 'io'), models, folders.pytorch),
  });
}

beforeAll(async () => {
  for (const file of ['mnist-cnn.deepwire', 'mlp-gan.deepwire']) {
    const base = byFile(file);
    const models = randomizeExportModels(loadExportModels(base)).models;
    for (const [i, h] of HOSTILE.entries()) {
      if (file === 'mlp-gan.deepwire' && i % 4 !== 0) continue; // the GAN scripts share the writers: a few names suffice
      const names = (n: string) => (WEIGHTLESS.includes(n) ? `${h} ${n}` : undefined);
      const project: Project = {
        ...base,
        name: h.slice(0, 200),
        description: `${h}\n\n${h.repeat(20)}`,
        dataset: {
          source: 'csv',
          path: `${h}/${'p'.repeat(3000)}.csv`,
          labelColumn: h,
          featureColumns: [h, `${h}2`],
          normalize: true,
          validationSplit: 0.1,
          seed: 42,
        },
        graph: { ...base.graph, nodes: renameNodes(base.graph.nodes, names) },
        runs: [run(h, base)],
      };
      await addVariant(`${file} #${i}`, project, renamedModels(models, names), base, models);
    }
  }
  // Names TF.js accepts that are not Python identifiers, or shadow what the generated code uses.
  const tricky: [string, Record<string, string>][] = [
    [
      'mnist-cnn.deepwire',
      { input: 'self', conv2d: 'a-b', max_pooling2d: 'a_b', flatten: 'torch', dense: 'training', dense_1: 'forward' },
    ],
    ['lstm-mnist-rows.deepwire', { input: '1x', lstm: 'lambda', dense: 't' }],
  ];
  for (const [file, map] of tricky) {
    const base = byFile(file);
    const project = { ...base, graph: { ...base.graph, nodes: renameNodes(base.graph.nodes, (n) => map[n]) } };
    const models = randomizeExportModels(loadExportModels(project)).models;
    await addVariant(
      `${file} tricky layer names`,
      project,
      models,
      base,
      randomizeExportModels(loadExportModels(base)).models,
    );
  }
}, 120_000);

interface CheckerResult {
  problems: string[];
  /** static: what the benign model.py and train_keras.py define at module level; run: torch.nn.Module's attributes. */
  names: string[];
  max_error?: number;
}

function checker(mode: 'static' | 'run', python: string, cwd: string): CheckerResult {
  const list = join(root, `checks-${mode}.json`);
  writeFileSync(list, JSON.stringify({ variants }));
  const script = `import runpy, sys, os; os.chdir(${JSON.stringify(cwd)}); sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name="__main__")`;
  return JSON.parse(runPython(python, script, [join(here, 'check_generated.py'), mode, list]));
}

/** Every file anywhere under `dir` named PWNED. */
function pwned(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.split(/[\\/]/).pop() === 'PWNED');
}

/** Minimal RFC 4180 reader: rows of cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) cell += ch;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += ch;
  }
  return rows;
}

/** The card's own images: a curve per metric (names are `[A-Za-z][A-Za-z0-9_]*`) and the GAN's samples. */
const OWN_IMAGE =
  /^!\[[A-Za-z0-9_ ]+\]\((curves\/[A-Za-z0-9_]+\.png|samples\.png)\)( \*\(untrained generator: noise\)\*)?$/;

/** Markdown outside code (fenced blocks and inline spans), and whether every fence closed. */
function outsideCode(markdown: string): { lines: string[]; closed: boolean } {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (line.startsWith(fence) && line.trim() === '`'.repeat(line.trim().length)) fence = undefined;
    } else if (/^`{3,}/.test(line)) fence = /^`+/.exec(line)![0];
    else lines.push(line.replace(/(`+).*?\1/g, '')); // inline code shows text verbatim: nothing in it is markup
  }
  return { lines, closed: fence === undefined };
}

describe('hostile project text in exports (issue #17)', () => {
  it.skipIf(!PYTHON)(
    'every generated .py compiles, imports and calls what a benign export does, and holds project text only as data',
    () => {
      const { problems, names } = checker('static', PYTHON!, root);
      expect(problems).toEqual([]);
      // A layer variable never hides a name the generated file defines (GENERATED_NAMES lists them all).
      expect(names.filter((n) => !GENERATED_NAMES.has(n))).toEqual([]);
    },
  );

  describe.skipIf(!TORCH_PYTHON)(`run with torch${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH_REASON})`}`, () => {
    it('model.py, train_lightning.py and train_keras.py run without running project text, names read back, outputs match TF.js', () => {
      const cwd = mkdtempSync(join(tmpdir(), 'deepwire-hostile-cwd-'));
      try {
        const { problems, max_error, names } = checker('run', TORCH_PYTHON!, cwd);
        expect(problems).toEqual([]);
        // No layer becomes self.<an attribute torch.nn.Module already has> (forward, training, parameters, …).
        expect(names.filter((n) => !GENERATED_NAMES.has(n) && !PY_RESERVED.has(n))).toEqual([]);
        expect(max_error).toBeLessThan(1e-4);
        expect(pwned(cwd)).toEqual([]);
        expect(pwned(root)).toEqual([]);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  });

  it('MODEL_CARD.md and README.md keep project text as plain text: no HTML, links, headings or broken code blocks', () => {
    for (const { label, project, folders } of hostileProjects) {
      const card = readFileSync(join(folders.card, 'MODEL_CARD.md'), 'utf8');
      const { lines, closed } = outsideCode(card);
      expect(closed, label).toBe(true);
      const headings = lines.filter((l) => /^\s{0,3}#/.test(l));
      const expected = [
        'Architecture',
        'Dataset',
        'Training',
        'Runs',
        'Final metrics',
        'Curves',
        ...(project.kind === 'gan' ? ['Generated samples'] : []),
        'Intended use and limitations',
      ];
      expect(headings.slice(1), label).toEqual(expected.map((h) => `## ${h}`));
      expect(headings[0], label).toMatch(/^# Model card: /);
      for (const line of lines.filter((l) => !OWN_IMAGE.test(l))) {
        expect(line, label).not.toMatch(/(^|[^\\])[<[]/);
        expect(line, label).not.toMatch(/[\0\r\u2028\u2029\u202e]/);
      }
      expect(lines.filter((l) => l.startsWith('|')).length, label).toBe(
        project.runs.length ? 2 + project.runs.length : 0,
      );
      for (const kind of KINDS) {
        const readme = outsideCode(readFileSync(join(folders[kind], 'README.md'), 'utf8'));
        expect(readme.lines.filter((l) => /^\s{0,3}#/.test(l)).length, `${label} ${kind}`).toBe(1);
        for (const line of readme.lines) expect(line, `${label} ${kind}`).not.toMatch(/(^|[^\\])<|[\0\r\u2028\u2029]/);
      }
    }
  });

  it('history.csv reads back one row per epoch, with no cell a spreadsheet formula; history.json keeps the name', () => {
    for (const { label, project, folders } of hostileProjects.filter((p) => p.project.runs.length > 0)) {
      const rows = readCsv(readFileSync(join(folders.history, 'history.csv'), 'utf8'));
      expect(rows.length, label).toBe(3);
      const id = project.runs[0].id;
      expect(
        rows.slice(1).map((r) => r[0]),
        label,
      ).toEqual([id, id].map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)));
      for (const cell of rows.flat()) expect(cell, label).not.toMatch(/^[=+\-@\t\r]/);
      expect(JSON.parse(readFileSync(join(folders.history, 'history.json'), 'utf8')).project, label).toBe(project.name);
    }
  });

  it('no PWNED marker anywhere in the exports', () => {
    expect(existsSync(root)).toBe(true);
    expect(pwned(root)).toEqual([]);
  });
});
