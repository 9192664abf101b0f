// Reading a registry (IO): from the working tree, or from a git revision (`--against <ref>`,
// via `git show <ref>:<path>`). Both verify every file against the sha256 in the index, so an
// edited released schema is reported (E_RELEASED_SCHEMA_MODIFIED), never silently used.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Diagnostic } from '../../model/types.js';
import type { JsonSchema } from '../json-schema.js';
import { sha256 } from './hash.js';
import { parseIndex } from './index-file.js';
import { INDEX_FILE, type RegisteredEvent, type Registry } from './types.js';

const run = promisify(execFile);

export interface RegistryRead {
  registry: Registry;
  diagnostics: Diagnostic[];
  /** False when the folder (or the ref) has no index.json: an empty registry. */
  exists: boolean;
}

/** Reads a file of the registry; undefined when it does not exist. */
type ReadFile = (relative: string) => Promise<string | undefined>;

const problem = (code: string, file: string, message: string, hint: string): Diagnostic => ({ code, severity: 'error', file, line: 1, col: 1, message, hint });

async function readWith(readFile: ReadFile, display: (relative: string) => string): Promise<RegistryRead> {
  const indexText = await readFile(INDEX_FILE);
  if (indexText === undefined) return { registry: { events: [] }, diagnostics: [], exists: false };
  const { index, problem: bad } = parseIndex(indexText);
  if (!index) {
    return { registry: { events: [] }, diagnostics: [problem('E_REGISTRY_INVALID', display(INDEX_FILE), bad!, 'restore index.json from git; it is written by `stormsmith schemas release` only')], exists: true };
  }
  const diagnostics: Diagnostic[] = [];
  const events: RegisteredEvent[] = [];
  for (const entry of index.events) {
    const versions: RegisteredEvent['versions'] = [];
    for (const v of entry.versions) {
      const text = await readFile(v.file);
      const shown = display(v.file);
      if (text === undefined) {
        diagnostics.push(problem('E_RELEASED_SCHEMA_MODIFIED', shown, `released schema ${entry.context}.${entry.name} v${v.version} is missing`, 'restore the file from git; released schemas are kept forever'));
        continue;
      }
      if (sha256(text) !== v.sha256) {
        diagnostics.push({
          ...problem('E_RELEASED_SCHEMA_MODIFIED', shown, `released schema ${entry.context}.${entry.name} v${v.version} was edited (sha256 differs from index.json)`, 'restore the released file from git and describe the change as a new version of the event in the model'),
          rule: 'RELEASED_SCHEMA_MODIFIED',
        });
        continue;
      }
      let schema: JsonSchema;
      try {
        schema = JSON.parse(text) as JsonSchema;
      } catch (error) {
        diagnostics.push(problem('E_REGISTRY_INVALID', shown, `not valid JSON: ${(error as Error).message}`, 'restore the file from git'));
        continue;
      }
      versions.push({ version: v.version, file: v.file, sha256: v.sha256, schema });
    }
    events.push({ context: entry.context, name: entry.name, versions });
  }
  return { registry: { events }, diagnostics, exists: true };
}

/** The registry in a folder of the working tree. */
export function readRegistryDir(dir: string, display: (file: string) => string = (f) => path.join(dir, f)): Promise<RegistryRead> {
  return readWith(async (relative) => {
    const file = path.join(dir, ...relative.split('/'));
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }, display);
}

export class GitError extends Error {}

/** The registry folder `dir` as it is at git revision `ref`. */
export async function readRegistryAtRef(dir: string, ref: string, display: (file: string) => string = (f) => `${ref}:${f}`): Promise<RegistryRead> {
  const absolute = path.resolve(dir);
  // The folder may not exist in the working tree any more: ask git from its nearest parent.
  let probe = absolute;
  while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  let top: string;
  try {
    top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd: probe })).stdout.trim();
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: top });
  } catch {
    throw new GitError(`cannot read git revision "${ref}" (is ${dir} inside a git repository, and does the ref exist?)`);
  }
  const inRepo = path.relative(fs.realpathSync(top), fs.existsSync(absolute) ? fs.realpathSync(absolute) : absolute).split(path.sep).join('/');
  return readWith(async (relative) => {
    try {
      const { stdout } = await run('git', ['show', `${ref}:${inRepo ? `${inRepo}/` : ''}${relative}`], { cwd: top, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
      return stdout;
    } catch {
      return undefined;
    }
  }, display);
}
