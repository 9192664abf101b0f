// A snapshot of everything under a folder, links not followed: kind, bytes or link target.
// Two equal snapshots mean nothing was written, deleted, renamed or re-linked there.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      const stat = fs.lstatSync(full);
      if (stat.isSymbolicLink()) out[rel] = `link -> ${fs.readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        out[rel] = 'dir';
        walk(full);
      } else if (stat.isFile()) out[rel] = `file ${fs.readFileSync(full).toString('base64')}`;
      else out[rel] = 'other';
    }
  };
  walk(root);
  return out;
}
