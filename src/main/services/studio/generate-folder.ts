/**
 * Where "Generate dataset" writes (issue #13). The desktop asks its native
 * folder dialog. A web page has none, so it names the folder, relative to a
 * served root (or absolute inside one): the folders on the way are made with
 * the confinement helpers (no `..` out of the root: DW621; no link leading
 * out: DW615), and the path policy has the last word on writing there.
 */
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { DeepwireError, isDeepwireError } from '../../../shared/errors.js';
import { isInside, mkdirWithin } from '../../files/confine.js';
import type { PathPolicy } from './paths.js';
import type { DialogPort } from './ports.js';

const WHERE = 'request.destination';

/** The real folder to generate into; null when the desktop user cancelled the dialog. */
export async function generateDestination(
  paths: PathPolicy,
  dialogs: DialogPort | undefined,
  destination: string | undefined,
): Promise<string | null> {
  if (destination === undefined) {
    if (!dialogs) {
      const why = 'generating a dataset needs a folder in the web studio: name one inside the served folder';
      throw new DeepwireError('DW608', why, WHERE);
    }
    const picked = await dialogs.exportFolder('samples');
    if (!picked) return null;
    paths.allowFolder(picked, true);
    return paths.writable(picked, WHERE);
  }
  if (isAbsolute(destination)) return paths.writable(destination, WHERE);
  return insideARoot(paths, destination);
}

/** `relative` below the first root that may be written there, its parent folders made inside that root. */
async function insideARoot(paths: PathPolicy, relative: string): Promise<string> {
  const roots = paths.roots();
  let refusal: unknown = null;
  for (const root of roots) {
    const target = resolve(root, relative);
    if (target === root || !isInside(target, root)) continue;
    try {
      await paths.writable(target, WHERE);
      const parent = await mkdirWithin(root, dirname(target));
      return await paths.writable(join(parent, basename(target)), WHERE);
    } catch (e) {
      if (!isDeepwireError(e)) throw e;
      refusal ??= e; // a read-only root (the examples) or a link out: try the next root, report the first
    }
  }
  if (refusal) throw refusal;
  const why = `'${relative}' leaves the served folder${roots.length > 1 ? 's' : ''} (${roots.join(', ')})`;
  throw new DeepwireError('DW621', why, WHERE);
}
