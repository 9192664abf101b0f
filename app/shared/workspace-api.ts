// The one typed boundary between the canvas (renderer) and the disk.
// Implemented by the studio shell (HTTP on 127.0.0.1) and by the Electron shell (IPC);
// the renderer never reaches the file system any other way.

import type { ApplyFileStatus, ModelChange } from '../../generator/generate.js';
import type { Diagnostic, LoadResult } from '../../generator/model/types.js';

export interface WorkspaceInfo {
  /** Display name of the opened model folder. */
  name: string;
  /** Absolute path of the opened folder (shown to the user, never trusted from the renderer). */
  root: string;
  readOnly: boolean;
  /** Why the folder is read-only (shown when an edit is refused). */
  readOnlyReason?: string;
}

export interface ModelFileInfo {
  /** Relative to the workspace root, `/` separators; `.yaml` only. */
  path: string;
  /** sha256 hex of the bytes on disk. */
  hash: string;
}

export interface ModelFileContent extends ModelFileInfo {
  text: string;
}

/**
 * Everything the canvas needs to open a board, in one answer (ADR 0044): the files, each already
 * loaded by the model core exactly as the canvas would load it (one file at a time, from `text`),
 * and the validator's diagnostics of the assembled model. The canvas paints from it without
 * parsing a line; it parses again only what an edit or a change on disk touches.
 */
export interface BoardSnapshot {
  info: WorkspaceInfo;
  /** Every model file, as `listModels` + `readModel` would give them (list order). */
  files: ModelFileContent[];
  /** `loadModel([{ path, text }])` of each file, parallel to `files`. */
  loads: LoadResult[];
  /** `validateModel` of the model the loads assemble to (app/shared/board-load.ts); absent when a file could not be read. */
  validation?: Diagnostic[];
}

export type WriteResult =
  | { ok: true; hash: string }
  /** The file on disk changed since `expectedHash`; nothing was written. */
  | { ok: false; reason: 'conflict'; diskHash: string | null; diskText: string | null }
  | { ok: false; reason: 'error'; message: string };

export type WorkspaceChange = { path: string; kind: 'added' | 'changed' | 'deleted'; hash: string | null };

/** The generator's per-file status (generator/generate.ts owns it). */
export type GenerationFileStatus = ApplyFileStatus;

export interface GenerationPreview {
  ok: boolean;
  diagnostics: Diagnostic[];
  files: { path: string; status: GenerationFileStatus; diff?: string }[];
}

/**
 * The saved model against the model committed at a git revision: the semantic diff of
 * `stormsmith diff --against <ref>` (docs/diff.md), computed once by the generator.
 */
export interface ModelComparison {
  ref: string;
  changes: ModelChange[];
  /** How many changes of each kind (added, removed, renamed, changed, newly-published, breaking). */
  summary: Record<string, number>;
  /** The summary as `stormsmith diff` words it (`2 added, 2 changed, 1 newly published`). */
  headline: string;
  /** Per change (same order), the lines `stormsmith diff` prints for it: its headline, then its details. */
  notes: string[][];
  /** The model files at `ref` (model-relative paths): the canvas draws removed stickies from them. */
  before: { path: string; text: string }[];
}

export type { ModelChange };

export interface WorkspaceApi {
  info(): Promise<WorkspaceInfo>;
  listModels(): Promise<ModelFileInfo[]>;
  /**
   * The whole board at once (info, files, their loads, validation). Offered by both shells (studio
   * and Electron); a workspace without it (the in-memory demo, test doubles) is opened file by
   * file and parsed in the renderer.
   */
  openBoard?(): Promise<BoardSnapshot>;
  readModel(path: string): Promise<ModelFileContent>;
  /** Atomic write; refuses (conflict) when the disk no longer has `expectedHash` (null: must not exist). */
  writeModel(path: string, text: string, expectedHash?: string | null): Promise<WriteResult>;
  /** Subscribe to changes on disk; returns an unsubscribe function. */
  watch(listener: (change: WorkspaceChange) => void): () => void;
  /** What `stormsmith generate` would change for the saved model. */
  previewGeneration(): Promise<GenerationPreview>;
  /** Run generation for the saved model. */
  runGeneration(): Promise<GenerationPreview>;
  /**
   * The saved model against the model at a git revision (branch, tag, commit). Refused with
   * E_GIT (not a repository, unknown revision) or E_MODEL_ERRORS (either model does not load).
   */
  compareWith(ref: string): Promise<ModelComparison>;
}
