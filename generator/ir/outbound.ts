// One outbound integration in the generation IR (docs/adr/0097): the events an external system
// consumes, resolved across contexts (none: the system gets no port).

import type { Event, ExternalSystem } from '../model/types.js';
import { resolveEvent, type ContextFacts } from './context.js';

export const consumedEvents = (facts: ContextFacts, system: ExternalSystem): Event[] =>
  (system.consumes ?? []).map((r) => resolveEvent(facts, r)).filter((e): e is Event => e !== undefined);
