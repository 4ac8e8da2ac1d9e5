/**
 * Identity of the `*.deepwire` format: the marker every project file starts
 * with and the newest format version this build reads and writes.
 */
export const PROJECT_FORMAT = 'deepwire-project';

/** Bump together with a migration in migrations.ts (never edit an old version's meaning). */
export const CURRENT_VERSION = 1;

export const PROJECT_EXTENSION = '.deepwire';

/** Written into `app` of every saved file; kept equal to package.json (a test checks it). */
export const APP_NAME = 'Deepwire';
export const APP_VERSION = '0.1.0';
