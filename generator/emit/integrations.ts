// Outbound integration (docs/adr/0097): an external system that consumes events
// (`consumes: [PaymentRequested]`). Generated: a typed port (one method per consumed event) and a
// reactor that calls it, registered on a PostgreSQL consumer with the same retries and dead letters
// as a policy; user-owned: the adapter that implements the port (created once, grown with a typed
// stub per new event, never overwritten); and a test on PostgreSQL through the composition root.

import type { Event, ExternalSystem } from '../model/types.js';
import type { PlannedFile, ScaffoldImport, ScaffoldMember } from '../plan-types.js';
import { camelCase, kebabCase, outboundMethod, outboundNames } from '../names.js';
import { at, generatedHeader, importLine, inModel, importPath, jsdocBlock, propertyKey, scaffoldImports, str, stubbed, tsLiteral } from './code.js';
import type { ContextFacts } from '../ir/context.js';
import { consumedEvents } from '../ir/outbound.js';
import { eventModule, eventStreamType } from '../ir/events.js';
import { evolutionLayout, layout, opsLayout } from '../ir/paths.js';
import { sampleObject } from '../ir/samples.js';
import { eventNames } from '../ir/names.js';

function eventTypeImports(facts: ContextFacts, from: string, events: readonly Event[]): ScaffoldImport[] {
  const byModule = new Map<string, string[]>();
  for (const event of events) {
    const module = importPath(from, eventModule(event));
    byModule.set(module, [...new Set([...(byModule.get(module) ?? []), eventNames(event).type])]);
  }
  return [...byModule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([moduleSpecifier, namedImports]) => ({ moduleSpecifier, namedImports: namedImports.sort(), typeOnly: true }));
}

export function integrationFiles(facts: ContextFacts, system: ExternalSystem): PlannedFile[] {
  const events = consumedEvents(facts, system);
  if (events.length === 0) return [];
  const context = facts.context.name;
  const names = outboundNames(context, system.name);
  const path = layout.integration(context, system.name);
  const adapterPath = layout.integrationAdapter(context, system.name);
  const retries = facts.context.architecture.retry?.attempts ?? 3;
  const processorIdName = `${camelCase(system.name)}ProcessorId`;
  const eventTypesName = `${camelCase(system.name)}EventTypes`;
  const renamed = events.some((e) => (e.formerly ?? []).length > 0);

  // The user-owned adapter: one function per consumed event, typed by the port.
  const runtime = importPath(adapterPath, layout.runtimeIndex);
  const members: ScaffoldMember[] = events.map((event) =>
    stubbed(
      {
        name: outboundMethod(event.name),
        text:
          jsdocBlock([
            `${system.name} (${inModel(system.loc)})${system.description ? `: ${system.description}` : '.'}`,
            `Tell it about ${event.name}. \`delivery.eventId\` is the same on every redelivery: use it as the idempotency key of the call.`,
          ]) +
          `export function ${outboundMethod(event.name)}(event: ${eventNames(event).type}, delivery: PolicyTrigger): Promise<void> {\n` +
          `  return notImplemented(${str(`${system.name}: telling it about ${event.name} (${inModel(system.loc)}) is not written yet`)});\n` +
          `}`,
      },
      true,
      runtime,
    ),
  );
  const adapterImports: ScaffoldImport[] = [{ moduleSpecifier: runtime, namedImports: ['PolicyTrigger'], typeOnly: true }, ...eventTypeImports(facts, adapterPath, events)];
  const adapter: PlannedFile = {
    path: adapterPath,
    contents:
      `// Outbound adapter ${system.name} (${facts.context.file}): how the service tells ${system.name} about events.\n` +
      `//\n` +
      `// This file is yours. Stormsmith created it once; when ${system.name} consumes a new event it only\n` +
      `// adds a typed stub. A thrown error is retried, then dead-lettered (\`ops dlq retry\` calls it again),\n` +
      `// so make each call idempotent on \`delivery.eventId\`.\n` +
      scaffoldImports(members, adapterImports) +
      '\n' +
      members.map((m) => m.text).join('\n\n') +
      '\n',
    ownership: 'scaffold',
    sources: facts.sources,
    grow: { members, imports: adapterImports },
  };

  const union = names.union;
  const cases = events.map((e) => `    case ${str(e.name)}:\n      return port.${outboundMethod(e.name)}(event, delivery);\n`);
  const wiring: PlannedFile = {
    path,
    contents:
      generatedHeader(facts.sources) +
      `// Outbound integration ${system.name} as a reactor: async, one processor (${names.processorId}), retried then\n` +
      `// dead-lettered; it calls the user-owned adapter (./${names.file}.adapter.ts) through the port below.\n` +
      importLine(['PostgreSQLEventStoreConsumer'], '@event-driven-io/emmett-postgresql', true) +
      importLine(['policyTrigger', 'withDeadLetter'], importPath(path, layout.runtimeIndex)) +
      importLine(['DeadLetterOptions', 'PolicyTrigger'], importPath(path, layout.runtimeIndex), true) +
      importLine(renamed ? ['renamedEvent', 'upcastEvent', 'withFormerTypes'] : ['upcastEvent'], importPath(path, evolutionLayout.index)) +
      eventTypeImports(facts, path, events).map((i) => importLine(i.namedImports, i.moduleSpecifier, true)).join('') +
      `import * as adapter from './${names.file}.adapter.js';\n` +
      `\n` +
      `export type ${union} = ${events.map((e) => eventNames(e).type).join(' | ')};\n\n` +
      jsdocBlock([
        `What the service tells ${system.name} (${at(system.loc)}): one method per consumed event.`,
        '`delivery.eventId` is the stored event\'s id, the same on every redelivery: the idempotency key for the external call.',
      ]) +
      `export type ${names.port} = {\n` +
      events.map((e) => `  ${outboundMethod(e.name)}(event: ${eventNames(e).type}, delivery: PolicyTrigger): Promise<void> | void;\n`).join('') +
      `};\n\n` +
      `export const ${processorIdName} = ${str(names.processorId)};\n` +
      `export const ${eventTypesName} = [${events.map((e) => str(e.name)).join(', ')}] as const;\n\n` +
      `/** The user-owned adapter, checked against the port. */\n` +
      `export const ${camelCase(system.name)}Adapter: ${names.port} = adapter;\n\n` +
      `/** Tells ${system.name} about one event through \`port\` (a failure is thrown: retried, then dead-lettered). */\n` +
      `export const ${names.reactor} = async (port: ${names.port}, event: ${union}): Promise<void> => {\n` +
      `  const delivery = policyTrigger(${processorIdName}, event);\n` +
      `  switch (event.type) {\n${cases.join('')}  }\n};\n\n` +
      `/**\n * Registers the reactor on a PostgreSQL consumer: ${retries} attempts, then a dead letter (never a silent stop).\n` +
      ` * \`port\` replaces the adapter (tests, another environment); \`deadLetter\` overrides retry, backoff and logging.\n */\n` +
      `export const ${names.register} = (\n` +
      `  consumer: PostgreSQLEventStoreConsumer,\n` +
      `  port: ${names.port} = ${camelCase(system.name)}Adapter,\n` +
      `  deadLetter: Partial<DeadLetterOptions> = {},\n` +
      `) =>\n` +
      `  consumer.reactor<${union}>({\n` +
      `    processorId: ${processorIdName},\n` +
      `    canHandle: ${renamed ? `withFormerTypes(${eventTypesName})` : `[...${eventTypesName}]`},\n` +
      `    // Stored events of older versions reach the adapter upcast to their current version.\n` +
      `    messageOptions: { schema: { versioning: { upcast: upcastEvent } } },\n` +
      `    eachMessage: withDeadLetter<${union}, Parameters<typeof withDeadLetter>[0] extends (m: never, c: infer C) => unknown ? C : never>(\n` +
      `      async (event) => {\n` +
      (renamed ? `        await ${names.reactor}(port, renamedEvent(event));\n` : `        await ${names.reactor}(port, event);\n`) +
      `      },\n` +
      `      { processorId: ${processorIdName}, maxAttempts: ${retries}, ...deadLetter },\n` +
      `    ),\n` +
      `  });\n`,
    ownership: 'generated',
    sources: facts.sources,
  };
  return [wiring, adapter, integrationTestFile(facts, system, events)];
}

/**
 * On a real PostgreSQL, through the composition root with a recording port: every consumed event
 * reaches the system once its call succeeds (a failed call is retried), with the stored event's id;
 * a call that keeps failing is dead-lettered after the model's attempts while the next is delivered.
 */
function integrationTestFile(facts: ContextFacts, system: ExternalSystem, events: readonly Event[]): PlannedFile {
  const context = facts.context.name;
  const names = outboundNames(context, system.name);
  const path = layout.integrationPgTest(context, system.name);
  const module = layout.integration(context, system.name);
  const event = events[0]!;
  const method = outboundMethod(event.name);
  // The event may be another context's (consumes: Context.Event): its value objects are that context's.
  const sample = sampleObject(facts.model, event.context, event.fields);
  const fresh = event.fields.filter((f) => !f.optional && f.type.kind === 'primitive' && f.type.name === 'uuid').map((f) => `${propertyKey(f.name)}: randomUUID()`);
  const data = fresh.length === 0 ? tsLiteral(sample, '  ') : `{ ...${tsLiteral(sample, '  ')}, ${fresh.join(', ')} }`;
  const override = `outbound: { ${propertyKey(camelCase(context))}: { ${propertyKey(camelCase(system.name))}: port } }`;
  const contents =
    generatedHeader([facts.context.file]) +
    `// ${system.name} consumes ${events.map((e) => e.name).join(', ')}: on a real PostgreSQL, through the service's own\n` +
    `// consumer, each event reaches the port once its call succeeds, and one that keeps failing is\n` +
    `// dead-lettered while the next is delivered.\n` +
    importLine(['randomUUID'], 'node:crypto') +
    importLine(['expect', 'it'], 'vitest') +
    importLine(['createService'], importPath(path, layout.compositionRoot)) +
    importLine(['asyncProcessors'], importPath(path, opsLayout.operations)) +
    importLine(['listDeadLetters'], importPath(path, layout.runtimeIndex)) +
    importLine([`${camelCase(system.name)}ProcessorId`], importPath(path, module)) +
    importLine([names.port], importPath(path, module), true) +
    importLine([eventNames(event).type], importPath(path, eventModule(event)), true) +
    importLine(['useTestDatabase'], importPath(path, layout.testDatabase)) +
    importLine(['appendAll', 'captureLogs', 'processorCaughtUp', 'settled'], importPath(path, opsLayout.support)) +
    `\n` +
    `const database = useTestDatabase(${str(`outbound_${kebabCase(system.name).replace(/-/g, '_')}`.slice(0, 40))});\n` +
    `const processorId = ${camelCase(system.name)}ProcessorId;\n` +
    `const processor = asyncProcessors.find((x) => x.processorId === processorId)!;\n\n` +
    `/** An event with fresh ids; its message id is chosen here, so the port can tell which one it gets. */\n` +
    `const sample = (): ${eventNames(event).type} => ({ type: ${str(event.name)}, data: ${data}, metadata: { messageId: randomUUID() } }) as ${eventNames(event).type};\n` +
    `const idOf = (event: ${eventNames(event).type}): string => (event as unknown as { metadata: { messageId: string } }).metadata.messageId;\n\n` +
    `/** A port that records each call to ${method}, and fails the calls \`fails\` says. */\n` +
    `const recordingPort = (fails: (eventId: string, attempt: number) => boolean) => {\n` +
    `  const calls: { event: ${eventNames(event).type}; eventId: string }[] = [];\n` +
    `  const port = {\n` +
    `    ${method}: async (event: ${eventNames(event).type}, delivery: { eventId: string }) => {\n` +
    `      calls.push({ event, eventId: delivery.eventId });\n` +
    `      if (fails(delivery.eventId, calls.filter((c) => c.eventId === delivery.eventId).length)) throw new Error('${system.name.replace(/'/g, '')} is unavailable');\n` +
    `    },\n` +
    `  } as unknown as ${names.port};\n` +
    `  return { port, calls };\n` +
    `};\n\n` +
    `const run = async (port: ${names.port}, samples: ${eventNames(event).type}[]) => {\n` +
    `  const url = database.connectionString;\n` +
    `  const service = createService({ connectionString: url, logger: captureLogs().logger, ${override} });\n` +
    `  try {\n` +
    `    await service.eventStore.schema.migrate();\n` +
    `    await service.operations.prepare();\n` +
    `    service.start([processorId]);\n` +
    `    const appended = await appendAll(url, samples.map((event) => ({ stream: ${str(eventStreamType(event))}, event })));\n` +
    `    await settled(processorCaughtUp(url, processorId));\n` +
    `    return appended;\n` +
    `  } finally {\n` +
    `    await service.stop();\n` +
    `  }\n` +
    `};\n\n` +
    `it(${str(`${system.name} is told about ${event.name} once its call succeeds, with the stored event's id (a failed call is retried)`)}, async () => {\n` +
    `  const { port, calls } = recordingPort((_event, attempt) => attempt === 1);\n` +
    `  const event = sample();\n` +
    `  const [stored] = await run(port, [event]);\n` +
    `  expect(stored!.messageId).toBe(idOf(event));\n` +
    `  expect(calls.map((c) => c.eventId)).toEqual([stored!.messageId, stored!.messageId]);\n` +
    `  expect(calls[1]!.event.data).toEqual(event.data);\n` +
    `  expect(await listDeadLetters(database.connectionString, { processorId })).toEqual([]);\n` +
    `});\n\n` +
    `it(${str(`a ${event.name} ${system.name} keeps refusing is dead-lettered after the model's attempts, and the next one is delivered`)}, async () => {\n` +
    `  const [poisoned, healthy] = [sample(), sample()];\n` +
    `  const { port, calls } = recordingPort((eventId) => eventId === idOf(poisoned));\n` +
    `  const [poisonEvent, healthyEvent] = await run(port, [poisoned, healthy]);\n` +
    `  expect(calls.filter((c) => c.eventId === poisonEvent!.messageId)).toHaveLength(processor.retry.maxAttempts);\n` +
    `  expect(calls.filter((c) => c.eventId === healthyEvent!.messageId)).toHaveLength(1);\n` +
    `  const letters = await listDeadLetters(database.connectionString, { processorId });\n` +
    `  expect(letters.map((l) => [l.messageId, l.attempts])).toEqual([[poisonEvent!.messageId, processor.retry.maxAttempts]]);\n` +
    `});\n`;
  return { path, contents, ownership: 'generated', sources: [facts.context.file] };
}
