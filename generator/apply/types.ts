// What apply() reports. Shared by the CLI (generate, check), the studio's generation preview
// and tests.

import type { Ownership } from '../plan-types.js';
import type { ApplyFs } from './fs-facade.js';

/** What happened (or would happen) to one planned or on-disk output file. */
export type ApplyFileStatus = 'added' | 'changed' | 'removed' | 'unchanged' | 'hand-edited' | 'grown';

/** write: change the tree; check: zero writes, report staleness; dry-run: zero writes, report the plan. */
export type ApplyMode = 'write' | 'check' | 'dry-run';

export interface ApplyOptions {
  mode?: ApplyMode;
  /** Output-relative paths whose hand edits (or unowned files) may be overwritten or removed. */
  force?: readonly string[];
  /** `--into`: the output folder is an existing repo, so it may be non-empty without a manifest. */
  allowNonEmpty?: boolean;
  /**
   * How files about to be written are checked (validate-outputs.ts): `full` (default) parses
   * TypeScript and compiles JSON Schemas with ajv; `json` only parses JSON. `generate` uses
   * `json` unless asked (--verify) or the project overrides templates (ADR 0101).
   */
  verify?: 'full' | 'json';
  /** Compute unified diffs for changed and hand-edited files (check mode always does). */
  diffs?: boolean;
  /** File operations; the fault-injection test passes a failing one. */
  fs?: ApplyFs;
  /** Liveness probe for stale-lock detection (tests pass their own). */
  isProcessAlive?: (pid: number) => boolean;
  /**
   * Hashes of output files recorded by earlier runs, by file identity (ADR 0104): a generated
   * file whose identity (device, inode, size, mtime, ctime) is the one recorded with the planned
   * hash is up to date without being read; a user-owned file whose identity is recorded with the
   * hash of its bytes is decided from that hash when the decision does not need the bytes
   * (scaffold.ts decideScaffoldKnown). Anything else is read and compared as always.
   */
  knownHashes?: KnownHashes;
}

export interface KnownHash {
  /** FileIdentity.id when the file was verified. */
  id: string;
  /**
   * generated: the planned sha256 the file's bytes were found to match (CRLF allowed, as
   * classify.ts does); scaffold: the sha256 of the bytes themselves.
   */
  kind: 'generated' | 'scaffold';
  sha256: string;
  /** FileIdentity.changedMs and takenMs then. */
  changedMs: number;
  takenMs: number;
}

export interface KnownHashes {
  /** The sha256 recorded for `path` with identity `id` and this kind, or undefined. */
  get(path: string, id: string, kind: KnownHash['kind']): string | undefined;
  /** After a writing run: every file found up to date, with the identity it had when it was read (or trusted). */
  record(known: ReadonlyMap<string, KnownHash>): void;
}

export interface ApplyProblem {
  /** Stable code, e.g. E_HAND_EDITED, E_UNOWNED_FILE, E_PATH_WINDOWS. */
  code: string;
  /** Output-relative path the problem is about ('' for the output folder itself). */
  path: string;
  message: string;
  hint?: string;
  line?: number;
  col?: number;
  /** Unified diff (disk -> planned) for hand-edited and unowned files. */
  diff?: string;
}

export interface ApplyFileReport {
  path: string;
  ownership: Ownership;
  status: ApplyFileStatus;
  /** Unified diff (disk -> planned) when asked for and the file differs. */
  diff?: string;
  /** Set when --force overwrote a hand edit or took over an unowned file. */
  forced?: boolean;
  /** Where --force kept the bytes it replaced (`<path>.orig`, not owned by stormsmith). */
  original?: string;
  /** Scaffold files: member names and imports that growing added. */
  addedMembers?: string[];
  addedImports?: string[];
}

/** A part of a user-owned file that the model no longer asks for; reported, never deleted. */
export interface Orphan {
  path: string;
  line: number;
  col: number;
  /** Exported member name, or the file name for a whole user-owned file the plan dropped. */
  name: string;
  kind: 'member' | 'file';
}

export interface ApplyReport {
  outDir: string;
  mode: ApplyMode;
  /** Every planned path and every manifest path, sorted by path. */
  files: ApplyFileReport[];
  orphans: Orphan[];
  /** Non-blocking notes (a user-owned file that does not parse, an unused --force). */
  warnings: ApplyProblem[];
  /** Blocking problems: when any is present nothing was written. */
  problems: ApplyProblem[];
  /** Files created, replaced or removed (0 for check, dry-run and no-op runs). */
  written: number;
  /** check mode: something is stale, missing, extra or needs growing. */
  stale: boolean;
  /** No problems, and in check mode nothing stale. */
  ok: boolean;
  /** check / dry-run: the output folder does not exist yet. */
  folderMissing?: boolean;
}
