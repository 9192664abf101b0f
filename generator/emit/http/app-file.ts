// src/http/app.ts of a generated service: the Fastify 5 application. One POST route per command,
// a GET of each aggregate's state (ETag = stream version), reads of every projection, and
// /openapi.json. The user's hooks and routes (src/extensions/) are registered around them.
// The model-independent half (problem details, idempotency, paging) is templates/runtime/src/http.

import type { PlannedFile } from '../../plan-types.js';
import { pascalCase } from '../../names.js';
import { generatedHeader, importLine, importPath, propertyKey, str } from '../code.js';
import { hasPublishedEvents, type ContextFacts } from '../../ir/context.js';
import { layout, evolutionLayout } from '../../ir/paths.js';
import { httpLayout } from '../../ir/paths.js';
import { aggregateRoutes, commandRoutes, projectionRoutes, type AggregateRoute, type CommandRoute, type ProjectionRoute } from '../../ir/routes.js';
import { evolutionNames } from '../../ir/evolution.js';
import { commandNames } from '../../ir/names.js';

const path = httpLayout.app;

// The command type is imported under the route's alias: two contexts may both have a command
// `PlaceOrder` (names are unique per context only), and app.ts imports from every context.
const commandTypeAlias = (r: CommandRoute): string => `${pascalCase(r.alias)}Command`;

function commandRoute(r: CommandRoute): string {
  const type = commandTypeAlias(r);
  const call = r.hasIdentity ? `${r.alias}(service.eventStore, command, options)` : `${r.alias}(service.eventStore, id, command, options)`;
  return (
    `  app.post(${str(r.fastifyPath)}, async (request, reply) => {\n` +
    `    const id = (request.params as Record<string, string>)[${str(r.identity)}]!;\n` +
    `    const data = commandData(request.body, ${r.hasIdentity ? str(r.identity) : 'undefined'}, id);\n` +
    `    if ('errors' in data) return send(reply, invalidBody(data.errors, pathOf(request)));\n` +
    `    const errors = validateCommandData(${str(r.key)}, data.value);\n` +
    `    if (errors.length > 0) return send(reply, invalidBody(errors, pathOf(request)));\n` +
    `    const command = { type: ${str(r.command.name)}, data: data.value } as ${type};\n` +
    `    return runCommand(request, reply, ${str(r.command.name)}, (options) => ${call});\n` +
    `  });\n`
  );
}

function aggregateRoute(r: AggregateRoute): string {
  const names = r.agg.names;
  const versioned = r.facts.context.events.length > 0;
  return (
    `  app.get(${str(r.fastifyPath)}, async (request, reply) => {\n` +
    `    const id = (request.params as Record<string, string>)[${str(r.identity)}]!;\n` +
    `    const { state, currentStreamVersion, streamExists } = await service.eventStore.aggregateStream(${r.alias}StreamName(id), {\n` +
    `      evolve: ${r.alias}Decider.evolve,\n` +
    `      initialState: ${r.alias}Decider.initialState,\n` +
    // Stored events of older versions are upcast to their current version, as the handler reads them.
    (versioned ? `      read: { schema: { versioning: { upcast: (event: Event) => ${r.alias}Versioning.upcast(event) as Parameters<typeof ${r.alias}Decider.evolve>[1] } } },\n` : '') +
    `    });\n` +
    `    if (!streamExists) return send(reply, notFound(${str(names.type)}, id, pathOf(request)));\n` +
    // A stream with events means the aggregate exists (its lifecycle); the body is its state.
    `    return sendRead(request, reply, currentStreamVersion, { ${propertyKey(r.identity)}: id, version: Number(currentStreamVersion), state: state.status === 'existing' ? state.state : {} });\n` +
    `  });\n`
  );
}

function projectionRoute(r: ProjectionRoute): string {
  return (
    `  // ${r.projection.name}: one document by ${r.key}, or a page of documents.\n` +
    `  const ${r.liveAlias}Cached = cachedFor(5_000, () => ${r.liveAlias}(settings.databaseUrl));\n` +
    `  app.get(${str(r.fastifyItemPath)}, async (request, reply) => {\n` +
    `    const id = (request.params as Record<string, string>)[${str(r.key)}]!;\n` +
    `    const found = await readDocument(pool, await ${r.liveAlias}Cached(), id);\n` +
    `    if (found === null) return send(reply, notFound(${str(r.projection.name)}, id, pathOf(request)));\n` +
    `    return sendRead(request, reply, found.version, found.document);\n` +
    `  });\n` +
    `  app.get(${str(r.listPath)}, async (request, reply) => {\n` +
    `    const query = request.query as Record<string, string | undefined>;\n` +
    `    const page = pageRequest(query, [${str(r.key)}], pathOf(request));\n` +
    `    if ('problem' in page) return send(reply, page.problem);\n` +
    `    return send(reply, { status: 200, body: await listDocuments(pool, await ${r.liveAlias}Cached(), page) });\n` +
    `  });\n`
  );
}

export function httpAppFile(all: readonly ContextFacts[], sources: string[]): PlannedFile {
  const commands = commandRoutes(all);
  const aggregates = aggregateRoutes(all);
  const projections = projectionRoutes(all);
  const imports: string[] = [];
  for (const r of commands) {
    imports.push(importLine([`${commandNames(r.command).entry} as ${r.alias}`], importPath(path, r.handlerModule)));
    imports.push(importLine([`${commandNames(r.command).type} as ${commandTypeAlias(r)}`], importPath(path, r.commandsModule), true));
  }
  for (const r of aggregates) {
    const names = r.agg.names;
    imports.push(importLine([`${names.decider} as ${r.alias}Decider`, `${names.streamName} as ${r.alias}StreamName`], importPath(path, r.deciderModule)));
    if (r.facts.context.events.length > 0) {
      imports.push(importLine([`${evolutionNames(r.facts.context.name).versioning} as ${r.alias}Versioning`], importPath(path, evolutionLayout.upcasters(r.facts.context.name))));
    }
  }
  for (const r of projections) imports.push(importLine([`${r.liveName} as ${r.liveAlias}`], importPath(path, r.module)));
  const contents =
    generatedHeader(sources) +
    `// The HTTP API (Fastify 5). Routes (README.md "HTTP API", docs/openapi.json):\n` +
    `//   POST /<context>/<aggregate>/{id}/<command>   run a command; If-Match: "<version>" for optimistic concurrency\n` +
    `//   GET  /<context>/<aggregate>/{id}             the aggregate's state; ETag: "<stream version>"\n` +
    `//   GET  /<context>/projections/<name>[/{key}]   read models: one document, or a page (cursor, limit, key filter)\n` +
    `//   GET  /openapi.json                           this API's OpenAPI 3.1 document (only the routes it serves)\n` +
    `// Outcomes: 200/201 { streamVersion, events }; 400 schema (every field); 409 the model's rejection;\n` +
    `// 412 If-Match conflict; 422 unprocessable; 501 logic still a stub; errors as RFC 9457 application/problem+json.\n` +
    `// Your hooks (src/extensions/hooks.ts) run before every route; your routes (src/extensions/routes.ts) sit beside these.\n` +
    `import { STATUS_CODES } from 'node:http';\n` +
    `import Fastify from 'fastify';\n` +
    `import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';\n` +
    `import pg from 'pg';\n` +
    `import { NoRetries } from '@event-driven-io/emmett';\n` +
    `import type { Event, HandleOptions } from '@event-driven-io/emmett';\n` +
    importLine(['createService'], importPath(path, layout.compositionRoot), true) +
    (hasPublishedEvents(all) ? importLine(['contextIds'], importPath(path, httpLayout.settings)) : '') +
    importLine(['Settings'], importPath(path, httpLayout.settings), true) +
    importLine(['AppConfig'], importPath(path, httpLayout.extensionConfig), true) +
    importLine(['registerHooks'], importPath(path, httpLayout.extensionHooks)) +
    importLine(['registerRoutes'], importPath(path, httpLayout.extensionRoutes)) +
    importLine(['validateCommandData'], importPath(path, httpLayout.validation)) +
    importLine(['openApiDocument'], importPath(path, httpLayout.openApiModule)) +
    (hasPublishedEvents(all) ? importLine(['openApiForContexts'], './servedApi.js') : '') +
    importLine(
      ['cachedFor', 'commandData', 'commandErrorOutcome', 'createIdempotencyStore', 'etagOf', 'expectedVersionFrom', 'idempotencyTableSQL', 'invalidBody', 'listDocuments', 'notFound', 'pageRequest', 'pathOf', 'problem', 'readDocument', 'send', 'sendRead'],
      './support.js',
    ) +
    importLine(['Outcome'], './support.js', true) +
    imports.join('') +
    `\n` +
    `export type Service = ReturnType<typeof createService>;\n\n` +
    `/** What your extension points (src/extensions/) are given. */\n` +
    `export type ExtensionContext = { service: Service; settings: Settings; config: AppConfig };\n\n` +
    `type CommandResult = { nextExpectedStreamVersion: bigint; newEvents: readonly { type: string; data: unknown }[] };\n\n` +
    `/** The Fastify app, not yet listening (tests use app.listen({ port: 0 }) or app.inject()). */\n` +
    `export const createHttpApp = async (context: ExtensionContext): Promise<FastifyInstance> => {\n` +
    `  const { service, settings } = context;\n` +
    `  const logger = service.operations.logger;\n` +
    `  // Request logs are left to your hooks: the API's own logs are errors only.\n` +
    `  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });\n` +
    `  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: settings.poolSize });\n` +
    `  pool.on('error', (error) => logger.error({ err: error }, 'http pool error'));\n` +
    `  app.addHook('onClose', async () => pool.end());\n` +
    `  await pool.query(idempotencyTableSQL);\n` +
    `  const idempotency = createIdempotencyStore(pool, settings.idempotencyTtlSeconds);\n` +
    `  // Expired Idempotency-Keys are deleted at start and every hour (a reused expired key is deleted at once).\n` +
    `  const purge = () => void idempotency.purge().catch((error: unknown) => logger.warn({ err: error }, 'idempotency key purge failed'));\n` +
    `  purge();\n` +
    `  const purgeTimer = setInterval(purge, 3_600_000);\n` +
    `  purgeTimer.unref();\n` +
    `  app.addHook('onClose', async () => clearInterval(purgeTimer));\n\n` +
    `  app.setNotFoundHandler((request, reply) => send(reply, { status: 404, body: problem(404, 'not-found', 'No such route', { instance: pathOf(request) }) }));\n` +
    `  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {\n` +
    `    // Fastify's own 4xx (malformed JSON, unsupported media type, body too large) keep their status.\n` +
    `    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;\n` +
    `    if (status === 500) logger.error({ err: error, url: request.url }, 'request failed');\n` +
    `    const detail = status === 500 ? undefined : error.message;\n` +
    `    return send(reply, { status, body: problem(status, status === 500 ? 'internal' : (error.code ?? 'bad-request').toLowerCase(), status === 500 ? 'Internal error' : (STATUS_CODES[status] ?? 'Bad request'), { detail, instance: pathOf(request) }) });\n` +
    `  });\n\n` +
    `  /** Runs a command under If-Match and Idempotency-Key, and maps its outcome (README.md "HTTP API"). */\n` +
    `  const runCommand = async (\n` +
    `    request: FastifyRequest,\n` +
    `    reply: FastifyReply,\n` +
    `    name: string,\n` +
    `    handle: (options: HandleOptions<Service['eventStore']> | undefined) => Promise<CommandResult>,\n` +
    `  ) => {\n` +
    `    const instance = pathOf(request);\n` +
    `    const expected = expectedVersionFrom(request.headers['if-match']);\n` +
    `    if (!expected.ok) return send(reply, { status: 400, body: problem(400, 'invalid-if-match', 'If-Match must be a stream version ETag such as "3"', { instance }) });\n` +
    `    const work = async (): Promise<Outcome> => {\n` +
    `      try {\n` +
    `        // With If-Match a conflict is final: retrying with the same expected version cannot succeed.
        const options = expected.version === undefined ? undefined : ({ expectedStreamVersion: expected.version, retry: NoRetries } as HandleOptions<Service['eventStore']>);\n` +
    `        const result = await service.operations.recordCommand(name, () => handle(options));\n` +
    `        const body = { streamVersion: Number(result.nextExpectedStreamVersion), events: result.newEvents.map(({ type, data }) => ({ type, data })) };\n` +
    `        // Created: the stream holds exactly the events just appended. (Emmett 0.42's createdNewStream
        // is also true for an append to an existing stream under an explicit expected version.)
        const created = result.newEvents.length > 0 && result.nextExpectedStreamVersion === BigInt(result.newEvents.length);
        return { status: created ? 201 : 200, body, headers: { etag: etagOf(result.nextExpectedStreamVersion) } };\n` +
    `      } catch (error) {\n` +
    `        const outcome = commandErrorOutcome(error, instance, expected.version !== undefined);\n` +
    `        if (outcome === undefined) throw error;\n` +
    `        return outcome;\n` +
    `      }\n` +
    `    };\n` +
    `    const key = request.headers['idempotency-key'];\n` +
    `    if (key === undefined) return send(reply, await work());\n` +
    `    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {\n` +
    `      return send(reply, { status: 400, body: problem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 characters', { instance }) });\n` +
    `    }\n` +
    `    return send(reply, await idempotency.run(\`POST \${instance}\`, key, { body: request.body, ifMatch: request.headers['if-match'] ?? null }, work));\n` +
    `  };\n\n` +
    `  await registerHooks(app, context);\n` +
    (hasPublishedEvents(all)
      ? `  // CONTEXTS: a deployment running some contexts answers only their routes (docs/operations.md).\n` +
        `  if (settings.contexts !== 'all') {\n` +
        `    const served = new Set(settings.contexts);\n` +
        `    app.addHook('onRequest', async (request, reply) => {\n` +
        `      const routeContext = pathOf(request).split('/')[1] ?? '';\n` +
        `      if ((contextIds as readonly string[]).includes(routeContext) && !served.has(routeContext)) {\n` +
        `        return send(reply, { status: 404, body: problem(404, 'context-not-served', \`This service does not run the \${routeContext} context\`, { detail: \`CONTEXTS=\${[...served].join(',')}\`, instance: pathOf(request) }) });\n` +
        `      }\n` +
        `    });\n` +
        `  }\n`
      : '') +
    (hasPublishedEvents(all)
      ? `  // A deployment running some contexts describes only their routes (src/http/servedApi.ts).\n` +
        `  const servedDocument = settings.contexts === 'all' ? openApiDocument : openApiForContexts(openApiDocument, contextIds, settings.contexts);\n` +
        `  app.get('/openapi.json', async () => servedDocument);\n\n`
      : `  app.get('/openapi.json', async () => openApiDocument);\n\n`) +
    commands.map(commandRoute).join('') +
    `\n` +
    aggregates.map(aggregateRoute).join('') +
    (projections.length > 0 ? '\n' + projections.map(projectionRoute).join('') : '') +
    `\n  await registerRoutes(app, context);\n` +
    `  return app;\n` +
    `};\n`;
  return { path, contents, ownership: 'generated', sources };
}
