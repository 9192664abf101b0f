// What `stormsmith schemas release` adds to the registry: the current version of every event
// that is not released yet. Pure planning (files as text); the command writes them. A released
// version is never rewritten: the gate has already refused any in-place change.

import type { Model } from '../../model/types.js';
import { eventJsonSchema, schemaToJson } from '../json-schema.js';
import { sha256 } from './hash.js';
import { serializeIndex } from './index-file.js';
import { findRegistered, INDEX_FILE, versionFile, type Registry } from './types.js';

export interface ReleasePlan {
  /** Registry-relative path -> contents (new version files and the new index). */
  files: Map<string, string>;
  released: { context: string; name: string; version: number; file: string }[];
  registry: Registry;
}

export function planRelease(model: Model, registry: Registry): ReleasePlan {
  const next: Registry = { events: registry.events.map((e) => ({ ...e, versions: [...e.versions] })) };
  const files = new Map<string, string>();
  const released: ReleasePlan['released'] = [];
  for (const context of model.contexts) {
    for (const event of context.events) {
      let entry = findRegistered(next, event.context, event.name);
      if (entry?.versions.some((v) => v.version === event.version)) continue;
      const schema = eventJsonSchema(model, event);
      const text = schemaToJson(schema);
      const file = versionFile(event.context, event.name, event.version);
      if (!entry) {
        entry = { context: event.context, name: event.name, versions: [] };
        next.events.push(entry);
      }
      entry.versions.push({ version: event.version, file, sha256: sha256(text), schema });
      entry.versions.sort((a, b) => a.version - b.version);
      files.set(file, text);
      released.push({ context: event.context, name: event.name, version: event.version, file });
    }
  }
  next.events.sort((a, b) => (a.context === b.context ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.context < b.context ? -1 : 1));
  if (released.length > 0) files.set(INDEX_FILE, serializeIndex(next));
  return { files, released, registry: next };
}
