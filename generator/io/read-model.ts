// Node-side reading of a model: a folder (every *.yaml / *.yml below it, layout sidecars
// included) or a single file. Hands the loader raw bytes, so encoding problems (UTF-16, invalid
// UTF-8) are reported by the loader with a position; problems with the path itself become an
// E_IO diagnostic carried by ModelReadError. Used by validate, generate, check and studio.
import { constants, lstatSync, realpathSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { layoutFileOf } from '../model/layout-names.js';
import type { Diagnostic, SourceFile } from '../model/types.js';

/** A problem reading the model from disk; `diagnostic` is what the CLI prints. */
export class ModelReadError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'ModelReadError';
  }
}

export interface ReadModelOptions {
  /** Files larger than this are refused (the loader's own cap is the same); never trusting stat. */
  maxBytes?: number;
  /** All model files together may not exceed this (E_MODEL_TOO_LARGE). */
  maxTotalBytes?: number;
}

export interface ModelOnDisk {
  /** The folder the SourceFile paths are relative to (the folder itself, or a file's folder). */
  root: string;
  files: SourceFile[];
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** docs/security.md: a model folder's total; 30 near-cap files used to exhaust the heap. */
export const DEFAULT_MAX_TOTAL_BYTES = 20 * 1024 * 1024;
const O_NOFOLLOW: number = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;
const O_NONBLOCK: number = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;
const MODEL_FILE = /\.ya?ml$/i;
/** Folders that never hold model files; skipping them keeps `validate .` fast in a repo root. */
const SKIPPED_DIRS = new Set(['node_modules']);

/** The model's files, sorted by path (see readModel). */
export async function readModelSources(target: string, options: ReadModelOptions = {}): Promise<SourceFile[]> {
  return (await readModel(target, options)).files;
}

/**
 * Reads a folder (recursively; hidden folders, node_modules and symlinked folders skipped) or
 * one file (plus its `.layout.yaml` sidecar when present). Paths are relative to the root with
 * `/` separators and sorted by code unit, so the result does not depend on the OS.
 */
export async function readModel(target: string, options: ReadModelOptions = {}): Promise<ModelOnDisk> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const budget = { left: options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES, total: options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES };
  // The root itself is not followed when it is a link: the model folder is what the repo holds.
  if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new ModelReadError(diagnostic('E_SYMLINK', target, 'the model path is a symbolic link; stormsmith does not follow links out of the model folder', 'pass the real folder or file'));
  }
  const info = await stat(target).catch((error: unknown) => {
    throw ioError(target, error, 'the model path');
  });
  if (info.isDirectory()) {
    const realRoot = realpathSync.native(target);
    const relative = (await walk(target, '', realRoot)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const files: SourceFile[] = [];
    for (const rel of relative) files.push(await readSource(path.join(target, ...rel.split('/')), rel, maxBytes, budget, realRoot));
    return { root: target, files };
  }
  if (!info.isFile()) throw new ModelReadError(diagnostic('E_IO', target, 'the model path is neither a file nor a folder', 'pass a model folder or a .yaml file'));
  if (!MODEL_FILE.test(target)) {
    throw new ModelReadError(diagnostic('E_IO', target, 'not a YAML model file', 'model files end in .yaml or .yml; pass the file or the folder that holds them'));
  }
  const root = path.dirname(target);
  const name = path.basename(target);
  const files = [await readSource(target, name, maxBytes, budget)];
  const sidecar = layoutFileOf(name);
  if (sidecar !== name) {
    const sidecarPath = path.join(root, sidecar);
    const exists = lstatSync(sidecarPath, { throwIfNoEntry: false }) !== undefined;
    if (exists) files.push(await readSource(sidecarPath, sidecar, maxBytes, budget));
  }
  return { root, files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

async function walk(root: string, rel: string, realRoot: string): Promise<string[]> {
  const dir = rel === '' ? root : path.join(root, ...rel.split('/'));
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw ioError(dir, error, 'the folder');
  });
  const out: string[] = [];
  for (const entry of entries) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      out.push(...(await walk(root, child, realRoot)));
    } else if (MODEL_FILE.test(entry.name)) {
      // Regular files, and links to files inside the model folder (checked in readSource); a
      // symlinked folder is not followed (no loops, no way out).
      if (entry.isFile() || entry.isSymbolicLink() || !entry.isDirectory()) out.push(child);
    }
  }
  return out;
}

/** Where a model file may be read from: itself, or a link's target when inside the model folder. */
function readablePath(file: string, shown: string, realRoot: string | undefined): string {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat?.isSymbolicLink()) return file;
  let real: string | undefined;
  try {
    real = realpathSync.native(file);
  } catch {
    real = undefined;
  }
  if (realRoot === undefined || real === undefined || !real.startsWith(realRoot + path.sep)) {
    // Named, never read: its target may be any file of the machine running CI.
    throw new ModelReadError(diagnostic('E_SYMLINK', file, 'model file is a symbolic link that leads out of the model folder (or nowhere); it is not read', 'replace the link with the file itself'));
  }
  void shown;
  return real;
}

async function readSource(file: string, rel: string, maxBytes: number, budget: { left: number; total: number }, realRoot?: string): Promise<SourceFile> {
  const from = readablePath(file, rel, realRoot);
  // O_NOFOLLOW: the checked path is what is opened; O_NONBLOCK: a FIFO named *.yaml cannot hang us.
  const handle = await open(from, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK).catch((error: unknown) => {
    throw ioError(file, error, 'the model file');
  });
  let buffer: Buffer;
  try {
    if (!(await handle.stat()).isFile()) throw new ModelReadError(diagnostic('E_IO', file, 'the model file is not a regular file (a device, FIFO or socket)', 'model files are plain .yaml files'));
    // Read with a cap rather than trusting stat: /proc-like files report size 0.
    const cap = Math.min(maxBytes, budget.left);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(256 * 1024, cap + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > cap) {
        if (cap === maxBytes) throw new ModelReadError(diagnostic('E_TOO_LARGE', file, `file is more than the ${maxBytes} bytes a model file may have`, 'split the bounded context into smaller files'));
        throw new ModelReadError(diagnostic('E_MODEL_TOO_LARGE', file, `the model's files together are more than ${budget.total} bytes (reached at this file)`, 'a model this large is beyond what stormsmith supports; see docs/security.md'));
      }
    }
    buffer = Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof ModelReadError) throw error;
    throw ioError(file, error, 'the model file');
  } finally {
    await handle.close();
  }
  budget.left -= buffer.byteLength;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  // `text` for consumers that want it; the loader decodes `bytes` itself, strictly.
  return { path: rel, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), bytes };
}

const REASONS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (operation not permitted)',
  ENOTDIR: 'is not a folder',
  EISDIR: 'is a folder',
  ELOOP: 'is a symbolic link (not followed)',
  EMFILE: 'cannot be opened (too many open files)',
};

function ioError(target: string, error: unknown, what: string, shown = target): ModelReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  const reason = REASONS[code] ?? `cannot be read (${code})`;
  const hint = code === 'ENOENT' ? 'check the path; `stormsmith validate` with no path reads ./models, or the current folder' : 'check the permissions of the path';
  return new ModelReadError(diagnostic('E_IO', shown, `${what} ${reason}`, hint));
}

function diagnostic(code: string, file: string, message: string, hint: string): Diagnostic {
  return { code, severity: 'error', file, line: 1, col: 1, message, hint };
}
