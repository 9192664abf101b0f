// Body of a model-loading worker thread (started through load-worker.cjs): loads the domain
// files the main thread sends, one message per file, with the same pure per-file step that
// loadModel uses, and posts each result back. Structured clone carries the plain-data result.
import { parentPort } from 'node:worker_threads';
import { loadContextFile } from '../model/load.js';
import type { ContextFileJob, WorkerMessage } from './load-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread only');

port.on('message', (job: ContextFileJob) => {
  const message: WorkerMessage = { kind: 'result', path: job.file.path, result: loadContextFile(job.file, job.options) };
  port.postMessage(message);
});
const ready: WorkerMessage = { kind: 'ready' };
port.postMessage(ready);
