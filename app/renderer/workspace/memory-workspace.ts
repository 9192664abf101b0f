// An in-memory WorkspaceApi: the renderer's disk for unit tests and for running the canvas with
// no shell. Behaves like the real ones where it matters: sha256 hashes, conflict on a stale
// expectedHash, change notifications (including for our own writes, as real watchers do).

import type {
  GenerationPreview,
  ModelComparison,
  ModelFileContent,
  ModelFileInfo,
  WorkspaceApi,
  WorkspaceChange,
  WorkspaceInfo,
  WriteResult,
} from '../../shared/workspace-api.js';

export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class MemoryWorkspace implements WorkspaceApi {
  private readonly files = new Map<string, string>();
  private readonly listeners = new Set<(c: WorkspaceChange) => void>();
  /** Every successful write, in order (tests look at what was written). */
  readonly writes: { path: string; text: string }[] = [];
  generation: GenerationPreview = { ok: true, diagnostics: [], files: [] };
  generationRuns = 0;
  /** What compareWith answers per revision (tests); the demo has no git, so none by default. */
  comparisons = new Map<string, ModelComparison>();

  constructor(
    initial: Record<string, string> = {},
    private readonly meta: WorkspaceInfo = { name: 'memory', root: '/memory', readOnly: false },
  ) {
    for (const [path, text] of Object.entries(initial)) this.files.set(path, text);
  }

  async info(): Promise<WorkspaceInfo> {
    return this.meta;
  }

  async listModels(): Promise<ModelFileInfo[]> {
    const paths = [...this.files.keys()].filter((p) => p.endsWith('.yaml')).sort();
    return Promise.all(paths.map(async (path) => ({ path, hash: await sha256Hex(this.files.get(path)!) })));
  }

  async readModel(path: string): Promise<ModelFileContent> {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`${path}: no such model file`);
    return { path, text, hash: await sha256Hex(text) };
  }

  async writeModel(path: string, text: string, expectedHash?: string | null): Promise<WriteResult> {
    const current = this.files.get(path);
    const diskHash = current === undefined ? null : await sha256Hex(current);
    if (expectedHash !== undefined && expectedHash !== diskHash) {
      return { ok: false, reason: 'conflict', diskHash, diskText: current ?? null };
    }
    this.files.set(path, text);
    this.writes.push({ path, text });
    const hash = await sha256Hex(text);
    this.emit({ path, kind: current === undefined ? 'added' : 'changed', hash });
    return { ok: true, hash };
  }

  watch(listener: (change: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async previewGeneration(): Promise<GenerationPreview> {
    return this.generation;
  }

  async runGeneration(): Promise<GenerationPreview> {
    this.generationRuns++;
    return this.generation;
  }

  async compareWith(ref: string): Promise<ModelComparison> {
    const found = this.comparisons.get(ref);
    // The message starts with the code, as errors from the desktop bridge do.
    if (!found) throw new Error(`E_GIT: "${ref}" is not a revision here (the in-memory board has no git history)`);
    return found;
  }

  /** Simulate someone else editing the file on disk (git pull, an editor). */
  async editOnDisk(path: string, text: string): Promise<void> {
    const existed = this.files.has(path);
    this.files.set(path, text);
    this.emit({ path, kind: existed ? 'changed' : 'added', hash: await sha256Hex(text) });
  }

  text(path: string): string | undefined {
    return this.files.get(path);
  }

  private emit(change: WorkspaceChange): void {
    for (const l of this.listeners) l(change);
  }
}
