// Local state (journal, lock, plan cache) committed to git arrives with every clone and pull
// request; recovery, locking and the cache are hardened against it, but it should not be there.
// Asked of git itself (the only source of truth for "tracked"); without git, nothing is said.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { STATE_DIR } from './path-safety.js';
import { isLocalState } from './state-files.js';
import type { ApplyProblem } from './types.js';

/** Tracked paths under `<root>/.stormsmith/` that are local state, relative to root; [] without git. */
export function trackedLocalState(root: string): string[] {
  let listing: string;
  try {
    listing = execFileSync('git', ['ls-files', '-z', '--', STATE_DIR], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, maxBuffer: 16 * 1024 * 1024 });
  } catch {
    return [];
  }
  return listing.split('\0').filter((p) => p !== '' && isLocalState(p));
}

/** Local state present on disk (a tracked file is normally checked out): only then is git asked. */
function localStateOnDisk(root: string): boolean {
  try {
    return readdirSync(join(root, STATE_DIR)).some((name) => isLocalState(`${STATE_DIR}/${name}${name === 'txn' || name === 'cache' ? '/' : ''}`));
  } catch {
    return false;
  }
}

/**
 * Whether git could see `root` as part of a work tree: a `.git` in it or above it, or git told
 * where by the environment. Outside one, `git ls-files` can only fail: no need to start it.
 */
function maybeInGitWorkTree(root: string): boolean {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE) return true;
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

export function trackedStateWarnings(root: string): ApplyProblem[] {
  // Spawning git costs tens of milliseconds on a busy machine (every --check after a generate has
  // a plan cache on disk); a folder with no local state, or outside any git work tree, skips it.
  if (!localStateOnDisk(root) || !maybeInGitWorkTree(root)) return [];
  const tracked = trackedLocalState(root);
  if (tracked.length === 0) return [];
  const shown = tracked.slice(0, 5).join(', ') + (tracked.length > 5 ? ` and ${tracked.length - 5} more` : '');
  return [
    {
      code: 'W_STATE_TRACKED',
      path: STATE_DIR,
      message: `local stormsmith state is committed to git: ${shown}; journals, locks and cache entries from a commit are never trusted, but they do not belong in the repository`,
      hint: `git rm -r --cached ${STATE_DIR}/txn ${STATE_DIR}/cache ${STATE_DIR}/lock (generate writes ${STATE_DIR}/.gitignore to keep them out)`,
    },
  ];
}
