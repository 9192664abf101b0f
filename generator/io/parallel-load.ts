// loadModel across threads: domain files are loaded by worker threads and by the main thread at
// once, then assembled in the main thread by the same code as loadModel (assembleModel), so the
// model and diagnostics are identical to a single-threaded load (test/perf checks this).
//
// Work is handed out one file at a time from a shared queue: a worker that is still starting (a
// thread, tsx and the yaml library cost ~200 ms) simply takes fewer files, and a worker that
// fails (tsx missing, out of memory) gives its file back to the queue. Whatever happens, the
// main thread finishes the queue itself, so the result never depends on the workers.
//
// The workers outlive one load, until closeLoaderWorkers() or IDLE_MS without work: a fresh
// worker runs the yaml parser cold (not yet optimised by the JIT), which costs more than the
// parallelism gains, so a long-running process (studio, benchmark) keeps them warm. A one-shot
// command closes them after its load (loadModelFromDisk does): unref'd workers alone did not
// let the CLI process exit.
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
/** Idle workers end after this long. */
const IDLE_MS = 30_000;

export interface ParallelLoadOptions extends LoadOptions {
  /** Worker threads to use besides the main thread. */
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
  const pool = (sharedPool ??= new WorkerPool());
  const { results, loadedByWorkers } = await pool.run(domain, Math.min(workerCount, mainThreadLoads ? domain.length - 1 : domain.length), loadOptions, mainThreadLoads);
  return { loaded: assembleModel(files, (f) => results.get(f.path) ?? loadContextFile(f, loadOptions), loadOptions), loadedByWorkers };
}

/**
 * Loads domain files on `workers` worker threads and this thread, and returns each file's
 * result by path (empty when workers cannot be used: fewer than two files, duplicate paths).
 * For a caller that assembles the model itself (a load cache answers the other files).
 */
export async function loadContextFilesInParallel(domain: readonly SourceFile[], workers: number, loadOptions: LoadOptions): Promise<Map<string, ContextFileResult>> {
  if (workers < 1 || domain.length < 2 || new Set(domain.map((f) => f.path)).size !== domain.length) return new Map();
  const pool = (sharedPool ??= new WorkerPool());
  return (await pool.run([...domain], Math.min(workers, domain.length - 1), loadOptions, true)).results;
}

/** Ends the loader workers now (tests; a process that wants to exit at once). */
export async function closeLoaderWorkers(): Promise<void> {
  const pool = sharedPool;
  sharedPool = undefined;
  await pool?.close();
}

let sharedPool: WorkerPool | undefined;

/** Bytes to parse, for ordering the queue. */
const sizeOf = (f: SourceFile): number => f.bytes?.length ?? f.text.length;

/** One load: its queue of files and what came back. */
interface Session {
  queue: SourceFile[];
  results: Map<string, ContextFileResult>;
  options: LoadOptions;
  loadedByWorkers: number;
}

class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly ready = new Set<Worker>();
  /** The file each busy worker is loading. */
  private readonly busy = new Map<Worker, SourceFile>();
  private session?: Session;
  private idle?: () => void;
  /** Loads run one after another (the studio may ask again while a load runs). */
  private tail: Promise<unknown> = Promise.resolve();
  private idleTimer?: NodeJS.Timeout;

  run(domain: SourceFile[], workers: number, options: LoadOptions, mainThreadLoads: boolean): Promise<Session> {
    const next = this.tail.then(() => this.runNow(domain, workers, options, mainThreadLoads));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async runNow(domain: SourceFile[], workers: number, options: LoadOptions, mainThreadLoads: boolean): Promise<Session> {
    clearTimeout(this.idleTimer);
    // Largest files first, so that the last file handed out is a small one (even finish).
    const queue = [...domain].sort((a, b) => sizeOf(b) - sizeOf(a) || (a.path < b.path ? -1 : 1));
    const session: Session = { queue, results: new Map(), options, loadedByWorkers: 0 };
    this.session = session;
    while (this.workers.size < workers && this.start()) {
      // started one more
    }
    for (const worker of this.ready) this.feed(worker);
    try {
      if (!mainThreadLoads) await this.drain();
      while (queue.length > 0) {
        const file = queue.shift()!;
        session.results.set(file.path, loadContextFile(file, options));
        // Let worker messages in between files, so idle workers get their next file.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await this.drain();
      // A worker that died after the queue ran dry gave its file back: finish it here.
      for (const file of queue.splice(0)) session.results.set(file.path, loadContextFile(file, options));
    } finally {
      this.session = undefined;
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS).unref();
    }
    return session;
  }

  /** Starts one worker; false when that is not possible here. */
  private start(): boolean {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch {
      return false; // no worker: the main thread does the work
    }
    worker.unref();
    this.workers.add(worker);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') this.ready.add(worker);
      else {
        const file = this.busy.get(worker);
        this.busy.delete(worker);
        if (this.session && file?.path === message.path) {
          this.session.results.set(message.path, message.result);
          this.session.loadedByWorkers++;
        }
      }
      this.feed(worker);
    });
    const gone = (): void => {
      const file = this.busy.get(worker);
      this.busy.delete(worker);
      this.workers.delete(worker);
      this.ready.delete(worker);
      if (file && this.session) {
        this.session.queue.unshift(file);
        // A returned file goes to a live worker that sits idle (it found the queue empty).
        for (const other of this.ready) if (!this.busy.has(other)) return this.feed(other);
      }
      this.settle();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    return true;
  }

  private feed(worker: Worker): void {
    if (this.busy.has(worker)) return;
    const session = this.session;
    const file = session?.queue.shift();
    if (!session || !file) {
      this.settle();
      return;
    }
    this.busy.set(worker, file);
    // The loader decodes `bytes` when present and ignores `text`: send only one of them.
    const job: ContextFileJob = { file: file.bytes ? { path: file.path, text: '', bytes: file.bytes } : file, options: session.options };
    worker.postMessage(job);
  }

  private settle(): void {
    if (this.done()) this.idle?.();
  }

  private done(): boolean {
    return this.busy.size === 0 && ((this.session?.queue.length ?? 0) === 0 || this.workers.size === 0);
  }

  /** Resolves once no worker holds a file and the queue is empty or no worker is left. */
  private drain(): Promise<void> {
    if (this.done()) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    if (sharedPool === this) sharedPool = undefined;
    const all = [...this.workers];
    this.workers.clear();
    this.ready.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}
