// apply(plan, outDir): make an output folder match a plan without ever losing hand-written code.
//
// Order of work: (1) check every path by name; (2) lock the folder and roll back any run that
// died half-way; (3) read the manifest and the disk, decide per path (classify.ts,
// scaffold.ts), growing user-owned files that need it; (4) check every file about to be written
// parses; (5) if anything blocks, stop with nothing written; otherwise (6) write everything in
// one journaled transaction, manifest last (transaction.ts).

import * as nodePath from 'node:path';
import type { FileMap, PlannedFile } from '../plan-types.js';
import { decideGenerated, decideGeneratedKnown, decideStale, type Decision } from './classify.js';
import { hasErrorCode, nodeFs, type ApplyFs, type FileIdentity } from './fs-facade.js';
import { acquireLock, LOCK_PATH, LockedError } from './lock.js';
import { currentManifest, emptyManifest, MANIFEST_PATH, ManifestError, manifestsEqual, parseManifest, serializeManifest, sha256, type Manifest, type ManifestEntry } from './manifest.js';
import { checkPathName, findCollisions, foldPath, SafeReader, STATE_DIR } from './path-safety.js';
import { decideScaffold, decideScaffoldKnown, scaffoldNeedsParse, type Grower } from './scaffold.js';
import { STATE_GITIGNORE_PATH, STATE_GITIGNORE_TEXT } from './state-files.js';
import { trackedLocalState, trackedStateWarnings } from './tracked-state.js';
import { commitTransaction, hasJournal, JournalError, readInterrupted, recoverInterrupted, type TxnWrite } from './transaction.js';
import type { ApplyFileReport, ApplyOptions, ApplyProblem, ApplyReport, KnownHash, Orphan } from './types.js';
import { validateOutputs } from './validate-outputs.js';

const byPath = <T extends { path: string }>(a: T, b: T): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

const abs = (root: string, rel: string): string => nodePath.join(root, ...rel.split('/'));

/** Creates `dir` and missing parents; records what it created (parents first). */
function mkdirp(fs: ApplyFs, dir: string, created: string[]): void {
  if (fs.lstat(dir) !== null) return;
  mkdirp(fs, nodePath.dirname(dir), created);
  fs.mkdir(dir);
  created.push(dir);
}

interface Reading {
  manifest: Manifest;
  hadManifest: boolean;
  problems: ApplyProblem[];
}

/** Far above any real manifest (about 150 bytes per file). */
const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;

function readManifest(fs: ApplyFs, root: string, allowNonEmpty: boolean): Reading {
  const read = fs.readRegularFile(abs(root, MANIFEST_PATH), MANIFEST_MAX_BYTES);
  if (read.kind === 'symlink' || read.kind === 'other' || read.kind === 'too-large') {
    const why = read.kind === 'symlink' ? 'is a symbolic link' : read.kind === 'other' ? 'is not a regular file' : `is larger than ${MANIFEST_MAX_BYTES} bytes`;
    return {
      manifest: emptyManifest(),
      hadManifest: true,
      problems: [{ code: read.kind === 'symlink' ? 'E_PATH_SYMLINK' : 'E_MANIFEST_INVALID', path: MANIFEST_PATH, message: `${MANIFEST_PATH} ${why}; stormsmith never reads through links`, hint: 'restore it from version control' }],
    };
  }
  const bytes = read.kind === 'file' ? read.bytes : null;
  if (bytes === null) {
    const others = fs.readdir(root).filter((name) => name !== STATE_DIR);
    const problems: ApplyProblem[] =
      others.length > 0 && !allowNonEmpty
        ? [
            {
              code: 'E_OUT_NOT_EMPTY',
              path: '',
              message: `the output folder is not empty and has no ${MANIFEST_PATH}, so stormsmith cannot tell its files from yours`,
              hint: 'generate into an empty folder, or pass --into to add the generated source tree to an existing repo',
            },
          ]
        : [];
    return { manifest: emptyManifest(), hadManifest: false, problems };
  }
  try {
    return { manifest: parseManifest(bytes.toString('utf8')), hadManifest: true, problems: [] };
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return {
      manifest: emptyManifest(),
      hadManifest: true,
      problems: [{ code: 'E_MANIFEST_INVALID', path: MANIFEST_PATH, message: `the manifest is unreadable: ${error.message}`, hint: 'restore it from version control' }],
    };
  }
}

function emptyReport(outDir: string, options: ApplyOptions, problems: ApplyProblem[]): ApplyReport {
  return { outDir, mode: options.mode ?? 'write', files: [], orphans: [], warnings: [], problems, written: 0, stale: false, ok: false };
}

export async function apply(plan: FileMap, outDir: string, options: ApplyOptions = {}): Promise<ApplyReport> {
  const fs = options.fs ?? nodeFs;
  const mode = options.mode ?? 'write';
  const wantDiff = options.diffs ?? mode === 'check';
  const forced = new Set(options.force ?? []);

  // (1) Names first: nothing on disk is looked at for a plan with an unsafe path.
  const nameProblems = [...plan.keys()].map(checkPathName).filter((p): p is ApplyProblem => p !== null);
  nameProblems.push(...findCollisions(plan.keys()));
  for (const [key, file] of plan) {
    if (key !== file.path) nameProblems.push({ code: 'E_PLAN_INVALID', path: key, message: `file map key "${key}" differs from its path "${file.path}"` });
  }
  if (nameProblems.length > 0) return emptyReport(outDir, options, nameProblems.sort(byPath));

  // (2) The folder, the lock, and any interrupted run.
  // Folders this run creates before knowing whether it will write: removed again if it does not.
  const createdDirs: string[] = [];
  let report: ApplyReport | undefined;
  const outStat = fs.lstat(outDir);
  if (outStat === null) {
    if (mode !== 'write') return missingFolderReport(outDir, mode, plan);
    mkdirp(fs, nodePath.resolve(outDir), createdDirs);
  } else if (outStat.kind !== 'directory') {
    // A linked output folder would send every write to wherever the link points.
    return emptyReport(outDir, options, [
      outStat.kind === 'symlink'
        ? { code: 'E_PATH_SYMLINK', path: '', message: `the output folder "${outDir}" is a symbolic link; stormsmith never writes through links`, hint: 'pass the real folder' }
        : { code: 'E_PATH_NOT_DIR', path: '', message: `the output folder "${outDir}" exists and is not a folder` },
    ]);
  }
  const root = fs.realpath(outDir);
  const stateStat = fs.lstat(abs(root, STATE_DIR));
  if (stateStat !== null && stateStat.kind !== 'directory') {
    return emptyReport(outDir, options, [
      { code: 'E_PATH_SYMLINK', path: STATE_DIR, message: `"${STATE_DIR}" is ${stateStat.kind === 'symlink' ? 'a symbolic link' : 'not a folder'}; stormsmith keeps its manifest, lock and journal there and never writes through links`, hint: `replace it with a real folder (git rm ${STATE_DIR}, then generate)` },
    ]);
  }
  let release: (() => void) | undefined;
  try {
    if (mode === 'write') {
      try {
        if (fs.lstat(abs(root, STATE_DIR)) === null) {
          fs.mkdir(abs(root, STATE_DIR));
          createdDirs.push(abs(root, STATE_DIR));
        }
        release = acquireLock(fs, abs(root, LOCK_PATH), options.isProcessAlive, () => trackedLocalState(root).includes(LOCK_PATH));
      } catch (error) {
        // A read-only tree (a CI cache, a mounted volume): a run with nothing to write still succeeds.
        if (hasErrorCode(error, 'EROFS', 'EACCES', 'EPERM')) return await readOnlyRun(plan, outDir, options, (error as NodeJS.ErrnoException).code!);
        if (!(error instanceof LockedError)) throw error;
        return emptyReport(outDir, options, [
          { code: 'E_LOCKED', path: LOCK_PATH, message: error.message, hint: `wait for it to finish; if no run is active, delete ${LOCK_PATH}` },
        ]);
      }
      try {
        recoverInterrupted(fs, root);
      } catch (error) {
        if (!(error instanceof JournalError)) throw error;
        return emptyReport(outDir, options, [journalProblem(error)]);
      }
    } else if (hasJournal(fs, root)) {
      try {
        readInterrupted(fs, root);
      } catch (error) {
        if (!(error instanceof JournalError)) throw error;
        return emptyReport(outDir, options, [journalProblem(error)]);
      }
      return emptyReport(outDir, options, [
        { code: 'E_INTERRUPTED', path: '', message: 'an interrupted `stormsmith generate` left this folder mid-transaction', hint: 'run `stormsmith generate` once: it rolls the folder back, then regenerates' },
      ]);
    }

    // (3) Manifest, disk, decisions.
    const reading = readManifest(fs, root, Boolean(options.allowNonEmpty));
    if (reading.problems.length > 0) return emptyReport(outDir, options, reading.problems);
    const { manifest } = reading;
    const problems: ApplyProblem[] = [];
    for (const path of manifest.files.keys()) {
      // A path the plan has was checked by name in (1) already.
      if (plan.has(path)) continue;
      const p = checkPathName(path);
      if (p) problems.push({ ...p, code: 'E_MANIFEST_INVALID', message: `manifest entry: ${p.message}` });
    }
    if (problems.length > 0) return emptyReport(outDir, options, problems);
    const paths = [...new Set([...plan.keys(), ...manifest.files.keys()])].sort();
    const disk = new Map<string, Buffer | null>();
    const reader = new SafeReader(fs, root);
    // A generated file whose identity is the one an earlier run recorded with the planned hash
    // is up to date without reading it (ADR 0104); its identity is taken before any read, so
    // that a change after it shows as another identity next time.
    const known = options.knownHashes;
    const identities = new Map<string, FileIdentity>();
    const trusted = new Map<string, Decision>();
    // The sha256 of user-owned files' bytes (recorded for the next run).
    const scaffoldShas = new Map<string, string>();
    for (const path of paths) {
      const planned = plan.get(path);
      if (known && planned && !forced.has(path)) {
        const identity = reader.identity(path);
        if (identity) {
          identities.set(path, identity);
          if (planned.ownership === 'generated') {
            if (planned.sha256 !== undefined && known.get(path, identity.id, 'generated') === planned.sha256) {
              trusted.set(path, decideGeneratedKnown(planned as PlannedFile & { sha256: string }));
              continue;
            }
          } else {
            const diskSha = known.get(path, identity.id, 'scaffold');
            const decision = diskSha === undefined ? undefined : decideScaffoldKnown(planned, diskSha, manifest.files.get(path));
            if (decision) {
              trusted.set(path, decision);
              scaffoldShas.set(path, diskSha!);
              continue;
            }
          }
        }
      }
      const read = reader.read(path);
      if ('problem' in read) problems.push(read.problem);
      else {
        disk.set(path, read.bytes);
        if (read.bytes && planned?.ownership === 'scaffold' && identities.has(path)) scaffoldShas.set(path, sha256(read.bytes));
      }
    }
    if (problems.length > 0) return emptyReport(outDir, options, problems);

    const toParse = [...plan.values()].filter((f) => f.ownership === 'scaffold' && disk.get(f.path) && scaffoldNeedsParse(f, disk.get(f.path)!, manifest.files.get(f.path)));
    const { createGrowProject } = toParse.length > 0 ? await import('../grow/grow-source.js') : { createGrowProject: undefined };
    const grower: Grower | undefined = createGrowProject ? await createGrowProject() : undefined;
    const parseSet = new Set(toParse.map((f) => f.path));

    const decisions: Decision[] = [];
    const orphans: Orphan[] = [];
    const warnings: ApplyProblem[] = [];
    for (const path of paths) {
      const planned = plan.get(path);
      const entry = manifest.files.get(path);
      const bytes = disk.get(path) ?? null;
      const known = trusted.get(path);
      if (known) decisions.push(known);
      else if (planned?.ownership === 'generated') decisions.push(decideGenerated(planned, bytes, entry, forced.has(path), wantDiff));
      else if (planned) {
        const d = decideScaffold(planned, bytes, entry, parseSet.has(path) ? grower : undefined, { forced: forced.has(path), wantDiff });
        orphans.push(...d.orphans);
        if (d.warning) warnings.push(d.warning);
        decisions.push(d);
      } else if (entry?.ownership === 'generated') decisions.push(decideStale(path, bytes, entry, forced.has(path)));
      else if (entry && bytes !== null) {
        // A user-owned file the model no longer produces: kept, reported, still owned.
        orphans.push({ path, line: 1, col: 1, name: path, kind: 'file' });
        decisions.push({ report: { path, ownership: 'scaffold', status: 'unchanged' }, entry });
      }
    }
    problems.push(...diskCollisions(fs, root, decisions));
    const usedForce = new Set(decisions.filter((d) => d.report.forced).map((d) => d.report.path));
    for (const path of forced) {
      if (!usedForce.has(path)) warnings.push({ code: 'W_FORCE_UNUSED', path, message: `--force ${path}: nothing at that path needed forcing` });
    }
    // --force never loses code: what it replaces is kept beside the file, at a free name.
    const taken = new Set(paths);
    const isFree = (candidate: string): boolean => {
      if (taken.has(candidate)) return false;
      const read = reader.read(candidate);
      return 'bytes' in read && read.bytes === null;
    };
    for (const d of decisions) {
      if (!d.original) continue;
      let candidate = `${d.report.path}.orig`;
      for (let n = 1; !isFree(candidate); n++) candidate = `${d.report.path}.orig.${n}`;
      taken.add(candidate);
      d.report.original = candidate;
    }
    if (mode === 'check') warnings.push(...trackedStateWarnings(root));
    report = await finish(fs, root, outDir, mode, manifest, reading.hadManifest, decisions, orphans, warnings, problems, options.verify ?? 'full');
    // A run that read no file it had an identity for learned nothing new: the record stands
    // (a no-op skips building and comparing 20,000 entries).
    if (known && mode === 'write' && trusted.size < identities.size) known.record(upToDate(plan, report, identities, scaffoldShas));
    return report;
  } finally {
    releaseQuietly(release);
    if (report === undefined || report.written === 0) {
      for (const dir of [...createdDirs].reverse()) {
        try {
          fs.rmdirIfEmpty(dir);
        } catch {
          // best effort: an empty folder left behind is harmless
        }
      }
    }
  }
}

/** The files this run found up to date (read, or trusted), with the identity they had then. */
function upToDate(plan: FileMap, report: ApplyReport, identities: ReadonlyMap<string, FileIdentity>, scaffoldShas: ReadonlyMap<string, string>): Map<string, KnownHash> {
  const known = new Map<string, KnownHash>();
  for (const f of report.files) {
    const identity = identities.get(f.path);
    if (f.status !== 'unchanged' || !identity) continue;
    const sha = f.ownership === 'generated' ? plan.get(f.path)?.sha256 : scaffoldShas.get(f.path);
    if (sha !== undefined) known.set(f.path, { ...identity, kind: f.ownership, sha256: sha });
  }
  return known;
}

/**
 * A new file whose name differs only in case or Unicode form from a file already in its folder
 * (one that this run does not remove) would be the same file on Windows and macOS: refused
 * here too, so that the tree checks out everywhere. Only folders that receive new files are listed.
 */
function diskCollisions(fs: ApplyFs, root: string, decisions: Decision[]): ApplyProblem[] {
  const removed = new Set(decisions.filter((d) => d.write === null).map((d) => d.report.path));
  const listings = new Map<string, Map<string, string>>();
  const problems: ApplyProblem[] = [];
  for (const d of decisions) {
    if (d.report.status !== 'added') continue;
    const slash = d.report.path.lastIndexOf('/');
    const dir = slash < 0 ? '' : d.report.path.slice(0, slash);
    let listing = listings.get(dir);
    if (!listing) {
      listing = new Map();
      const full = dir ? abs(root, dir) : root;
      if (fs.lstat(full)?.kind === 'directory') for (const name of fs.readdir(full)) listing.set(foldPath(name), name);
      listings.set(dir, listing);
    }
    const name = d.report.path.slice(slash + 1);
    const existing = listing.get(foldPath(name));
    const existingPath = existing === undefined ? undefined : dir ? `${dir}/${existing}` : existing;
    if (existing !== undefined && existing !== name && !removed.has(existingPath!)) {
      problems.push({
        code: 'E_PATH_COLLISION',
        path: d.report.path,
        message: `"${d.report.path}" and the existing "${existingPath}" are the same name on case-insensitive file systems (Windows, macOS)`,
        hint: `rename or move "${existingPath}"`,
      });
    }
  }
  return problems;
}

/** The output folder cannot be written: up to date is success, anything to write is E_READ_ONLY. */
async function readOnlyRun(plan: FileMap, outDir: string, options: ApplyOptions, code: string): Promise<ApplyReport> {
  const dry = await apply(plan, outDir, { ...options, mode: 'dry-run' });
  if (dry.problems.length > 0 || dry.stale) {
    return {
      ...dry,
      mode: 'write',
      ok: false,
      problems: [...dry.problems, { code: 'E_READ_ONLY', path: '', message: `the output folder is not writable (${code}) and ${dry.stale ? 'is out of date' : 'has problems'}`, hint: 'make the folder writable, or run `stormsmith generate --check` to only compare' }],
    };
  }
  return { ...dry, mode: 'write', ok: true, written: 0 };
}

const journalProblem = (error: JournalError): ApplyProblem => ({
  code: error.code,
  path: '.stormsmith/txn/journal.json',
  message: `${error.message}; nothing was changed`,
  hint: 'stormsmith did not write this journal (it may have come with a commit): check the output folder against version control, then delete .stormsmith/txn',
});

/** A lock file that cannot be removed is left for stale-lock detection (its pid dies with us). */
function releaseQuietly(release: (() => void) | undefined): void {
  try {
    release?.();
  } catch {
    // see above
  }
}

/**
 * Rolls back what an interrupted run left in `outDir` (apply() does this itself before writing;
 * exposed for tools and tests). Returns true when a rollback happened.
 */
export function recoverOutput(outDir: string, options: Pick<ApplyOptions, 'fs' | 'isProcessAlive'> = {}): boolean {
  const fs = options.fs ?? nodeFs;
  const state = fs.lstat(abs(outDir, STATE_DIR));
  if (state === null) return false;
  if (fs.lstat(outDir)?.kind !== 'directory' || state.kind !== 'directory') throw new JournalError(`the output folder or its ${STATE_DIR} is a symbolic link or not a folder`);
  const root = fs.realpath(outDir);
  const release = acquireLock(fs, abs(root, LOCK_PATH), options.isProcessAlive, () => trackedLocalState(root).includes(LOCK_PATH));
  try {
    return recoverInterrupted(fs, root);
  } finally {
    releaseQuietly(release);
  }
}

async function finish(
  fs: ApplyFs,
  root: string,
  outDir: string,
  mode: ApplyReport['mode'],
  manifest: Manifest,
  hadManifest: boolean,
  decisions: Decision[],
  orphans: Orphan[],
  warnings: ApplyProblem[],
  problems: ApplyProblem[],
  verify: 'full' | 'json',
): Promise<ApplyReport> {
  for (const d of decisions) if (d.problem) problems.push(d.problem);
  // (4) Every file about to be written must parse.
  const outgoing = decisions.filter((d) => typeof d.write === 'string').map((d) => ({ path: d.report.path, contents: d.write as string }));
  if (mode === 'write' && problems.length === 0) problems.push(...(await validateOutputs(outgoing, verify)));
  const files = decisions.map((d) => d.report).sort(byPath);
  const stale = files.some((f) => f.status !== 'unchanged');
  const report: ApplyReport = {
    outDir,
    mode,
    files,
    orphans: orphans.sort(byPath),
    warnings: warnings.sort(byPath),
    problems: problems.sort(byPath),
    written: 0,
    stale,
    ok: problems.length === 0 && (mode !== 'check' || !stale),
  };
  if (mode !== 'write' || problems.length > 0) return report;

  // (6) One transaction: removals first (a case-only rename then works on case-insensitive
  // file systems), then writes, then the manifest.
  const next: Manifest = currentManifest();
  for (const d of decisions) if (d.entry) next.files.set(d.report.path, d.entry);
  const writes: TxnWrite[] = [
    ...decisions.filter((d) => d.original && d.report.original).map((d) => ({ path: d.report.original!, contents: d.original! })),
    ...decisions.filter((d) => d.write === null).map((d) => ({ path: d.report.path, contents: null })),
    ...decisions.filter((d) => typeof d.write === 'string').map((d) => ({ path: d.report.path, contents: d.write as string })),
  ];
  const fileWrites = writes.length;
  // Local state (txn, lock, cache) is kept out of git, so that a pull request cannot carry it.
  const ignore = fs.readRegularFile(abs(root, STATE_GITIGNORE_PATH), STATE_GITIGNORE_TEXT.length + 1);
  if (ignore.kind !== 'file' || ignore.bytes.toString('utf8') !== STATE_GITIGNORE_TEXT) writes.push({ path: STATE_GITIGNORE_PATH, contents: STATE_GITIGNORE_TEXT });
  // Compared as data (cheaper than serialising 5000 entries on every no-op run).
  if (!hadManifest || !manifestsEqual(manifest, next)) writes.push({ path: MANIFEST_PATH, contents: serializeManifest(next) });
  commitTransaction(fs, root, writes);
  report.written = fileWrites;
  return report;
}

/** Report for a folder that does not exist yet (check / dry-run): every planned file is missing. */
function missingFolderReport(outDir: string, mode: ApplyReport['mode'], plan: FileMap): ApplyReport {
  const files: ApplyFileReport[] = [...plan.values()].map((f) => ({ path: f.path, ownership: f.ownership, status: 'added' as const })).sort(byPath);
  const stale = files.length > 0;
  return { outDir, mode, files, orphans: [], warnings: [], problems: [], written: 0, stale, ok: mode !== 'check' || !stale, folderMissing: true };
}
