import { describe, expect, it } from 'vitest';
import { ACTIONS, createActionRegistry } from '../../src/renderer/actions/index.js';
import { displayShortcut, matchesShortcut, type KeyLike } from '../../src/renderer/actions/registry.js';
import { add, freshEditor } from './helpers.js';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('action registry and shortcuts', () => {
  it('no two actions share a shortcut', () => {
    const keys = createActionRegistry()
      .all()
      .flatMap((a) => [a.shortcut, ...(a.extraShortcuts ?? [])])
      .filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('binds the editor shortcuts', () => {
    const reg = createActionRegistry();
    const bound = (k: KeyLike) => reg.forKey(k, false)?.name;
    expect(bound(key('z', { ctrlKey: true }))).toBe('undo');
    expect(bound(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(bound(key('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(bound(key('c', { ctrlKey: true }))).toBe('copy');
    expect(bound(key('v', { ctrlKey: true }))).toBe('paste');
    expect(bound(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(bound(key('Delete'))).toBe('deleteSelection');
    expect(bound(key('Backspace'))).toBe('deleteSelection');
    expect(bound(key('s', { ctrlKey: true }))).toBe('save');
    expect(bound(key('o', { ctrlKey: true }))).toBe('open');
    expect(bound(key('e', { ctrlKey: true }))).toBe('export');
    expect(bound(key('F5'))).toBe('trainStart');
    expect(bound(key('F6'))).toBe('trainPause');
    expect(bound(key('F5', { shiftKey: true }))).toBe('trainStop');
    // Shift+1 types "!" on a US keyboard: the physical digit still matches.
    expect(bound({ ...key('!', { shiftKey: true }), code: 'Digit1' })).toBe('fitView');
    expect(bound(key('x'))).toBeUndefined();
  });

  it('inside a text field only save/open fire, so typing and text undo stay native', () => {
    const reg = createActionRegistry();
    expect(reg.forKey(key('z', { ctrlKey: true }), true)).toBeUndefined();
    expect(reg.forKey(key('Delete'), true)).toBeUndefined();
    expect(reg.forKey(key('s', { ctrlKey: true }), true)?.name).toBe('save');
  });

  it('a shortcut runs its action through execute: Delete then Ctrl+Z', () => {
    const ed = freshEditor();
    const a = add(ed, 'Dense');
    const press = (k: KeyLike) => {
      const action = ed.registry.forKey(k, false);
      if (action) ed.registry.execute(action, ed.ctx, undefined, 'shortcut');
    };
    press(key('Delete'));
    expect(ed.ctx.graph.getState().doc.nodes).toHaveLength(0);
    press(key('z', { ctrlKey: true }));
    expect(ed.ctx.graph.getState().doc.nodes.map((n) => n.id)).toEqual([a]);
    press(key('Z', { ctrlKey: true, shiftKey: true }));
    expect(ed.ctx.graph.getState().doc.nodes).toHaveLength(0);
  });

  it('parses and displays chords', () => {
    expect(matchesShortcut('Mod+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut('Mod+Z', key('z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(displayShortcut('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(displayShortcut('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });

  it('undo and redo are disabled at the ends of the history', () => {
    const ed = freshEditor();
    expect(ed.registry.isEnabled(ACTIONS.undo.name, ed.ctx)).toBe(false);
    add(ed, 'Dense');
    expect(ed.registry.isEnabled(ACTIONS.undo.name, ed.ctx)).toBe(true);
    expect(ed.registry.isEnabled(ACTIONS.redo.name, ed.ctx)).toBe(false);
  });
});
