// The generation IR's message names (generator/ir/names.ts, docs/adr/0073-generation-ir.md):
// computed once per model element, and the declaring module named the same way by every emitter.

import { describe, expect, it } from 'vitest';
import { contextFacts } from '../../generator/ir/context.js';
import { commandNames, eventNames } from '../../generator/ir/names.js';
import { opsFacts } from '../../generator/ir/ops.js';
import { policyFacts } from '../../generator/ir/policy.js';
import { projectionFacts } from '../../generator/ir/projection.js';
import { aggregateRoutes, commandRoutes, projectionRoutes } from '../../generator/ir/routes.js';
import { loadExample } from '../generated-project/support.js';

describe('IR message names', () => {
  const model = loadExample('shop');
  const events = model.contexts.flatMap((c) => c.events);
  const commands = model.contexts.flatMap((c) => c.commands);

  it('are computed once per element: the same record on every read', () => {
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) expect(eventNames(event)).toBe(eventNames(event));
    for (const command of commands) expect(commandNames(command)).toBe(commandNames(command));
  });

  it('name an event after its model name, in the module of its aggregate or of the external events', () => {
    const placed = events.find((e) => e.name === 'OrderPlaced')!;
    expect(eventNames(placed)).toEqual({
      type: 'OrderPlaced',
      data: 'OrderPlacedData',
      guard: 'isOrderPlaced',
      evolve: 'evolveOrderPlaced',
      on: 'onOrderPlaced',
      documentIdFor: 'documentIdForOrderPlaced',
      module: 'src/ordering/order/events.ts',
      streamType: 'ordering_order',
    });
    for (const external of events.filter((e) => e.aggregate === undefined)) {
      expect(eventNames(external).module).toBe(`src/${external.context.toLowerCase()}/external-events.ts`);
    }
  });

  it('name a command, its entry point, decision, rejections and modules', () => {
    const place = commands.find((c) => c.name === 'PlaceOrder')!;
    expect(commandNames(place)).toEqual({
      type: 'PlaceOrder',
      data: 'PlaceOrderData',
      guard: 'isPlaceOrder',
      entry: 'placeOrder',
      decide: 'decidePlaceOrder',
      rejections: 'PlaceOrderRejections',
      rejectsConst: 'placeOrderRejections',
      commandsModule: 'src/ordering/order/commands.ts',
      handlerModule: 'src/ordering/order/command-handler.ts',
      deciderModule: 'src/ordering/order/decider.ts',
      aggregate: expect.objectContaining({ type: 'Order', decider: 'orderDecider', streamName: 'toOrderStreamName' }),
    });
  });
});

describe('IR nodes and whole-model values', () => {
  const model = loadExample('shop');

  it('are computed once per plan: the same value for the same context nodes, a new one for new nodes', () => {
    const all = model.contexts.map((c) => contextFacts(model, c));
    expect(commandRoutes(all).length).toBeGreaterThan(5);
    expect(commandRoutes(all)).toBe(commandRoutes(all));
    expect(aggregateRoutes(all)).toBe(aggregateRoutes(all));
    expect(projectionRoutes(all)).toBe(projectionRoutes(all));
    expect(opsFacts(all)).toBe(opsFacts(all));
    for (const facts of all) {
      for (const p of facts.projections) expect(projectionFacts(facts, p)).toBe(projectionFacts(facts, p));
      for (const p of facts.policies) expect(policyFacts(facts, p)).toBe(policyFacts(facts, p));
    }
    // A later plan builds new context nodes: its values are computed again, equal but not shared.
    const again = model.contexts.map((c) => contextFacts(model, c));
    expect(commandRoutes(again)).not.toBe(commandRoutes(all));
    expect(commandRoutes(again).map((r) => r.path)).toEqual(commandRoutes(all).map((r) => r.path));
  });
});
