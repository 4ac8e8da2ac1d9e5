// Types for scripts/electron-install.js (plain JS: `npm start` runs it before anything is built).
export interface ElectronBinary {
  path: string | null;
  reason: string | null;
}
export interface InstallResult {
  ok: boolean;
  reason: string | null;
}
export interface InstallOptions {
  env?: NodeJS.ProcessEnv;
  timeoutS?: number;
  log?: (line: string) => void;
  everyS?: number;
}
export const INSTALL_TIMEOUT_S: number;
export function electronBinary(base?: string, env?: NodeJS.ProcessEnv): ElectronBinary;
export function lastErrorLine(output: string): string | null;
export function installElectron(base?: string, options?: InstallOptions): Promise<InstallResult>;
