// src/evolution/support.ts (generated): the pieces every context's upcasters share, and
// src/evolution/index.ts: every context composed into one `eventVersioning` for readers of
// several contexts (projections and policies consuming events across contexts).

import type { PlannedFile } from '../../plan-types.js';
import { compareCodeUnits } from '../../names.js';
import { generatedHeader, importLine, importPath, str } from '../code.js';
import { evolutionNames } from '../../ir/evolution.js';
import { evolutionLayout } from '../../ir/paths.js';
import { staticFile } from '../static-files.js';
import type { TemplateMap } from '../templates.js';

/** src/evolution/support.ts: the helpers every context's upcasters share (a static program, templates/service). */
export function supportFile(templates: TemplateMap, sources: string[]): PlannedFile {
  return staticFile(templates, evolutionLayout.support, sources);
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
