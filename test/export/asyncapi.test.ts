// AsyncAPI export: every document of the examples (each option) and of random valid models parses
// with @asyncapi/parser with no error diagnostics; the document says what the model says.
import { Parser } from '@asyncapi/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asyncApiToJson, exportAsyncApi, type AsyncApiOptions } from '../../generator/export/asyncapi.js';
import type { Model } from '../../generator/model/types.js';
import { validateModel } from '../../generator/model/validate/index.js';
import { eventJsonSchema } from '../../generator/schemas/json-schema.js';
import { loadExample } from '../generated-project/support.js';
import { validModel } from '../support/valid-models.js';

const parser = new Parser();

/** The parser marks every schema it saw with `x-parser-schema-id`; the export wrote none. */
const withoutParserIds = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'x-parser-schema-id' ? undefined : v)));

async function errorsOf(model: Model, options: AsyncApiOptions): Promise<string[]> {
  const diagnostics = await parser.validate(asyncApiToJson(exportAsyncApi(model, options)));
  // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
  return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code} at ${d.path.join('/')}: ${d.message}`);
}

describe('AsyncAPI export of the examples', () => {
  for (const example of ['shop', 'library']) {
    const model = loadExample(example);
    const variants: AsyncApiOptions[] = [{}, { allEvents: true }, ...model.contexts.map((c) => ({ context: c.name })), ...model.contexts.map((c) => ({ context: c.name, allEvents: true }))];
    it(`${example}: every variant parses without errors`, async () => {
      for (const options of variants) expect(await errorsOf(model, options), JSON.stringify(options)).toEqual([]);
    }, 60_000);
  }

  it('shop: channels, payloads and operations follow the model', async () => {
    const model = loadExample('shop');
    const doc = await parser.parse(asyncApiToJson(exportAsyncApi(model)));
    expect(doc.document).toBeDefined();
    const published = model.contexts.flatMap((c) => c.events.filter((e) => e.published));
    const channels = doc.document!.channels().all();
    expect(channels.map((c) => c.address()).sort()).toEqual(published.map((e) => `${e.context.toLowerCase()}.${e.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.v${e.version}`).sort());
    // The payload is the generated JSON Schema with value objects inlined, without the dialect.
    const placed = published.find((e) => e.name === 'OrderPlaced')!;
    const message = doc.document!.messages().all().find((m) => m.name() === 'OrderPlaced')!;
    expect(withoutParserIds(message.payload()!.json())).toEqual(JSON.parse(JSON.stringify(eventJsonSchema(model, placed, undefined, { valueObjects: 'inline', dialect: false }))));
    // Payments' policy on Ordering.OrderPlaced is a receive operation of the OrderPlaced channel.
    const receive = doc.document!.operations().all().find((o) => o.id() === 'Payments.RequestPaymentForNewOrder.onOrderPlaced')!;
    expect(receive.action()).toBe('receive');
    expect(receive.channels().all()[0]!.address()).toBe(`ordering.order-placed.v${placed.version}`);
  });

  it('is byte-stable', () => {
    const model = loadExample('shop');
    expect(asyncApiToJson(exportAsyncApi(model, { allEvents: true }))).toBe(asyncApiToJson(exportAsyncApi(loadExample('shop'), { allEvents: true })));
  });
});

describe('AsyncAPI export of outbound integrations (`consumes:`)', () => {
  it('shop: an external system told about an event is a receive operation of that event, in its context\'s view too', async () => {
    const model = loadExample('shop');
    for (const options of [{ allEvents: true }, { allEvents: true, context: 'Payments' }]) {
      const doc = await parser.parse(asyncApiToJson(exportAsyncApi(model, options)));
      const op = doc.document!.operations().all().find((o) => o.id() === 'Payments.PaymentGateway.onPaymentRequested');
      expect(op?.action(), JSON.stringify(options)).toBe('receive');
      expect(op!.channels().all()[0]!.address()).toBe('payments.payment-requested.v1');
      expect(op!.summary()).toContain('external system PaymentGateway is told about Payments.PaymentRequested');
      expect(op!.json()['x-stormsmith-outbound']).toBe(true);
    }
    // Another context's view leaves it out.
    expect(Object.keys(exportAsyncApi(model, { allEvents: true, context: 'Ordering' }).operations as object)).not.toContain('Payments.PaymentGateway.onPaymentRequested');
  });
});

describe('AsyncAPI export of random valid models', () => {
  it('parses without errors (fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(validModel, fc.boolean(), async (model, allEvents) => {
        expect(validateModel(model).filter((d) => d.severity === 'error')).toEqual([]);
        expect(await errorsOf(model, { allEvents })).toEqual([]);
        expect(await errorsOf(model, { allEvents, context: model.contexts.at(-1)!.name })).toEqual([]);
      }),
      { seed: 20261206, numRuns: 20 },
    );
  }, 180_000);
});
