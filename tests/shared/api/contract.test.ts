import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  COMMANDS,
  EVENT_NAMES,
  assertCommand,
  channelOf,
  fileKindOf,
  nameOfChannel,
  parseEvent,
  parseRequest,
  settingsPatchSchema,
  defaultSettings,
} from '../../../src/shared/api/index.js';
import { DeepwireError } from '../../../src/shared/errors.js';

function problemOf(fn: () => unknown): { code: string; where?: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DeepwireError);
    const err = e as DeepwireError;
    return { code: err.code, where: err.where, message: err.detail };
  }
  throw new Error('expected a DeepwireError');
}

describe('the studio contract', () => {
  it('derives one channel per command and event, all distinct and reversible', () => {
    const channels = [...COMMAND_NAMES, ...EVENT_NAMES].map(channelOf);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channelOf('project.open')).toBe('deepwire:project.open');
    for (const name of COMMAND_NAMES) expect(nameOfChannel(channelOf(name))).toBe(name);
    expect(nameOfChannel('other:thing')).toBeNull();
  });

  it('names the offending field of a malformed request (DW601)', () => {
    const p = problemOf(() => parseRequest('project.new', { kind: 'transformer' }));
    expect(p.code).toBe('DW601');
    expect(p.where).toBe('request.kind');
    expect(p.message).toContain('project.new');
  });

  it('refuses unknown fields, so a typo never passes silently', () => {
    const p = problemOf(() => parseRequest('settings.set', { theme: 'dark', colour: 'red' }));
    expect(p.code).toBe('DW601');
  });

  it('locates errors deep inside a project graph', () => {
    const project = {
      kind: 'classifier',
      name: 'x',
      graph: {
        nodes: [{ id: 'a', name: 'dense', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: -3 } }],
        edges: [],
      },
    };
    const p = problemOf(() => parseRequest('project.save', { project, path: '/tmp/x.deepwire' }));
    expect(p.code).toBe('DW601');
    expect(p.where).toMatch(/^request\.project\.graph\.nodes\[0\]/);
  });

  it('fills defaults so handlers get complete requests', () => {
    const req = parseRequest('dataset.preview', { dataset: { source: 'mnist' } });
    expect(req.count).toBe(16);
    expect(req.dataset.validationSplit).toBe(0.1);
    expect(parseRequest('app.info', undefined)).toEqual({});
  });

  it('rejects commands outside the contract (DW602), including prototype names', () => {
    expect(problemOf(() => assertCommand('project.delete')).code).toBe('DW602');
    expect(problemOf(() => assertCommand('constructor')).code).toBe('DW602');
    expect(problemOf(() => assertCommand(42)).code).toBe('DW602');
    expect(assertCommand('project.open')).toBe('project.open');
  });

  it('validates event payloads', () => {
    expect(parseEvent('app.openPath', { path: '/a.deepwire' })).toEqual({ path: '/a.deepwire' });
    expect(problemOf(() => parseEvent('app.log', { level: 'loud', message: 'x', time: '' })).where).toBe(
      'payload.level',
    );
  });

  it('keeps settings patches partial and the defaults complete', () => {
    expect(settingsPatchSchema.parse({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(defaultSettings()).toMatchObject({ backend: 'auto', theme: 'system', autosaveSeconds: 5, recentFiles: [] });
    expect(Object.keys(COMMANDS)).toContain('settings.reset');
  });

  it('classifies files for the browser by name', () => {
    expect(fileKindOf('a.deepwire')).toBe('project');
    expect(fileKindOf('train-images-idx3-ubyte')).toBe('idx');
    expect(fileKindOf('x.JPG')).toBe('image');
    expect(fileKindOf('notes.txt')).toBe('other');
  });
});
