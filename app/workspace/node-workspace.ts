// The WorkspaceApi over a real folder, shared by both shells (studio over HTTP, Electron over
// IPC). Everything a renderer sends is untrusted: paths go through resolveModelPath, writes are
// atomic and guarded by the content hash the renderer last saw, and only one process per folder
// may write (the others open it read-only).

import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  BoardSnapshot,
  GenerationPreview,
  ModelComparison,
  ModelFileContent,
  ModelFileInfo,
  WorkspaceApi,
  WorkspaceChange,
  WorkspaceInfo,
  WriteResult,
} from '../shared/workspace-api.js';
import { sweepStaleTemps, writeFileAtomic } from './atomic-write.js';
import { BoardLoader } from './board-loader.js';
import { compareFolderWithRef } from './compare-with-ref.js';
import { contentHash } from './content-hash.js';
import { WorkspaceError } from './errors.js';
import { FolderWatcher, type FolderWatcherOptions } from './folder-watcher.js';
import { unavailableEngine, type GenerationEngine } from './generation-engine.js';
import { resolveModelPath } from './model-path.js';
import { scanModels } from './scan-models.js';
import { acquireWriterLock, type WriterLock } from './writer-lock.js';

/** Model files are small; a bigger write is a bug or an attack, not a model. */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

export interface NodeWorkspaceOptions {
  /** Watch the folder for changes (default true); false for one-shot use. */
  watch?: boolean | FolderWatcherOptions;
  /** Take the one-writer lock (default true); false opens read-only without touching the folder. */
  write?: boolean;
  generation?: GenerationEngine;
}

export class NodeWorkspace implements WorkspaceApi {
  private readonly listeners = new Set<(change: WorkspaceChange) => void>();
  /** Hash of the last version this workspace wrote, per path: its own writes are not "changes". */
  private readonly lastWritten = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private watcher: FolderWatcher | undefined;
  private closed = false;
  private readonly boards = new BoardLoader();

  private constructor(
    readonly realRoot: string,
    private readonly lock: WriterLock | undefined,
    private readonly readOnlyReason: string | undefined,
    private readonly generation: GenerationEngine,
  ) {}

  static async open(root: string, options: NodeWorkspaceOptions = {}): Promise<NodeWorkspace> {
    const realRoot = await realpath(path.resolve(root)).catch(() => {
      throw new WorkspaceError('E_NOT_FOUND', `folder "${root}" does not exist`);
    });
    if (!(await stat(realRoot)).isDirectory()) throw new WorkspaceError('E_NOT_FOUND', `"${root}" is not a folder`);
    let lock: WriterLock | undefined;
    let readOnlyReason: string | undefined;
    if (options.write === false) {
      readOnlyReason = 'opened read-only';
    } else {
      const outcome = await acquireWriterLock(realRoot);
      if (outcome.acquired) lock = outcome.lock;
      else readOnlyReason = `another Stormsmith (${outcome.holder}) is editing this folder`;
    }
    const workspace = new NodeWorkspace(realRoot, lock, readOnlyReason, options.generation ?? unavailableEngine('the generator is not wired in'));
    if (lock) {
      // Only the writer may clean up: a temp file might belong to a live writer otherwise.
      const scan = await scanModels(realRoot);
      for (const dir of scan.directories) await sweepStaleTemps(dir);
    }
    if (options.watch !== false) {
      workspace.watcher = await FolderWatcher.start(realRoot, (changes) => workspace.deliver(changes), typeof options.watch === 'object' ? options.watch : {});
    }
    return workspace;
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== undefined;
  }

  async info(): Promise<WorkspaceInfo> {
    return { name: path.basename(this.realRoot), root: this.realRoot, readOnly: this.readOnly, ...(this.readOnlyReason ? { readOnlyReason: this.readOnlyReason } : {}) };
  }

  async listModels(): Promise<ModelFileInfo[]> {
    const { files } = await scanModels(this.realRoot);
    return [...files].map(([p, hash]) => ({ path: p, hash }));
  }

  /** The board in one answer, loaded and validated here (and remembered by content hash): ADR 0044. */
  async openBoard(): Promise<BoardSnapshot> {
    const info = await this.info();
    const list = await this.listModels();
    const files = await Promise.all(list.map((f) => this.readModel(f.path)));
    return { info, files, ...(await this.boards.load(files)) };
  }

  async readModel(relative: string): Promise<ModelFileContent> {
    const absolute = await resolveModelPath(this.realRoot, relative);
    const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') throw new WorkspaceError('E_NOT_FOUND', `"${relative}" does not exist`);
      throw error;
    });
    return { path: relative, hash: contentHash(bytes), text: bytes.toString('utf8') };
  }

  /**
   * Path violations throw WorkspaceError (the request itself is refused); IO failures
   * (ENOSPC, EACCES, ...) are answered as `reason: 'error'` so the document stays dirty.
   */
  async writeModel(relative: string, text: string, expectedHash?: string | null): Promise<WriteResult> {
    const absolute = await resolveModelPath(this.realRoot, relative);
    // Transports validate the text's type; this guards direct callers.
    if (typeof text !== 'string') throw new TypeError('the text to write must be a string');
    if (this.readOnlyReason) return { ok: false, reason: 'error', message: `${relative}: read-only: ${this.readOnlyReason}` };
    if (Buffer.byteLength(text) > MAX_MODEL_BYTES) return { ok: false, reason: 'error', message: `${relative}: larger than ${MAX_MODEL_BYTES} bytes` };
    return this.serialised(absolute, async () => {
      const disk = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      const diskHash = disk === null ? null : contentHash(disk);
      if (expectedHash !== undefined && expectedHash !== diskHash) {
        return { ok: false, reason: 'conflict', diskHash, diskText: disk === null ? null : disk.toString('utf8') } as const;
      }
      const hash = contentHash(text);
      if (diskHash === hash) return { ok: true, hash } as const;
      try {
        await mkdir(path.dirname(absolute), { recursive: true });
        // Re-check after mkdir: a folder created meanwhile could be a link planted by someone else.
        await resolveModelPath(this.realRoot, relative);
        this.lastWritten.set(relative, hash);
        await writeFileAtomic(absolute, text);
      } catch (error) {
        if (error instanceof WorkspaceError) throw error;
        const e = error as NodeJS.ErrnoException;
        return { ok: false, reason: 'error', message: `${relative}: ${e.code ?? 'EIO'}: ${e.message}` } as const;
      }
      this.watcher?.acknowledge(relative, hash);
      return { ok: true, hash } as const;
    }).catch((error: unknown) => {
      if (error instanceof WorkspaceError) throw error;
      const e = error as NodeJS.ErrnoException;
      return { ok: false, reason: 'error', message: `${relative}: ${e.code ?? 'EIO'}: ${e.message}` } as const;
    });
  }

  watch(listener: (change: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers every change on disk up to now (tests, and before answering "is it saved?"). */
  async flushChanges(): Promise<void> {
    await this.watcher?.flush();
  }

  previewGeneration(): Promise<GenerationPreview> {
    return this.generation.preview(this.realRoot);
  }

  async runGeneration(): Promise<GenerationPreview> {
    if (this.readOnlyReason) throw new WorkspaceError('E_READ_ONLY', `cannot generate: ${this.readOnlyReason}`);
    return this.generation.run(this.realRoot);
  }

  /** Reads the saved files and git only (never the working tree's other files): allowed read-only too. */
  compareWith(ref: string): Promise<ModelComparison> {
    return compareFolderWithRef(this.realRoot, ref);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watcher?.close();
    this.listeners.clear();
    await this.lock?.release();
  }

  private deliver(changes: WorkspaceChange[]): void {
    for (const change of changes) {
      // Own write (possibly seen as unlink+add around the rename): same content, not a change.
      if (change.hash !== null && change.hash === this.lastWritten.get(change.path)) continue;
      // Someone else touched it: a later return to our content is a real change again.
      this.lastWritten.delete(change.path);
      for (const listener of this.listeners) listener(change);
    }
  }

  /** Writes to one path run one after another, so the hash check and the rename cannot interleave. */
  private serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
