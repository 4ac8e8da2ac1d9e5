/** `deepwire doctor` — being built; see the open issues. */
import { DeepwireError } from '../../shared/errors.js';
import type { CliIo } from './io.js';

export async function run(_args: string[], _io: CliIo): Promise<number> {
  throw new DeepwireError('DW801', "'doctor' is not available yet in this build");
}
