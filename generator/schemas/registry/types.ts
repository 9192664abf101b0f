// The schema registry as data: every released version of every event, with its hash.
//
// On disk (committed in the user's repo, default `schemas/registry/`):
//   index.json                      { stormsmith: 1, events: [{ context, name, versions: [{ version, file, sha256 }] }] }
//   <Context>/<Event>/v<N>.json     the released JSON Schema, byte for byte as released
// A released file is immutable: its sha256 is in the index, and `schemas check` reports an
// edit as E_RELEASED_SCHEMA_MODIFIED.

import type { JsonSchema } from '../json-schema.js';

export const REGISTRY_FORMAT = 1;
export const INDEX_FILE = 'index.json';

export interface RegisteredVersion {
  version: number;
  /** Path of the schema file relative to the registry folder, `/` separators. */
  file: string;
  /** sha256 (hex) of the file's bytes at release. */
  sha256: string;
  schema: JsonSchema;
}

export interface RegisteredEvent {
  context: string;
  name: string;
  /** Ascending by version. */
  versions: RegisteredVersion[];
}

export interface Registry {
  /** Sorted by context, then name. */
  events: RegisteredEvent[];
}

export const emptyRegistry = (): Registry => ({ events: [] });

export const eventKey = (context: string, name: string): string => `${context}/${name}`;

/** Where a version's schema file lives inside the registry folder. */
export const versionFile = (context: string, name: string, version: number): string => `${context}/${name}/v${version}.json`;

export function findRegistered(registry: Registry, context: string, name: string): RegisteredEvent | undefined {
  return registry.events.find((e) => e.context === context && e.name === name);
}
