// One read model in the generation IR (docs/adr/0073-generation-ir.md): the events it is fed
// by, whether it spans streams, where it runs, and the names of its versioned collection and
// processor (blue/green rebuilds).

import type { Event, Projection } from '../model/types.js';
import { projectionNames, type ProjectionNames } from '../names.js';
import { eventAggregate, resolveEvent, type ContextFacts } from './context.js';

export interface ProjectionFacts {
  projection: Projection;
  /** Its names in the generated code (document type, evolve, definitions, collection, ...). */
  names: ProjectionNames;
  /** The names of its model version (blue/green rebuilds). */
  versioned: { version: number; collection: string; processorId: string; liveKey: string };
  events: Event[];
  /** Events of more than one stream (or keyed by something else than their stream's identity). */
  multiStream: boolean;
  inline: boolean;
}

// Computed once per context node and projection: the facts resolve references, so they belong to
// one plan's context node (a later model may reuse the projection object with other events).
const computed = new WeakMap<ContextFacts, Map<Projection, ProjectionFacts>>();

export function projectionFacts(facts: ContextFacts, projection: Projection): ProjectionFacts {
  let byProjection = computed.get(facts);
  if (!byProjection) computed.set(facts, (byProjection = new Map()));
  let pf = byProjection.get(projection);
  if (!pf) byProjection.set(projection, (pf = computeProjectionFacts(facts, projection)));
  return pf;
}

function computeProjectionFacts(facts: ContextFacts, projection: Projection): ProjectionFacts {
  const events = projection.from.map((r) => resolveEvent(facts, r)).filter((e): e is Event => e !== undefined);
  const owners = new Set(events.map((e) => `${e.context}.${e.aggregate?.name ?? `external:${e.source?.name ?? ''}`}`));
  const owner = events[0] ? eventAggregate(facts.model, events[0]) : undefined;
  const multiStream = owners.size !== 1 || !owner || owner.identity !== projection.key;
  return {
    projection,
    names: projectionNames(facts.context.name, projection.name),
    versioned: projectionVersionNames(facts.context.name, projection),
    events,
    multiStream,
    inline: projection.consistency === 'strong',
  };
}

/**
 * The names version `projection.version` of a read model uses (blue/green rebuilds): version N
 * writes to `<collection>_v<N>` under processor id `<processorId>:v<N>`; version 1 (or none)
 * keeps the plain names. Same rule as the runtime's versionedCollection/versionedProcessorId.
 */
export function projectionVersionNames(
  context: string,
  projection: Projection,
): { version: number; collection: string; processorId: string; liveKey: string } {
  const names = projectionNames(context, projection.name);
  const version = projection.version ?? 1;
  // The row in stormsmith_projection_versions: qualified, since two contexts may share a name.
  const liveKey = `${context}.${projection.name}`;
  return version <= 1
    ? { version: 1, collection: names.collection, processorId: names.processorId, liveKey }
    : { version, collection: `${names.collection}_v${version}`, processorId: `${names.processorId}:v${version}`, liveKey };
}
