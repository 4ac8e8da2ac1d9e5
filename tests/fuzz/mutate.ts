/**
 * Seeded mutations of JSON documents for the fuzz tests: structural edits
 * (delete, rename, duplicate, swap), hostile values (huge numbers, NaN and
 * Infinity strings, long strings, prototype names, deep nesting) and text
 * damage (byte flips, truncation). The same seed gives the same cases.
 */
import { seededRandom } from '../../src/shared/random.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Placeholders replaced in the text, for values JSON.stringify cannot write. */
const DEEP = '"@@DEEP@@"';
const HUGE_EXPONENT = '"@@1e999@@"';
const NEGATIVE_ZERO = '"@@-0@@"';

const PROTO_NAMES = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf'];

const HOSTILE_VALUES: readonly (() => Json)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 0.5,
  () => 1e308,
  () => -1e308,
  () => 2 ** 53 + 1,
  () => 4294967297,
  () => 'NaN',
  () => 'Infinity',
  () => '-Infinity',
  () => '',
  () => 'x'.repeat(200_000),
  () => [],
  () => ({}),
  () => [1, 2, 3],
  () => [-1, 0],
  () => ({ a: 1 }),
  () => 'toString',
  () => '__proto__',
  () => DEEP.slice(1, -1),
  () => HUGE_EXPONENT.slice(1, -1),
  () => NEGATIVE_ZERO.slice(1, -1),
];

interface Slot {
  parent: Container;
  key: string | number;
}

/** Every value in the document with the container holding it (iterative: documents can be long). */
export function slots(doc: Json): Slot[] {
  const out: Slot[] = [];
  const stack: Json[] = [doc];
  while (stack.length) {
    const v = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        out.push({ parent: v, key: i });
        stack.push(item);
      });
    } else {
      for (const key of Object.keys(v)) {
        out.push({ parent: v, key });
        stack.push(v[key]);
      }
    }
  }
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key];
const set = (s: Slot, v: Json) => ((s.parent as Record<string | number, Json>)[s.key] = v);
const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

function renameKey(obj: { [key: string]: Json }, from: string, to: string): void {
  // Rebuild so the key keeps its place; defineProperty makes "__proto__" an own key, as JSON.parse would.
  const entries = Object.entries(obj);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries)
    Object.defineProperty(obj, k === from ? to : k, { value: v, enumerable: true, writable: true, configurable: true });
}

function typo(key: string, r: Rng): string {
  if (r.chance(0.2)) return r.pick(PROTO_NAMES);
  const i = r.int(key.length + 1);
  return r.chance(0.5) ? key.slice(0, i) + 'z' + key.slice(i) : key.slice(0, Math.max(0, i - 1)) + key.slice(i);
}

/** One structural or value mutation, in place; returns its name for the tally. */
export function mutateValue(doc: Json, r: Rng): string {
  const all = slots(doc);
  if (all.length === 0) return 'none';
  const s = r.pick(all);
  const v = get(s);
  switch (r.int(8)) {
    case 0:
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      return 'delete';
    case 1:
      if (Array.isArray(s.parent)) break;
      renameKey(s.parent, s.key as string, typo(s.key as string, r));
      return 'rename';
    case 2:
      if (!Array.isArray(s.parent)) break;
      s.parent.splice(s.key as number, 0, clone(v));
      return 'duplicate';
    case 3:
      if (!Array.isArray(s.parent) || s.parent.length < 2) break;
      {
        const j = r.int(s.parent.length);
        [s.parent[s.key as number], s.parent[j]] = [s.parent[j], s.parent[s.key as number]];
      }
      return 'swap';
    case 4:
      if (typeof v !== 'number') break;
      set(s, r.pick([v * 1000, -v, v + 0.5, 0, v * 1e9, Math.round(v) + 1]));
      return 'perturb';
    case 5:
      if (typeof v !== 'string') break;
      set(s, r.pick([v + 'x', v.slice(1), v.toUpperCase(), 'missing', '']));
      return 'string-edit';
    default:
      break;
  }
  set(s, r.pick(HOSTILE_VALUES)());
  return 'hostile-value';
}

/** The document as text, placeholders expanded (deep nesting between 100 and 100,000 levels). */
export function toText(doc: Json, r: Rng): string {
  const depth = r.pick([100, 1_000, 100_000]);
  return JSON.stringify(doc, null, r.chance(0.5) ? 2 : undefined)
    .replaceAll(DEEP, () => '['.repeat(depth) + ']'.repeat(depth))
    .replaceAll(HUGE_EXPONENT, '1e999')
    .replaceAll(NEGATIVE_ZERO, '-0');
}

/** Text damage: byte flips, truncation, a stray character. */
export function mutateText(text: string, r: Rng): { text: string; op: string } {
  switch (r.int(3)) {
    case 0: {
      const chars = [...text];
      for (let k = 1 + r.int(4); k > 0; k--) chars[r.int(chars.length)] = String.fromCharCode(r.int(128));
      return { text: chars.join(''), op: 'byte-flip' };
    }
    case 1:
      return { text: text.slice(0, r.int(text.length)), op: 'truncate' };
    default: {
      const i = r.int(text.length);
      return {
        text: text.slice(0, i) + r.pick(['{', '}', '[', ']', ',', '"', '\\', '\u0000', '\ufeff']) + text.slice(i),
        op: 'insert-char',
      };
    }
  }
}

/** `count` → "count (share%)", for the printed tally. */
export function tally(counts: Map<string, number>, total: number): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n} (${((100 * n) / total).toFixed(1)}%)`)
    .join(', ');
}
