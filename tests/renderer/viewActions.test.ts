import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { add, buildSourceCnn, freshEditor, wire } from './helpers.js';

describe('view actions', () => {
  it('autoLayout puts every layer below its input, in one undo step; undo/redo', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    // Scramble the positions first, as a user dragging things around would.
    ed.registry.execute(ACTIONS.moveNodes, ed.ctx, {
      positions: Object.fromEntries(Object.values(ids).map((id, i) => [id, { x: (i * 137) % 400, y: 600 - i * 90 }])),
    });
    const scrambled = ed.ctx.graph.getState().doc;
    const steps = ed.ctx.graph.getState().past.length;
    ed.registry.execute(ACTIONS.autoLayout, ed.ctx, undefined);
    const g = ed.ctx.graph.getState();
    expect(g.past.length).toBe(steps + 1);
    const y = (id: string) => g.doc.nodes.find((n) => n.id === id)!.position.y;
    for (const e of g.doc.edges) expect(y(e.target)).toBeGreaterThan(y(e.source));
    expect(ed.ctx.ui.getState().fitRequest).toBeGreaterThan(0);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(ed.ctx.graph.getState().doc).toBe(scrambled);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(ed.ctx.graph.getState().doc.nodes.map((n) => n.position)).toEqual(g.doc.nodes.map((n) => n.position));
  });

  it('autoLayout frames a GAN as two blocks: generator and discriminator side by side', () => {
    const ed = freshEditor();
    const noise = add(ed, 'Noise');
    const g1 = add(ed, 'Dense');
    const input = add(ed, 'Input');
    const flat = add(ed, 'Flatten');
    const d1 = add(ed, 'Dense');
    ed.registry.execute(ACTIONS.setGroup, ed.ctx, { nodeIds: [noise, g1], group: 'generator' });
    ed.registry.execute(ACTIONS.setGroup, ed.ctx, { nodeIds: [input, flat, d1], group: 'discriminator' });
    wire(ed, noise, g1);
    wire(ed, input, flat);
    wire(ed, flat, d1);
    ed.registry.execute(ACTIONS.autoLayout, ed.ctx, undefined);
    const doc = ed.ctx.graph.getState().doc;
    const right = (ids: string[]) =>
      Math.max(...doc.nodes.filter((n) => ids.includes(n.id)).map((n) => n.position.x + 220));
    const left = (ids: string[]) => Math.min(...doc.nodes.filter((n) => ids.includes(n.id)).map((n) => n.position.x));
    expect(left([input, flat, d1])).toBeGreaterThan(right([noise, g1]));
  });

  it('fitView asks the canvas to fit (or the mounted view port to fit now)', () => {
    const ed = freshEditor();
    ed.registry.execute(ACTIONS.fitView, ed.ctx, undefined);
    expect(ed.ctx.ui.getState().fitRequest).toBe(1);
    let fitted = 0;
    ed.ctx.view = { fitView: () => (fitted += 1), center: () => ({ x: 0, y: 0 }) };
    ed.registry.execute(ACTIONS.fitView, ed.ctx, undefined);
    expect(fitted).toBe(1);
  });

  it('settings opens the settings dialog', () => {
    const ed = freshEditor();
    ed.registry.execute(ACTIONS.openSettings, ed.ctx, undefined);
    expect(ed.ctx.ui.getState().settingsDialog).toBe(true);
  });

  it('toggleTheme switches between dark and light', () => {
    const ed = freshEditor();
    expect(ed.ctx.ui.getState().theme).toBe('dark');
    ed.registry.execute(ACTIONS.toggleTheme, ed.ctx, undefined);
    expect(ed.ctx.ui.getState().theme).toBe('light');
    ed.registry.execute(ACTIONS.toggleTheme, ed.ctx, undefined);
    expect(ed.ctx.ui.getState().theme).toBe('dark');
  });
});
