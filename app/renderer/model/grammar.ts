// The connection grammar of an event-storming board: which sticky may lead to which, and what a
// connection means in the model. A connection the grammar does not know is refused with a reason
// the user can act on (shown on the board), never silently dropped.

import { CONNECTIONS, type Relation } from '../../../generator/model/without-parser.js';
import type { ElementKind } from '../../../generator/model/types.js';
import { STICKY_STYLES } from './kinds.js';

/** The model meaning of a connection, named after the YAML key it writes (the core's relationship table). */
export type { Relation } from '../../../generator/model/without-parser.js';

// Which sticky may lead to which: derived from the core's relationship table.
const RULES = CONNECTIONS;

/** Human wording of each relation, used on edge labels and in the delete confirmation. */
export const RELATION_LABEL: Readonly<Record<Relation, string>> = {
  actor: 'invokes',
  aggregate: 'handled by',
  emits: 'emits',
  owns: 'records',
  on: 'triggers',
  issues: 'issues',
  from: 'feeds',
  delivers: 'delivers',
  consumes: 'told to',
  about: 'about',
  reads: 'informs',
};

/** Arrow colour of each relation: the colour of the sticky whose meaning the arrow carries. */
export const RELATION_COLOR: Readonly<Record<Relation, string>> = {
  actor: '#8f7400',
  aggregate: '#8f7400',
  emits: '#1864ab',
  owns: '#b35c00',
  on: '#b35c00',
  issues: '#5f3dc4',
  from: '#2b8a3e',
  delivers: '#a61e4d',
  consumes: '#a61e4d',
  about: '#a51111',
  reads: '#2b8a3e',
};

/** Targeted explanations for the connections people most often draw by mistake. */
const WHY_NOT: Partial<Record<`${ElementKind}->${ElementKind}`, string>> = {
  'event->command': 'An event does not call a command directly: put a policy between them (event → policy → command).',
  'command->command': 'A command does not issue another command: the first one emits an event, a policy reacts to it.',
  'event->event': 'An event does not cause another event directly: a policy or a command sits between them.',
  'aggregate->command': 'An aggregate does not issue commands: commands are handled by an aggregate (command → aggregate).',
  'actor->event': 'An actor does not record events: the actor invokes a command that emits the event.',
  'actor->aggregate': 'An actor works through commands: connect the actor to a command.',
  'policy->event': 'A policy reacts to events and issues commands: connect it to a command.',
  'projection->command': 'A read model informs people, it does not issue commands: an actor or a policy does.',
  'command->policy': 'A policy reacts to events, not commands: connect the command to the event it emits.',
  'event->aggregate': 'Events are recorded by an aggregate: draw aggregate → event instead.',
  'event->actor': 'Events reach people through read models: connect the event to a read model.',
};

export type ConnectionVerdict =
  | { ok: true; relation: Relation }
  | { ok: false; reason: string };

/** What connecting a sticky of kind `from` to a sticky of kind `to` means, or why it is refused. */
export function connectionMeaning(from: ElementKind, to: ElementKind): ConnectionVerdict {
  if (from === 'hotspot') return { ok: true, relation: 'about' };
  const rule = RULES.find((r) => r.from === from && r.to === to);
  if (rule) return { ok: true, relation: rule.relation };
  const specific = WHY_NOT[`${from}->${to}`];
  if (specific) return { ok: false, reason: specific };
  const allowed = RULES.filter((r) => r.from === from).map((r) => STICKY_STYLES[r.to].label.toLowerCase());
  const source = STICKY_STYLES[from].label;
  const target = STICKY_STYLES[to].label.toLowerCase();
  return {
    ok: false,
    reason:
      allowed.length > 0
        ? `A ${source.toLowerCase()} cannot lead to a ${target}; it can lead to: ${allowed.join(', ')}.`
        : `Nothing flows out of a ${source.toLowerCase()} on an event-storming board (a ${target} is not a valid target).`,
  };
}

/** The kinds a relation joins (source, target); used to interpret edges back into the model. */
export function relationEnds(relation: Relation): { from: ElementKind; to: ElementKind } | undefined {
  const rule = RULES.find((r) => r.relation === relation);
  return rule ? { from: rule.from, to: rule.to } : undefined;
}
