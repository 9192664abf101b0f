// Node-side reading of a model: a folder (every *.yaml / *.yml below it, layout sidecars
// included) or a single file. Hands the loader raw bytes, so encoding problems (UTF-16, invalid
// UTF-8) are reported by the loader with a position; problems with the path itself become an
// E_IO diagnostic carried by ModelReadError. Used by validate, generate, check and studio.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { layoutFileOf } from '../model/layout.js';
import type { Diagnostic, SourceFile } from '../model/types.js';

/** A problem reading the model from disk; `diagnostic` is what the CLI prints. */
export class ModelReadError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'ModelReadError';
  }
}

export interface ReadModelOptions {
  /** Files larger than this are refused before being read (the loader's own cap is the same). */
  maxBytes?: number;
}

export interface ModelOnDisk {
  /** The folder the SourceFile paths are relative to (the folder itself, or a file's folder). */
  root: string;
  files: SourceFile[];
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
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
  const info = await stat(target).catch((error: unknown) => {
    throw ioError(target, error, 'the model path');
  });
  if (info.isDirectory()) {
    const relative = (await walk(target, '')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const files: SourceFile[] = [];
    for (const rel of relative) files.push(await readSource(path.join(target, ...rel.split('/')), rel, maxBytes));
    return { root: target, files };
  }
  if (!info.isFile()) throw new ModelReadError(diagnostic('E_IO', target, 'the model path is neither a file nor a folder', 'pass a model folder or a .yaml file'));
  if (!MODEL_FILE.test(target)) {
    throw new ModelReadError(diagnostic('E_IO', target, 'not a YAML model file', 'model files end in .yaml or .yml; pass the file or the folder that holds them'));
  }
  const root = path.dirname(target);
  const name = path.basename(target);
  const files = [await readSource(target, name, maxBytes)];
  const sidecar = layoutFileOf(name);
  if (sidecar !== name) {
    const sidecarPath = path.join(root, sidecar);
    const exists = await stat(sidecarPath).then((s) => s.isFile(), () => false);
    if (exists) files.push(await readSource(sidecarPath, sidecar, maxBytes));
  }
  return { root, files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

async function walk(root: string, rel: string): Promise<string[]> {
  const dir = rel === '' ? root : path.join(root, ...rel.split('/'));
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw ioError(dir, error, 'the folder');
  });
  const out: string[] = [];
  for (const entry of entries) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      out.push(...(await walk(root, child)));
    } else if (MODEL_FILE.test(entry.name)) {
      // Regular files and symlinks to files; a symlinked folder is not followed (no loops).
      if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path.join(dir, entry.name)).then((s) => s.isFile(), () => false)))) out.push(child);
    }
  }
  return out;
}

async function readSource(file: string, rel: string, maxBytes: number): Promise<SourceFile> {
  const size = (await stat(file).catch((error: unknown) => {
    throw ioError(file, error, 'the model file', rel);
  })).size;
  if (size > maxBytes) {
    throw new ModelReadError(
      diagnostic('E_TOO_LARGE', rel, `file is ${size} bytes, more than the ${maxBytes} bytes a model file may have`, 'split the bounded context into smaller files'),
    );
  }
  const buffer = await readFile(file).catch((error: unknown) => {
    throw ioError(file, error, 'the model file', rel);
  });
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
  ELOOP: 'is a symbolic link loop',
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
