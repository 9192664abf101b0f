// The OpenAPI 3.1 document of a generated service, computed from the model (no run-time
// reflection): written to docs/openapi.json and served at GET /openapi.json (src/http/openapi.ts).
// OpenAPI 3.1 schemas are JSON Schema 2020-12, so the generated command schemas are used as they
// are; only their `$defs` move to components (a `$ref` resolves against the document, not the schema).

import type { JsonValue } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { commandJsonSchema, eventJsonSchema, fieldsToJsonSchema, type JsonSchema } from '../../schemas/json-schema.js';
import { generatedHeader, sourceList } from '../code.js';
import type { ContextFacts } from '../../ir/context.js';
import { httpLayout } from '../../ir/paths.js';
import { aggregateRoutes, commandRoutes, projectionRoutes } from '../../ir/routes.js';
import { eventNames } from '../../ir/names.js';

type Json = { [key: string]: JsonValue };

const PROBLEM = 'application/problem+json';

/** Moves `$defs` into `components` under `<Context>.<Name>` and rewrites the `$ref`s to them. */
function hoist(schema: JsonSchema, prefix: string, components: Json): Json {
  const rewrite = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) out[k] = `#/components/schemas/${prefix}.${v.slice('#/$defs/'.length)}`;
      else if (k !== '$defs' && k !== '$schema' && k !== '$comment') out[k] = rewrite(v);
    }
    return out;
  };
  const defs = schema.$defs;
  if (defs && typeof defs === 'object' && !Array.isArray(defs)) {
    for (const [name, def] of Object.entries(defs)) components[`${prefix}.${name}`] = rewrite(def) as Json;
  }
  return rewrite(schema) as Json;
}

const problemResponse = (description: string): Json => ({
  description,
  content: { [PROBLEM]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

export function openApiDocument(all: readonly ContextFacts[], packageName: string, sources: string[]): Json {
  const schemas: Json = {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details. `type` is a URN naming the problem; `rejection` names the model rejection (409); `errors` lists every failing field (400).',
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        rejection: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] } },
      },
      required: ['type', 'title', 'status'],
    },
    CommandAccepted: {
      type: 'object',
      description: 'The stream version after the append (send it back in If-Match) and the events appended.',
      properties: {
        streamVersion: { type: 'integer' },
        events: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, data: { type: 'object' } }, required: ['type', 'data'] } },
      },
      required: ['streamVersion', 'events'],
    },
  };
  const paths: Json = {};
  const idParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  const etagHeader: Json = { ETag: { description: 'The stream version (documents: the document version), e.g. "3".', schema: { type: 'string' } } };
  for (const r of commandRoutes(all)) {
    const data = hoist(commandJsonSchema(r.facts.model, r.command), r.facts.names.type, schemas);
    schemas[r.key] = data;
    // The body may leave out the identity: the path carries it.
    const required = Array.isArray(data.required) ? data.required.filter((f) => f !== r.identity) : [];
    const body: Json = { ...data, required };
    const rejections = r.command.rejects.map((x) => x.name);
    // The events this command may append (its `emits`), each with its current data schema.
    const emitted = r.command.emits.map((ref) => r.facts.eventsByName.get(ref.name)).filter((e) => e !== undefined);
    for (const event of emitted) schemas[`${r.facts.names.type}.${eventNames(event).type}`] = hoist(eventJsonSchema(r.facts.model, event), r.facts.names.type, schemas);
    const eventItems: Json[] = emitted.map((event) => ({
      type: 'object',
      properties: { type: { const: event.name }, data: ref(`${r.facts.names.type}.${eventNames(event).type}`) },
      required: ['type', 'data'],
    }));
    const accepted: Json =
      eventItems.length === 0
        ? ref('CommandAccepted')
        : { allOf: [ref('CommandAccepted')], properties: { events: { type: 'array', items: eventItems.length === 1 ? eventItems[0]! : { oneOf: eventItems } } } };
    paths[r.path] = {
      post: {
        operationId: r.operationId,
        tags: [r.facts.names.type],
        summary: `${r.command.name} (${r.agg.aggregate.name})`,
        ...(r.command.description ? { description: r.command.description } : {}),
        parameters: [
          idParam(r.identity, `The ${r.agg.aggregate.name}'s ${r.identity}.`),
          { name: 'If-Match', in: 'header', required: false, description: 'Expected stream version as an ETag ("3"): 412 when the stream is elsewhere.', schema: { type: 'string' } },
          { name: 'Idempotency-Key', in: 'header', required: false, description: 'A retry with the same key and body returns the first outcome and appends nothing (keys kept 24 h by default, IDEMPOTENCY_TTL_SECONDS).', schema: { type: 'string', minLength: 1, maxLength: 255 } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: body } } },
        responses: {
          '200': { description: 'Accepted: events appended to an existing stream (or none).', headers: etagHeader, content: { 'application/json': { schema: accepted } } },
          '201': { description: 'Accepted: the stream was created.', headers: etagHeader, content: { 'application/json': { schema: accepted } } },
          '400': problemResponse('The body does not match the command schema (every failing field in `errors`), or a malformed header.'),
          '409': problemResponse(
            rejections.length > 0
              ? `Rejected by the model: ${rejections.join(', ')} (in \`rejection\`); or a concurrent update, or an Idempotency-Key still in progress.`
              : 'A concurrent update, or an Idempotency-Key still in progress.',
          ),
          '412': problemResponse('If-Match named another stream version.'),
          '422': problemResponse('The command is well-formed but cannot be processed, or the Idempotency-Key was used for another request.'),
        },
      },
    };
  }
  for (const r of aggregateRoutes(all)) {
    paths[r.path] = {
      get: {
        operationId: r.operationId,
        tags: [r.facts.names.type],
        summary: `The state of a ${r.agg.aggregate.name}`,
        parameters: [idParam(r.identity, `The ${r.agg.aggregate.name}'s ${r.identity}.`), { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The state folded from the stream; ETag is the stream version.',
            headers: etagHeader,
            content: { 'application/json': { schema: { type: 'object', properties: { [r.identity]: { type: 'string' }, version: { type: 'integer' }, state: { type: 'object' } }, required: [r.identity, 'version', 'state'] } } },
          },
          '304': { description: 'Not modified (If-None-Match).' },
          '404': problemResponse('No such stream.'),
        },
      },
    };
  }
  for (const r of projectionRoutes(all)) {
    const docName = r.schemaName;
    schemas[docName] = hoist({ ...fieldsToJsonSchema(r.facts.model, r.facts.context.name, r.projection.fields), ...(r.projection.description ? { description: r.projection.description } : {}) }, r.facts.names.type, schemas);
    const tags = [r.facts.names.type];
    paths[r.listPath] = {
      get: {
        operationId: r.listOperationId,
        tags,
        summary: `${r.projection.name}: a page of documents, ordered by ${r.key}`,
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page.', schema: { type: 'string' } },
          { name: r.key, in: 'query', required: false, description: `Only documents whose ${r.key} equals this.`, schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'A page; nextCursor is null on the last one.',
            content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ref(docName) }, nextCursor: { type: ['string', 'null'] } }, required: ['items', 'nextCursor'] } } },
          },
          '400': problemResponse('An invalid limit or cursor.'),
        },
      },
    };
    paths[r.itemPath] = {
      get: {
        operationId: r.getOperationId,
        tags,
        summary: `${r.projection.name}: one document by ${r.key}`,
        parameters: [idParam(r.key, `The document's ${r.key}.`), { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The document; ETag is its version.', headers: etagHeader, content: { 'application/json': { schema: ref(docName) } } },
          '304': { description: 'Not modified (If-None-Match).' },
          '404': problemResponse('No such document.'),
        },
      },
    };
  }
  const sorted: Json = {};
  for (const name of Object.keys(schemas).sort()) sorted[name] = schemas[name]!;
  return {
    openapi: '3.1.0',
    // OpenAPI allows no $comment at its root: the do-not-edit line is an extension field.
    'x-generated': `Generated by stormsmith from ${sourceList(sources)}. Do not edit.`,
    info: { title: packageName, version: '0.1.0', description: `Generated by stormsmith from ${sourceList(sources)}. Commands, aggregate state and read models of the service.` },
    paths,
    components: { schemas: sorted },
  };
}

export function openApiFiles(all: readonly ContextFacts[], packageName: string, sources: string[]): PlannedFile[] {
  const doc = openApiDocument(all, packageName, sources);
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const module =
    generatedHeader(sources) +
    `// The OpenAPI 3.1 document of this API (the same as docs/openapi.json), served at GET /openapi.json.\n` +
    `export const openApiDocument: Record<string, unknown> = ${json.trimEnd()};\n`;
  return [
    { path: httpLayout.openApiDoc, contents: json, ownership: 'generated', sources },
    { path: httpLayout.openApiModule, contents: module, ownership: 'generated', sources },
  ];
}
