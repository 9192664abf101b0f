// The operations acceptance tests of a generated service (test/ops/), run against a real
// PostgreSQL through the service's own composition root and ops registry:
// - per async projection: a poison event is dead-lettered after the model's attempts while
//   processing continues, `ops dlq retry` drains it once the cause is gone; `ops rebuild` gives
//   the same read model as live processing; the lag metric (/metrics) is the real distance;
// - per long-lived aggregate: loading from a snapshot equals folding the whole stream
//   (fast-check, fixed seed, random streams).
// Cases reaching a stub in the user's logic are declared todo (modelCaseProbed), like every
// generated test.

import type { Event, Field, Model, TypeRef } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { kebabCase, pascalCase, policyNames, projectionNames } from '../../names.js';
import { generatedHeader, importLine, importPath, propertyKey, str, tsLiteral } from '../code.js';
import type { ContextFacts } from '../../ir/context.js';
import { layout } from '../../ir/paths.js';
import { sampleObject } from '../../ir/samples.js';
import { recordArbitrary } from '../arbitraries.js';
import type { LongLivedFacts, OpsFacts, ProcessorFacts } from '../../ir/ops.js';
import { opsLayout } from '../../ir/paths.js';
import { policyFacts } from '../../ir/policy.js';
import { commandNames, eventNames } from '../../ir/names.js';

/** Fixed seed of the snapshot property: the same random streams on every run. */
export const SNAPSHOT_PROPERTY_SEED = 20261126;

const contextOf = (ops: OpsFacts, name: string): ContextFacts => ops.contexts.find((c) => c.context.name === name)!;

type KeyValue = { expression: string; helpers: string[]; space?: number };

/**
 * How a case's key index (0, 1, 2, ...) becomes a value of the key field's type, distinct per index
 * up to `space` values (a boolean has two, an enum its values; the others are unbounded), or
 * undefined for a type the cases cannot vary (a string with a pattern: the cases then use the one
 * sample key, a read model of one document). `helpers` are the ops support's functions it calls.
 */
export function keyValue(model: Model, context: string, type: TypeRef, depth = 0): KeyValue | undefined {
  switch (type.kind) {
    case 'enum':
      return { expression: `(${tsLiteral(type.values)} as const)[key % ${type.values.length}]!`, helpers: [], space: type.values.length };
    case 'array': {
      const inner = depth > 4 ? undefined : keyValue(model, context, type.of, depth + 1);
      return inner && { ...inner, expression: `[${inner.expression}]` };
    }
    case 'ref': {
      // A value object varies through one of its required fields, the one with the most values.
      const valueObject =
        model.contexts.find((c) => c.name === context)?.valueObjects.find((v) => v.name === type.name) ??
        model.contexts.flatMap((c) => c.valueObjects).find((v) => v.name === type.name);
      if (valueObject === undefined || depth > 4) return undefined;
      const varied = valueObject.fields
        .filter((f) => !f.optional)
        .map((f) => ({ f, value: keyValue(model, context, f.type, depth + 1) }))
        .filter((x): x is { f: Field; value: KeyValue } => x.value !== undefined)
        .sort((a, b) => (b.value.space ?? Infinity) - (a.value.space ?? Infinity))[0];
      if (varied === undefined) return undefined;
      const sample = tsLiteral(sampleObject(model, context, valueObject.fields, depth + 1));
      return { ...varied.value, expression: `{ ...${sample}, ${propertyKey(varied.f.name)}: ${varied.value.expression} }` };
    }
    case 'schema': {
      // Only a plain string or number schema: any other keyword would be a constraint the key breaks.
      const schema = type.schema;
      if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
      const keywords = Object.keys(schema).filter((k) => k !== 'type' && k !== 'description' && k !== 'title');
      if (keywords.length > 0) return undefined;
      if (schema.type === 'string') return { expression: 'keyString(key)', helpers: ['keyString'] };
      if (schema.type === 'integer' || schema.type === 'number') return { expression: 'key', helpers: [] };
      return undefined;
    }
    case 'primitive':
      switch (type.name) {
        case 'int':
        case 'number':
        case 'json':
          return { expression: 'key', helpers: [] };
        case 'boolean':
          return { expression: 'key % 2 === 1', helpers: [], space: 2 };
        case 'money':
          return { expression: "{ amount: key, currency: 'EUR' }", helpers: [] };
        case 'string':
        case 'uuid':
        case 'date':
        case 'datetime':
        case 'email':
        case 'url': {
          const helper = `key${pascalCase(type.name)}`;
          return { expression: `${helper}(key)`, helpers: [helper] };
        }
      }
  }
  return undefined;
}

function projectionTestFile(ops: OpsFacts, p: ProcessorFacts, sources: string[]): PlannedFile {
  const facts = contextOf(ops, p.context);
  const projection = facts.projections.find((x) => x.name === p.name)!;
  const path = opsLayout.processorTest(p.context, p.name);
  const names = projectionNames(p.context, p.name);
  const collection = names.postgres.replace(/Projection$/, 'Collection');
  const documentId = names.postgres.replace(/Projection$/, 'DocumentId');
  const union = names.eventUnion;
  const key = projection.key;
  /** How the event's key varies: undefined without a (required) key field, space 1 for a key the cases cannot vary. */
  const keyOf = (e: Event): { expression?: string; helpers: string[]; space?: number } | undefined => {
    const field = e.fields.find((f) => f.name === key && !f.optional);
    return field === undefined ? undefined : (keyValue(facts.model, e.context, field.type) ?? { helpers: [], space: 1 });
  };
  const spaces = p.events.map((e) => keyOf(e)?.space).filter((n): n is number => n !== undefined);
  const keySpace = spaces.length === 0 ? undefined : Math.min(...spaces);
  const typeImports = new Map<string, string[]>();
  for (const e of p.events) {
    const m = importPath(path, eventNames(e).module);
    typeImports.set(m, [...(typeImports.get(m) ?? []), eventNames(e).type]);
  }
  const samples = p.events.map((e) => {
    const data = tsLiteral(sampleObject(facts.model, e.context, e.fields), '    ');
    const value = keyOf(e);
    const body = value?.expression !== undefined ? `{ ...${data}, ${propertyKey(key)}: ${value.expression} }` : data;
    return `  { stream: ${str(eventNames(e).streamType)}, event: { type: ${str(e.name)}, data: ${body} } satisfies ${eventNames(e).type} },
`;
  });
  const contents =
    generatedHeader(sources) +
    `// Operations of the async projection ${p.name} (processor ${p.processorId}) on a real PostgreSQL:\n` +
    `// dead letters and \`ops dlq retry\`, \`ops rebuild\` against live processing, the lag metric.\n` +
    importLine([collection, documentId, names.evolve], importPath(path, p.module)) +
    importLine([union], importPath(path, p.module), true) +
    [...typeImports.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => importLine(n, m, true)).join('') +
    importLine(['useTestDatabase'], importPath(path, layout.testDatabase)) +
    importLine([...new Set(p.events.flatMap((e) => keyOf(e)?.helpers ?? [])), 'projectionOpsCases'].sort(), importPath(path, opsLayout.support)) +
    `\n` +
    `const database = useTestDatabase(${str(`ops_${names.collection}`.slice(0, 40))});\n\n` +
    `type Sample = { stream: string; event: ${union} };\n\n` +
    `/** One sample of each source event, its projection key made from the case's key index where the event carries it. */\n` +
    `const samples = (key: number): Sample[] => [\n${samples.join('')}];\n\n` +
    `projectionOpsCases({\n` +
    `  name: ${str(p.key)},\n` +
    `  processorId: ${str(p.processorId)},\n` +
    `  label: ${str(p.name.replace(/'/g, ''))},\n` +
    `  database,\n` +
    `  samples,\n` +
    `  documentId: ${documentId},\n` +
    `  evolve: ${names.evolve},\n` +
    `  collection: ${collection},\n` +
    (keySpace === undefined ? '' : `  keySpace: ${keySpace},\n`) +
    `});\n`;
  return { path, contents, ownership: 'generated', sources };
}

function policyTestFile(ops: OpsFacts, p: ProcessorFacts, sources: string[]): PlannedFile | undefined {
  const facts = contextOf(ops, p.context);
  const policy = facts.policies.find((x) => x.name === p.name)!;
  const pf = policyFacts(facts, policy);
  const event = pf.events[0];
  // A policy that reads read models is left to its own tests (its preview needs a store to read).
  if (event === undefined || pf.commands.length === 0 || pf.reads.length > 0) return undefined;
  const path = opsLayout.processorTest(p.context, p.name);
  const names = policyNames(p.context, p.name);
  const preview = names.reactor.replace(/Reactor$/, 'Preview');
  const union = names.eventUnion;
  const streamImports = new Map<string, string[]>();
  for (const c of pf.commands) {
    const m = importPath(path, commandNames(c).deciderModule);
    streamImports.set(m, [...new Set([...(streamImports.get(m) ?? []), commandNames(c).aggregate.streamName])]);
  }
  const streamCases = pf.commands.map((c) => {
    const identity = facts.model.contexts.find((x) => x.name === c.context)?.aggregates.find((a) => a.name === c.aggregate.name)?.identity ?? 'id';
    const id = c.fields.some((f) => f.name === identity) ? `command.data.${identity}` : str('unknown');
    return `    case ${str(c.name)}:\n      return ${commandNames(c).aggregate.streamName}(${id});\n`;
  });
  const sample = sampleObject(facts.model, event.context, event.fields);
  const fresh = event.fields.filter((f) => !f.optional && f.type.kind === 'primitive' && f.type.name === 'uuid').map((f) => `${propertyKey(f.name)}: randomUUID()`);
  const data = fresh.length === 0 ? tsLiteral(sample, '  ') : `{ ...${tsLiteral(sample, '  ')}, ${fresh.join(', ')} }`;
  const contents =
    generatedHeader(sources) +
    `// Operations of the policy ${p.name} (processor ${p.processorId}) on a real PostgreSQL: a\n` +
    `// trigger whose commands cannot be stored is dead-lettered after the model's attempts while the\n` +
    `// next one is handled, and \`ops dlq retry\` sends its commands once the cause is gone.\n` +
    importLine(['randomUUID'], 'node:crypto') +
    importLine(['expect'], 'vitest') +
    importLine(['createService'], importPath(path, layout.compositionRoot)) +
    importLine(['asyncProcessors'], importPath(path, opsLayout.operations)) +
    importLine(['createOpsRegistry'], importPath(path, opsLayout.registry)) +
    importLine(['isBusinessRejection', 'listDeadLetters', 'runOps'], importPath(path, layout.runtimeIndex)) +
    importLine([names.decide, preview], importPath(path, p.module)) +
    importLine([union], importPath(path, p.module), true) +
    [...streamImports.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => importLine(n, m)).join('') +
    importLine(['useTestDatabase'], importPath(path, layout.testDatabase)) +
    importLine(['modelCaseProbed'], importPath(path, layout.modelCase)) +
    importLine(['appendAll', 'captureLogs', 'cure', 'poisonStreams', 'processorCaughtUp', 'settled', 'withOpsIO'], importPath(path, opsLayout.support)) +
    `\n` +
    `const database = useTestDatabase(${str(`ops_${kebabCase(p.name).replace(/-/g, '_')}`.slice(0, 40))});\n` +
    `const processor = asyncProcessors.find((x) => x.processorId === ${str(p.processorId)})!;\n` +
    `const NAME = ${str(p.key)};\n\n` +
    `/**\n * A triggering event with fresh ids, so that its commands go to streams of their own; its message\n` +
    ` * id is chosen here, so the new identities the policy derives from it are known (docs/adr/0096).\n */\n` +
    `const trigger = (): ${union} => ({ type: ${str(event.name)}, data: ${data}, metadata: { messageId: randomUUID() } }) as ${union};\n\n` +
    `const streamOf = (command: ReturnType<typeof ${names.decide}> extends infer R ? (R extends (infer C)[] ? C : R) : never): string => {\n` +
    `  switch (command.type) {\n${streamCases.join('')}  }\n};\n\n` +
    `/** The streams the policy's commands write to for this event. */\n` +
    `const streamsOf = (event: ${union}): string[] => {\n` +
    `  const issued = ${names.decide}(event);\n` +
    `  return [...new Set((Array.isArray(issued) ? issued : [issued]).map(streamOf))];\n` +
    `};\n\n` +
    `/**\n` +
    ` * The rejection the issued commands meet on aggregates the trigger's fresh ids name, or undefined\n` +
    ` * when they are accepted. Rejecting there is right (a command that needs its aggregate to exist,\n` +
    ` * or logic that needs prior state): then the trigger is handled without appends or dead letters.\n` +
    ` */\n` +
    `const rejectionOf = (event: ${union}): string | undefined => {\n` +
    `  try {\n` +
    `    ${preview}(event);\n` +
    `    return undefined;\n` +
    `  } catch (error) {\n` +
    `    if (isBusinessRejection(error)) return (error as { rejection?: string }).rejection ?? String(error);\n` +
    `    throw error;\n` +
    `  }\n` +
    `};\n\n` +
    `// Which case applies is decided once, while the file is collected (a stub makes it undecided:\n` +
    `// the dead-letter case is declared, and its probe reports the stub as todo).\n` +
    `const rejected = (() => {\n` +
    `  try {\n` +
    `    return rejectionOf(trigger()) !== undefined;\n` +
    `  } catch {\n` +
    `    return false;\n` +
    `  }\n` +
    `})();\n\n` +
    `if (rejected) {\n` +
    `modelCaseProbed(\n` +
    `  \`\${NAME}: a trigger whose commands are rejected is handled: nothing appended, nothing dead-lettered\`,\n` +
    `  () => rejectionOf(trigger()),\n` +
    `  async () => {\n` +
    `    const url = database.connectionString;\n` +
    `    const event = trigger();\n` +
    `    expect(rejectionOf(event)).toBeDefined();\n` +
    `    const service = createService({ connectionString: url, logger: captureLogs().logger });\n` +
    `    try {\n` +
    `      await service.eventStore.schema.migrate();\n` +
    `      await service.operations.prepare();\n` +
    `      service.start([processor.processorId]);\n` +
    `      await appendAll(url, [{ stream: ${str(eventNames(event).streamType)}, event }]);\n` +
    `      await settled(processorCaughtUp(url, processor.processorId));\n` +
    `      for (const stream of streamsOf(event)) expect((await service.eventStore.readStream(stream)).events).toEqual([]);\n` +
    `    } finally {\n` +
    `      await service.stop();\n` +
    `    }\n` +
    `    expect(await listDeadLetters(url, { processorId: processor.processorId })).toEqual([]);\n` +
    `  },\n` +
    `);\n` +
    `} else {\n` +
    `modelCaseProbed(\n` +
    `  \`\${NAME}: a trigger whose commands fail is dead-lettered after \${processor.retry.maxAttempts} attempts, the next one is handled, and ops dlq retry sends them once fixed\`,\n` +
    `  () => ${preview}(trigger()),\n` +
    `  async () => {\n` +
    `    const url = database.connectionString;\n` +
    `    const [poisoned, healthy] = [trigger(), trigger()];\n` +
    `    const expected = (event: ${union}) => ${preview}(event).flat().map((e) => e.type);\n` +
    `    const stored = async (event: ${union}) => {\n` +
    `      const store = createService({ connectionString: url, logger: captureLogs().logger });\n` +
    `      try {\n` +
    `        const types: string[] = [];\n` +
    `        for (const stream of streamsOf(event)) types.push(...(await store.eventStore.readStream(stream)).events.map((e) => e.type));\n` +
    `        return types;\n` +
    `      } finally {\n` +
    `        await store.stop();\n` +
    `      }\n` +
    `    };\n` +
    `    const service = createService({ connectionString: url, logger: captureLogs().logger });\n` +
    `    let poisonEvent: { messageId: string } | undefined;\n` +
    `    try {\n` +
    `      await service.eventStore.schema.migrate();\n` +
    `      await service.operations.prepare();\n` +
    `      // The database refuses every append to the poisoned trigger's streams.\n` +
    `      await poisonStreams(url, streamsOf(poisoned));\n` +
    `      service.start([processor.processorId]);\n` +
    `      [poisonEvent] = await appendAll(url, [{ stream: ${str(eventNames(event).streamType)}, event: poisoned }]);\n` +
    `      await appendAll(url, [{ stream: ${str(eventNames(event).streamType)}, event: healthy }]);\n` +
    `      await settled(processorCaughtUp(url, processor.processorId));\n` +
    `    } finally {\n` +
    `      await service.stop();\n` +
    `      await cure(url);\n` +
    `    }\n` +
    `    expect(await stored(healthy), 'the trigger after the poisoned one is handled').toEqual(expected(healthy));\n` +
    `    expect(await stored(poisoned)).toEqual([]);\n` +
    `    const letters = await listDeadLetters(url, { processorId: processor.processorId });\n` +
    `    expect(letters.map((l) => [l.messageId, l.attempts])).toEqual([[poisonEvent!.messageId, processor.retry.maxAttempts]]);\n\n` +
    `    const retried = await withOpsIO((io, eventStore) => runOps(['dlq', 'retry', '--processor', NAME], createOpsRegistry(url, eventStore), io), url);\n` +
    `    expect(retried.code, retried.err).toBe(0);\n` +
    `    expect(await listDeadLetters(url, { processorId: processor.processorId })).toEqual([]);\n` +
    `    expect(await stored(poisoned)).toEqual(expected(poisoned));\n` +
    `  },\n` +
    `);\n` +
    `}\n`;
  return { path, contents, ownership: 'generated', sources };
}

function snapshotTestFile(ops: OpsFacts, a: LongLivedFacts, sources: string[]): PlannedFile {
  const facts = contextOf(ops, a.context);
  const path = opsLayout.snapshotTest(a.context, a.aggregate.name);
  const arbitraries = a.events.map(
    (e) => `  ${propertyKey(e.name)}: fc.record({ type: fc.constant(${str(e.name)}), data: ${recordArbitrary(facts.model, e.context, e.fields)} }),\n`,
  );
  const samples = a.events.map((e) => `  { type: ${str(e.name)}, data: ${tsLiteral(sampleObject(facts.model, e.context, e.fields), '  ')} },\n`);
  const contents =
    generatedHeader(sources) +
    `// ${a.aggregate.name} is long-lived (a snapshot every ${a.every} events): loading it through the service's\n` +
    `// store (from the newest snapshot) must equal folding its whole stream, for random streams.\n` +
    importLine(['randomUUID'], 'node:crypto') +
    importLine(['getPostgreSQLEventStore'], '@event-driven-io/emmett-postgresql') +
    `import fc from 'fast-check';\n` +
    importLine(['expect'], 'vitest') +
    importLine(['createService'], importPath(path, layout.compositionRoot)) +
    importLine(['snapshotPolicies'], importPath(path, opsLayout.operations)) +
    importLine(['isNotImplemented'], importPath(path, layout.runtimeIndex)) +
    importLine([a.names.decider, a.names.streamName], importPath(path, layout.aggregate(a.context, a.aggregate.name, 'decider'))) +
    importLine([a.names.eventUnion], importPath(path, layout.aggregate(a.context, a.aggregate.name, 'events')), true) +
    importLine(['useTestDatabase'], importPath(path, layout.testDatabase)) +
    importLine(['modelCaseProbed'], importPath(path, layout.modelCase)) +
    importLine(['captureLogs', 'readSnapshotVersion'], importPath(path, opsLayout.support)) +
    `\n` +
    `const database = useTestDatabase(${str(`ops_snap_${a.streamType}`.slice(0, 40))});\n` +
    `const policy = snapshotPolicies[${str(a.streamType)}];\n` +
    `const { evolve, initialState } = ${a.names.decider};\n\n` +
    `/** Random data for each event of ${a.aggregate.name} (JSON-native, as PostgreSQL hands it back). */\n` +
    `const arbitraries: Record<${a.names.eventUnion}['type'], fc.Arbitrary<unknown>> = {\n${arbitraries.join('')}};\n\n` +
    `const samples = [\n${samples.join('')}] as unknown as ${a.names.eventUnion}[];\n\n` +
    `/** The event types whose evolve is written (a stub would make every stream fail the same way). */\n` +
    `const handled = (): ${a.names.eventUnion}['type'][] =>\n` +
    `  samples\n` +
    `    .filter((event) => {\n` +
    `      try {\n` +
    `        evolve(initialState(), event);\n` +
    `        return true;\n` +
    `      } catch (error) {\n` +
    `        if (isNotImplemented(error)) return false;\n` +
    `        throw error;\n` +
    `      }\n` +
    `    })\n` +
    `    .map((event) => event.type);\n\n` +
    `modelCaseProbed(\n` +
    `  \`${a.aggregate.name.replace(/[`$\\]/g, '')} loaded from its newest snapshot equals the fold of its whole stream (every \${policy.every} events, random streams)\`,\n` +
    `  () => (handled().length > 0 ? undefined : evolve(initialState(), samples[0]!)),\n` +
    `  async () => {\n` +
    `    const url = database.connectionString;\n` +
    `    const service = createService({ connectionString: url, logger: captureLogs().logger });\n` +
    `    // Appends and the reference fold go through a bare Emmett store: no snapshots, no projections.\n` +
    `    const bare = getPostgreSQLEventStore(url);\n` +
    `    const event = fc.oneof(...handled().map((type) => arbitraries[type])) as fc.Arbitrary<${a.names.eventUnion}>;\n` +
    `    // Chunks of appends; the service loads after each one, so snapshots are taken at many versions.\n` +
    `    const stream = fc.array(fc.array(event, { minLength: 1, maxLength: Math.max(2, Math.ceil(policy.every * 0.8)) }), { minLength: 1, maxLength: 5 });\n` +
    `    try {\n` +
    `      await fc.assert(\n` +
    `        fc.asyncProperty(stream, async (chunks) => {\n` +
    `          const name = ${a.names.streamName}(randomUUID());\n` +
    `          let total = 0;\n` +
    `          for (const chunk of chunks) {\n` +
    `            await bare.appendToStream(name, chunk);\n` +
    `            total += chunk.length;\n` +
    `            const loaded = await service.eventStore.aggregateStream(name, { evolve, initialState });\n` +
    `            const folded = await bare.aggregateStream(name, { evolve, initialState });\n` +
    `            expect(loaded.state).toEqual(folded.state);\n` +
    `            expect(loaded.currentStreamVersion).toBe(BigInt(total));\n` +
    `          }\n` +
    `          // A cold process (nothing in memory) loads from the stored snapshot: the same result.\n` +
    `          const cold = createService({ connectionString: url, logger: captureLogs().logger });\n` +
    `          try {\n` +
    `            const loaded = await cold.eventStore.aggregateStream(name, { evolve, initialState });\n` +
    `            const folded = await bare.aggregateStream(name, { evolve, initialState });\n` +
    `            expect(loaded.state).toEqual(folded.state);\n` +
    `            expect(loaded.currentStreamVersion).toBe(BigInt(total));\n` +
    `          } finally {\n` +
    `            await cold.stop();\n` +
    `          }\n` +
    `          // Snapshots were really used: one exists once a load folded \`every\` events.\n` +
    `          const version = await readSnapshotVersion(url, name);\n` +
    `          if (total >= policy.every) {\n` +
    `            expect(version).toBeGreaterThanOrEqual(policy.every);\n` +
    `            expect(version).toBeLessThanOrEqual(total);\n` +
    `          } else {\n` +
    `            expect(version).toBeUndefined();\n` +
    `          }\n` +
    `        }),\n` +
    `        { seed: ${SNAPSHOT_PROPERTY_SEED}, numRuns: 15, endOnFailure: true },\n` +
    `      );\n` +
    `    } finally {\n` +
    `      await bare.close();\n` +
    `      await service.stop();\n` +
    `    }\n` +
    `  },\n` +
    `);\n`;
  return { path, contents, ownership: 'generated', sources };
}

export function opsTestFiles(ops: OpsFacts, sources: string[]): PlannedFile[] {
  const files: PlannedFile[] = [];
  for (const p of ops.processors) {
    // Outbound integrations have their own PostgreSQL test (generator/emit/integrations.ts).
    const file = p.kind === 'projection' ? projectionTestFile(ops, p, sources) : p.kind === 'policy' ? policyTestFile(ops, p, sources) : undefined;
    if (file) files.push(file);
  }
  // An aggregate without events has no stream to fold: no snapshot test (its event union is `never`).
  for (const a of ops.longLived) if (a.events.length > 0) files.push(snapshotTestFile(ops, a, sources));
  return files;
}
