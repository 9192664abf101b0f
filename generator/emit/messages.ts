// Message contracts per aggregate: data types compiled from the JSON Schemas, Emmett `Event<>`
// and `Command<>` types, unions, type guards, the rejections a command may raise; plus the
// context's value objects, domain errors and externally delivered events.

import type { Command, Event } from '../model/types.js';
import type { PlannedFile } from '../plan-types.js';
import { dataTypeName } from '../names.js';
import { generatedHeader, importLine, importPath, jsdocBlock, str } from './code.js';
import type { AggregateFacts, ContextFacts } from '../ir/context.js';
import { commandJsonSchema, eventJsonSchema, fieldsToJsonSchema, type JsonSchema } from '../schemas/json-schema.js';
import { layout } from '../ir/paths.js';
import { schemaToTypeScript } from './ts-types.js';
import { byName } from '../ir/context.js';
import { valuesImport } from './imports.js';
import { externalStreamType } from '../ir/events.js';
import { eventNames, commandNames, valueTypeName, rejectionClassName } from '../ir/names.js';

/** Value-object names a schema references (its `$defs`). */
const referencedValues = (schema: JsonSchema): string[] =>
  schema.$defs && typeof schema.$defs === 'object' && !Array.isArray(schema.$defs) ? Object.keys(schema.$defs) : [];

const generated = (path: string, contents: string, sources: string[]): PlannedFile => ({
  path,
  contents,
  ownership: 'generated',
  sources,
});

/** Data types of an event: current version as `XData`, older versions as `XV1Data`. */
async function eventDataTypes(facts: ContextFacts, event: Event, values: Set<string>): Promise<string> {
  const parts: string[] = [];
  const current = eventJsonSchema(facts.model, event);
  referencedValues(current).forEach((v) => values.add(v));
  parts.push(await schemaToTypeScript(current, eventNames(event).data));
  for (const previous of [...event.previousVersions].sort((a, b) => a.version - b.version)) {
    const schema = eventJsonSchema(facts.model, event, previous.version);
    referencedValues(schema).forEach((v) => values.add(v));
    parts.push(await schemaToTypeScript(schema, dataTypeName(event.name, previous.version)));
  }
  return parts.join('\n');
}

function eventDeclarations(event: Event): string {
  const type = eventNames(event).type;
  const doc = jsdocBlock([`${event.name} v${event.version} (${event.loc.file}:${event.loc.line}).`, ...(event.description ? [event.description] : [])]);
  return (
    `${doc}export type ${type} = Event<${str(event.name)}, Readonly<${eventNames(event).data}>>;\n` +
    `export const ${eventNames(event).guard} = (message: { readonly type: string }): message is ${type} => message.type === ${str(event.name)};\n`
  );
}

export async function eventsFile(facts: ContextFacts, agg: AggregateFacts): Promise<PlannedFile> {
  const path = layout.aggregate(facts.context.name, agg.aggregate.name, 'events');
  const names = agg.names;
  const values = new Set<string>();
  const data: string[] = [];
  for (const event of agg.events) data.push(await eventDataTypes(facts, event, values));
  const union = agg.events.length === 0 ? 'never' : agg.events.map((e) => eventNames(e).type).join(' | ');
  const text =
    generatedHeader(facts.sources) +
    `// Events of the ${agg.aggregate.name} aggregate: JSON-native data (ISO strings for dates), as stored.\n` +
    importLine(['Event'], '@event-driven-io/emmett', true) +
    valuesImport(facts, path, values) +
    '\n' +
    data.join('\n') +
    '\n' +
    agg.events.map(eventDeclarations).join('\n') +
    `\nexport type ${names.eventUnion} = ${union};\n` +
    `\nexport const ${agg.names.eventTypes} = [${agg.events.map((e) => str(e.name)).join(', ')}] as const;\n`;
  return generated(path, text, facts.sources);
}


function rejectionsType(command: Command): string {
  const rejects = [...new Set(command.rejects.map((r) => r.name))].sort();
  const members = rejects.map((r) => `  /** Rejects the command with ${rejectionClassName(r)} (throws). */\n  readonly ${rejectionClassName(r)}: (message?: string) => never;\n`);
  return (
    `/** The only ways ${command.name} may be rejected (the model's \`rejects\`). */\n` +
    `export type ${commandNames(command).rejections} = {${members.length === 0 ? '' : `\n${members.join('')}`}};\n`
  );
}

export async function commandsFile(facts: ContextFacts, agg: AggregateFacts): Promise<PlannedFile> {
  const path = layout.aggregate(facts.context.name, agg.aggregate.name, 'commands');
  const names = agg.names;
  const values = new Set<string>();
  const parts: string[] = [];
  for (const command of agg.commands) {
    const schema = commandJsonSchema(facts.model, command);
    referencedValues(schema).forEach((v) => values.add(v));
    const type = commandNames(command).type;
    const doc = jsdocBlock([
      `${command.name} (${command.loc.file}:${command.loc.line}).`,
      ...(command.description ? [command.description] : []),
      `Emits: ${command.emits.map((e) => e.name).join(', ') || 'nothing'}. Rejects: ${command.rejects.map((r) => r.name).join(', ') || 'nothing'}.`,
    ]);
    parts.push(
      (await schemaToTypeScript(schema, commandNames(command).data)) +
        `${doc}export type ${type} = Command<${str(command.name)}, Readonly<${commandNames(command).data}>>;\n` +
        `export const ${commandNames(command).guard} = (message: { readonly type: string }): message is ${type} => message.type === ${str(command.name)};\n` +
        rejectionsType(command),
    );
  }
  const union = agg.commands.length === 0 ? 'never' : agg.commands.map((c) => commandNames(c).type).join(' | ');
  const text =
    generatedHeader(facts.sources) +
    `// Commands of the ${agg.aggregate.name} aggregate and the rejections each one may raise.\n` +
    importLine(['Command'], '@event-driven-io/emmett', true) +
    valuesImport(facts, path, values) +
    '\n' +
    parts.join('\n') +
    `\nexport type ${names.commandUnion} = ${union};\n`;
  return generated(path, text, facts.sources);
}

export async function valuesFile(facts: ContextFacts): Promise<PlannedFile> {
  const path = layout.values(facts.context.name);
  const parts: string[] = [];
  for (const value of byName(facts.context.valueObjects)) {
    const schema: JsonSchema = {
      title: value.name,
      ...(value.description !== undefined ? { description: value.description } : {}),
      ...fieldsToJsonSchema(facts.model, facts.context.name, value.fields),
    };
    parts.push(await schemaToTypeScript(schema, valueTypeName(value.name)));
  }
  const text =
    generatedHeader(facts.sources) +
    `// Value objects of the ${facts.context.name} context.\n` +
    (parts.length === 0 ? '\nexport {};\n' : `\n${parts.join('\n')}`);
  return generated(path, text, facts.sources);
}

export function errorsFile(facts: ContextFacts): PlannedFile {
  const path = layout.errors(facts.context.name);
  const classes = facts.rejections.map((name) => {
    const users = [...facts.commandsByName.values()].filter((c) => c.rejects.some((r) => r.name === name)).map((c) => c.name);
    return (
      `/** Raised by ${users.join(', ')} (the model's \`rejects\`). */\n` +
      `export class ${rejectionClassName(name)} extends DomainRejection {\n` +
      `  constructor(message = ${str(`${name}`)}) {\n` +
      `    super(${str(name)}, message);\n` +
      `  }\n}\n`
    );
  });
  const text =
    generatedHeader(facts.sources) +
    `// Domain errors of the ${facts.context.name} context. Matched by name (isRejection), never by instanceof.\n` +
    (classes.length === 0
      ? '\nexport {};\n'
      : importLine(['DomainRejection'], importPath(path, layout.runtimeIndex)) + '\n' + classes.join('\n'));
  return generated(path, text, facts.sources);
}

export async function externalEventsFile(facts: ContextFacts): Promise<PlannedFile | undefined> {
  if (facts.externalEvents.length === 0) return undefined;
  const path = layout.externalEvents(facts.context.name);
  const values = new Set<string>();
  const data: string[] = [];
  for (const event of facts.externalEvents) data.push(await eventDataTypes(facts, event, values));
  const recorders = facts.externalEvents.map((event) => {
    const source = event.source?.name ?? 'External';
    const type = eventNames(event).type;
    return (
      `/** Appends ${event.name}, as delivered by ${source}, to the stream \`${externalStreamType(facts.context.name, source)}-<id>\`. */\n` +
      `export const record${type} = <Store extends EventStore>(eventStore: Store, id: string, data: ${eventNames(event).data}) =>\n` +
      `  eventStore.appendToStream<${type}>(${str(`${externalStreamType(facts.context.name, source)}-`)} + id, [{ type: ${str(event.name)}, data }]);\n`
    );
  });
  const unionName = `${facts.names.type}ExternalEvent`;
  const text =
    generatedHeader(facts.sources) +
    `// Events that external systems deliver into the ${facts.context.name} context.\n` +
    importLine(['Event', 'EventStore'], '@event-driven-io/emmett', true) +
    valuesImport(facts, path, values) +
    '\n' +
    data.join('\n') +
    '\n' +
    facts.externalEvents.map(eventDeclarations).join('\n') +
    `\nexport type ${unionName} = ${facts.externalEvents.map((e) => eventNames(e).type).join(' | ')};\n\n` +
    recorders.join('\n');
  return generated(path, text, facts.sources);
}

