// User-owned (scaffold) files: created once, then only grown. Parsing with ts-morph is the
// expensive part, so a file is parsed only when it may need it: the model asks for a different
// member set than last time, or the bytes differ from what stormsmith last wrote.

import type { Project } from 'ts-morph';
import type { PlannedFile } from '../plan-types.js';
import { growSource } from '../grow/grow-source.js';
import type { Decision } from './classify.js';
import { sha256, type ManifestEntry } from './manifest.js';
import type { ApplyProblem, Orphan } from './types.js';
import { unifiedDiff } from './diff.js';

export interface Grower {
  tsMorph: typeof import('ts-morph');
  project: Project;
}

export interface ScaffoldDecision extends Decision {
  orphans: Orphan[];
  warning?: ApplyProblem;
}

const sameSet = (a: readonly string[] | undefined, b: readonly string[]): boolean => {
  if (!a || a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
};

/**
 * decideScaffold for a file whose bytes are known only by their sha256 (recorded by an earlier
 * run with the file's identity, ADR 0104), or undefined when the decision needs the bytes: the
 * file is pristine and the model changed it (follow it), or it may need growing. What it
 * decides is what decideScaffold decides (test/apply/scaffold-known.test.ts checks every case).
 */
export function decideScaffoldKnown(planned: PlannedFile, diskSha: string, entry: ManifestEntry | undefined): ScaffoldDecision | undefined {
  if (entry === undefined) return undefined;
  if (planned.followWhilePristine && entry.ownership === 'scaffold' && diskSha === entry.sha256 && (planned.sha256 === undefined || diskSha !== planned.sha256)) return undefined;
  if (planned.grow && (entry.ownership !== 'scaffold' || !sameSet(entry.members, planned.grow.members.map((m) => m.name)) || diskSha !== entry.sha256)) return undefined;
  return { report: { path: planned.path, ownership: 'scaffold', status: 'unchanged' }, entry: { ...entry, ownership: 'scaffold', sources: planned.sources }, orphans: [] };
}

/** Whether an existing scaffold file must be parsed this run. */
export function scaffoldNeedsParse(planned: PlannedFile, disk: Buffer, entry: ManifestEntry | undefined): boolean {
  if (!planned.grow) return false;
  if (!entry || entry.ownership !== 'scaffold') return true;
  const required = planned.grow.members.map((m) => m.name);
  if (!sameSet(entry.members, required)) return true;
  return sha256(disk) !== entry.sha256;
}

/**
 * A scaffold file the plan wants. `grower` is present when the file needs parsing (see
 * scaffoldNeedsParse); `adopt` when --force takes over a file stormsmith did not create.
 */
export function decideScaffold(
  planned: PlannedFile,
  disk: Buffer | null,
  entry: ManifestEntry | undefined,
  grower: Grower | undefined,
  options: { forced: boolean; wantDiff: boolean },
): ScaffoldDecision {
  const required = planned.grow?.members.map((m) => m.name) ?? [];
  const base = { path: planned.path, ownership: 'scaffold' as const };
  const created: ManifestEntry = {
    ownership: 'scaffold',
    sha256: planned.sha256 ?? sha256(planned.contents),
    sources: planned.sources,
    ...(planned.grow ? { members: required } : {}),
  };
  if (disk === null) return { report: { ...base, status: 'added' }, write: planned.contents, entry: created, orphans: [] };
  if (entry === undefined && !options.forced) {
    if (disk.equals(Buffer.from(planned.contents, 'utf8'))) return { report: { ...base, status: 'unchanged' }, entry: created, orphans: [] };
    const diff = unifiedDiff(planned.path, disk.toString('utf8'), planned.contents);
    return {
      report: { ...base, status: 'hand-edited', diff },
      orphans: [],
      problem: {
        code: 'E_UNOWNED_FILE',
        path: planned.path,
        message: `"${planned.path}" exists but stormsmith did not create it (not in the manifest); refusing to take it over`,
        hint: `move the file away, or rerun with --force ${planned.path} to keep it as the user-owned file and grow it`,
        diff,
      },
    };
  }
  const previous: ManifestEntry = entry ?? { ownership: 'scaffold', sha256: sha256(disk), sources: planned.sources, members: [] };
  // Untouched since stormsmith wrote it, and the model now says otherwise: follow the model.
  // With a hash from the plan cache, the planned text is not read for a file that matches it.
  const differsFromPlan = () => (planned.sha256 !== undefined ? sha256(disk) !== planned.sha256 : !disk.equals(Buffer.from(planned.contents, 'utf8')));
  if (planned.followWhilePristine && entry?.ownership === 'scaffold' && sha256(disk) === entry.sha256 && differsFromPlan()) {
    return {
      report: { ...base, status: 'changed', ...(options.wantDiff ? { diff: unifiedDiff(planned.path, disk.toString('utf8'), planned.contents) } : {}) },
      write: planned.contents,
      entry: created,
      orphans: [],
    };
  }
  if (!planned.grow || !grower) {
    return { report: { ...base, status: 'unchanged', ...(options.forced && !entry ? { forced: true } : {}) }, entry: { ...previous, ownership: 'scaffold', sources: planned.sources }, orphans: [] };
  }
  const text = disk.toString('utf8');
  const grown = growSource(grower.tsMorph, grower.project, planned.path, text, planned.grow);
  if (grown.unparsable) {
    return {
      report: { ...base, status: 'unchanged' },
      entry: previous,
      orphans: [],
      warning: {
        code: 'W_SCAFFOLD_UNPARSABLE',
        path: planned.path,
        message: `user-owned file "${planned.path}" has syntax errors, so it was not grown this run`,
        hint: 'fix the syntax errors and run generate again to get the new stubs',
      },
    };
  }
  const exported = new Map(grown.declared.filter((d) => d.exported).map((d) => [d.name, d]));
  const requiredSet = new Set(required);
  // Members the model asked for before and no longer does, still in the file: orphans.
  const orphanNames = (previous.members ?? []).filter((n) => !requiredSet.has(n) && exported.has(n));
  const orphans: Orphan[] = orphanNames.map((name) => {
    const d = exported.get(name)!;
    return { path: planned.path, line: d.line, col: d.col, name, kind: 'member' };
  });
  const members = [...required, ...orphanNames];
  const changed = grown.text !== text;
  const entryAfter: ManifestEntry = {
    ownership: 'scaffold',
    sha256: changed ? sha256(grown.text) : previous.sha256,
    sources: planned.sources,
    members,
  };
  return {
    report: {
      ...base,
      status: changed ? 'grown' : 'unchanged',
      ...(changed ? { addedMembers: grown.addedMembers, addedImports: grown.addedImports } : {}),
      ...(changed && options.wantDiff ? { diff: unifiedDiff(planned.path, text, grown.text) } : {}),
      ...(options.forced && !entry ? { forced: true } : {}),
    },
    ...(changed ? { write: grown.text } : {}),
    entry: entryAfter,
    orphans,
  };
}
