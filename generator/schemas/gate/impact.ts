// Impact of an event change: who reads the event and must rebuild, backfill or re-check when a
// breaking change or a new version ships. Printed by the gate; rendered as an ADR draft.

import type { Aggregate, Event, Model, NameRef, Policy, Projection } from '../../model/types.js';

export interface EventImpact {
  context: string;
  event: string;
  /** Latest released version (undefined when the event was never released). */
  fromVersion?: number;
  toVersion: number;
  /** Why the event is in the report. */
  reason: 'breaking' | 'version-bump';
  aggregate?: string;
  projections: { context: string; name: string; consistency: string }[];
  policies: { context: string; name: string }[];
}

/** Does `ref`, written in `consumerContext`, name `event`? */
function refersTo(model: Model, ref: NameRef, consumerContext: string, event: Event): boolean {
  if (ref.name !== event.name) return false;
  if (ref.context !== undefined) return ref.context === event.context;
  if (consumerContext === event.context) return true;
  // Unqualified: the consumer's own context wins when it has an event of that name.
  return !model.contexts.find((c) => c.name === consumerContext)?.events.some((e) => e.name === event.name);
}

export function consumersOf(model: Model, event: Event): { projections: Projection[]; policies: Policy[]; aggregate?: Aggregate } {
  const projections: Projection[] = [];
  const policies: Policy[] = [];
  for (const c of model.contexts) {
    for (const p of c.projections) if (p.from.some((r) => refersTo(model, r, c.name, event))) projections.push(p);
    for (const p of c.policies) if (p.on.some((r) => refersTo(model, r, c.name, event))) policies.push(p);
  }
  const aggregate = event.aggregate ? model.contexts.find((c) => c.name === event.context)?.aggregates.find((a) => a.name === event.aggregate!.name) : undefined;
  return { projections, policies, ...(aggregate ? { aggregate } : {}) };
}

export function eventImpact(model: Model, event: Event, reason: EventImpact['reason'], fromVersion: number | undefined): EventImpact {
  const { projections, policies, aggregate } = consumersOf(model, event);
  return {
    context: event.context,
    event: event.name,
    ...(fromVersion !== undefined ? { fromVersion } : {}),
    toVersion: event.version,
    reason,
    ...(aggregate ? { aggregate: aggregate.name } : {}),
    projections: projections.map((p) => ({ context: p.context, name: p.name, consistency: p.consistency })),
    policies: policies.map((p) => ({ context: p.context, name: p.name })),
  };
}

const qualified = (x: { context: string; name: string }, home: string) => (x.context === home ? x.name : `${x.context}.${x.name}`);

/** One line for the gate output. */
export function impactSummary(i: EventImpact): string {
  const change = i.fromVersion === undefined ? `v${i.toVersion}` : i.fromVersion === i.toVersion ? `v${i.toVersion} changed in place` : `v${i.fromVersion} -> v${i.toVersion}`;
  const parts: string[] = [];
  if (i.aggregate) parts.push(`aggregate ${i.aggregate} replays old events through the upcasters`);
  if (i.projections.length) parts.push(`rebuild projection${i.projections.length > 1 ? 's' : ''} ${i.projections.map((p) => qualified(p, i.context)).join(', ')}`);
  if (i.policies.length) parts.push(`review policy${i.policies.length > 1 ? 'ies' : ''} ${i.policies.map((p) => qualified(p, i.context)).join(', ')} for a backfill (events already handled are not re-run)`);
  if (parts.length === 0) parts.push('no projection or policy consumes it');
  return `${i.event} ${change} (${i.reason === 'breaking' ? 'breaking change' : 'new version'}): ${parts.join('; ')}`;
}

/** An ADR draft (Markdown) recording the change and what it requires, for review in the PR. */
export function impactAdr(i: EventImpact, date: string): string {
  const change = i.fromVersion !== undefined ? `version ${i.fromVersion} to version ${i.toVersion}` : `version ${i.toVersion}`;
  const lines = [
    `# ${i.context}.${i.event}: ${change}`,
    '',
    `- Status: proposed`,
    `- Date: ${date}`,
    `- Drafted by: stormsmith schemas`,
    '',
    '## Context',
    '',
    `Stored ${i.event} events are read forever: every aggregate load, projection rebuild and replay reads them.`,
    i.reason === 'breaking'
      ? `The schema of ${i.event} changed in a way old events do not satisfy.`
      : `${i.event} gets a new version; events stored as older versions are upcast on read.`,
    '',
    '## Decision',
    '',
    `Release ${i.event} ${change}. Older versions stay in the schema registry and in the event museum; the generated upcasters bring them to version ${i.toVersion}.`,
    '',
    '## Consequences',
    '',
  ];
  if (i.aggregate) lines.push(`- Aggregate ${i.aggregate}: rehydrates old streams through the upcaster chain; no data migration.`);
  for (const p of i.projections) lines.push(`- Projection ${qualified(p, i.context)} (${p.consistency}): rebuild after deploying, so stored documents reflect the upcast values.`);
  for (const p of i.policies) lines.push(`- Policy ${qualified(p, i.context)}: events already handled are not re-run; decide whether a backfill is needed.`);
  if (!i.aggregate && i.projections.length === 0 && i.policies.length === 0) lines.push('- No projection or policy consumes the event.');
  lines.push('', '## To do before merging', '', '- [ ] Upcast reviewed (defaults and renames, or the custom step implemented)', '- [ ] Rebuild/backfill planned for the consumers above', '');
  return lines.join('\n');
}
