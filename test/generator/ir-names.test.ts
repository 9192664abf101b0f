// The generation IR's message names (generator/ir/names.ts, docs/adr/0073-generation-ir.md):
// computed once per model element, and the declaring module named the same way by every emitter.

import { describe, expect, it } from 'vitest';
import { commandNames, eventNames } from '../../generator/ir/names.js';
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
