// Issue 17's format additions at the model core: each loads with positions, is written back by
// the serializer (canonical form reads back the same), and the JSON Schema for editors knows it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel, serializeContext } from '../../../generator/model/index.js';
import { withoutPositions } from './strip.js';

const schema = JSON.parse(readFileSync(new URL('../../../generator/model/stormsmith.schema.json', import.meta.url), 'utf8')) as {
  definitions: Record<string, { properties?: Record<string, unknown> }>;
};

const load = (text: string) => {
  const r = loadModel([{ path: 'sales.yaml', text }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model!;
};

/** Canonical form (no previous text) reads back as the same model. */
const roundTrips = (text: string) => {
  const model = load(text);
  const again = load(serializeContext(model.contexts[0]!));
  expect(withoutPositions(again)).toEqual(withoutPositions(model));
  return model;
};

describe('`formerly` on an event', () => {
  const text = 'stormsmith: 1\ncontext: Sales\naggregates:\n  Order: { identity: orderId }\nevents:\n  OrderWithdrawn:\n    aggregate: Order\n    formerly: [OrderCancelled, OrderVoided]\n    fields: { orderId: uuid }\n';

  it('loads with the position of each former name and round-trips', () => {
    const event = roundTrips(text).contexts[0]!.events[0]!;
    expect(event.formerly?.map((f) => [f.name, f.loc.line, f.loc.col])).toEqual([
      ['OrderCancelled', 8, 16],
      ['OrderVoided', 8, 32],
    ]);
  });

  it('is offered by the JSON Schema', () => {
    expect(JSON.stringify(schema)).toContain('"formerly"');
  });
});
