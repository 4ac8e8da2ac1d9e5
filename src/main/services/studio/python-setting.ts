/**
 * `settings.choosePython`: the Python of the PyTorch backend is a program
 * Deepwire runs, so only a native file dialog on the desktop may name it (a
 * person at this machine picked it). The web studio has no dialogs and
 * refuses with DW620; `settings.set` never takes the field. The pick must run
 * and import torch and NumPy (findPython's DW522/DW523/DW526 otherwise), so a
 * wrong file is caught when it is chosen, not at the next run.
 */
import { isAbsolute } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { findPython } from '../../engine/pytorch/python.js';
import type { StudioDeps, StudioHandlers } from './types.js';

export function pythonSettingHandlers(deps: StudioDeps): Pick<StudioHandlers, 'settings.choosePython'> {
  return {
    'settings.choosePython': async ({ useDefault }) => {
      const pick = deps.dialogs?.pickPython;
      if (!pick) {
        const why = `the ${deps.transport} studio has no native file dialog, and no page may name a program to run`;
        throw new DeepwireError('DW620', why, 'settings.pythonPath');
      }
      if (useDefault) return deps.settings.setPythonPath(null);
      const picked = await pick();
      if (!picked) return null;
      if (!isAbsolute(picked))
        throw new DeepwireError('DW522', `'${picked}' is not an absolute path`, 'settings.pythonPath');
      await findPython(picked);
      return deps.settings.setPythonPath(picked);
    },
  };
}
