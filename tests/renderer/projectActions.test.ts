/** The editor's project actions (new, open, save, save as) against the real studio services. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { createEditor, type Editor } from '../../src/renderer/app/editor.js';
import { selectIsDirty } from '../../src/renderer/stores/graphSelectors.js';
import { followExportProgress } from '../../src/renderer/app/exportProgress.js';
import { startRealStudio, type RealStudio } from './realStudio.js';

let real: RealStudio;
beforeAll(async () => {
  real = await startRealStudio();
});
afterAll(async () => real.dispose());

const editor = (): Editor => createEditor({ client: real.client() });

describe('project actions', () => {
  it('new from template opens the example as an unsaved document with a fresh history', async () => {
    const ed = editor();
    expect(await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' })).toBe(true);
    const g = ed.ctx.graph.getState();
    expect(g.doc.nodes).toHaveLength(6);
    expect(g.report.totals.total).toBe(693_962);
    expect(g.past).toHaveLength(0);
    expect(selectIsDirty(g)).toBe(false);
    expect(ed.ctx.project.getState().path).toBeNull();
    expect(ed.ctx.ui.getState().screen).toBe('editor');
  });

  it('new empty project of a kind', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { kind: 'gan' });
    expect(ed.ctx.project.getState().kind).toBe('gan');
    expect(ed.ctx.graph.getState().projectKind).toBe('gan');
  });

  it('save as, edit, save, then open gives back the same graph and settings', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    const conv = ed.ctx.graph.getState().doc.nodes.find((n) => n.kind === 'Conv2D')!;
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: conv.id, name: 'filters', value: 16 });
    ed.ctx.project.getState().setTraining({ epochs: 3 });
    const path = real.join(real.workspace, 'cnn.deepwire');
    expect(await ed.registry.execute(ACTIONS.saveAs, ed.ctx, { path })).toBe(true);
    expect(selectIsDirty(ed.ctx.graph.getState())).toBe(false);
    expect(ed.ctx.project.getState().path).toMatch(/cnn\.deepwire$/);
    expect(JSON.parse(real.readText(path)).training.epochs).toBe(3);

    // Ctrl+S on a saved project writes to its path without asking.
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: conv.id, name: 'filters', value: 8 });
    expect(selectIsDirty(ed.ctx.graph.getState())).toBe(true);
    expect(await ed.registry.execute(ACTIONS.save, ed.ctx, undefined)).toBe(true);
    expect(ed.ctx.ui.getState().fileDialog).toBeNull();
    expect(selectIsDirty(ed.ctx.graph.getState())).toBe(false);

    const other = editor();
    expect(await other.registry.execute(ACTIONS.openProject, other.ctx, { path })).toBe(true);
    const shape = (e: Editor) =>
      e.ctx.graph.getState().doc.nodes.map((n) => [n.id, n.name, n.kind, n.params, n.position]);
    expect(shape(other)).toEqual(shape(ed));
    expect(other.ctx.graph.getState().doc.edges).toEqual(ed.ctx.graph.getState().doc.edges);
    expect(other.ctx.project.getState().training.epochs).toBe(3);
  });

  it('save as names an untitled project after its file', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { kind: 'classifier' });
    expect(ed.ctx.project.getState().name).toMatch(/^Untitled/);
    await ed.registry.execute(ACTIONS.saveAs, ed.ctx, { path: real.join(real.workspace, 'my-net.deepwire') });
    expect(ed.ctx.project.getState().name).toBe('my-net');
    expect(JSON.parse(real.readText(real.join(real.workspace, 'my-net.deepwire'))).name).toBe('my-net');
  });

  it('in the web studio, save and open without a path show the file dialog', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { kind: 'classifier' });
    expect(await ed.registry.execute(ACTIONS.save, ed.ctx, undefined)).toBe(false);
    expect(ed.ctx.ui.getState().fileDialog).toBe('save');
    expect(await ed.registry.execute(ACTIONS.openProject, ed.ctx, undefined)).toBe(false);
    expect(ed.ctx.ui.getState().fileDialog).toBe('open');
  });

  it('an unreadable file gives a numbered notice and the open document stays', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    const before = ed.ctx.graph.getState().doc;
    expect(
      await ed.registry.execute(ACTIONS.openProject, ed.ctx, { path: real.join(real.workspace, 'missing.deepwire') }),
    ).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/DW\d{3}/);
    expect(ed.ctx.graph.getState().doc).toBe(before);
  });
});

describe('export', () => {
  it('without a payload opens the export dialog', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    expect(await ed.registry.execute(ACTIONS.exportModel, ed.ctx, undefined)).toBe(false);
    expect(ed.ctx.ui.getState().exportDialog).toBe(true);
  });

  it('shows the export’s progress from the engine while it runs, and clears it when done', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    const off = followExportProgress(ed.ctx.client!, ed.ctx.ui);
    const seen: string[] = [];
    const unsubscribe = ed.ctx.ui.subscribe((s) => {
      if (s.exportProgress) seen.push(`${s.exportProgress.fraction} ${s.exportProgress.message}`);
    });
    const destination = real.join(real.workspace, 'progress-onnx');
    expect(await ed.registry.execute(ACTIONS.exportModel, ed.ctx, { format: 'onnx', destination })).toBe(true);
    unsubscribe();
    off();
    expect(seen[0]).toBe('0 starting');
    expect(seen).toContain('1 done');
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(ed.ctx.ui.getState().exportProgress).toBeNull();
  });

  it('exports an untrained model with its initial weights and says so; closes the dialog', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    ed.ctx.ui.getState().setExportDialog(true);
    const destination = real.join(real.workspace, 'cnn-tfjs');
    expect(await ed.registry.execute(ACTIONS.exportModel, ed.ctx, { format: 'tfjs', destination })).toBe(true);
    expect(JSON.parse(real.readText(real.join(destination, 'model.json'))).modelTopology).toBeDefined();
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/untrained|initial/i);
    expect(ed.ctx.ui.getState().exportDialog).toBe(false);
  });

  it('a format that does not fit the project gives a numbered notice and the dialog stays open', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    ed.ctx.ui.getState().setExportDialog(true);
    expect(
      await ed.registry.execute(ACTIONS.exportModel, ed.ctx, {
        format: 'samples',
        destination: real.join(real.workspace, 'samples'),
      }),
    ).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/DW7\d\d/);
    expect(ed.ctx.ui.getState().exportDialog).toBe(true);
  });
});

describe('dataset sample shape', () => {
  it('a template on a built-in dataset is checked against its sample shape from the start', async () => {
    const ed = editor();
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    await expect.poll(() => ed.ctx.graph.getState().sampleShape).toEqual([28, 28, 1]);
    expect(ed.ctx.graph.getState().report.ok).toBe(true);
    // An Input that no longer fits MNIST gets DW108.
    const input = ed.ctx.graph.getState().doc.nodes.find((n) => n.kind === 'Input')!;
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: input.id, name: 'shape', value: [32, 32, 1] });
    expect(ed.ctx.graph.getState().report.diagnostics.map((d) => d.code)).toContain('DW108');
  });
});
