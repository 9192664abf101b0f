// One policy in the generation IR (docs/adr/0073-generation-ir.md): the events it reacts to, the
// commands it may issue and the read models it reads, resolved across contexts; and where each
// field of an issued command comes from (docs/adr/0096).

import type { Command, Event, Field, Policy, Projection } from '../model/types.js';
import { policyNames, type PolicyNames } from '../names.js';
import { resolveCommand, resolveEvent, sameType, valueOwner, type ContextFacts } from './context.js';

export interface PolicyFacts {
  policy: Policy;
  /** Its names in the generated code (decide, reactor, register, processor id, ...). */
  names: PolicyNames;
  events: Event[];
  commands: Command[];
  /** Read models the policy's logic reads (`reads:`), in the policy's own context. */
  reads: Projection[];
}

// Computed once per context node and policy (the facts resolve references: see ir/projection.ts).
const computed = new WeakMap<ContextFacts, Map<Policy, PolicyFacts>>();

export function policyFacts(facts: ContextFacts, policy: Policy): PolicyFacts {
  let byPolicy = computed.get(facts);
  if (!byPolicy) computed.set(facts, (byPolicy = new Map()));
  let pf = byPolicy.get(policy);
  if (!pf) byPolicy.set(policy, (pf = computePolicyFacts(facts, policy)));
  return pf;
}

function computePolicyFacts(facts: ContextFacts, policy: Policy): PolicyFacts {
  return {
    policy,
    names: policyNames(facts.context.name, policy.name),
    events: policy.on.map((r) => resolveEvent(facts, r)).filter((e): e is Event => e !== undefined),
    commands: policy.issues.map((r) => resolveCommand(facts, r)).filter((c): c is Command => c !== undefined),
    reads: (policy.reads ?? [])
      .map((r) => facts.model.contexts.find((c) => c.name === (r.context ?? facts.context.name))?.projections.find((p) => p.name === r.name))
      .filter((p): p is Projection => p !== undefined),
  };
}

/** Where the value of one command field comes from, in the default logic. */
export type FieldValue =
  /** `trigger.newId(name)`: deterministic per trigger, processor and name (runtime policyTrigger). */
  | { kind: 'newId'; name: string }
  /** `event.data.a.b`; optional when any step of the path is. */
  | { kind: 'path'; path: string[]; optional: boolean };

/** The field a path reaches in the event's data, through value objects. */
function follow(facts: ContextFacts, event: Event, path: readonly string[]): { field: Field; optional: boolean } | undefined {
  let fields: readonly Field[] = event.fields;
  let context = event.context;
  let optional = false;
  for (let i = 0; i < path.length; i++) {
    const field = fields.find((f) => f.name === path[i]);
    if (!field) return undefined;
    optional ||= field.optional;
    if (i === path.length - 1) return { field, optional };
    if (field.type.kind !== 'ref') return undefined;
    const owner = valueOwner(facts.model, context, field.type.name);
    const vo = facts.model.contexts.find((c) => c.name === owner)?.valueObjects.find((v) => v.name === (field.type as { name: string }).name);
    if (!vo || !owner) return undefined;
    fields = vo.fields;
    context = owner;
  }
  return undefined;
}

/**
 * The default logic's value for every field of `command` on `event`: the policy's `with:` entry,
 * else the event's field of the same name and type. Undefined when a required field has neither
 * (the logic is then a stub), or when an optional source would fill a required field.
 */
export function commandFieldValues(facts: ContextFacts, policy: Policy, command: Command, event: Event): { field: Field; value: FieldValue }[] | undefined {
  const out: { field: Field; value: FieldValue }[] = [];
  for (const field of command.fields) {
    const mapped = policy.with?.find((w) => w.field === field.name);
    if (mapped) {
      if (mapped.source.kind === 'newId') {
        out.push({ field, value: { kind: 'newId', name: `${command.name}.${field.name}` } });
        continue;
      }
      const found = follow(facts, event, mapped.source.path);
      if (!found || !sameType(found.field.type, field.type) || (found.optional && !field.optional)) return undefined;
      out.push({ field, value: { kind: 'path', path: mapped.source.path, optional: found.optional } });
      continue;
    }
    const from = event.fields.find((f) => f.name === field.name);
    if (from && sameType(from.type, field.type) && (field.optional || !from.optional)) out.push({ field, value: { kind: 'path', path: [from.name], optional: from.optional } });
    else if (!field.optional) return undefined;
  }
  return out;
}
