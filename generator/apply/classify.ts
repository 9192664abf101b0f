// Deciding, per path, what apply() does: compares the planned file, the bytes on disk and the
// manifest entry. Pure apart from growing (done by the caller and passed in).

import type { PlannedFile } from '../plan-types.js';
import type { ManifestEntry } from './manifest.js';
import { sha256 } from './manifest.js';
import type { ApplyFileReport, ApplyProblem } from './types.js';
import { unifiedDiff } from './diff.js';

export interface Decision {
  report: ApplyFileReport;
  /** New bytes to write, null to remove, undefined to leave the path alone. */
  write?: string | null;
  /** The manifest entry after this run (undefined: no entry). */
  entry?: ManifestEntry;
  problem?: ApplyProblem;
  /** Bytes that --force replaces or removes: kept beside the file as `<path>.orig`. */
  original?: Buffer;
}

// A checkout with git's core.autocrlf turns LF into CRLF (hardening.md C4.43): a line-ending-only
// difference is neither staleness nor a hand edit, and the file is left as the checkout made it.
const withLf = (bytes: Buffer): Buffer | null => (bytes.includes(13) ? Buffer.from(bytes.toString('utf8').replace(/\r\n/g, '\n'), 'utf8') : null);

/** The disk bytes are the planned text, allowing for CRLF line endings. */
const sameText = (disk: Buffer, contents: string): boolean => {
  const plannedBytes = Buffer.from(contents, 'utf8');
  return disk.equals(plannedBytes) || withLf(disk)?.equals(plannedBytes) === true;
};

/** The disk bytes are what stormsmith wrote (hash `sha`), allowing for CRLF line endings. */
const writtenByUs = (disk: Buffer, sha: string): boolean => {
  if (sha256(disk) === sha) return true;
  const lf = withLf(disk);
  return lf !== null && sha256(lf) === sha;
};

const HAND_EDIT_HINT = (path: string) =>
  `move your change into a user-owned file (or the model), restore the file, or rerun with --force ${path} to overwrite it`;

/** A generated (rewritten-whole) file that the plan wants. */
export function decideGenerated(planned: PlannedFile, disk: Buffer | null, entry: ManifestEntry | undefined, forced: boolean, wantDiff: boolean): Decision {
  // A hash the plan cache knows spares reading (and hashing) the planned text (plan-types.ts).
  const plannedHash = planned.sha256 ?? sha256(planned.contents);
  const newEntry: ManifestEntry = { ownership: 'generated', sha256: plannedHash, sources: planned.sources };
  const base = { path: planned.path, ownership: 'generated' as const };
  if (disk === null) return { report: { ...base, status: 'added' }, write: planned.contents, entry: newEntry };
  // Unaffected files are read and compared, never rewritten. The manifest entry is rebuilt from
  // the plan, so that a manifest left wrong by a merge heals on the next run instead of raising
  // a false E_HAND_EDITED later.
  if (planned.sha256 !== undefined ? writtenByUs(disk, plannedHash) : sameText(disk, planned.contents)) {
    return { report: { ...base, status: 'unchanged' }, entry: newEntry };
  }
  const diskText = disk.toString('utf8');
  const diff = () => unifiedDiff(planned.path, diskText, planned.contents);
  if (entry === undefined) {
    if (forced) return { report: { ...base, status: 'changed', forced: true, ...(wantDiff ? { diff: diff() } : {}) }, write: planned.contents, entry: newEntry, original: disk };
    return {
      report: { ...base, status: 'hand-edited', diff: diff() },
      entry: undefined,
      problem: {
        code: 'E_UNOWNED_FILE',
        path: planned.path,
        message: `"${planned.path}" exists but stormsmith did not write it (not in the manifest); refusing to overwrite it`,
        hint: `move the file away, or rerun with --force ${planned.path} to replace it`,
        diff: diff(),
      },
    };
  }
  if (!writtenByUs(disk, entry.sha256)) {
    if (forced) return { report: { ...base, status: 'changed', forced: true, ...(wantDiff ? { diff: diff() } : {}) }, write: planned.contents, entry: newEntry, original: disk };
    return {
      report: { ...base, status: 'hand-edited', diff: diff() },
      entry,
      problem: {
        code: 'E_HAND_EDITED',
        path: planned.path,
        message: `generated file "${planned.path}" was edited by hand since stormsmith wrote it; not overwritten`,
        hint: HAND_EDIT_HINT(planned.path),
        diff: diff(),
      },
    };
  }
  return { report: { ...base, status: 'changed', ...(wantDiff ? { diff: diff() } : {}) }, write: planned.contents, entry: newEntry };
}

/** A generated file known to be up to date without reading it (its identity and hash recorded by an earlier run, ADR 0104). */
export function decideGeneratedKnown(planned: PlannedFile & { sha256: string }): Decision {
  return { report: { path: planned.path, ownership: 'generated', status: 'unchanged' }, entry: { ownership: 'generated', sha256: planned.sha256, sources: planned.sources } };
}

/** A generated file in the manifest that the plan no longer has: removed only if untouched. */
export function decideStale(path: string, disk: Buffer | null, entry: ManifestEntry, forced: boolean): Decision {
  const base = { path, ownership: 'generated' as const };
  if (disk === null) return { report: { ...base, status: 'removed' } };
  const handEdited = !writtenByUs(disk, entry.sha256);
  if (handEdited && !forced) {
    return {
      report: { ...base, status: 'hand-edited', diff: unifiedDiff(path, disk.toString('utf8'), '') },
      entry,
      problem: {
        code: 'E_HAND_EDITED',
        path,
        message: `generated file "${path}" is no longer produced by the model, but it was edited by hand; not removed`,
        hint: `keep your code in a user-owned file, or rerun with --force ${path} to remove it`,
        diff: unifiedDiff(path, disk.toString('utf8'), ''),
      },
    };
  }
  return { report: { ...base, status: 'removed', ...(handEdited ? { forced: true } : {}) }, write: null, ...(handEdited ? { original: disk } : {}) };
}
