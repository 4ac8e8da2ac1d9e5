/** DW2xx — project files: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const PROJECT_ERRORS = {
  DW201: {
    title: 'Not a Deepwire project file',
    fix: 'Open a .deepwire file saved by Deepwire, or import Keras/TF.js JSON instead.',
  },
  DW202: {
    title: 'Project file is not valid JSON',
    fix: 'The file is damaged: restore it from the recovery area or a backup.',
  },
  DW203: {
    title: 'Project file does not match the format',
    fix: 'Correct or remove the value at the named path; the format is described in docs/project-format.md.',
  },
  DW204: { title: 'Project saved by a newer Deepwire', fix: 'Update Deepwire to open this file; it was not changed.' },
  DW205: { title: 'Project file could not be read', fix: 'Check that the file exists and that you may read it.' },
  DW206: {
    title: 'Project file could not be written',
    fix: 'Check free disk space and write permission for the folder; your document is still open and unchanged.',
  },
  DW207: {
    title: 'Stored weights are damaged',
    fix: 'The weights do not match the model; retrain, or restore the file from a backup.',
  },
  DW208: {
    title: 'Project file is locked by another save',
    fix: 'Another Deepwire process is saving this project: try again in a moment. If the named process is no longer running, delete the named .lock file.',
  },
  DW209: {
    title: 'Project changed on disk and in the studio',
    fix: 'The model was changed both in this window and in the file: Save As to keep your version in a new file, or reopen the project to take the version on disk.',
  },
  DW210: {
    title: 'Weights not stored: the model changed during training',
    fix: 'The run record was added to the project; the trained weights were saved with the graph they fit in the named side file: open it to use them, or retrain.',
  },
  DW211: {
    title: 'Project lock could not be taken',
    fix: "Check write permission for the project's folder: Deepwire writes a short-lived <project>.lock file beside the project while saving.",
  },
  DW212: {
    title: 'Project file nested too deeply',
    fix: 'No project nests values that deep (the limit is 64 levels): the file is damaged or not a project; restore it from the recovery area or a backup.',
  },
  DW220: {
    title: 'No such run',
    fix: 'Name a run by its number or the start of its id, as `deepwire runs <project>` lists them.',
  },
  DW221: {
    title: 'Nothing stored to restore',
    fix: "Only runs recorded with their graph (this version on) can be restored once the model changed; rebuild the model by hand from the run's settings.",
  },
} as const satisfies Record<`DW2${string}`, ErrorEntry>;
