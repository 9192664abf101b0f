// Folder IO of the ESDM commands: read every *.esdm.yaml below a folder (bounded count and size,
// no symlinks followed), and write a whole output folder at once (a temp folder renamed into
// place: never a partial folder, never into a non-empty one).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { EsdmDocument, EsdmNote } from '../types.js';

const MAX_FILES = 5000;
const MAX_BYTES = 5 * 1024 * 1024;

export class EsdmIoError extends Error {}

export function readEsdmFolder(dir: string): { file: string; doc: EsdmDocument }[] {
  const out: { file: string; doc: EsdmDocument }[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith('.esdm.yaml')) {
        if (out.length >= MAX_FILES) throw new EsdmIoError(`more than ${MAX_FILES} ESDM files under ${dir}`);
        if (fs.statSync(p).size > MAX_BYTES) throw new EsdmIoError(`${p} is larger than 5 MB`);
        const rel = path.relative(dir, p).split(path.sep).join('/');
        let doc: unknown;
        try {
          doc = parse(fs.readFileSync(p, 'utf8'), { maxAliasCount: 0 });
        } catch (error) {
          throw new EsdmIoError(`${rel}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
        }
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new EsdmIoError(`${rel}: an ESDM document must be a mapping`);
        out.push({ file: rel, doc: doc as EsdmDocument });
      }
    }
  };
  walk(dir);
  return out;
}

/** Writes `files` (relative paths) as the new folder `dir`, which must not exist or be empty. */
export function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string>): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new EsdmIoError(`${dir} is not empty; choose a new folder (nothing is overwritten)`);
  const temp = `${dir}.stormsmith-tmp-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  try {
    for (const [rel, text] of files) {
      if (rel.split('/').some((s) => s === '..' || s === '') || path.isAbsolute(rel)) throw new EsdmIoError(`refusing to write outside the output folder: ${rel}`);
      const target = path.join(temp, ...rel.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    if (fs.existsSync(dir)) fs.rmdirSync(dir);
    fs.renameSync(temp, dir);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

export const formatNotes = (notes: readonly EsdmNote[]): string =>
  notes.map((n) => `  ${n.fate === 'kept-as-annotation' ? 'kept ' : n.fate === 'dropped' ? 'LOST ' : 'approx'} ${n.where}: ${n.what}\n`).join('');
