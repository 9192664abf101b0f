// The generation IR's context node (docs/adr/0073-generation-ir.md). What the emitters need to
// know about a bounded context, computed once: which commands and
// events belong to which aggregate, what the state looks like, and where the model says enough
// for a default body. Elements are sorted by name (code units) so that the output never
// depends on the order of model files or of entries within them; fields keep their model order
// because it is the order of the JSON properties.

import type {
  Model,
  Aggregate,
  BoundedContext,
  Command,
  Event,
  Field,
  Policy,
  Projection,
  TypeRef,
} from '../model/types.js';
import { aggregateNames, camelCase, compareCodeUnits, contextFolder, pascalCase, type AggregateNames } from '../names.js';
import { aggregateStreamType } from './events.js';

export const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => compareCodeUnits(a.name, b.name));

/** Names of a context in the generated code. */
export interface ContextNames {
  /** `Lending`: prefixes of OpenAPI schema names and tags, `LendingExternalEvent`. */
  type: string;
  /** `lending`: prefixes of aliases in modules that import several contexts. */
  camel: string;
  /** `lending`: the context's folder under `src/` and `test/`. */
  folder: string;
}

export const contextNames = (context: string): ContextNames => ({ type: pascalCase(context), camel: camelCase(context), folder: contextFolder(context) });

export interface AggregateFacts {
  aggregate: Aggregate;
  /** Its names in the generated code (type, state, decider, stream name, ...). */
  names: AggregateNames;
  /** `lending_loan`: the stream type its events are appended under (before the first `-`). */
  streamType: string;
  commands: Command[];
  events: Event[];
  /** Domain errors raised by this aggregate's commands, sorted. */
  rejections: string[];
}

export interface ContextFacts {
  model: Model;
  context: BoundedContext;
  names: ContextNames;
  aggregates: AggregateFacts[];
  /** Events delivered by external systems (no aggregate). */
  externalEvents: Event[];
  /** All domain error names of the context, sorted. */
  rejections: string[];
  projections: Projection[];
  policies: Policy[];
  eventsByName: Map<string, Event>;
  commandsByName: Map<string, Command>;
  /** Model files this context's output derives from. */
  sources: string[];
}

export function contextFacts(model: Model, context: BoundedContext): ContextFacts {
  const events = byName(context.events);
  const commands = byName(context.commands);
  const aggregates = byName(context.aggregates).map((aggregate): AggregateFacts => {
    const own = commands.filter((c) => c.aggregate.name === aggregate.name);
    return {
      aggregate,
      names: aggregateNames(aggregate.name),
      streamType: aggregateStreamType(context.name, aggregate.name),
      commands: own,
      events: events.filter((e) => e.aggregate?.name === aggregate.name),
      rejections: [...new Set(own.flatMap((c) => c.rejects.map((r) => r.name)))].sort(compareCodeUnits),
    };
  });
  const files = new Set<string>([context.file]);
  for (const v of context.valueObjects) files.add(v.loc.file);
  return {
    model,
    context,
    names: contextNames(context.name),
    aggregates,
    externalEvents: events.filter((e) => e.aggregate === undefined),
    rejections: [...new Set(commands.flatMap((c) => c.rejects.map((r) => r.name)))].sort(compareCodeUnits),
    projections: byName(context.projections),
    policies: byName(context.policies),
    eventsByName: new Map(events.map((e) => [e.name, e])),
    commandsByName: new Map(commands.map((c) => [c.name, c])),
    sources: [...files].sort(compareCodeUnits),
  };
}

export const sameType = (a: TypeRef, b: TypeRef): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * How to fill each field of `target` from the same-named fields of `source`, or undefined when
 * some required target field has no same-named source field of the same type (the model does
 * not say enough). An optional target field without a source is left out.
 */
export function fieldMapping(target: readonly Field[], source: readonly Field[]): { field: Field; from: Field }[] | undefined {
  const byFieldName = new Map(source.map((f) => [f.name, f]));
  const mapping: { field: Field; from: Field }[] = [];
  for (const field of target) {
    const from = byFieldName.get(field.name);
    if (from && sameType(from.type, field.type) && (field.optional || !from.optional)) {
      mapping.push({ field, from });
    } else if (from && sameType(from.type, field.type) && from.optional) {
      return undefined;
    } else if (!field.optional) {
      return undefined;
    }
  }
  return mapping;
}

/** A state field starts at a zero value when its type has one; otherwise it is optional. */
export function zeroValue(field: Field): string | undefined {
  if (field.optional) return undefined;
  const type = field.type;
  if (type.kind === 'array') return '[]';
  if (type.kind !== 'primitive') return undefined;
  switch (type.name) {
    case 'int':
    case 'number':
      return '0';
    case 'boolean':
      return 'false';
    default:
      return undefined;
  }
}

/**
 * The state fields an event feeds by name, or undefined when the event carries a field (other
 * than the aggregate identity) that feeds no state field of the same name and type: then the
 * model does not say how the event changes the state, and the evolve is a stub.
 */
export function evolveMapping(aggregate: Aggregate, event: Event): { state: Field; from: Field }[] | undefined {
  const stateByName = new Map(aggregate.state.map((f) => [f.name, f]));
  const mapping: { state: Field; from: Field }[] = [];
  for (const field of event.fields) {
    const state = stateByName.get(field.name);
    if (state && sameType(state.type, field.type) && (state.optional || !field.optional || zeroValue(state) === undefined)) {
      mapping.push({ state, from: field });
    } else if (field.name !== aggregate.identity) {
      return undefined;
    }
  }
  return mapping;
}

/** The element a reference names: in `ref.context` when qualified, else in `from`. */
function resolve<T extends { name: string }>(
  model: Model,
  from: string,
  ref: { name: string; context?: string },
  pick: (c: BoundedContext) => readonly T[],
): T | undefined {
  const context = model.contexts.find((c) => c.name === (ref.context ?? from));
  return context ? pick(context).find((e) => e.name === ref.name) : undefined;
}

export const resolveEvent = (facts: ContextFacts, ref: { name: string; context?: string }): Event | undefined =>
  resolve(facts.model, facts.context.name, ref, (c) => c.events);

export const resolveCommand = (facts: ContextFacts, ref: { name: string; context?: string }): Command | undefined =>
  resolve(facts.model, facts.context.name, ref, (c) => c.commands);

/**
 * The context that declares value object `name` as seen from `context`: its own first, then
 * the first context by name that declares it (the same lookup as the JSON Schemas).
 */
export function valueOwner(model: Model, context: string, name: string): string | undefined {
  const own = model.contexts.find((c) => c.name === context);
  if (own?.valueObjects.some((v) => v.name === name)) return context;
  return [...model.contexts]
    .sort((a, b) => compareCodeUnits(a.name, b.name))
    .find((c) => c.valueObjects.some((v) => v.name === name))?.name;
}

/** The aggregate that owns an event (possibly in another context). */
export function eventAggregate(model: Model, event: Event): Aggregate | undefined {
  if (!event.aggregate) return undefined;
  return model.contexts.find((c) => c.name === event.context)?.aggregates.find((a) => a.name === event.aggregate!.name);
}

/** Whether the model publishes events: then a service has an outbox, NATS_URL and CONTEXTS
 * (composition root, settings, main). */
export const hasPublishedEvents = (all: readonly ContextFacts[]): boolean => all.some((facts) => facts.context.events.some((e) => e.published));
