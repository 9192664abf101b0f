// loadModel across threads: domain files are loaded by worker threads and by the main thread at
// once, then assembled in the main thread by the same code as loadModel (assembleModel), so the
// model and diagnostics are identical to a single-threaded load (test/perf checks this).
//
// Work is handed out one file at a time from a shared queue: a worker that is still starting (a
// thread, tsx and the yaml library cost ~100 ms or more) simply takes fewer files, and a worker
// that fails (tsx missing, out of memory) gives its file back to the queue. Whatever happens, the
// main thread finishes the queue itself, so the result never depends on the workers.
import { Worker } from 'node:worker_threads';
import { assembleModel, loadContextFile, type ContextFileResult, type LoadOptions } from '../model/load.js';
import { isLayoutFile } from '../model/layout.js';
import type { LoadResult, SourceFile } from '../model/types.js';
import type { ContextFileJob, WorkerMessage } from './load-worker-protocol.js';

const WORKER_ENTRY = new URL('./load-worker.cjs', import.meta.url);
/**
 * Parsing YAML allocates many short-lived objects; a larger young generation means fewer
 * scavenges. 192 MB is V8's young generation for a 64 MB semi-space: loading 500 synthetic
 * aggregates with `--max-semi-space-size=64` took ~13% less CPU (1025 -> 895 ms, 3 runs each).
 */
const YOUNG_GENERATION_MB = 192;

export interface ParallelLoadOptions extends LoadOptions {
  /** Worker threads to start besides the main thread. */
  workers: number;
  /**
   * Whether the main thread takes files from the queue too (default true). False leaves every
   * file to the workers while they live (tests use it to prove the worker road is taken).
   */
  mainThreadLoads?: boolean;
}

export interface ParallelLoadResult {
  loaded: LoadResult;
  /** How many domain files worker threads loaded (the rest were loaded in this thread). */
  loadedByWorkers: number;
}

export async function loadModelInParallel(files: readonly SourceFile[], options: ParallelLoadOptions): Promise<ParallelLoadResult> {
  const { workers: workerCount, mainThreadLoads = true, ...loadOptions } = options;
  const domain = files.filter((f) => !isLayoutFile(f.path));
  const paths = new Set(domain.map((f) => f.path));
  // Results are matched to files by path; odd inputs (duplicate paths) take the plain road.
  if (workerCount < 1 || domain.length < (mainThreadLoads ? 2 : 1) || paths.size !== domain.length) {
    return { loaded: assembleModel(files, (f) => loadContextFile(f, loadOptions), loadOptions), loadedByWorkers: 0 };
  }

  // Largest files first, so that the last file handed out is a small one (even finish).
  const queue = [...domain].sort((a, b) => sizeOf(b) - sizeOf(a) || (a.path < b.path ? -1 : 1));
  const results = new Map<string, ContextFileResult>();
  const pool = new WorkerPool(Math.min(workerCount, mainThreadLoads ? domain.length - 1 : domain.length), loadOptions, queue, results);
  try {
    if (!mainThreadLoads) await pool.drain();
    while (queue.length > 0) {
      const file = queue.shift()!;
      results.set(file.path, loadContextFile(file, loadOptions));
      // Let worker messages in between files, so idle workers get their next file.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await pool.drain();
    // A worker that died after the queue ran dry gave its file back: finish it here.
    for (const file of queue.splice(0)) results.set(file.path, loadContextFile(file, loadOptions));
  } finally {
    await pool.close();
  }
  return { loaded: assembleModel(files, (f) => results.get(f.path) ?? loadContextFile(f, loadOptions), loadOptions), loadedByWorkers: pool.loaded };
}

/** Bytes to parse, for ordering the queue. */
const sizeOf = (f: SourceFile): number => f.bytes?.length ?? f.text.length;

/** Strips `text` when `bytes` is present: the loader decodes the bytes and ignores the text. */
const jobOf = (file: SourceFile): ContextFileJob => ({ file: file.bytes ? { path: file.path, text: '', bytes: file.bytes } : file });

class WorkerPool {
  private readonly workers = new Set<Worker>();
  /** The file each busy worker is loading. */
  private readonly busy = new Map<Worker, SourceFile>();
  private idle?: () => void;
  /** Files the workers have loaded. */
  loaded = 0;

  constructor(
    count: number,
    options: LoadOptions,
    private readonly queue: SourceFile[],
    private readonly results: Map<string, ContextFileResult>,
  ) {
    for (let i = 0; i < count; i++) this.start(options);
  }

  private start(options: LoadOptions): void {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_ENTRY, { workerData: { options }, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch {
      return; // no worker: the main thread does the work
    }
    this.workers.add(worker);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'result') {
        this.results.set(message.path, message.result);
        this.loaded++;
        this.busy.delete(worker);
      }
      this.feed(worker);
    });
    const gone = (): void => {
      const file = this.busy.get(worker);
      if (file) this.queue.unshift(file);
      this.busy.delete(worker);
      this.workers.delete(worker);
      // A returned file goes to a live worker that sits idle (it found the queue empty).
      if (file) for (const other of this.workers) if (!this.busy.has(other)) return this.feed(other);
      this.settle();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  private feed(worker: Worker): void {
    const file = this.queue.shift();
    if (!file) {
      this.settle();
      return;
    }
    this.busy.set(worker, file);
    worker.postMessage(jobOf(file));
  }

  private settle(): void {
    if (this.done()) this.idle?.();
  }

  /** Resolves once no worker holds a file and the queue is empty or no worker is left. */
  drain(): Promise<void> {
    if (this.done()) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  private done(): boolean {
    return this.busy.size === 0 && (this.queue.length === 0 || this.workers.size === 0);
  }

  async close(): Promise<void> {
    const all = [...this.workers];
    this.workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}
