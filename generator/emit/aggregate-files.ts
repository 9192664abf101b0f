// Every file of one aggregate, in one place.

import type { PlannedFile } from '../plan-types.js';
import { commandHandlerFile, deciderFile, logicFile, stateFile } from './aggregate.js';
import type { AggregateFacts, ContextFacts } from '../ir/context.js';
import { commandsFile, eventsFile } from './messages.js';
import { commandsTestFile, specsTestFile } from './tests.js';

export async function aggregateFiles(facts: ContextFacts, agg: AggregateFacts): Promise<PlannedFile[]> {
  return [
    await eventsFile(facts, agg),
    await commandsFile(facts, agg),
    stateFile(facts, agg),
    logicFile(facts, agg),
    deciderFile(facts, agg),
    commandHandlerFile(facts, agg),
    specsTestFile(facts, agg),
    commandsTestFile(facts, agg),
  ];
}
