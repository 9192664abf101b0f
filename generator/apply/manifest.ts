// The manifest: what stormsmith owns in an output folder. Generated files are recorded with the
// sha256 of the bytes written (a differing disk hash means a hand edit); scaffold files are
// recorded because stormsmith created them, with the members the model asked for (so that a
// member the model drops is reported as an orphan, while the user's own helpers never are).
// Serialised deterministically (sorted keys, no timestamps) so a no-op run leaves it untouched.
// It also records the Stormsmith version that wrote it (`stormsmithVersion`), so that a run of
// another version can say so; a version change alone rewrites it.

import { createHash } from 'node:crypto';
import type { Ownership } from '../plan-types.js';
import { STORMSMITH_VERSION } from '../version.js';

export const MANIFEST_PATH = '.stormsmith/manifest.json';
export const MANIFEST_FORMAT = 1;

export interface ManifestEntry {
  ownership: Ownership;
  sha256: string;
  sources: string[];
  /** Scaffold files: exported member names the model asks (or asked) for. */
  members?: string[];
}

export interface Manifest {
  files: Map<string, ManifestEntry>;
  /** The Stormsmith version that wrote it; absent in manifests of versions before 0.1.0. */
  stormsmithVersion?: string;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export const emptyManifest = (): Manifest => ({ files: new Map() });

/** A new manifest, written by this version. */
export const currentManifest = (): Manifest => ({ files: new Map(), stormsmithVersion: STORMSMITH_VERSION });

export class ManifestError extends Error {}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // The parser's message quotes the file's text, which is not echoed (it may be anything).
    throw new ManifestError('not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { stormsmith?: unknown }).stormsmith !== MANIFEST_FORMAT) {
    throw new ManifestError(`expected {"stormsmith": ${MANIFEST_FORMAT}, "files": {...}}`);
  }
  const version = (raw as { stormsmithVersion?: unknown }).stormsmithVersion;
  if (version !== undefined && (typeof version !== 'string' || !/^[0-9A-Za-z.+-]{1,64}$/.test(version))) throw new ManifestError('"stormsmithVersion" must be a version string');
  const files = (raw as { files?: unknown }).files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) throw new ManifestError('"files" must be an object');
  const result = new Map<string, ManifestEntry>();
  for (const [path, value] of Object.entries(files)) {
    const e = value as Partial<ManifestEntry> | null;
    if (
      !e ||
      (e.ownership !== 'generated' && e.ownership !== 'scaffold') ||
      typeof e.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(e.sha256) ||
      !isStringArray(e.sources ?? []) ||
      (e.members !== undefined && !isStringArray(e.members))
    ) {
      throw new ManifestError(`entry "${path}" is malformed`);
    }
    result.set(path, { ownership: e.ownership, sha256: e.sha256, sources: e.sources ?? [], ...(e.members ? { members: e.members } : {}) });
  }
  return { files: result, ...(version !== undefined ? { stormsmithVersion: version } : {}) };
}

export function serializeManifest(manifest: Manifest): string {
  const files: Record<string, unknown> = {};
  for (const path of [...manifest.files.keys()].sort()) {
    const e = manifest.files.get(path)!;
    files[path] = {
      ownership: e.ownership,
      sha256: e.sha256,
      sources: [...e.sources].sort(),
      ...(e.members ? { members: [...e.members].sort() } : {}),
    };
  }
  return `${JSON.stringify({ stormsmith: MANIFEST_FORMAT, stormsmithVersion: manifest.stormsmithVersion ?? STORMSMITH_VERSION, files }, null, 2)}\n`;
}

const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
};

/** Whether two manifests serialise to the same text (order of sources/members does not matter). */
export function manifestsEqual(a: Manifest, b: Manifest): boolean {
  if (a.stormsmithVersion !== b.stormsmithVersion || a.files.size !== b.files.size) return false;
  for (const [path, x] of a.files) {
    const y = b.files.get(path);
    if (!y || x.ownership !== y.ownership || x.sha256 !== y.sha256 || !sameSet(x.sources, y.sources) || !sameSet(x.members, y.members)) return false;
  }
  return true;
}
