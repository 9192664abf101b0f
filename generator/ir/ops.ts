// What the operations wiring of a generated service needs from the model, computed once for
// every context: the async processors (eventual projections and policies) with their processor
// ids, handled event types, lag targets and retry policy, and the long-lived aggregates with
// their snapshot interval. Everything is sorted by name so the output never depends on model order.

import type { Aggregate, Event } from '../model/types.js';
import { aggregateNames, compareCodeUnits, outboundNames, policyNames, projectionNames } from '../names.js';
import type { ContextFacts } from './context.js';
import { oncePer } from './once.js';
import { consumedEvents } from './outbound.js';
import { layout } from './paths.js';
import { aggregateStreamType } from './events.js';
import { policyFacts } from './policy.js';
import { projectionFacts, projectionVersionNames } from './projection.js';

/** Attempts when a context's model has no `architecture.retry` (the runtime's default too). */
export const DEFAULT_ATTEMPTS = 3;
/** Snapshot interval of a long-lived aggregate without `snapshotEvery`. */
export const DEFAULT_SNAPSHOT_EVERY = 100;

/** Exponential backoff as the runtime's `Backoff` takes it. */
export interface BackoffFacts {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export interface RetryFacts {
  attempts: number;
  backoff: BackoffFacts;
  /** What the model wrote (`exponential`, `200ms`, ...), for the ADR and comments. */
  text: string;
  /** Where the policy comes from: `lending.yaml:172`, or `default` when the model has none. */
  origin: string;
}

export interface ProcessorFacts {
  /** Model name (`OverdueLoans`). */
  name: string;
  /** The name ops commands and metrics use: the model name, `Context.Name` when two contexts share it. */
  key: string;
  kind: 'projection' | 'policy' | 'outbound';
  context: string;
  processorId: string;
  /** Projections: the model version and the unversioned processor id (blue/green rebuilds). */
  version?: { version: number; baseProcessorId: string; baseCollection: string; liveKey: string };
  eventTypes: string[];
  events: Event[];
  lagTarget?: string;
  retry: RetryFacts;
  /** The generated module that defines the projection or the policy's reactor. */
  module: string;
}

export interface LongLivedFacts {
  aggregate: Aggregate;
  /** The name `ops snapshot` takes: the aggregate's, `Context.Name` when two contexts share it (as for processors). */
  key: string;
  context: string;
  streamType: string;
  every: number;
  events: Event[];
  names: ReturnType<typeof aggregateNames>;
}

export interface OpsFacts {
  processors: ProcessorFacts[];
  longLived: LongLivedFacts[];
  /** Collections of the inline (strong) read models, sorted: `ops migrate` creates them (docs/adr/0054). */
  inlineCollections: string[];
  contexts: ContextFacts[];
}

const MS = /^(\d+)\s*(ms|s)$/;

/**
 * Backoff from the model's `architecture.retry.backoff`: `exponential` (default) doubles from
 * 50 ms up to 1 s, `fixed`/`constant` waits 100 ms each time, `none` retries at once, and a
 * duration (`200ms`, `1s`) is a fixed delay. Delays stay short on purpose: the processor's batch
 * transaction is open while a message is retried.
 */
export function backoffFacts(text: string | undefined): BackoffFacts {
  const value = (text ?? 'exponential').trim().toLowerCase();
  const fixed = MS.exec(value);
  if (fixed) {
    const ms = Number(fixed[1]) * (fixed[2] === 's' ? 1000 : 1);
    return { initialDelayMs: ms, factor: 1, maxDelayMs: ms };
  }
  if (value === 'none') return { initialDelayMs: 0, factor: 1, maxDelayMs: 0 };
  if (value === 'fixed' || value === 'constant') return { initialDelayMs: 100, factor: 1, maxDelayMs: 100 };
  return { initialDelayMs: 50, factor: 2, maxDelayMs: 1_000 };
}

export function retryFacts(facts: ContextFacts): RetryFacts {
  const retry = facts.context.architecture.retry;
  return {
    attempts: retry?.attempts ?? DEFAULT_ATTEMPTS,
    backoff: backoffFacts(retry?.backoff),
    text: retry?.backoff ?? 'exponential',
    origin: retry ? `${retry.loc.file}:${retry.loc.line}` : 'default',
  };
}

/** The operations facts of the contexts, computed once per plan (ir/once.ts). */
export const opsFacts = oncePer((all: readonly ContextFacts[]): OpsFacts => computeOpsFacts(all));

function computeOpsFacts(all: readonly ContextFacts[]): OpsFacts {
  const processors: ProcessorFacts[] = [];
  const longLived: LongLivedFacts[] = [];
  const inlineCollections = new Set<string>();
  for (const facts of all) {
    const retry = retryFacts(facts);
    for (const projection of facts.projections) {
      const pf = projectionFacts(facts, projection);
      if (pf.inline) {
        inlineCollections.add(pf.versioned.collection);
        continue;
      }
      processors.push({
        name: projection.name,
        key: projection.name,
        kind: 'projection',
        context: facts.context.name,
        // The versioned id (`<processorId>:v<N>` from version 2): what the consumer runs under.
        processorId: projectionVersionNames(facts.context.name, projection).processorId,
        version: {
          version: projectionVersionNames(facts.context.name, projection).version,
          baseProcessorId: projectionNames(facts.context.name, projection.name).processorId,
          baseCollection: projectionNames(facts.context.name, projection.name).collection,
          liveKey: projectionVersionNames(facts.context.name, projection).liveKey,
        },
        // Lag counts events stored under a former name (`formerly`) too: the processor takes them.
        eventTypes: pf.events.flatMap((e) => [e.name, ...(e.formerly ?? []).map((f) => f.name)]),
        events: pf.events,
        ...(projection.lagTarget ? { lagTarget: projection.lagTarget } : {}),
        retry,
        module: layout.projection(facts.context.name, projection.name),
      });
    }
    for (const policy of facts.policies) {
      const pf = policyFacts(facts, policy);
      processors.push({
        name: policy.name,
        key: policy.name,
        kind: 'policy',
        context: facts.context.name,
        processorId: policyNames(facts.context.name, policy.name).processorId,
        // Lag counts events stored under a former name (`formerly`) too: the processor takes them.
        eventTypes: pf.events.flatMap((e) => [e.name, ...(e.formerly ?? []).map((f) => f.name)]),
        events: pf.events,
        retry,
        module: layout.policy(facts.context.name, policy.name),
      });
    }
    // Outbound integrations (docs/adr/0097): an external system told about events is a processor too.
    for (const system of facts.context.externalSystems) {
      const events = consumedEvents(facts, system);
      if (events.length === 0) continue;
      processors.push({
        name: system.name,
        key: system.name,
        kind: 'outbound',
        context: facts.context.name,
        processorId: outboundNames(facts.context.name, system.name).processorId,
        eventTypes: events.flatMap((e) => [e.name, ...(e.formerly ?? []).map((f) => f.name)]),
        events,
        retry,
        module: layout.integration(facts.context.name, system.name),
      });
    }
    for (const agg of facts.aggregates) {
      if (!agg.aggregate.longLived && agg.aggregate.snapshotEvery === undefined) continue;
      longLived.push({
        aggregate: agg.aggregate,
        key: agg.aggregate.name,
        context: facts.context.name,
        streamType: aggregateStreamType(facts.context.name, agg.aggregate.name),
        every: agg.aggregate.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY,
        events: agg.events,
        names: aggregateNames(agg.aggregate.name),
      });
    }
  }
  const count = new Map<string, number>();
  for (const p of processors) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  for (const p of processors) if ((count.get(p.name) ?? 0) > 1) p.key = `${p.context}.${p.name}`;
  const aggregateCount = new Map<string, number>();
  for (const a of longLived) aggregateCount.set(a.aggregate.name, (aggregateCount.get(a.aggregate.name) ?? 0) + 1);
  for (const a of longLived) if ((aggregateCount.get(a.aggregate.name) ?? 0) > 1) a.key = `${a.context}.${a.aggregate.name}`;
  processors.sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.processorId, b.processorId));
  longLived.sort((a, b) => compareCodeUnits(a.streamType, b.streamType));
  return { processors, longLived, inlineCollections: [...inlineCollections].sort(compareCodeUnits), contexts: [...all] };
}

/** Processor ids of the async projections and policies, as the composition root names them. */
export const processorIds = oncePer((all: readonly ContextFacts[]): readonly string[] => computeProcessorIds(all));

function computeProcessorIds(all: readonly ContextFacts[]): string[] {
  const ids: string[] = [];
  for (const facts of all) {
    for (const projection of facts.projections) {
      if (!projectionFacts(facts, projection).inline) ids.push(projectionVersionNames(facts.context.name, projection).processorId);
    }
    for (const policy of facts.policies) ids.push(policyNames(facts.context.name, policy.name).processorId);
  }
  return ids;
}
