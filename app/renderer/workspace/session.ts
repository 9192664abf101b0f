// One open model folder: the model, its undo history, what is on disk, what is unsaved, what the
// validator says. Plain TypeScript with a subscribe/getState pair (React reads it through
// useSyncExternalStore); every disk access goes through the WorkspaceApi it is given.
// Its parts: the state (store.ts), model <-> texts with their caches (model-texts.ts),
// generation (generation-runner.ts), comparison mode (comparison-store.ts), what the journal
// offers back at open (backup.ts); the session itself
// opens, follows the disk, edits with undo, journals, validates and saves.
//
// Data-loss rules (shared/reference/hardening.md C6): a save names the hash it expects on disk;
// a change on disk reloads a clean board and raises a conflict on a dirty one; our own writes are
// recognised by hash and never trigger a reload; unsaved texts are journalled until saved.

import type { Diagnostic, Model } from '../../../generator/model/types.js';
import type { BoardSnapshot, GenerationPreview, ModelFileContent, WorkspaceApi, WorkspaceChange, WorkspaceInfo } from '../../shared/workspace-api.js';
import { ChangeRefused, type Change } from '../model/changes.js';
import type { ProblemCount } from '../model/graph.js';
import { commit, emptyHistory, redo, undo, type History } from '../model/history.js';
import { problemCounts, problemTargets } from '../model/problems.js';
import { takeRecoverable, type BackupStore } from './backup.js';
import { ComparisonStore } from './comparison-store.js';
import { GenerationRunner } from './generation-runner.js';
import type { ModelCore } from './model-core.js';
import { ModelTexts } from './model-texts.js';
import { Store } from './store.js';

export interface DiskFile {
  text: string;
  hash: string;
}

export interface Conflict {
  path: string;
  /** The text someone else put on disk. */
  diskText: string | null;
}

export interface Notice {
  kind: 'info' | 'refused' | 'error';
  text: string;
}

export interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  info?: WorkspaceInfo;
  model: Model;
  history: History;
  /** Load and validation diagnostics of the current (unsaved) model. */
  diagnostics: Diagnostic[];
  /** For each diagnostic, the node id of its sticky (parallel array). */
  diagnosticTargets: (string | undefined)[];
  problems: ReadonlyMap<string, ProblemCount>;
  /** Files (domain and layout) whose text on the board differs from the disk. */
  dirty: ReadonlySet<string>;
  conflict?: Conflict;
  /** Unsaved edits found in the journal when the folder was opened. */
  recoverable?: string[];
  notice?: Notice;
  saving: boolean;
  generation?: GenerationPreview;
  /** What the last run of generation did (the panel then shows a fresh preview of what is left). */
  lastRun?: GenerationPreview;
  /** A preview or run is in flight. */
  generating: boolean;
  /** Bumped on every reload from disk (the board keeps its viewport, drops stale selection). */
  revision: number;
}

const EMPTY_MODEL: Model = { contexts: [], layouts: {} };

export class Session {
  private readonly store = new Store<SessionState>({
    status: 'loading',
    model: EMPTY_MODEL,
    history: emptyHistory,
    diagnostics: [],
    diagnosticTargets: [],
    problems: new Map(),
    dirty: new Set(),
    saving: false,
    generating: false,
    revision: 0,
  });
  private readonly disk = new Map<string, DiskFile>();
  /** Current text of every file as the board would save it. */
  private texts = new Map<string, string>();
  private unwatch: (() => void) | undefined;
  /** Journalled texts found at open, until the user restores or discards them. */
  private recovered = new Map<string, string>();
  /** Files whose current model cannot be written as text (the serializer's self-check failed). */
  private unsavable = new Set<string>();
  private diskQueue: Promise<void> = Promise.resolve();
  /** Comparison mode: the saved model against a git revision (its own store, its own listeners). */
  readonly comparison: ComparisonStore;
  private readonly modelTexts: ModelTexts;
  private readonly generation: GenerationRunner;

  constructor(
    private readonly api: WorkspaceApi,
    private readonly core: ModelCore,
    private readonly backup: BackupStore,
  ) {
    this.comparison = new ComparisonStore(api, core);
    this.modelTexts = new ModelTexts(core);
    this.generation = new GenerationRunner(api, this.store.getState, (patch) => this.set(patch));
  }

  getState = (): SessionState => this.store.getState();

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  private get state(): SessionState {
    return this.store.getState();
  }

  private set(patch: Partial<SessionState>): void {
    this.store.set(patch);
  }

  /** Changes the state without telling anyone yet (the next `set` publishes it too). */
  private stage(patch: Partial<SessionState>): void {
    this.store.stage(patch);
  }

  // ---------------------------------------------------------------------------------------------
  // Opening and reloading

  /**
   * Opens the board. With a workspace that offers `openBoard` (both shells), one request brings
   * the files already loaded and validated (ADR 0044): nothing is parsed here until an edit or a
   * change on disk. `board`: that request, when the caller started it already.
   */
  async open(board: Promise<BoardSnapshot> | undefined = this.api.openBoard?.()): Promise<void> {
    try {
      const snapshot = board ? await board : undefined;
      const info = snapshot?.info ?? (await this.api.info());
      let files: ModelFileContent[];
      if (snapshot) files = snapshot.files;
      else {
        const list = await this.api.listModels();
        // All files at once (one round trip of latency, not one per file), kept in list order.
        files = await Promise.all(list.map((f) => this.api.readModel(f.path)));
      }
      for (const f of files) this.disk.set(f.path, { text: f.text, hash: f.hash });
      if (snapshot) this.modelTexts.seed(snapshot.files.map((f, i) => ({ path: f.path, text: f.text, result: snapshot.loads[i]! })));
      this.unwatch = this.api.watch((c) => {
        // One change at a time, in arrival order: a later notification never races an earlier one.
        this.diskQueue = this.diskQueue.then(() => this.onDiskChange(c)).catch((error: unknown) => {
          this.set({ notice: { kind: 'error', text: `Could not read ${c.path}: ${messageOf(error)}` } });
        });
      });
      this.recovered = takeRecoverable(this.backup, (p) => this.disk.get(p));
      const recoverable = [...this.recovered.keys()];
      this.stage({ info });
      globalThis.performance?.mark?.('stormsmith:files-read');
      const texts = new Map([...this.disk].map(([p, f]) => [p, f.text]));
      this.loadTexts(texts, 'ready', snapshot?.validation ? { texts, diagnostics: snapshot.validation } : undefined);
      if (recoverable.length > 0) this.set({ recoverable });
      globalThis.performance?.mark?.('stormsmith:model-ready');
    } catch (error) {
      this.set({ status: 'failed', notice: { kind: 'error', text: messageOf(error) } });
    }
  }

  /** Resolves once every disk change received so far has been handled. */
  idle(): Promise<void> {
    return this.diskQueue;
  }

  close(): void {
    this.unwatch?.();
  }

  /**
   * Build the model from file texts (history restarts: undo never crosses a reload). `validated`:
   * the validator's diagnostics of exactly these texts, made elsewhere (a board snapshot).
   */
  private loadTexts(texts: Map<string, string>, status: SessionState['status'] = this.state.status, validated?: Validated): boolean {
    const result = this.modelTexts.reread(texts);
    if (!result.model) {
      this.texts = texts;
      this.set({
        status: this.state.status === 'loading' ? 'failed' : status,
        diagnostics: result.diagnostics,
        diagnosticTargets: result.diagnostics.map(() => undefined),
        notice: { kind: 'error', text: `The model could not be read: ${result.diagnostics[0]?.message ?? 'unknown error'}` },
      });
      return false;
    }
    // A context read from the disk text *is* that text: no serialisation until it is edited.
    this.modelTexts.adopt(result.model, texts, this.diskText);
    this.setModel(result.model, emptyHistory, { status, revision: this.state.revision + 1 }, validated);
    return true;
  }

  private async onDiskChange(change: WorkspaceChange): Promise<void> {
    if (!change.path.endsWith('.yaml')) return;
    const known = this.disk.get(change.path);
    if (change.hash !== null && known?.hash === change.hash) return; // our own write, or no change
    if (change.kind === 'deleted' || change.hash === null) {
      this.disk.delete(change.path);
      if (this.state.dirty.has(change.path) || this.texts.has(change.path)) {
        this.set({ notice: { kind: 'error', text: `${change.path} was deleted on disk; saving will recreate it.` } });
        this.recompute(this.state.model);
      }
      return;
    }
    const content = await this.api.readModel(change.path);
    if (known?.hash === content.hash) return;
    if (content.text === this.texts.get(change.path)) {
      // The disk now holds exactly what the board holds (our own save, whose notification can
      // arrive before the write's reply, or someone made the same edit): in sync, no reload.
      this.disk.set(change.path, { text: content.text, hash: content.hash });
      this.recompute(this.state.model);
      return;
    }
    if (this.state.dirty.has(change.path)) {
      // Never overwrite silently, never drop the local edit: ask.
      this.disk.set(change.path, { text: content.text, hash: content.hash });
      this.set({ conflict: { path: change.path, diskText: content.text } });
      return;
    }
    this.disk.set(change.path, { text: content.text, hash: content.hash });
    const texts = new Map(this.texts);
    texts.set(change.path, content.text);
    if (this.loadTexts(texts)) {
      this.set({ notice: { kind: 'info', text: `Reloaded ${change.path} (changed on disk).` } });
      this.refreshComparison();
    }
  }

  /** Conflict resolution: keep the board's version (the next save overwrites the disk). */
  keepMine(): void {
    this.set({ conflict: undefined, notice: { kind: 'info', text: 'Kept your version; save to write it over the disk.' } });
    this.recompute(this.state.model);
  }

  /** Conflict resolution: take the disk's version of the file, dropping the board's edits to it. */
  takeTheirs(): void {
    const conflict = this.state.conflict;
    if (!conflict) return;
    const texts = new Map(this.texts);
    const disk = this.disk.get(conflict.path);
    if (disk) texts.set(conflict.path, disk.text);
    else texts.delete(conflict.path);
    this.backup.remove(conflict.path);
    this.set({ conflict: undefined });
    if (this.loadTexts(texts)) this.set({ notice: { kind: 'info', text: `Took the disk version of ${conflict.path}.` } });
  }

  /** Restore the journalled unsaved edits found at open. */
  recover(): void {
    const texts = new Map(this.texts);
    for (const [p, text] of this.recovered) texts.set(p, text);
    this.recovered.clear();
    this.set({ recoverable: undefined });
    this.loadTexts(texts);
  }

  discardRecovery(): void {
    for (const p of this.recovered.keys()) this.backup.remove(p);
    this.recovered.clear();
    this.set({ recoverable: undefined });
  }

  // ---------------------------------------------------------------------------------------------
  // Editing

  /** Apply a change as one undo step. Returns false (and shows why) when it is refused. */
  apply(change: Change, label?: string): boolean {
    // Refuse up front: an edit a read-only window could never save is an edit the user loses.
    if (this.state.info?.readOnly) {
      this.set({ notice: { kind: 'refused', text: readOnlyNotice(this.state.info.readOnlyReason) } });
      return false;
    }
    try {
      const next = commit(this.state.model, this.state.history, change, label);
      this.setModel(next.model, next.history, { notice: undefined });
      return true;
    } catch (error) {
      if (error instanceof ChangeRefused) {
        this.set({ notice: { kind: 'refused', text: error.reason } });
        return false;
      }
      throw error;
    }
  }

  undo(): void {
    const r = undo(this.state.model, this.state.history);
    if (r) this.setModel(r.model, r.history, { notice: undefined });
  }

  redo(): void {
    const r = redo(this.state.model, this.state.history);
    if (r) this.setModel(r.model, r.history, { notice: undefined });
  }

  notify(notice: Notice | undefined): void {
    this.set({ notice });
  }

  private setModel(model: Model, history: History, extra: Partial<SessionState> = {}, validated?: Validated): void {
    this.store.stage({ ...extra, model, history });
    this.recompute(model, validated);
  }

  private readonly diskText = (path: string): string | undefined => this.disk.get(path)?.text;

  /** Serialise, journal and validate the model as it now stands. */
  private recompute(model: Model, validated?: Validated): void {
    const { texts, unsavable, error: serializeError } = this.modelTexts.serialize(model, this.diskText);
    const dirty = new Set<string>(unsavable);
    for (const [path, text] of texts) {
      if (unsavable.has(path)) continue;
      const disk = this.disk.get(path);
      if (disk?.text === text) {
        this.backup.remove(path);
        continue;
      }
      dirty.add(path);
      this.backup.put(path, { text, baseHash: disk?.hash ?? null, savedAt: new Date().toISOString() });
    }
    this.texts = texts;
    this.unsavable = unsavable;
    // Validate what would be saved: re-read the texts so every diagnostic has a true position.
    const reread = this.modelTexts.reread(texts);
    // Validation made elsewhere counts only for the very texts it was made of.
    const known = validated && sameTexts(validated.texts, texts) ? validated.diagnostics : undefined;
    const diagnostics = [...reread.diagnostics, ...(reread.model ? (known ?? this.core.validate(reread.model)) : [])];
    const located = reread.model ?? model;
    this.set({
      dirty,
      diagnostics,
      diagnosticTargets: problemTargets(located, diagnostics),
      problems: problemCounts(located, diagnostics),
      ...(serializeError ? { notice: { kind: 'error', text: serializeError } as Notice } : {}),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Saving and generating

  /** Every model file the board knows of, on disk or about to be written. */
  knownFiles(): string[] {
    return [...new Set([...this.disk.keys(), ...this.texts.keys()])];
  }

  /** The text the board would save for `path` (undefined when it has none). */
  textOf(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Comparison mode compares the saved model: once the saved model changed, its marks follow. */
  private refreshComparison(): void {
    void this.comparison.refresh().then((error) => {
      if (error) this.set({ notice: { kind: 'error', text: error } });
    });
  }

  async save(): Promise<boolean> {
    if (this.state.saving) return false;
    if (this.state.conflict) {
      this.set({ notice: { kind: 'error', text: `${this.state.conflict.path} changed on disk: choose "Keep mine" or "Take theirs" first.` } });
      return false;
    }
    if (this.unsavable.size > 0) {
      this.set({ notice: { kind: 'error', text: `Not saved: ${[...this.unsavable].join(', ')} cannot be written yet (see the message above); fix the element or undo.` } });
      return false;
    }
    this.set({ saving: true });
    try {
      for (const path of [...this.state.dirty].sort()) {
        const text = this.texts.get(path);
        if (text === undefined) continue;
        const expected = this.disk.get(path)?.hash ?? null;
        const result = await this.api.writeModel(path, text, expected);
        if (result.ok) {
          this.disk.set(path, { text, hash: result.hash });
          this.backup.remove(path);
        } else if (result.reason === 'conflict') {
          if (result.diskText !== null && result.diskHash !== null) this.disk.set(path, { text: result.diskText, hash: result.diskHash });
          else this.disk.delete(path);
          this.set({ conflict: { path, diskText: result.diskText } });
          return false;
        } else {
          // Workspaces name the file in their message already.
          this.set({ notice: { kind: 'error', text: result.message.startsWith(path) ? result.message : `${path}: ${result.message}` } });
          return false;
        }
      }
      this.recompute(this.state.model);
      this.set({ notice: { kind: 'info', text: 'Saved.' } });
      this.refreshComparison();
      return true;
    } catch (error) {
      this.set({ notice: { kind: 'error', text: `Save failed: ${messageOf(error)}` } });
      return false;
    } finally {
      this.set({ saving: false });
    }
  }

  previewGeneration(): Promise<void> {
    return this.generation.preview();
  }

  /**
   * Runs generation, then previews again: the panel shows what is left to change (nothing, when
   * the run wrote everything), while `lastRun` keeps what the run itself did.
   */
  runGeneration(): Promise<void> {
    return this.generation.run();
  }
}

/** The validator's diagnostics of a set of file texts. */
interface Validated {
  texts: ReadonlyMap<string, string>;
  diagnostics: Diagnostic[];
}

function sameTexts(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, text] of a) if (b.get(path) !== text) return false;
  return true;
}

export function readOnlyNotice(reason: string | undefined): string {
  return `This board is read-only${reason ? ` (${reason})` : ''}: edits are off. Edit where the folder is open for writing, or close that and reopen this folder.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
