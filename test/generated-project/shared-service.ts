// Generated services shared by the test files of one `vitest run` that only read them (ADR 0107).
//
// A shared service lives in the run's folder (test/support/shared-services.global.ts), named by a
// sha256 of everything it is built from (the planned files, fixture files), so two test files that
// ask for the same content get the same folder and different content never does. It is built in a
// scratch folder and renamed into place: rename is atomic, so a concurrent worker either sees the
// whole service or none; when two build it at once the second rename fails and its copy is dropped.
//
// Tool runs over a shared service (tsc, the service's own vitest) are done once per run and their
// outcome kept beside it: the first caller takes a lock (an exclusive mkdir), runs the tool and
// writes the outcome atomically; later callers read it. A run's outcome is a function of the
// folder's content (fixed by its name) and the tool's arguments, so every reader sees exactly
// what its own run would have shown.
//
// "Only read" is checked, not trusted: each file that uses a shared service compares the folder
// with the digest taken when it was built, on first use and after the file's tests; a test that
// wrote into it fails naming the files it changed. Tests that write get a private copy instead.

import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { FileMap } from '../../generator/plan-types.js';
import type {} from '../support/shared-services.global.js';
import { GENERATED_RUN_TIMEOUT, runGeneratedTests, runTool, type TestOutcome, type ToolRun } from './support.js';

export interface SharedService {
  /** The project folder. Read it, run tools in it; never write into it. */
  readonly dir: string;
  /** Where this service's memoised tool runs are kept (outside the project folder). */
  readonly runs: string;
  /** Every file of the project as built (path -> sha256; a symlink as `-> target`). */
  readonly digest: Readonly<Record<string, string>>;
}

/** The run's folder; only vitest started with our config (its globalSetup) provides one. */
function sharedRoot(): string {
  const root = inject('sharedServicesRoot');
  if (!root) throw new Error('no sharedServicesRoot: run the tests through vitest.config.ts, whose globalSetup provides it');
  return root;
}

/** A content key for a planned file map: every path and its contents. */
export function fileMapKey(files: FileMap): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0${files.get(path)!.contents}\0`);
  return hash.digest('hex');
}

/** path -> sha256 of every file under `dir` (symlinks as their target, never followed). */
export function treeDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      const path = prefix + name;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) out[path] = `-> ${readlinkSync(full)}`;
      else if (stat.isDirectory()) walk(full, `${path}/`);
      else out[path] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** What changed between two digests, one line per path (empty when none). */
export function digestChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((p) => (before[p] === after[p] ? [] : [`${p}: ${before[p] === undefined ? 'added' : after[p] === undefined ? 'removed' : 'changed'}`]));
}

/**
 * The shared service named `name` and keyed by `key` (a hash of everything `build` writes), built
 * once per run by `build(projectDir)`; `build` must be a function of what `key` covers.
 */
export async function sharedService(name: string, key: string, build: (dir: string) => void | Promise<void>): Promise<SharedService> {
  const root = sharedRoot();
  const home = join(root, `${name}-${createHash('sha256').update(`${name}\0${key}`).digest('hex').slice(0, 20)}`);
  if (!existsSync(home)) {
    const scratch = mkdtempSync(join(root, `.building-${name}-`));
    try {
      const project = join(scratch, 'service');
      mkdirSync(project);
      await build(project);
      writeFileSync(join(scratch, 'digest.json'), JSON.stringify(treeDigest(project)));
      mkdirSync(join(scratch, 'runs'));
      try {
        renameSync(scratch, home);
      } catch (error) {
        // Another worker put the same service in place first: use theirs.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const service: SharedService = {
    dir: join(home, 'service'),
    runs: join(home, 'runs'),
    digest: JSON.parse(readFileSync(join(home, 'digest.json'), 'utf8')) as Record<string, string>,
  };
  expectUntouched(service, 'before this file used it');
  return service;
}

/** Throws, naming the files, when the shared service no longer matches its digest. */
export function expectUntouched(service: SharedService, when: string): void {
  const changes = digestChanges(service.digest, treeDigest(service.dir));
  if (changes.length > 0) {
    throw new Error(`a test wrote into the shared service ${service.dir} (${when}); tests that write need a private copy (privateCopy):\n${changes.join('\n')}`);
  }
}

/** A private copy of a shared service (node_modules stays a link to ours), for a test that writes. */
export function privateCopy(service: SharedService, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `stormsmith-${prefix}-`));
  try {
    // A real copy of every file (no hard links: writeFileSync truncates in place, so a hard link
    // would carry a test's writes back into the shared service); symlinks copied as they are.
    cpSync(service.dir, dir, { recursive: true, verbatimSymlinks: true });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * `compute()` once per run for `id` over `service`: the first caller runs it under a lock and keeps
 * the (JSON) outcome; the others wait for it and read it.
 */
export function runOnce<T>(service: SharedService, id: string, compute: (scratch: string) => T): T {
  const result = join(service.runs, `${id}.json`);
  const lock = join(service.runs, `${id}.lock`);
  const deadline = Date.now() + 2 * GENERATED_RUN_TIMEOUT;
  for (;;) {
    if (existsSync(result)) return JSON.parse(readFileSync(result, 'utf8')) as T;
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (mine) {
      try {
        if (existsSync(result)) return JSON.parse(readFileSync(result, 'utf8')) as T;
        const value = compute(lock);
        const partial = `${result}.${randomBytes(6).toString('hex')}`;
        writeFileSync(partial, JSON.stringify(value));
        renameSync(partial, result);
        return value;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`waited too long for ${result} (the worker running it holds ${lock})`);
    sleep(200);
  }
}

/** A name for one tool invocation: the tool, its arguments, and the database it would use. */
const runId = (tool: string, args: string[]) =>
  createHash('sha256').update(JSON.stringify([tool, args, process.env.DATABASE_URL ?? ''])).digest('hex').slice(0, 20);

/** `tsc` (or another tool) in a shared service, run once per run for these arguments. */
export function sharedToolRun(service: SharedService, tool: 'tsc', args: string[]): ToolRun {
  return runOnce(service, runId(tool, args), () => runTool(service.dir, tool, args));
}

/**
 * The service's own `vitest run` (all files, or `files`), once per run; the JSON report goes to a
 * scratch folder beside the runs, never into the service.
 */
export function sharedTestRun(service: SharedService, files: string[] = []): { run: ToolRun; outcomes: TestOutcome[] } {
  return runOnce(service, runId('vitest', files), (scratch) => runGeneratedTests(service.dir, files, join(scratch, 'report.json')));
}

/** Removes a folder made by `privateCopy` (for afterAll). */
export function removeCopy(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
