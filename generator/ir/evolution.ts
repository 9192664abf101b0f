// Names of the generated event-evolution code (upcasters, the event museum): part of the
// generation IR (docs/adr/0073-generation-ir.md).

import type { Event, EventVersion, Field } from '../model/types.js';
import { camelCase, compareCodeUnits, dataTypeName, pascalCase } from '../names.js';
import type { ContextFacts } from './context.js';

/** `upcastOrderPlacedV1`: turns OrderPlaced v1 data into the next version's data. */
export const stepName = (event: string, from: number): string => `upcast${pascalCase(event)}V${from}`;

/** Data type of `event` at `version` (the current version has no version suffix). */
export const dataTypeAt = (event: Event, version: number): string => (version === event.version ? dataTypeName(event.name) : dataTypeName(event.name, version));

/** `upcastOrderingEvent`, `downcastOrderingEvent`, `orderingEventVersioning`, ... */
export const evolutionNames = (context: string) => {
  const c = pascalCase(context);
  return {
    upcast: `upcast${c}Event`,
    downcast: `downcast${c}Event`,
    versioning: `${camelCase(context)}EventVersioning`,
    versions: `${camelCase(context)}EventVersions`,
    shapes: `${camelCase(context)}EventShapes`,
  };
};

/** Versions of an event, ascending, with the step that leaves each older one. */
export function versionChain(event: Event): { version: number; fields: readonly Field[]; step?: EventVersion }[] {
  const previous = [...event.previousVersions].sort((a, b) => a.version - b.version);
  return [...previous.map((p) => ({ version: p.version, fields: p.fields, step: p })), { version: event.version, fields: event.fields }];
}

/** Every former event type name of the model and the event it became, sorted (docs/adr/0091). */
export function formerTypes(all: readonly ContextFacts[]): [string, string][] {
  return all
    .flatMap((f) => f.context.events.flatMap((e) => (e.formerly ?? []).map((former) => [former.name, e.name] as [string, string])))
    .sort(([a], [b]) => compareCodeUnits(a, b));
}
