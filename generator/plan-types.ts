// The generator's in-memory output: a file map. `plan()` produces it with no IO;
// `apply()` (writing), `--check` and `--dry-run` all consume the same map.

/**
 * generated: rewritten whole on every run, carries the do-not-edit header, hash in the manifest.
 * scaffold: user-owned; created once when missing, later only grown structurally (see `grow`).
 */
export type Ownership = 'generated' | 'scaffold';

/** A function (or other top-level declaration) that must exist in a user-owned file. */
export interface ScaffoldMember {
  /** Exported name looked up in the existing file; added when missing, never replaced. */
  name: string;
  /** Full text of the declaration to insert when missing (formatted, ends without newline). */
  text: string;
  /**
   * Imports only this member's text needs (e.g. the `notImplemented` of a stub): to be added
   * together with the member when it is inserted, never on their own, since a user who has
   * replaced every stub may have removed them.
   */
  imports?: ScaffoldImport[];
}

export interface ScaffoldImport {
  moduleSpecifier: string;
  namedImports: string[];
  typeOnly?: boolean;
}

/** What a user-owned file must contain; used to grow an existing file without touching its bodies. */
export interface ScaffoldGrowth {
  members: ScaffoldMember[];
  imports: ScaffoldImport[];
}

export interface PlannedFile {
  /** Path relative to the output folder, `/` separators. */
  path: string;
  contents: string;
  ownership: Ownership;
  /** Model file(s) this output derives from (for headers, orphan reports and incremental runs). */
  sources: string[];
  /** For scaffold files that can grow (logic modules): the members the model requires. */
  grow?: ScaffoldGrowth;
  /**
   * For scaffold files that should follow the model while nobody has edited them (museum
   * exhibits, issue 17 item 9): apply rewrites such a file when its bytes are still exactly what
   * stormsmith last wrote (the manifest hash) and the plan differs; an edited one is kept.
   */
  followWhilePristine?: boolean;
  /**
   * The sha256 (hex) of `contents`, when the plan cache already knows it (its entries are
   * signed, see generator/plan-cache). apply() then compares hashes and reads `contents` only
   * for a file it writes or diffs: a no-op run never loads the planned text.
   */
  sha256?: string;
}

/** Planned files keyed by path; iteration order is sorted by path (deterministic). */
export type FileMap = ReadonlyMap<string, PlannedFile>;
