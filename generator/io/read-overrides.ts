// Template overrides come from the repository being generated, so they are untrusted input
// (docs/security.md): a committed `.stormsmith/templates/x.hbs -> /dev/zero` used to grow `check`
// to gigabytes. Only regular files are read, never through a link (the folder itself included),
// each and all together under a byte cap; anything else stops the run with a diagnostic that
// names the file.

import { constants, lstatSync, openSync, closeSync, fstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readCapped } from '../apply/fs-facade.js';
import { ModelReadError } from './read-model.js';

export const TEMPLATE_MAX_BYTES = 1024 * 1024;
export const TEMPLATES_MAX_TOTAL_BYTES = 16 * 1024 * 1024;
export const TEMPLATES_MAX_FILES = 2000;

const O_NOFOLLOW: number = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;
const O_NONBLOCK: number = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

const refuse = (file: string, code: string, message: string, hint: string): never => {
  throw new ModelReadError({ code, severity: 'error', file, line: 1, col: 1, message, hint });
};

/** The override files under `root` (relative path -> text). */
export function readOverrideTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  let total = 0;
  let count = 0;
  const walk = (dir: string) => {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) refuse(dir, 'E_TEMPLATE_UNSAFE', 'template override folder is a symbolic link; links are not followed', 'replace the link with a real folder');
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const s = lstatSync(full);
      if (s.isSymbolicLink()) refuse(full, 'E_TEMPLATE_UNSAFE', 'template override is a symbolic link; links are not followed', 'replace the link with the file itself');
      if (s.isDirectory()) {
        walk(full);
        continue;
      }
      if (!s.isFile()) refuse(full, 'E_TEMPLATE_UNSAFE', 'template override is not a regular file', 'template overrides are plain text files');
      if (++count > TEMPLATES_MAX_FILES) refuse(full, 'E_TEMPLATE_TOO_LARGE', `more than ${TEMPLATES_MAX_FILES} template overrides`, 'override only the templates you change');
      const fd = openSync(full, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
      try {
        if (!fstatSync(fd).isFile()) refuse(full, 'E_TEMPLATE_UNSAFE', 'template override is not a regular file', 'template overrides are plain text files');
        const read = readCapped(fd, Math.min(TEMPLATE_MAX_BYTES, TEMPLATES_MAX_TOTAL_BYTES - total));
        if (read.kind !== 'file') {
          refuse(full, 'E_TEMPLATE_TOO_LARGE', `template override is larger than ${TEMPLATE_MAX_BYTES} bytes, or all overrides together exceed ${TEMPLATES_MAX_TOTAL_BYTES}`, 'templates are small text files');
        } else {
          total += read.bytes.length;
          out[relative(root, full).split(sep).join('/')] = read.bytes.toString('utf8');
        }
      } finally {
        closeSync(fd);
      }
    }
  };
  walk(root);
  return out;
}
