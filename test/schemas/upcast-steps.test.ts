// The declarative upcast steps the generator writes, executed: every combination of source
// field (required / optional / absent / renamed) and target field (required / optional, with
// or without a default) gives the value the model promises. The generated TypeScript is
// transpiled (ts-morph's bundled compiler) and imported, support module included.
import { afterAll, describe, expect, it } from 'vitest';
import { planEvolutionFiles } from '../../generator/emit/evolution/index.js';
import { context, event, model } from './support/model.js';
import { importGenerated, removeGenerated } from './support/transpile.js';
import { loadTemplates } from '../../generator/emit/templates.js';

afterAll(removeGenerated);

const load = (files: { path: string; contents: string }[], module: string) => importGenerated<Record<string, (x: unknown) => unknown>>(files, module);

const placed = event(
  'OrderPlaced',
  {
    version: 2,
    fields: {
      keep: 'string',
      keepOptional: 'string',
      'optionalKept?': 'string',
      renamedTo: 'string',
      filledIfMissing: 'string',
      added: { type: 'int' },
      'addedOptional?': 'string',
      'addedOptionalWithDefault?': { type: 'string' },
    },
    previous: [
      {
        version: 1,
        fields: { keep: 'string', 'keepOptional?': 'string', 'optionalKept?': 'string', renamedFrom: 'string', 'filledIfMissing?': 'string', dropped: 'string' },
        upcast: { kind: 'declarative', renames: { renamedFrom: 'renamedTo' }, defaults: { added: 7, addedOptionalWithDefault: 'd', filledIfMissing: 'f', keepOptional: 'k' } },
      },
    ],
  },
  'Sales',
);
placed.aggregate = undefined; // types come from external-events.ts then; irrelevant once erased
const files = planEvolutionFiles(model(context('Sales', { events: [placed] })), loadTemplates());

describe('generated declarative upcast steps', () => {
  it('build the next version field by field: kept, renamed, defaulted, dropped', async () => {
    const mod = await load(files, 'src/sales/evolution/upcasters.js');
    const full = { keep: 'a', keepOptional: 'b', optionalKept: 'c', renamedFrom: 'r', filledIfMissing: 'x', dropped: 'gone' };
    expect(mod.upcastOrderPlacedV1!(full)).toEqual({ keep: 'a', keepOptional: 'b', optionalKept: 'c', renamedTo: 'r', filledIfMissing: 'x', added: 7, addedOptionalWithDefault: 'd' });
    const sparse = { keep: 'a', renamedFrom: 'r' };
    expect(mod.upcastOrderPlacedV1!(sparse)).toEqual({ keep: 'a', keepOptional: 'k', renamedTo: 'r', filledIfMissing: 'f', added: 7, addedOptionalWithDefault: 'd' });
  });

  it('upcast by metadata stamp, by shape when unstamped, and leave current events alone; downcast stamps', async () => {
    const mod = await load(files, 'src/sales/evolution/upcasters.js');
    const v1 = { type: 'OrderPlaced', data: { keep: 'a', renamedFrom: 'r', dropped: 'd' } };
    const upcast = mod.upcastSalesEvent!({ ...v1, metadata: { schemaVersion: 1, streamName: 's' } }) as { data: Record<string, unknown>; metadata: Record<string, unknown> };
    expect(upcast.metadata).toEqual({ schemaVersion: 2, streamName: 's' });
    expect(upcast.data.renamedTo).toBe('r');
    expect((mod.upcastSalesEvent!(v1) as { data: Record<string, unknown> }).data.renamedTo).toBe('r'); // recognised by its v1 shape
    const current = { type: 'OrderPlaced', data: (upcast as { data: unknown }).data, metadata: { schemaVersion: 2 } };
    expect(mod.upcastSalesEvent!(current)).toBe(current);
    const other = { type: 'SomethingElse', data: {} };
    expect(mod.upcastSalesEvent!(other)).toBe(other);
    expect((mod.downcastSalesEvent!({ type: 'OrderPlaced', data: {} }) as { metadata: unknown }).metadata).toEqual({ schemaVersion: 2 });
    const index = await load(files, 'src/evolution/index.js');
    expect((index.upcastEvent!({ ...v1, metadata: { schemaVersion: 1 } }) as { metadata: unknown }).metadata).toEqual({ schemaVersion: 2 });
  });

  it('throw a clear error when the next version needs a value the model does not give', async () => {
    const broken = event('Shipped', { version: 2, fields: { id: 'uuid', carrier: 'string' }, previous: [{ version: 1, fields: { id: 'uuid' } }] }, 'Sales');
    const mod = await load(planEvolutionFiles(model(context('Sales', { events: [broken] })), loadTemplates()), 'src/sales/evolution/upcasters.js');
    expect(() => mod.upcastShippedV1!({ id: 'x' })).toThrow('cannot upcast: Shipped v1 -> v2 has no value for "carrier"');
  });

  it('plan deterministic outputs with the right ownership', () => {
    const again = planEvolutionFiles(model(context('Sales', { events: [placed] })), loadTemplates());
    expect(again.map((f) => [f.path, f.ownership])).toEqual(files.map((f) => [f.path, f.ownership]));
    expect(again.map((f) => f.contents)).toEqual(files.map((f) => f.contents));
    expect(files.map((f) => [f.path, f.ownership])).toEqual([
      ['src/evolution/index.ts', 'generated'],
      ['src/evolution/support.ts', 'generated'],
      ['src/sales/evolution/upcasters.ts', 'generated'],
      ['test/museum/sales.museum.test.ts', 'generated'],
      ['test/museum/sales/OrderPlaced.v1.json', 'scaffold'],
      ['test/museum/sales/OrderPlaced.v2.json', 'scaffold'],
    ]);
  });
});
