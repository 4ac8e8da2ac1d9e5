/**
 * The long-lived engine worker's entry (issue #18): started by the engine
 * host (host.ts) as a worker thread, it serves engine requests on its parent
 * port until the studio ends it. It serves only when marked as the engine's
 * worker in workerData, so importing this module elsewhere grabs no port.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ENGINE_SERVICE_ROLE } from '../../../shared/api/engine.js';
import { serveEngineRequests } from './serve.js';

if (parentPort && (workerData as { role?: string } | null)?.role === ENGINE_SERVICE_ROLE)
  serveEngineRequests(parentPort);
