// Lists a folder tree the way file maps name their files, for comparing trees on disk with plans.

import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `root`, as `/`-separated paths relative to it, in full-path order (a plain
 *  directory walk would put `a/x` before `a.b`). Throws when `root` does not exist. */
export function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
