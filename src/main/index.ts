/** Electron entry: everything lives in src/main/electron. */
import { startDesktop } from './electron/app.js';

startDesktop();
