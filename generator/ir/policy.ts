// One policy in the generation IR (docs/adr/0073-generation-ir.md): the events it reacts to and
// the commands it may issue, resolved across contexts.

import type { Command, Event, Policy } from '../model/types.js';
import { policyNames, type PolicyNames } from '../names.js';
import { resolveCommand, resolveEvent, type ContextFacts } from './context.js';

export interface PolicyFacts {
  policy: Policy;
  /** Its names in the generated code (decide, reactor, register, processor id, ...). */
  names: PolicyNames;
  events: Event[];
  commands: Command[];
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
  };
}
