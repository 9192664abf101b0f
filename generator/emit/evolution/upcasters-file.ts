// src/<context>/evolution/upcasters.ts (generated): per event with older versions, a typed
// step function per version (vN data -> vN+1 data) and the chain that brings any stored
// version to the current one; per context, Emmett's `schema.versioning` { upcast, downcast }.
// Declarative steps (defaults, renames) are generated whole; custom steps live in the
// user-owned upcasts.logic.ts (see custom-file.ts).

import type { Event, EventVersion, Field } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { compareCodeUnits } from '../../names.js';
import { access, at, generatedHeader, importLine, importPath, jsdocBlock, propertyKey, str, tsLiteral } from '../code.js';
import type { ContextFacts } from '../../ir/context.js';
import { evolutionNames, dataTypeAt, stepName, versionChain } from '../../ir/evolution.js';
import { evolutionLayout } from '../../ir/paths.js';
import { eventNames } from '../../ir/names.js';


/** Body of a declarative step: the next version's object, field by field. */
function declarativeBody(event: Event, from: { version: number; fields: readonly Field[] }, to: { version: number; fields: readonly Field[] }, step: EventVersion): string {
  if (step.upcast.kind !== 'declarative') throw new Error('declarativeBody: custom step');
  const { defaults, renames } = step.upcast;
  const sourceOf = new Map(Object.entries(renames).map(([oldName, newName]) => [newName, oldName]));
  const entries: string[] = [];
  for (const field of to.fields) {
    const sourceName = sourceOf.get(field.name) ?? field.name;
    const source = from.fields.find((f) => f.name === sourceName);
    const key = propertyKey(field.name);
    const hasDefault = Object.hasOwn(defaults, field.name);
    const fallback = hasDefault
      ? tsLiteral(defaults[field.name]!, '  ')
      : `missingUpcastValue(${str(`${event.name} v${from.version} -> v${to.version} has no value for "${field.name}"`)})`;
    const value = source ? access('data', source.name) : undefined;
    if (source && !source.optional) entries.push(`  ${key}: ${value},`);
    else if (source && (hasDefault || !field.optional)) entries.push(`  ${key}: ${value} ?? ${fallback},`);
    else if (source) entries.push(`  ...(${value} !== undefined ? { ${key}: ${value} } : {}),`);
    else if (hasDefault || !field.optional) entries.push(`  ${key}: ${fallback},`);
  }
  return entries.length === 0 ? '({})' : `({\n${entries.join('\n')}\n})`;
}

function describeStep(step: EventVersion): string {
  if (step.upcast.kind === 'custom') return 'custom code (upcasts.logic.ts)';
  const parts = [
    ...Object.entries(step.upcast.renames).map(([a, b]) => `${a} renamed to ${b}`),
    ...Object.entries(step.upcast.defaults).map(([k, v]) => `${k} defaults to ${JSON.stringify(v)}`),
  ];
  return parts.length ? parts.join('; ') : 'same fields (removed ones dropped)';
}

export function upcastersFile(facts: ContextFacts): PlannedFile {
  const path = evolutionLayout.upcasters(facts.context.name);
  const names = evolutionNames(facts.context.name);
  const events = [...facts.eventsByName.values()];
  const typeImports = new Map<string, Set<string>>();
  const needType = (event: Event, version: number) => {
    const module = importPath(path, eventNames(event).module);
    if (!typeImports.has(module)) typeImports.set(module, new Set());
    typeImports.get(module)!.add(dataTypeAt(event, version));
  };
  const customSteps: string[] = [];
  const steps: string[] = [];
  const cases: string[] = [];
  let usesMissing = false;
  for (const event of events) {
    const chain = versionChain(event);
    if (chain.length === 1) continue;
    const conditions: string[] = [];
    for (let i = 0; i + 1 < chain.length; i++) {
      const from = chain[i]!;
      const to = chain[i + 1]!;
      const step = from.step!;
      const name = stepName(event.name, from.version);
      needType(event, from.version);
      needType(event, to.version);
      if (step.upcast.kind === 'custom') {
        customSteps.push(name);
      } else {
        const body = declarativeBody(event, from, to, step);
        if (body.includes('missingUpcastValue(')) usesMissing = true;
        steps.push(
          jsdocBlock([`${event.name} v${from.version} -> v${to.version} (${at(step.loc)}): ${describeStep(step)}.`]) +
            `export const ${name} = (data: ${dataTypeAt(event, from.version)}): ${dataTypeAt(event, to.version)} => ${body};\n`,
        );
      }
      conditions.push(`      if (version <= ${from.version}) data = ${name}(data as ${dataTypeAt(event, from.version)});\n`);
    }
    cases.push(
      `    case ${str(event.name)}: {\n` +
        `      const version = schemaVersionOf(event, ${names.shapes}[${str(event.name)}]!, ${event.version});\n` +
        `      if (version >= ${event.version}) return event; // current, or written by newer code: left as stored\n` +
        `      let data: unknown = event.data;\n` +
        conditions.join('') +
        `      return withSchemaVersion(event, data, ${event.version});\n` +
        `    }\n`,
    );
  }
  // Renamed events (`formerly`, docs/adr/0091): a stored event under a former type name is read
  // as the event it became, then upcast like it (the rename keeps the version numbers).
  const aliases = events
    .flatMap((e) => (e.formerly ?? []).map((f) => [f.name, e.name] as const))
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([old, now]) => `    case ${str(old)}:\n      return ${names.upcast}({ ...event, type: ${str(now)} });\n`);
  cases.push(...aliases);
  const versions = events.map((e) => `  ${propertyKey(e.name)}: ${e.version},`).join('\n');
  const shapes = events
    .map((e) => {
      const list = versionChain(e)
        .reverse()
        .map((v) => `    { version: ${v.version}, required: [${v.fields.filter((f) => !f.optional).map((f) => str(f.name)).join(', ')}], allowed: [${v.fields.map((f) => str(f.name)).join(', ')}] },`);
      return `  ${propertyKey(e.name)}: [\n${list.join('\n')}\n  ],`;
    })
    .join('\n');
  const imports =
    [...typeImports.entries()]
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([module, set]) => importLine(set, module, true))
      .join('') +
    importLine(customSteps, './upcasts.logic.js') +
    importLine(['schemaVersionOf', 'withSchemaVersion', ...(usesMissing ? ['missingUpcastValue'] : [])], importPath(path, evolutionLayout.support)) +
    importLine(['EventShape', 'StoredEvent'], importPath(path, evolutionLayout.support), true);
  const text =
    generatedHeader(facts.sources) +
    `// Event versions of the ${facts.context.name} context: each stored version is brought up to the\n` +
    `// current one on read (upcast); new events are stamped with their version on append (downcast).\n` +
    imports +
    `\n/** Current version of every event type of ${facts.context.name} (stamped as metadata.schemaVersion). */\n` +
    `export const ${names.versions}: Readonly<Record<string, number>> = {\n${versions}\n};\n` +
    `\n/** Fields of every version, newest first: recognises events stored without a version stamp. */\n` +
    `export const ${names.shapes}: Readonly<Record<string, readonly EventShape[]>> = {\n${shapes}\n};\n` +
    (steps.length ? `\n${steps.join('\n')}` : '') +
    (customSteps.length ? `\n// Custom steps: user-owned, in ./upcasts.logic.ts.\nexport { ${[...customSteps].sort(compareCodeUnits).join(', ')} };\n` : '') +
    `\n/** Brings a stored ${facts.context.name} event to its current version; other events pass unchanged. */\n` +
    `export const ${names.upcast} = <E extends StoredEvent>(event: E): E => {\n` +
    (cases.length ? `  switch (event.type) {\n${cases.join('')}    default:\n      return event;\n  }\n` : `  return event;\n`) +
    `};\n` +
    `\n/** Stamps a new ${facts.context.name} event with its current version before it is appended. */\n` +
    `export const ${names.downcast} = <E extends StoredEvent>(event: E): E => {\n` +
    `  const version = ${names.versions}[event.type];\n` +
    `  return version === undefined ? event : withSchemaVersion(event, event.data, version);\n` +
    `};\n` +
    `\n/** For Emmett's \`schema: { versioning }\` options: CommandHandler, readStream, projections, reactors. */\n` +
    `export const ${names.versioning} = { upcast: ${names.upcast}, downcast: ${names.downcast} };\n`;
  return { path, contents: text, ownership: 'generated', sources: facts.sources };
}
