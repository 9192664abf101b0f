// Model -> AsyncAPI 3.0 document (docs/asyncapi.md, ADR 0080). Pure: no fs, no process.
//
// Decisions:
// - One document for the whole model by default: the "application" is the system of bounded
//   contexts, each context's events are `send` operations and every cross-context consumer
//   (policy or projection reading another context's event, external system told about an event)
//   a `receive` operation. `context`
//   narrows the document to one context's point of view (its own events sent, the foreign
//   events it consumes received), which is what a team publishes for its own service.
// - Published (integration) events only by default; `allEvents` adds the internal ones.
// - Payloads are the generated JSON Schemas (generator/schemas/json-schema.ts) with value
//   objects inlined: `#/$defs/...` refs would resolve against the AsyncAPI document's root,
//   and two contexts may own value objects of one name.
// - Channel per event, its address carries the version (`ordering.order-placed.v1`): a new
//   version of an integration event is a new contract.
// - Keys and arrays are written in model order, so the document is byte-stable.
import { kebabCase } from '../names.js';
import type { BoundedContext, Event, JsonValue, Model } from '../model/types.js';
import { buildNameIndex } from '../model/validate/name-index.js';
import { eventJsonSchema } from '../schemas/json-schema.js';

export type AsyncApiDocument = { [key: string]: JsonValue };

export interface AsyncApiOptions {
  /** Title of the document (default: the context name, or "Stormsmith model"). */
  title?: string;
  /** `info.version` (default 1.0.0). */
  version?: string;
  /** Include internal (unpublished) events too. */
  allEvents?: boolean;
  /** One context's point of view. */
  context?: string;
}

export class AsyncApiExportError extends Error {}

/** AsyncAPI component keys allow `[A-Za-z0-9.\-_]` only. */
const key = (...parts: string[]): string => parts.join('.').replace(/[^A-Za-z0-9.\-_]/g, '_');

export const channelIdOf = (event: Event): string => key(event.context, event.name);
export const channelAddressOf = (event: Event): string => `${kebabCase(event.context)}.${kebabCase(event.name)}.v${event.version}`;

export function exportAsyncApi(model: Model, options: AsyncApiOptions = {}): AsyncApiDocument {
  const index = buildNameIndex(model);
  const only = options.context;
  if (only !== undefined && !model.contexts.some((c) => c.name === only)) {
    throw new AsyncApiExportError(`no bounded context "${only}" in the model (contexts: ${model.contexts.map((c) => c.name).join(', ')})`);
  }
  const exported = (event: Event): boolean => options.allEvents === true || event.published;
  const events = model.contexts.flatMap((c) => c.events).filter(exported);

  const channels: AsyncApiDocument = {};
  const messages: AsyncApiDocument = {};
  const operations: AsyncApiDocument = {};
  const used = new Set<Event>();

  const describeChannel = (event: Event): void => {
    if (used.has(event)) return;
    used.add(event);
    const id = channelIdOf(event);
    const message: AsyncApiDocument = { name: event.name, title: event.name };
    message.summary = `${event.name} v${event.version} of ${event.context}${event.published ? ' (published)' : ' (internal)'}`;
    if (event.description !== undefined) message.description = event.description;
    message.contentType = 'application/json';
    message.payload = eventJsonSchema(model, event, undefined, { valueObjects: 'inline', dialect: false });
    message.tags = [{ name: event.context }];
    message['x-stormsmith-version'] = event.version;
    message['x-stormsmith-published'] = event.published;
    messages[id] = message;
    const channel: AsyncApiDocument = { address: channelAddressOf(event), title: `${event.context} ${event.name}` };
    if (event.description !== undefined) channel.description = event.description;
    channel.messages = { [event.name]: { $ref: `#/components/messages/${id}` } };
    channels[id] = channel;
  };
  const messageRef = (event: Event) => ({ $ref: `#/channels/${channelIdOf(event)}/messages/${event.name}` });

  for (const context of model.contexts) {
    if (only !== undefined && context.name !== only) continue;
    for (const event of context.events.filter(exported)) {
      describeChannel(event);
      operations[key(context.name, `send${event.name}`)] = {
        action: 'send',
        channel: { $ref: `#/channels/${channelIdOf(event)}` },
        summary: `${context.name} records ${event.name}${emitterText(index.emitters.get(event) ?? [])}`,
        messages: [messageRef(event)],
      };
    }
  }
  // Consumers of another context's exported event, and external systems told about an exported
  // event (`consumes:`, outbound integration: outside the service even when declared in the
  // event's own context, ADR 0083): receive operations, one per consumer.
  for (const event of events) {
    for (const consumer of index.consumers.get(event) ?? []) {
      const outbound = consumer.kind === 'externalSystem';
      if (consumer.context === event.context && !outbound) continue;
      if (only !== undefined && consumer.context !== only) continue;
      describeChannel(event);
      const operation: AsyncApiDocument = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelIdOf(event)}` },
        summary: outbound
          ? `external system ${consumer.name} is told about ${event.context}.${event.name} by ${consumer.context} (outbound integration, through its adapter)`
          : `${consumer.kind} ${consumer.name} of ${consumer.context} reads ${event.context}.${event.name}`,
        messages: [messageRef(event)],
      };
      if (outbound) operation['x-stormsmith-outbound'] = true;
      operations[key(consumer.context, `${consumer.name}`, `on${event.name}`)] = operation;
    }
  }

  const context = only === undefined ? undefined : model.contexts.find((c) => c.name === only);
  const info: AsyncApiDocument = { title: options.title ?? context?.name ?? 'Stormsmith model', version: options.version ?? '1.0.0' };
  const description = context ? context.description : describeModel(model.contexts);
  if (description) info.description = description;
  const doc: AsyncApiDocument = { asyncapi: '3.0.0', info, defaultContentType: 'application/json', channels, operations, components: { messages } };
  return doc;
}

function emitterText(emitters: readonly { kind: string; name: string }[]): string {
  if (emitters.length === 0) return '';
  return ` (${emitters.map((e) => `${e.kind === 'command' ? 'command' : 'external system'} ${e.name}`).join(', ')})`;
}

function describeModel(contexts: readonly BoundedContext[]): string {
  return `Events of the bounded contexts ${contexts.map((c) => c.name).join(', ')}, exported from a Stormsmith model.`;
}

/** The document as YAML-compatible JSON text (two-space indent, trailing newline). */
export const asyncApiToJson = (doc: AsyncApiDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
