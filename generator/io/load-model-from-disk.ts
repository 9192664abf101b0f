// The one way Node-side commands load a model: read the files (read-model.ts), then load them,
// on worker threads when the model is big enough and a core is free to pay for them
// (parallel-load.ts), else in this thread. Both roads give the identical LoadResult.
import { availableParallelism, loadavg } from 'node:os';
import { assembleModel, loadContextFile, loadModel, type ContextFileResult, type LoadOptions } from '../model/load.js';
import { isLayoutFile } from '../model/layout.js';
import type { LoadResult, SourceFile } from '../model/types.js';
import { closeLoaderWorkers, loadContextFilesInParallel, loadModelInParallel } from './parallel-load.js';
import { readModel, type ModelOnDisk, type ReadModelOptions } from './read-model.js';

/**
 * Below this many bytes of domain files a worker thread costs more than it can save. Measured on
 * the project machine (2 cores, never idle: load average 5-9 during the measurements): a worker
 * is ready to load ~180 ms after it is started and then parses cold (JIT not warmed up), while
 * this thread loads ~1 KB of model per ms once warm; a one-shot `stormsmith validate` of 500
 * aggregates (1.4 MB) was not faster with a worker at that load. 512 KB (~170 aggregates) is a
 * conservative floor; the idle-core check below decides the rest.
 */
export const PARALLEL_MIN_BYTES = 512 * 1024;

/** Environment variable that fixes the number of loader worker threads (0 = never). */
export const WORKERS_ENV = 'STORMSMITH_LOAD_WORKERS';

export interface LoadFromDiskOptions extends ReadModelOptions, LoadOptions {
  /** Worker threads for loading; by default chosen from the model size and the free cores. */
  workers?: number;
  /**
   * Keep the loader workers for the next load (a long-running process such as the studio or a
   * benchmark: warm workers parse much faster than fresh ones). Default false: they end after
   * this load, so a one-shot command exits at once. closeLoaderWorkers() ends kept workers.
   */
  keepWorkers?: boolean;
  /**
   * Loaded files from an earlier run (the plan cache of the output folder keeps them, keyed on
   * each file's bytes): files found there are not parsed, the others are parsed in this thread
   * and handed to `store`.
   */
  contextCache?: ContextCache;
}

export interface ContextCache {
  loadedContext(file: SourceFile): ContextFileResult | undefined;
  storeLoadedContext(file: SourceFile, result: ContextFileResult): void;
}

export interface ModelLoadedFromDisk extends ModelOnDisk {
  loaded: LoadResult;
}

/** Reads and loads a model folder or file. Throws ModelReadError like readModel. */
export async function loadModelFromDisk(target: string, options: LoadFromDiskOptions = {}): Promise<ModelLoadedFromDisk> {
  const { maxBytes } = options;
  return loadModelRead(await readModel(target, maxBytes === undefined ? {} : { maxBytes }), options);
}

/** Loads model files already read (readModel): a pipeline that needs the bytes first reads them once. */
export async function loadModelRead(onDisk: ModelOnDisk, options: LoadFromDiskOptions = {}): Promise<ModelLoadedFromDisk> {
  const { workers, keepWorkers = false, maxBytes, contextCache, ...rest } = options;
  const loadOptions: LoadOptions = maxBytes === undefined ? rest : { ...rest, maxBytes };
  if (contextCache) {
    // Files the cache answers are not parsed; the others are parsed as a load without a cache
    // would parse them: on workers when they are many and a core is idle (a cold cache), else here.
    const cached = new Map<SourceFile, ContextFileResult>();
    const misses: SourceFile[] = [];
    for (const file of onDisk.files) {
      if (isLayoutFile(file.path)) continue;
      const hit = contextCache.loadedContext(file);
      if (hit) cached.set(file, hit);
      else misses.push(file);
    }
    const count = misses.length < 2 ? 0 : (workers ?? workersFromEnv() ?? autoWorkers(misses));
    let parsed = new Map<string, ContextFileResult>();
    if (count > 0) {
      try {
        parsed = await loadContextFilesInParallel(misses, count, loadOptions);
      } finally {
        if (!keepWorkers) await closeLoaderWorkers();
      }
    }
    const contextFile = (file: SourceFile): ContextFileResult => {
      const hit = cached.get(file);
      if (hit) return hit;
      const result = parsed.get(file.path) ?? loadContextFile(file, loadOptions);
      contextCache.storeLoadedContext(file, result);
      return result;
    };
    return { ...onDisk, loaded: assembleModel(onDisk.files, contextFile, loadOptions) };
  }
  const count = workers ?? workersFromEnv() ?? autoWorkers(onDisk.files);
  let loaded: LoadResult;
  if (count > 0) {
    try {
      loaded = (await loadModelInParallel(onDisk.files, { ...loadOptions, workers: count })).loaded;
    } finally {
      if (!keepWorkers) await closeLoaderWorkers();
    }
  } else loaded = loadModel(onDisk.files, loadOptions);
  return { ...onDisk, loaded };
}

function workersFromEnv(): number | undefined {
  const raw = process.env[WORKERS_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Workers only pay when the model is large and a core is idle: on a machine already busy with
 * other processes a worker competes with this thread for the same core, and its start-up is
 * pure overhead (measured: no faster than one thread at a load average of ~6 on 2 cores).
 * The load average counts this process too (at least 1 while it runs): idle cores are
 * `cores - max(1, load)`. Layout sidecars are loaded in this thread and do not count.
 */
export function autoWorkers(files: readonly SourceFile[], cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  let bytes = 0;
  for (const f of files) if (!isLayoutFile(f.path)) bytes += f.bytes?.length ?? f.text.length;
  if (bytes < PARALLEL_MIN_BYTES) return 0;
  const idle = Math.floor(cores - Math.max(1, load));
  return Math.max(0, Math.min(cores - 1, idle));
}
