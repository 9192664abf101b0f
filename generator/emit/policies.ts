// One policy: a reactor that turns the events it listens to into the model's commands.
// The decision (event -> commands) is user-owned and typed to issue only the commands the
// policy's `issues` lists; the wiring (dispatch to the aggregates' command handlers, the
// PostgreSQL consumer registration with retry and dead letters) is generated.

import type { Command, Event, Field, Policy } from '../model/types.js';
import type { PlannedFile, ScaffoldMember } from '../plan-types.js';
import { camelCase, pascalCase, policyNames, projectionNames } from '../names.js';
import { access, generatedHeader, importLine, inModel, importPath, jsdocBlock, propertyKey, scaffoldImports, str, stubbed, tsLiteral } from './code.js';
import { valueOwner, type ContextFacts } from '../ir/context.js';
import { layout, evolutionLayout } from '../ir/paths.js';
import { sampleObject } from '../ir/samples.js';
import { commandFieldValues, policyFacts, type PolicyFacts } from '../ir/policy.js';
import { commandNames, eventNames } from '../ir/names.js';

const reactName = (pf: PolicyFacts, event: Event) => `${pf.names.decide}On${eventNames(event).type}`;

const issuedType = (pf: PolicyFacts): string => {
  const one = pf.commands.map((c) => commandNames(c).type).join(' | ') || 'never';
  return pf.commands.length <= 1 ? `${one} | ${one}[]` : `${one} | (${one})[]`;
};

/** `event.data.a.b`, with `?.` after an optional step. */
function pathAccess(facts: ContextFacts, event: Event, path: readonly string[]): string {
  let text = 'event.data';
  let fields: readonly Field[] = event.fields;
  let context = event.context;
  let optionalBefore = false;
  for (const name of path) {
    text = optionalBefore ? access(`${text}?`, name).replace('?[', '?.[') : access(text, name);
    const field = fields.find((f) => f.name === name);
    optionalBefore ||= field?.optional === true;
    if (field?.type.kind === 'ref') {
      const owner = valueOwner(facts.model, context, field.type.name);
      fields = facts.model.contexts.find((c) => c.name === owner)?.valueObjects.find((v) => v.name === (field.type as { name: string }).name)?.fields ?? [];
      context = owner ?? context;
    }
  }
  return text;
}

/** The logic's parameters: the event, the trigger's envelope, and the read models it reads. */
const logicParameters = (pf: PolicyFacts, event: Event): string =>
  `event: ${eventNames(event).type}, trigger: PolicyTrigger${pf.reads.length > 0 ? `, reads: ${readsType(pf.policy)}` : ''}`;

const readsType = (policy: Policy): string => `${pascalCase(policy.name)}Reads`;

function members(facts: ContextFacts, pf: PolicyFacts, runtime: string): ScaffoldMember[] {
  return pf.events.map((event) => {
    const defaults = pf.commands.map((command) => ({ command, values: commandFieldValues(facts, pf.policy, command, event) }));
    const complete = defaults.length > 0 && defaults.every((d) => d.values !== undefined);
    const mapped = (pf.policy.with ?? []).length > 0;
    const doc = jsdocBlock([
      `${pf.policy.name} (${inModel(pf.policy.loc)})${pf.policy.description ? `: ${pf.policy.description}` : '.'}`,
      `On ${event.name}, issue ${pf.commands.map((c) => c.name).join(', ') || 'nothing'} (return [] to issue nothing).`,
      ...(complete ? [mapped ? 'Default from the model: the fields come from the event and the policy\'s `with:`.' : 'Default from the model: every command field comes from the event.'] : []),
      ...(pf.reads.length > 0 ? [`\`reads\` gives typed access to ${pf.reads.map((p) => p.name).join(', ')}.`] : []),
      '`trigger` is the event\'s envelope: its id, stream and positions, and `newId(name)`, a new identity that a redelivered event gets again.',
    ]);
    const result = pf.reads.length > 0 ? `Promise<${issuedType(pf)}>` : issuedType(pf);
    // A policy that reads is async, but its stub throws synchronously (not `async`), so that the
    // generated tests' pure probes still find it.
    const signature = `export ${complete && pf.reads.length > 0 ? 'async ' : ''}function ${reactName(pf, event)}(${logicParameters(pf, event)}): ${result}`;
    let body: string;
    if (complete) {
      const commands = defaults.map(({ command, values }) => {
        const fields = values!.map(({ field, value }) => {
          if (value.kind === 'newId') return `${propertyKey(field.name)}: trigger.newId(${str(value.name)})`;
          const source = pathAccess(facts, event, value.path);
          return value.optional ? `...(${source} !== undefined ? { ${propertyKey(field.name)}: ${source} } : {})` : `${propertyKey(field.name)}: ${source}`;
        });
        return `{ type: ${str(command.name)}, data: { ${fields.join(', ')} } }`;
      });
      body = commands.length === 1 ? `  return ${commands[0]};\n` : `  return [\n${commands.map((c) => `    ${c},\n`).join('')}  ];\n`;
    } else {
      body = `  return notImplemented(${str(`${pf.policy.name}: on ${event.name} (${inModel(pf.policy.loc)}) is not written yet; the model does not say where the fields of ${pf.commands.map((c) => c.name).join(', ')} come from`)});\n`;
    }
    // The envelope's (and the readers') types come with each new member, so growing a file
    // written before them adds nothing to its existing functions' imports.
    const imports = [
      { moduleSpecifier: runtime, namedImports: ['PolicyTrigger'], typeOnly: true },
      ...(pf.reads.length > 0 ? [{ moduleSpecifier: `./${policyNames('', pf.policy.name).file}.js`, namedImports: [readsType(pf.policy)], typeOnly: true }] : []),
    ];
    const member = stubbed({ name: reactName(pf, event), text: `${doc}${signature} {\n${body}}` }, !complete, runtime);
    return { ...member, imports: [...(member.imports ?? []), ...imports] };
  });
}

function eventImports(facts: ContextFacts, path: string, events: Event[]): { moduleSpecifier: string; namedImports: string[]; typeOnly: boolean }[] {
  const byModule = new Map<string, string[]>();
  for (const event of events) {
    const module = importPath(path, eventNames(event).module);
    byModule.set(module, [...(byModule.get(module) ?? []), eventNames(event).type]);
  }
  return [...byModule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([moduleSpecifier, namedImports]) => ({ moduleSpecifier, namedImports: namedImports.sort(), typeOnly: true }));
}

export function policyFiles(facts: ContextFacts, policy: Policy): PlannedFile[] {
  const pf = policyFacts(facts, policy);
  const names = pf.names;
  const logicPath = layout.policyLogic(facts.context.name, policy.name);
  const path = layout.policy(facts.context.name, policy.name);
  const logicMembers = members(facts, pf, importPath(logicPath, layout.runtimeIndex));
  const commandImports = (from: string) => {
    const byModule = new Map<string, string[]>();
    for (const c of pf.commands) {
      const m = importPath(from, commandNames(c).commandsModule);
      byModule.set(m, [...(byModule.get(m) ?? []), commandNames(c).type]);
    }
    return [...byModule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([moduleSpecifier, namedImports]) => ({ moduleSpecifier, namedImports: namedImports.sort(), typeOnly: true }));
  };
  const logicImports = [
    ...eventImports(facts, logicPath, pf.events),
    ...commandImports(logicPath),
  ];
  const logic: PlannedFile = {
    path: logicPath,
    contents:
      `// Policy ${policy.name} (${facts.context.file}): which commands each event issues.\n` +
      `//\n` +
      `// This file is yours. Stormsmith created it once; when the policy listens to a new event it\n` +
      (pf.reads.length > 0
        ? `// only adds a typed stub. Read only what \`reads\` gives them: the generated reactor sends what they return.\n`
        : `// only adds a typed stub. Keep these functions pure: the generated reactor sends what they return.\n`) +
      scaffoldImports(logicMembers, logicImports) +
      '\n' +
      logicMembers.map((m) => m.text).join('\n\n') +
      '\n',
    ownership: 'scaffold',
    sources: facts.sources,
    grow: { members: logicMembers, imports: logicImports },
  };

  const eventUnion = names.eventUnion;
  const handlers = new Map<string, string[]>();
  for (const c of pf.commands) {
    const m = importPath(path, commandNames(c).handlerModule);
    handlers.set(m, [...(handlers.get(m) ?? []), commandNames(c).entry]);
  }
  const retries = facts.context.architecture.retry?.attempts ?? 3;
  const deciders = new Map<string, string[]>();
  for (const c of pf.commands) {
    const m = importPath(path, commandNames(c).deciderModule);
    deciders.set(m, [...new Set([...(deciders.get(m) ?? []), commandNames(c).aggregate.decider])]);
  }
  const previewCases = pf.commands.map((c) => `      case ${str(c.name)}:\n        return onNewAggregate(${commandNames(c).aggregate.decider}, command);\n`);
  const dispatchCases = pf.commands.map((c) => `      case ${str(c.name)}:\n        await ${commandNames(c).entry}(eventStore, command);\n        break;\n`);
  // docs/adr/0091: events stored under a former name are renamed first and taken by canHandle.
  const renamed = pf.events.some((e) => (e.formerly ?? []).length > 0);
  const reads = pf.reads.length > 0;
  const reactCases = pf.events.map((e) => `    case ${str(e.name)}:\n      return ${reactName(pf, e)}(event, trigger${reads ? ', reads' : ''});\n`);
  const processorIdName = names.reactor.replace(/Reactor$/, 'ProcessorId');
  // docs/adr/0096: the read models the logic reads, one typed reader each.
  const readModels = pf.reads.map((projection) => {
    const pn = projectionNames(projection.context, projection.name);
    return {
      projection,
      key: camelCase(projection.name),
      document: pn.document,
      collection: pn.postgres.replace(/Projection$/, 'Collection'),
      live: pn.postgres.replace(/Projection$/, 'LiveCollection'),
      module: importPath(path, layout.projection(projection.context, projection.name)),
    };
  });
  const readsBlock = reads
    ? `/** Typed read access to the read models the policy reads (\`reads:\`). */\n` +
      `export type ${readsType(policy)} = {\n${readModels.map((r) => `  readonly ${propertyKey(r.key)}: ReadModel<${r.document}>;\n`).join('')}};\n\n` +
      `/** The readers over the store the reactor runs on (PostgreSQL: the live collection; in memory: the in-memory one). */\n` +
      `export const ${camelCase(policy.name)}Reads = (eventStore: EventStore): ${readsType(policy)} => ({\n` +
      readModels.map((r) => `  ${propertyKey(r.key)}: readModel<${r.document}>(eventStore, { collection: ${r.collection}, live: ${r.live} }),\n`).join('') +
      `});\n\n`
    : '';
  const issued = reads ? `Promise<${issuedType(pf)}> | ${issuedType(pf)}` : issuedType(pf);
  const wiring: PlannedFile = {
    path,
    contents:
      generatedHeader(facts.sources) +
      `// Policy ${policy.name} as a reactor: async, one processor (${names.processorId}), retried then dead-lettered.\n` +
      importLine(pf.commands.length > 0 ? ['Command', 'Decider', 'Event', 'EventStore'] : ['EventStore'], '@event-driven-io/emmett', true) +
      importLine(['PostgreSQLEventStoreConsumer'], '@event-driven-io/emmett-postgresql', true) +
      importLine([...(pf.commands.length > 0 ? ['issueOnce'] : []), 'policyTrigger', ...(reads ? ['readModel'] : []), 'withDeadLetter'], importPath(path, layout.runtimeIndex)) +
      importLine(['DeadLetterOptions', 'PolicyTrigger', ...(reads ? ['ReadModel'] : [])], importPath(path, layout.runtimeIndex), true) +
      importLine(renamed ? ['renamedEvent', 'upcastEvent', 'withFormerTypes'] : ['upcastEvent'], importPath(path, evolutionLayout.index)) +
      eventImports(facts, path, pf.events).map((i) => importLine(i.namedImports, i.moduleSpecifier, true)).join('') +
      commandImports(path).map((i) => importLine(i.namedImports, i.moduleSpecifier, true)).join('') +
      [...handlers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => importLine(n, m)).join('') +
      [...deciders.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => importLine(n, m)).join('') +
      readModels.map((r) => importLine([r.collection, r.live], r.module) + importLine([r.document], r.module, true)).join('') +
      `import * as logic from './${names.file}.logic.js';\n` +
      `\n` +
      `export type ${eventUnion} = ${pf.events.map((e) => eventNames(e).type).join(' | ') || 'never'};\n\n` +
      `export const ${names.reactor.replace(/Reactor$/, 'ProcessorId')} = ${str(names.processorId)};\n` +
      `export const ${names.eventTypes} = [${pf.events.map((e) => str(e.name)).join(', ')}] as const;\n\n` +
      readsBlock +
      `// The user-owned logic, typed as the wiring calls it: logic written before the envelope (or the\n` +
      `// readers) existed takes fewer parameters and still fits.\n` +
      pf.events
        .map((e) => `const ${reactName(pf, e)}: (event: ${eventNames(e).type}, trigger: PolicyTrigger${reads ? `, reads: ${readsType(policy)}` : ''}) => ${issued} = logic.${reactName(pf, e)};\n`)
        .join('') +
      (pf.events.length > 0 ? '\n' : '') +
      `/**\n * The commands the policy issues for one event (user-owned logic). \`trigger\` is the event's\n` +
      ` * envelope; its \`newId\` gives a redelivered event the same new identities (docs/adr/0096).\n */\n` +
      `export const ${names.decide} = (event: ${eventUnion}, trigger: PolicyTrigger = policyTrigger(${processorIdName}, event)${reads ? `, reads: ${readsType(policy)}` : ''}): ${issued} => {\n` +
      `  switch (event.type) {\n${reactCases.join('')}  }\n};\n\n` +
      `/** What a command decides on a new aggregate, folded through evolve as the command handler does. */\n` +
      `const onNewAggregate = <State, C extends Command, E extends Event>(decider: Decider<State, C, E>, command: C): E[] => {\n` +
      `  const decided = decider.decide(command, decider.initialState());\n` +
      `  const events = Array.isArray(decided) ? decided : [decided];\n` +
      `  events.reduce(decider.evolve, decider.initialState());\n` +
      `  return events;\n` +
      `};\n\n` +
      (reads
        ? `/** Preview: what each issued command decides on a new aggregate (tests use it to find stubs: a stub throws before the promise). */\n` +
          `export const ${names.preview} = (event: ${eventUnion}, reads: ${readsType(policy)}) =>\n` +
          `  Promise.resolve(${names.decide}(event, policyTrigger(${processorIdName}, event), reads)).then((issued) =>\n` +
          `    (Array.isArray(issued) ? issued : [issued]).map((command) => {\n` +
          (pf.commands.length === 0 ? `      return command as never;\n` : `      switch (command.type) {\n${previewCases.map((c) => c.replace(/^(?=.)/gm, '  ')).join('')}      }\n`) +
          `    }),\n  );\n\n`
        : `/** Pure preview: what each issued command decides on a new aggregate (tests use it to find stubs). */\n` +
          `export const ${names.preview} = (event: ${eventUnion}) => {\n` +
          `  const issued = ${names.decide}(event);\n` +
          `  return (Array.isArray(issued) ? issued : [issued]).map((command) => {\n` +
          (pf.commands.length === 0 ? `    return command as never;\n` : `    switch (command.type) {\n${previewCases.join('')}    }\n`) +
          `  });\n};\n\n`) +
      `/**\n * Reacts to one event: sends each issued command through its aggregate's command handler, once\n` +
      ` * (issueOnce: a redelivered event appends nothing new; the events carry commandId, causationId\n` +
      ` * and correlationId in their metadata).\n */\n` +
      `export const ${names.reactor} = async (eventStore: EventStore, event: ${eventUnion}): Promise<void> => {\n` +
      (reads ? `  const issued = await ${names.decide}(event, policyTrigger(${processorIdName}, event), ${camelCase(policy.name)}Reads(eventStore));\n` : `  const issued = ${names.decide}(event);\n`) +
      (pf.commands.length === 0
        ? `  for (const command of Array.isArray(issued) ? issued : [issued]) {\n    void command;\n  }\n};\n\n`
        : `  for (const [index, command] of (Array.isArray(issued) ? issued : [issued]).entries()) {\n` +
          `    await issueOnce(eventStore, { processorId: ${processorIdName}, trigger: event, index }, async (eventStore) => {\n` +
          `      switch (command.type) {\n${dispatchCases.map((c) => c.replace(/^(?=.)/gm, '  ')).join('')}      }\n` +
          `    });\n` +
          `  }\n};\n\n`) +
      `/**\n * Registers the reactor on a PostgreSQL consumer: ${retries} attempts, then a dead letter (never a silent stop).\n` +
      ` * \`deadLetter\` overrides retry, backoff and logging (the composition root passes the model's, src/operations.ts).\n */\n` +
      `export const ${names.register} = (consumer: PostgreSQLEventStoreConsumer, eventStore: EventStore, deadLetter: Partial<DeadLetterOptions> = {}) =>\n` +
      `  consumer.reactor<${eventUnion}>({\n` +
      `    processorId: ${str(names.processorId)},\n` +
      `    canHandle: ${renamed ? `withFormerTypes(${names.eventTypes})` : `[...${names.eventTypes}]`},\n` +
      `    // Stored events of older versions reach the policy upcast to their current version.\n` +
      `    messageOptions: { schema: { versioning: { upcast: upcastEvent } } },\n` +
      `    eachMessage: withDeadLetter<${eventUnion}, Parameters<typeof withDeadLetter>[0] extends (m: never, c: infer C) => unknown ? C : never>(\n` +
      `      async (event) => {\n` +
      (renamed
        ? `        // Renamed events (\`formerly\`): one stored under a former type name reaches the policy as the event it became.\n` +
          `        await ${names.reactor}(eventStore, renamedEvent(event));\n`
        : `        await ${names.reactor}(eventStore, event);\n`) +
      `      },\n` +
      `      // A business rejection is the event's recorded outcome (stormsmith_policy_outcomes), not retried.\n` +
      `      { processorId: ${str(names.processorId)}, maxAttempts: ${retries}, rejectionsAreOutcomes: true, ...deadLetter },\n` +
      `    ),\n` +
      `  });\n`,
    ownership: 'generated',
    sources: facts.sources,
  };

  // In-memory test: the reactor, given one event, leaves the issued command's events in the store.
  const testPath = layout.policyTest(facts.context.name, policy.name);
  const event = pf.events[0];
  const test: PlannedFile | undefined = event
    ? {
        path: testPath,
        contents:
          generatedHeader([facts.context.file]) +
          `// ${policy.name}: the reactor sends the commands its logic issues, through the real command handlers.\n` +
          importLine(['expect'], 'vitest') +
          importLine(['createInMemoryEventStore', 'isRejection'], importPath(testPath, layout.runtimeIndex)) +
          importLine([names.reactor, names.preview, ...(reads ? [`${camelCase(policy.name)}Reads`] : [])], importPath(testPath, path)) +
          importLine([eventNames(event).type], importPath(testPath, eventNames(event).module), true) +
          importLine(['modelCaseProbed'], importPath(testPath, layout.modelCase)) +
          `\n` +
          `const event: ${eventNames(event).type} = { type: ${str(event.name)}, data: ${tsLiteral(sampleObject(facts.model, event.context, event.fields), '')} };\n\n` +
          `modelCaseProbed(\n` +
          `  ${str(`${policy.name}: on ${event.name} the issued commands are handled`)},\n` +
          (reads
            ? `  () => ${names.preview}(event, ${camelCase(policy.name)}Reads(createInMemoryEventStore())),\n` +
              `  async () => {\n` +
              `    const eventStore = createInMemoryEventStore();\n` +
              `    // What the issued commands decide on new aggregates (a rejection included), reading the same store ...\n` +
              `    let expected: { type: string; data: unknown }[] = [];\n` +
              `    let rejection: string | undefined;\n` +
              `    try {\n` +
              `      expected = (await ${names.preview}(event, ${camelCase(policy.name)}Reads(eventStore))).flat();\n` +
              `    } catch (error) {\n` +
              `      if (!isRejection(error)) throw error;\n` +
              `      rejection = (error as { rejection: string }).rejection;\n` +
              `    }\n`
            : `  () => ${names.preview}(event),\n` +
              `  async () => {\n` +
              `    // What the issued commands decide on new aggregates, computed purely (a rejection included) ...\n` +
              `    let expected: { type: string; data: unknown }[] = [];\n` +
              `    let rejection: string | undefined;\n` +
              `    try {\n` +
              `      expected = ${names.preview}(event).flat();\n` +
              `    } catch (error) {\n` +
              `      if (!isRejection(error)) throw error;\n` +
              `      rejection = (error as { rejection: string }).rejection;\n` +
              `    }\n` +
              `    const eventStore = createInMemoryEventStore();\n`) +
          `    const appended: { type: string; data: unknown }[] = [];\n` +
          `    const recording = new Proxy(eventStore, {\n` +
          `      get: (target, key, receiver) =>\n` +
          `        key === 'appendToStream'\n` +
          `          ? (stream: string, events: { type: string; data: unknown }[], options?: unknown) => {\n` +
          `              appended.push(...events);\n` +
          `              return target.appendToStream(stream, events as never, options as never);\n` +
          `            }\n` +
          `          : Reflect.get(target, key, receiver),\n` +
          `    });\n` +
          `    // ... is what the reactor does through the real command handlers.\n` +
          `    if (rejection !== undefined) {\n` +
          `      await expect(${names.reactor}(recording, event)).rejects.toMatchObject({ rejection });\n` +
          `      expect(appended).toEqual([]);\n` +
          `    } else {\n` +
          `      await ${names.reactor}(recording, event);\n` +
          `      expect(appended.map(({ type, data }) => ({ type, data }))).toEqual(expected.map(({ type, data }) => ({ type, data })));\n` +
          `    }\n` +
          `  },\n` +
          `);\n`,
        ownership: 'generated',
        sources: [facts.context.file],
      }
    : undefined;
  return [wiring, logic, ...(test ? [test] : [])];
}
