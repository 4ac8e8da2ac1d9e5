import { describe, expect, it } from 'vitest';
import { ModeSchedule, type StepMode } from '../../../../src/main/engine/backend/parallel/schedule.js';

/** Drive the schedule with a fixed cost per mode; return the modes it ran. */
function drive(s: ModeSchedule, steps: number, cost: Record<StepMode, number>): StepMode[] {
  const modes: StepMode[] = [];
  for (let i = 0; i < steps; i++) {
    const m = s.next();
    modes.push(m);
    s.record(m, cost[m]);
  }
  return modes;
}

describe('data-parallel mode schedule', () => {
  it('warms up split, measures both modes alternately, then keeps the faster', () => {
    const s = new ModeSchedule({ warmup: 2, window: 3, hold: 5 });
    const modes = drive(s, 8, { split: 10, apply: 20 });
    expect(modes).toEqual(['split', 'split', 'apply', 'split', 'apply', 'split', 'apply', 'split']);
    expect(s.current).toBe('split');
    expect(drive(s, 5, { split: 10, apply: 20 })).toEqual(Array(5).fill('split'));
  });

  it('falls back to single-thread steps when splitting is slower, and measures again after the hold', () => {
    const s = new ModeSchedule({ warmup: 1, window: 2, hold: 4 });
    drive(s, 5, { split: 30, apply: 20 });
    expect(s.current).toBe('apply');
    expect(drive(s, 4, { split: 30, apply: 20 })).toEqual(Array(4).fill('apply'));
    // The machine got quiet: the next measurement switches back.
    drive(s, 4, { split: 10, apply: 20 });
    expect(s.current).toBe('split');
  });
});
