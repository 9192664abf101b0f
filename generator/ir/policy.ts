// One policy in the generation IR (docs/adr/0073-generation-ir.md): the events it reacts to and
// the commands it may issue, resolved across contexts.

import type { Command, Event, Policy } from '../model/types.js';
import { resolveCommand, resolveEvent, type ContextFacts } from './context.js';

export interface PolicyFacts {
  policy: Policy;
  events: Event[];
  commands: Command[];
}

export function policyFacts(facts: ContextFacts, policy: Policy): PolicyFacts {
  return {
    policy,
    events: policy.on.map((r) => resolveEvent(facts, r)).filter((e): e is Event => e !== undefined),
    commands: policy.issues.map((r) => resolveCommand(facts, r)).filter((c): c is Command => c !== undefined),
  };
}
