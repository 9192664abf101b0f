// One aggregate's decider: its state type (generated), the user-owned logic module with one
// typed function per command and per event (scaffold), the decider wiring that dispatches to
// the logic (generated), and the command handler with one typed entry point per command.

import type { Command, Event, Field } from '../model/types.js';
import type { PlannedFile, ScaffoldImport, ScaffoldMember } from '../plan-types.js';
import { pascalCase } from '../names.js';
import { access, at, generatedHeader, importLine, inModel, importPath, jsdocBlock, propertyKey, scaffoldImports, str, stubbed } from './code.js';
import { evolveMapping, fieldMapping, zeroValue, type AggregateFacts, type ContextFacts } from '../ir/context.js';
import { alreadyExistsRejection, notFoundRejection } from '../model/existence.js';
import { layout, evolutionLayout } from '../ir/paths.js';
import { httpLayout } from '../ir/paths.js';
import { commandKey } from '../ir/routes.js';
import { tsTypeOf } from './type-text.js';
import { valuesImport } from './imports.js';
import { evolutionNames } from '../ir/evolution.js';
import { eventNames, commandNames, rejectionClassName, messageTypeName } from '../ir/names.js';

const file = (facts: ContextFacts, agg: AggregateFacts, kind: Parameters<typeof layout.aggregate>[2]) =>
  layout.aggregate(facts.context.name, agg.aggregate.name, kind);

/** Stream name prefix: `lending_loan` (context + aggregate, so two contexts never share streams). */


// ---------------------------------------------------------------------------------------------
// State

export function stateFile(facts: ContextFacts, agg: AggregateFacts): PlannedFile {
  const path = file(facts, agg, 'state');
  const names = agg.names;
  const values = new Set<string>();
  const members = agg.aggregate.state.map((field) => {
    const optional = zeroValue(field) === undefined;
    const doc = field.description ? jsdocBlock([field.description], '  ') : '';
    return `${doc}  readonly ${propertyKey(field.name)}${optional ? '?' : ''}: ${tsTypeOf(field.type, values)};\n`;
  });
  const initial = agg.aggregate.state
    .map((f) => [f, zeroValue(f)] as const)
    .filter(([, zero]) => zero !== undefined)
    .map(([f, zero]) => `${propertyKey(f.name)}: ${zero}`);
  const text =
    generatedHeader(facts.sources) +
    `// State of the ${agg.aggregate.name} aggregate, folded from its events by evolve.\n` +
    `// Numbers start at 0, booleans at false, lists empty; other fields are unknown until an event sets them.\n` +
    valuesImport(facts, path, values) +
    '\n' +
    jsdocBlock([`${agg.aggregate.name} (${at(agg.aggregate.loc)}).`, ...(agg.aggregate.description ? [agg.aggregate.description] : [])]) +
    `export type ${names.state} = {\n${members.join('')}};\n\n` +
    `/** The state the first event of a stream of ${agg.aggregate.name} is folded into. */\n` +
    `export const initialState = (): ${names.state} => (${initial.length === 0 ? '{}' : `{ ${initial.join(', ')} }`});\n\n` +
    jsdocBlock([
      `Whether the ${agg.aggregate.name} exists, and its state once it does: the decider's state. Every stored`,
      `event of its stream makes it exist; ${creatorList(facts, agg)} the others need it.`,
    ]) +
    `export type ${names.lifecycle} = { readonly status: 'absent' } | { readonly status: 'existing'; readonly state: ${names.state} };
`;
  return { path, contents: text, ownership: 'generated', sources: facts.sources };
}

/** `BorrowBook creates it;` / `OpenA and OpenB create it;` for the lifecycle's comment. */
function creatorList(facts: ContextFacts, agg: AggregateFacts): string {
  void facts;
  const creators = agg.commands.filter((c) => c.creates === true).map((c) => c.name);
  return creators.length === 0 ? 'no command creates it yet, so' : `${creators.join(' and ')} ${creators.length === 1 ? 'creates' : 'create'} it;`;
}

// ---------------------------------------------------------------------------------------------
// Logic (user-owned)

const eventFields = (mapping: { field: Field; from: Field }[], source: string): string => {
  const required = mapping.filter((m) => !m.from.optional).map((m) => `${propertyKey(m.field.name)}: ${access(source, m.from.name)}`);
  const optional = mapping
    .filter((m) => m.from.optional)
    .map((m) => `...(${access(source, m.from.name)} !== undefined ? { ${propertyKey(m.field.name)}: ${access(source, m.from.name)} } : {})`);
  const all = [...required, ...optional];
  return all.length === 0 ? '{}' : `{ ${all.join(', ')} }`;
};

/** The return type of a command's decision: only the events its model entry emits. */
export function emitsType(command: Command): string {
  const events = [...new Set(command.emits.map((e) => messageTypeName(e.name)))];
  if (events.length === 0) return '[]';
  const one = events.join(' | ');
  return events.length === 1 ? `${one} | ${one}[]` : `${one} | (${one})[]`;
}

function invariantLines(_facts: ContextFacts, agg: AggregateFacts): string[] {
  return agg.aggregate.invariants.length === 0
    ? []
    : ['', `Invariants of ${agg.aggregate.name}:`, ...agg.aggregate.invariants.map((i) => `- ${i.text} (${inModel(i.loc)})`)];
}

function decideMember(facts: ContextFacts, agg: AggregateFacts, command: Command, runtime: string): ScaffoldMember {
  const names = agg.names;
  const emitted = command.emits.map((e) => facts.eventsByName.get(e.name)).filter((e): e is Event => e !== undefined);
  const mappings = emitted.map((event) => ({ event, mapping: fieldMapping(event.fields, command.fields) }));
  const complete = mappings.length === command.emits.length && mappings.every((m) => m.mapping !== undefined);
  const doc = jsdocBlock([
    `${command.name} (${inModel(command.loc)})${command.description ? `: ${command.description}` : '.'}`,
    `Emits ${command.emits.map((e) => e.name).join(', ') || 'nothing'}; rejects ${command.rejects.map((r) => r.name).join(', ') || 'nothing'}.`,
    ...invariantLines(facts, agg),
    ...(complete ? ['', 'Default from the model: every emitted field comes from the command. Add the rules, and drop', 'the modelDefault wrapper: model specs that expect another outcome stay todo until you do.'] : []),
  ]);
  const signature = `export function ${commandNames(command).decide}(command: ${commandNames(command).type}, state: ${names.state}, reject: ${commandNames(command).rejections}, lifecycle: ${names.lifecycle}): ${emitsType(command)}`;
  // Existence from the model (generator/model/existence.ts), as a default the user may replace:
  // a spec that expects another rejection there stays todo until they do.
  const creates = command.creates === true;
  const existence = rejectionClassName(creates ? alreadyExistsRejection(agg.aggregate.name) : notFoundRejection(agg.aggregate.name));
  const guard =
    `  if (lifecycle.status === ${creates ? "'existing'" : "'absent'"}) {\n` +
    `    return modelDefault(${str(`${agg.aggregate.name}: decide ${command.name} (${inModel(command.loc)}) rejects by the existence rule of the model`)}, reject.${existence})(${str(creates ? `${agg.aggregate.name} already exists: ${command.name} creates one` : `${agg.aggregate.name} does not exist: ${command.name} needs one`)});\n` +
    `  }\n`;
  let body: string;
  if (complete) {
    const events = mappings.map(({ event, mapping }) => `{ type: ${str(event.name)}, data: ${eventFields(mapping!, 'command.data')} }`);
    const what = str(`${agg.aggregate.name}: decide ${command.name} (${inModel(command.loc)}) is the default from the model`);
    // modelDefault marks the body as the generator's (see src/runtime/notImplemented.ts).
    body =
      guard +
      (events.length === 0
        ? `  return modelDefault(${what}, []);\n`
        : events.length === 1
          ? `  return modelDefault(${what}, ${events[0]});\n`
          : `  return modelDefault(${what}, [\n${events.map((e) => `    ${e},\n`).join('')}  ]);\n`);
  } else {
    const missing = emitted.flatMap((event) =>
      event.fields.filter((f) => !f.optional && !command.fields.some((c) => c.name === f.name)).map((f) => `${event.name}.${f.name}`),
    );
    const rules = agg.aggregate.invariants.map((i) => i.text);
    const what =
      `${agg.aggregate.name}: decide ${command.name} (${inModel(command.loc)}) is not written yet` +
      (missing.length > 0 ? `; the model does not say where ${missing.join(', ')} ${missing.length === 1 ? 'comes' : 'come'} from` : '') +
      (rules.length > 0 ? `; keep: ${rules.join(' ')}` : '');
    body = `${guard}  return notImplemented(${str(what)});\n`;
  }
  const member = { name: commandNames(command).decide, text: `${doc}${signature} {\n${body}}` };
  // Imports ride on the member: a file written before existence (ADR 0032) only gains them with a new member.
  return {
    ...member,
    imports: [
      { moduleSpecifier: runtime, namedImports: complete ? ['modelDefault'] : ['modelDefault', 'notImplemented'] },
      { moduleSpecifier: './state.js', namedImports: [names.lifecycle], typeOnly: true },
    ],
  };
}

function evolveMember(facts: ContextFacts, agg: AggregateFacts, event: Event, runtime: string): ScaffoldMember {
  const names = agg.names;
  const mapping = evolveMapping(agg.aggregate, event);
  const doc = jsdocBlock([
    `How ${event.name} (${inModel(event.loc)}) changes ${agg.aggregate.name}.`,
    ...(mapping && mapping.length > 0 ? ['Default from the model: state fields take the same-named event fields.'] : []),
    ...(mapping && mapping.length === 0 ? ['Default from the model: the event carries nothing but the identity, so the state stays as it is.'] : []),
  ]);
  const signature = `export function ${eventNames(event).evolve}(state: ${names.state}, event: ${eventNames(event).type}): ${names.state}`;
  let body: string;
  if (mapping) {
    const required = mapping.filter((m) => !m.from.optional).map((m) => `${propertyKey(m.state.name)}: ${access('event.data', m.from.name)}`);
    const optional = mapping
      .filter((m) => m.from.optional)
      .map((m) => `...(${access('event.data', m.from.name)} !== undefined ? { ${propertyKey(m.state.name)}: ${access('event.data', m.from.name)} } : {})`);
    const all = [...required, ...optional];
    body = all.length === 0 ? '  return state;\n' : `  return { ...state, ${all.join(', ')} };\n`;
  } else {
    const unmatched = event.fields.filter((f) => f.name !== agg.aggregate.identity && !agg.aggregate.state.some((s) => s.name === f.name)).map((f) => f.name);
    const what =
      `${agg.aggregate.name}: evolve ${event.name} (${inModel(event.loc)}) is not written yet; ` +
      `the model does not say which state ${unmatched.length === 1 ? 'field' : 'fields'} ${unmatched.join(', ') || 'its fields'} ${unmatched.length === 1 ? 'changes' : 'change'}`;
    body = `  return notImplemented(${str(what)});\n`;
  }
  return stubbed({ name: eventNames(event).evolve, text: `${doc}${signature} {\n${body}}` }, !mapping, runtime);
}

export function logicFile(facts: ContextFacts, agg: AggregateFacts): PlannedFile {
  const path = file(facts, agg, 'logic');
  const names = agg.names;
  const runtime = importPath(path, layout.runtimeIndex);
  const members = [...agg.commands.map((c) => decideMember(facts, agg, c, runtime)), ...agg.events.map((e) => evolveMember(facts, agg, e, runtime))];
  const imports: ScaffoldImport[] = [
    {
      moduleSpecifier: './commands.js',
      namedImports: [...agg.commands.flatMap((c) => [commandNames(c).type, commandNames(c).rejections])].sort(),
      typeOnly: true,
    },
    { moduleSpecifier: './events.js', namedImports: agg.events.map((e) => eventNames(e).type).sort(), typeOnly: true },
    { moduleSpecifier: './state.js', namedImports: [names.state], typeOnly: true },
  ].filter((i) => i.namedImports.length > 0);
  const text =
    `// Business logic of the ${agg.aggregate.name} aggregate (${facts.context.file}).\n` +
    `//\n` +
    `// This file is yours. Stormsmith created it once and never rewrites it: when the model gains a\n` +
    `// command or an event, \`stormsmith generate\` only adds a typed stub here. The types hold you to\n` +
    `// the model: a decide function may return only the events its command emits, and reject only\n` +
    `// through \`reject\`, which offers exactly the command's \`rejects\`. Keep these functions pure.\n` +
    scaffoldImports(members, imports) +
    '\n' +
    members.map((m) => m.text).join('\n\n') +
    '\n';
  return {
    path,
    contents: text,
    ownership: 'scaffold',
    sources: facts.sources,
    grow: { members, imports },
  };
}

// ---------------------------------------------------------------------------------------------
// Decider wiring

export function deciderFile(facts: ContextFacts, agg: AggregateFacts): PlannedFile {
  const path = file(facts, agg, 'decider');
  const names = agg.names;
  const rejectionObjects = agg.commands.map((command) => {
    const rejects = [...new Set(command.rejects.map((r) => rejectionClassName(r.name)))].sort();
    const entries = rejects.map((r) => `  ${r}: (message?: string): never => {\n    throw new ${r}(message);\n  },\n`);
    return `const ${rejectsConst(command)}: ${commandNames(command).rejections} = {${entries.length === 0 ? '' : `\n${entries.join('')}`}};\n`;
  });
  const evolveCases = agg.events.map((e) => `    case ${str(e.name)}:\n      return { status: 'existing', state: logic.${eventNames(e).evolve}(stateOf(lifecycle), event) };\n`);
  // docs/adr/0091: events stored under a former name are renamed before the switch.
  const renamed = agg.events.some((e) => (e.formerly ?? []).length > 0);
  const decideCases = agg.commands.map(
    (c) => `    case ${str(c.name)}:\n      return withLifecycle(logic.${commandNames(c).decide})(command, stateOf(lifecycle), ${rejectsConst(c)}, lifecycle);\n`,
  );
  const text =
    generatedHeader(facts.sources) +
    `// Decider of the ${agg.aggregate.name} aggregate: dispatches to the user-owned logic in ./logic.ts.\n` +
    importLine(['Decider'], '@event-driven-io/emmett', true) +
    importLine(agg.rejections.map(pascalCase), importPath(path, layout.errors(facts.context.name))) +
    importLine([names.commandUnion, ...agg.commands.map((c) => commandNames(c).rejections)], './commands.js', true) +
    importLine([names.eventUnion], './events.js', true) +
    `import * as logic from './logic.js';\n` +
    (renamed ? importLine(['renamedEvent'], importPath(path, evolutionLayout.index)) : '') +
    importLine(['initialState as emptyState'], './state.js') +
    importLine([names.lifecycle, ...(agg.commands.length > 0 ? [names.state] : [])], './state.js', true) +
    '\n' +
    `/** No ${agg.aggregate.name} before its first event. */\n` +
    `export const initialState = (): ${names.lifecycle} => ({ status: 'absent' });\n\n` +
    `/** The state the logic sees: the aggregate's, or the empty one for a creating command. */\n` +
    `const stateOf = (lifecycle: ${names.lifecycle}) => (lifecycle.status === 'existing' ? lifecycle.state : emptyState());\n\n` +
    (agg.commands.length > 0
      ? `/** Logic also receives the lifecycle; a decide function written with three parameters still fits. */\n` +
        `const withLifecycle = <C, R, E>(decideFn: (command: C, state: ${names.state}, reject: R, lifecycle: ${names.lifecycle}) => E) => decideFn;\n\n`
      : '') +
    rejectionObjects.join('\n') +
    '\n' +
    `/** Folds one event; any event of the stream means the ${agg.aggregate.name} exists. */\n` +
    (renamed
      ? `export const evolve = (lifecycle: ${names.lifecycle}, stored: ${names.eventUnion}): ${names.lifecycle} => {\n` +
        `  // Renamed events (\`formerly\`): one stored under a former type name is folded as the event it became.\n` +
        `  const event = renamedEvent(stored);\n`
      : `export const evolve = (lifecycle: ${names.lifecycle}, event: ${names.eventUnion}): ${names.lifecycle} => {\n`) +
    (agg.events.length === 0
      ? `  // ${agg.aggregate.name} has no events yet, so nothing can be folded.\n` +
        `  throw new Error(\`${agg.aggregate.name}: cannot evolve unknown event type \${(event as { type: string }).type}\`);\n`
      : `  switch (event.type) {\n${evolveCases.join('')}` +
        `    default: {\n` +
        `      // A stored event type this code does not know (a newer producer, or a removed type): never fold it silently.\n` +
        `      const unknown: never = ${exhausted('event', agg.events.length)};\n` +
        `      throw new Error(\`${agg.aggregate.name}: cannot evolve unknown event type \${${unknownType(agg.events.length)}}\`);\n` +
        `    }\n  }\n`) +
    `};\n\n` +
    `/** Runs the command's logic with the state and whether the ${agg.aggregate.name} exists. */\n` +
    `export const decide = (command: ${names.commandUnion}, lifecycle: ${names.lifecycle}): ${names.eventUnion} | ${names.eventUnion}[] => {\n` +
    (agg.commands.length === 0
      ? `  // ${agg.aggregate.name} has no commands yet.\n` +
        `  void lifecycle;\n` +
        `  throw new Error(\`${agg.aggregate.name}: unknown command type \${(command as { type: string }).type}\`);\n`
      : `  switch (command.type) {\n${decideCases.join('')}` +
        `    default: {\n` +
        `      const unknown: never = ${exhausted('command', agg.commands.length)};\n` +
        `      throw new Error(\`${agg.aggregate.name}: unknown command type \${${unknownType(agg.commands.length)}}\`);\n` +
        `    }\n  }\n`) +
    `};\n\n` +
    `export const ${names.decider}: Decider<${names.lifecycle}, ${names.commandUnion}, ${names.eventUnion}> = { decide, evolve, initialState };\n\n` +
    `/** Stream of one ${agg.aggregate.name}; the stream type (before the first \`-\`) is \`${agg.streamType}\`. */\n` +
    `export const ${names.streamName} = (id: string): string => \`${agg.streamType}-\${id}\`;\n`;
  return { path, contents: text, ownership: 'generated', sources: facts.sources };
}

// TypeScript narrows a switch on `x.type` to `never` only when `x` is a union of two or more
// types; a single event or command type is not narrowed, but its literal `x.type` is.
const exhausted = (subject: string, members: number): string => (members === 1 ? `${subject}.type` : subject);
const unknownType = (members: number): string => (members === 1 ? 'String(unknown)' : '(unknown as { type: string }).type');

const rejectsConst = (command: Command): string => commandNames(command).rejectsConst;

// ---------------------------------------------------------------------------------------------
// Command handling

export function commandHandlerFile(facts: ContextFacts, agg: AggregateFacts): PlannedFile {
  const path = file(facts, agg, 'command-handler');
  const names = agg.names;
  const identity = agg.aggregate.identity;
  const versioning = evolutionNames(facts.context.name).versioning;
  // Upcasters exist for every context that has events (generator/emit/evolution).
  const versioned = facts.context.events.length > 0;
  const entries = agg.commands.map((command) => {
    const type = commandNames(command).type;
    const hasIdentity = command.fields.some((f) => f.name === identity && !f.optional);
    const doc = jsdocBlock([
      `Handles ${command.name}: checks its data against the command's JSON Schema (CommandValidationError, src/validation.ts),`,
      `reads the ${agg.aggregate.name} stream, decides, appends (retried on version conflicts).`,
    ]);
    // Validation at the entry: in-process callers get what the HTTP API checks (generator/emit/http).
    const valid = `validCommand(${str(commandKey(facts.context.name, command.name))}, command)`;
    const opts = versioned ? 'stamped(options)' : 'options';
    return hasIdentity
      ? `${doc}export const ${commandNames(command).entry} = <Store extends EventStore>(eventStore: Store, command: ${type}, options?: HandleOptions<Store>) =>\n` +
          `  ${names.handler}(eventStore, ${access('command.data', identity)}, ${valid}, ${opts});\n`
      : `${doc}export const ${commandNames(command).entry} = <Store extends EventStore>(eventStore: Store, ${identity}: string, command: ${type}, options?: HandleOptions<Store>) =>\n` +
          `  ${names.handler}(eventStore, ${identity}, ${valid}, ${opts});\n`;
  });
  const text =
    generatedHeader(facts.sources) +
    `// Command handling for the ${agg.aggregate.name} aggregate on any Emmett event store.\n` +
    importLine(['DeciderCommandHandler'], '@event-driven-io/emmett') +
    importLine(['EventStore', 'HandleOptions'], '@event-driven-io/emmett', true) +
    importLine(agg.commands.map((c) => commandNames(c).type), './commands.js', true) +
    importLine([names.decider, names.streamName], './decider.js') +
    importLine(['validCommand'], importPath(path, httpLayout.validation)) +
    (versioned ? importLine([versioning], importPath(path, evolutionLayout.upcasters(facts.context.name))) : '') +
    '\n' +
    `/**\n` +
    ` * Emmett's DeciderCommandHandler; a version conflict (a concurrent append) is retried 3 times.\n` +
    ` * Stored events are upcast to their current version on read, new ones stamped with it on append.\n` +
    ` */\n` +
    `export const ${names.handler} = DeciderCommandHandler({\n` +
    `  ...${names.decider},\n` +
    `  mapToStreamId: ${names.streamName},\n` +
    `  retry: { onVersionConflict: 3 },\n` +
    (versioned ? `  schema: { versioning: ${versioning} },\n` : '') +
    `});\n\n` +
    (versioned
      ? `/**\n` +
        ` * Emmett 0.42's CommandHandler uses its \`schema\` to read and drops it when it appends, so new\n` +
        ` * events would be stored without metadata.schemaVersion: the downcast that stamps them goes into\n` +
        ` * the append options of every call (they reach appendToStream).\n` +
        ` */\n` +
        `const stamped = <Store extends EventStore>(options?: HandleOptions<Store>): HandleOptions<Store> =>\n` +
        `  ({ ...options, schema: { versioning: ${versioning} } }) as HandleOptions<Store>;\n\n`
      : '') +
    entries.join('\n');
  return { path, contents: text, ownership: 'generated', sources: facts.sources };
}
