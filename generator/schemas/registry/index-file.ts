// index.json <-> data. Parsing reports problems as messages (the reader turns them into
// diagnostics at the index file); serialising is canonical (sorted, fixed key order).

import { REGISTRY_FORMAT, type Registry } from './types.js';

export interface IndexEntry {
  context: string;
  name: string;
  versions: { version: number; file: string; sha256: string }[];
}

export interface IndexData {
  events: IndexEntry[];
}

export function parseIndex(text: string): { index?: IndexData; problem?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `index.json is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'index.json must hold a JSON object' };
  const o = raw as Record<string, unknown>;
  if (o.stormsmith !== REGISTRY_FORMAT) return { problem: `index.json has format ${JSON.stringify(o.stormsmith)}; this stormsmith reads format ${REGISTRY_FORMAT}` };
  if (!Array.isArray(o.events)) return { problem: 'index.json needs an "events" array' };
  const events: IndexEntry[] = [];
  for (const [i, e] of o.events.entries()) {
    const entry = e as Record<string, unknown>;
    if (typeof entry?.context !== 'string' || typeof entry.name !== 'string' || !Array.isArray(entry.versions)) {
      return { problem: `index.json events[${i}] needs "context", "name" and "versions"` };
    }
    const versions: IndexEntry['versions'] = [];
    for (const [j, v] of entry.versions.entries()) {
      const ver = v as Record<string, unknown>;
      if (!Number.isInteger(ver?.version) || (ver.version as number) < 1 || typeof ver.file !== 'string' || typeof ver.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(ver.sha256)) {
        return { problem: `index.json events[${i}].versions[${j}] needs "version" (>= 1), "file" and a hex "sha256"` };
      }
      if (ver.file.includes('..') || ver.file.startsWith('/') || ver.file.includes('\\')) {
        return { problem: `index.json events[${i}].versions[${j}].file must be a relative path inside the registry` };
      }
      versions.push({ version: ver.version as number, file: ver.file, sha256: ver.sha256 });
    }
    events.push({ context: entry.context, name: entry.name, versions: versions.sort((a, b) => a.version - b.version) });
  }
  return { index: { events } };
}

export function serializeIndex(registry: Registry): string {
  const events = [...registry.events]
    .sort((a, b) => (a.context === b.context ? cmp(a.name, b.name) : cmp(a.context, b.context)))
    .map((e) => ({
      context: e.context,
      name: e.name,
      versions: [...e.versions].sort((a, b) => a.version - b.version).map((v) => ({ version: v.version, file: v.file, sha256: v.sha256 })),
    }));
  return `${JSON.stringify({ stormsmith: REGISTRY_FORMAT, events }, null, 2)}\n`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
