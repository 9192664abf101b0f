// Shared helpers for apply/grow tests: synthetic file maps and real temp folders.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import type { FileMap, PlannedFile, ScaffoldGrowth } from '../../generator/plan-types.js';

export const generated = (p: string, contents: string): PlannedFile => ({ path: p, contents, ownership: 'generated', sources: ['lending.yaml'] });

export const scaffold = (p: string, contents: string, grow?: ScaffoldGrowth): PlannedFile => ({
  path: p,
  contents,
  ownership: 'scaffold',
  sources: ['lending.yaml'],
  ...(grow ? { grow } : {}),
});

export const fileMap = (...files: PlannedFile[]): FileMap => new Map([...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f]));

// Every folder tempDir makes is removed when the importing test file is done (vitest evaluates
// this module once per test file, so the hook belongs to that file).
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'stormsmith-apply-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Every file under `root` (relative path -> utf8 text), skipping stormsmith's scratch folder. */
export function readTree(root: string, { withState = false } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (rel === '.stormsmith/txn') continue;
        walk(full);
      } else if (withState || !rel.startsWith('.stormsmith/') || rel === '.stormsmith/manifest.json') {
        out[rel] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  if (fs.existsSync(root)) walk(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export const mtimeOf = (file: string): bigint => fs.statSync(file, { bigint: true }).mtimeNs;

/** A logic file as the planner would scaffold it. */
export const LOGIC_V1 = `// Business logic for Loan. This file is yours: stormsmith only adds missing stubs.
import type { BorrowBook } from './loan.commands.js';
import type { BookBorrowed } from './loan.events.js';

export function decideBorrowBook(command: BorrowBook): BookBorrowed[] {
  throw new Error('not implemented: BorrowBook');
}
`;

export const stub = (name: string, command: string, event: string) => ({
  name,
  text: `export function ${name}(command: ${command}): ${event}[] {\n  throw new Error('not implemented: ${command}');\n}`,
});
