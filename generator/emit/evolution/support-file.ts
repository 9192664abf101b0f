// src/evolution/support.ts (generated): the pieces every context's upcasters share, and
// src/evolution/index.ts: every context composed into one `eventVersioning` for readers of
// several contexts (projections and policies consuming events across contexts).

import type { PlannedFile } from '../../plan-types.js';
import { compareCodeUnits } from '../../names.js';
import { generatedHeader, importLine, importPath, str } from '../code.js';
import { evolutionNames } from '../../ir/evolution.js';
import { evolutionLayout } from '../../ir/paths.js';

const SUPPORT = `// Event versions travel in event metadata as \`schemaVersion\` (Emmett 0.42 has no per-type
// version: its \`message_schema_version\` column is always '1'). Appending goes through a
// downcast that stamps the current version; reading goes through an upcast that brings an
// old event up to the current version, one step at a time.

/** The part of a stored event the upcasters look at. */
export type StoredEvent = { readonly type: string; readonly data: unknown; readonly metadata?: unknown };

/** The fields of one version of an event: how an unstamped stored event is recognised. */
export type EventShape = { readonly version: number; readonly required: readonly string[]; readonly allowed: readonly string[] };

/** A copy of \`event\` with \`data\` and \`metadata.schemaVersion\` replaced. */
export const withSchemaVersion = <E extends StoredEvent>(event: E, data: unknown, version: number): E =>
  ({ ...event, data, metadata: { ...((event.metadata ?? {}) as object), schemaVersion: version } }) as E;

/**
 * The version an event was stored with: \`metadata.schemaVersion\` when present; otherwise (events
 * appended without the downcast) the newest version whose fields match the data exactly.
 */
export const schemaVersionOf = (event: StoredEvent, shapes: readonly EventShape[], current: number): number => {
  const stamped = (event.metadata as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  if (typeof stamped === 'number' && Number.isInteger(stamped)) return stamped;
  const keys = typeof event.data === 'object' && event.data !== null ? Object.keys(event.data) : [];
  const match = shapes.find((s) => s.required.every((k) => keys.includes(k)) && keys.every((k) => s.allowed.includes(k)));
  return match?.version ?? current;
};

/** An upcast step whose next version needs a value the model gives no way to compute. */
export const missingUpcastValue = (what: string): never => {
  throw new Error(\`cannot upcast: \${what} (declare a default for it in the model's upcast)\`);
};
`;

export function supportFile(sources: string[]): PlannedFile {
  return { path: evolutionLayout.support, contents: generatedHeader(sources) + SUPPORT, ownership: 'generated', sources };
}

/**
 * Renamed events (`formerly`, docs/adr/0091): Emmett's upcast replaces an event's data and
 * metadata but keeps its stored \`type\`, so an event stored under a former name would never
 * reach a reader that lists the current one. Readers therefore rename first: the decider's
 * evolve, projections and policies call \`renamedEvent\`, and their canHandle lists take the
 * former names too (\`withFormerTypes\`). Emitted only when the model renames an event.
 */
function renamesPart(renames: readonly (readonly [string, string])[]): string {
  if (renames.length === 0) return '';
  return (
    `\n/** Former type names of renamed events (\`formerly\`) -> the event each became. */\n` +
    `export const formerEventTypes: ReadonlyMap<string, string> = new Map([${renames.map(([a, b]) => `[${str(a)}, ${str(b)}]`).join(', ')}]);\n` +
    `\n/**\n * \`event\` under its current type name. Emmett's upcast keeps the stored \`type\`, so every reader\n` +
    ` * renames an event stored under a former name before it looks at the type.\n */\n` +
    `export const renamedEvent = <E extends StoredEvent>(event: E): E => {\n` +
    `  const now = formerEventTypes.get(event.type);\n` +
    `  return now === undefined ? event : ({ ...event, type: now } as E);\n` +
    `};\n` +
    `\n/** \`types\` and the former names of each: a canHandle list that also takes events stored under them. */\n` +
    `export const withFormerTypes = <T extends string>(types: readonly T[]): T[] =>\n` +
    `  [...types, ...[...formerEventTypes].filter(([, now]) => (types as readonly string[]).includes(now)).map(([former]) => former as T)];\n`
  );
}

export function indexFile(contexts: readonly string[], sources: string[], renames: readonly (readonly [string, string])[] = []): PlannedFile {
  const path = evolutionLayout.index;
  const sorted = [...contexts].sort(compareCodeUnits);
  const imports = sorted.map((c) => importLine([evolutionNames(c).upcast, evolutionNames(c).downcast], importPath(path, evolutionLayout.upcasters(c)))).join('');
  const chain = (kind: 'upcast' | 'downcast') => sorted.reduce((inner, c) => `${evolutionNames(c)[kind]}(${inner})`, 'event');
  const text =
    generatedHeader(sources) +
    `// Every context's upcasters composed, for readers of several contexts (projections, policies).\n` +
    `// Each context only touches its own event types, so the order does not matter.\n` +
    imports +
    importLine(['StoredEvent'], importPath(path, evolutionLayout.support), true) +
    `\nexport type { EventShape, StoredEvent } from './support.js';\n` +
    `\nexport const upcastEvent = <E extends StoredEvent>(event: E): E => ${chain('upcast')};\n` +
    `\nexport const downcastEvent = <E extends StoredEvent>(event: E): E => ${chain('downcast')};\n` +
    `\n/** For Emmett's \`schema: { versioning }\` options (CommandHandler, readStream, projections, reactors). */\n` +
    `export const eventVersioning = { upcast: upcastEvent, downcast: downcastEvent };\n` +
    renamesPart(renames);
  return { path, contents: text, ownership: 'generated', sources };
}
