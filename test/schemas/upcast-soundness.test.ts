// Soundness of the upcast-aware gate, end to end with the generated code: for random pairs of
// versions and random declarative upcasts (renames, defaults), whenever the gate accepts the
// step, the *generated* upcaster turns every valid v1 value into a valid v2 value (ajv).
// Fixed seed; one generated module for all cases (transpiled once).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { planEvolutionFiles } from '../../generator/emit/evolution/index.js';
import type { Event, JsonValue } from '../../generator/model/types.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { eventJsonSchema, SCHEMA_ANNOTATION_KEYWORDS } from '../../generator/schemas/json-schema.js';
import { emptyRegistry } from '../../generator/schemas/registry/types.js';
import { valueArb } from './support/arbitraries.js';
import { context, event, model, type FieldSpec } from './support/model.js';
import { importGenerated, removeGenerated } from './support/transpile.js';
import { loadTemplates } from '../../generator/emit/templates.js';

afterAll(removeGenerated);

const NAMES = ['a', 'b', 'c', 'd'];
const TYPES = ['string', 'int', 'number', 'boolean', 'enum(x|y)'];
const DEFAULTS: JsonValue[] = ['x', 'z', 1, 2.5, true];

const fieldsArb = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 })
  .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.constantFrom(...TYPES), { minLength: names.length, maxLength: names.length }), fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length })))
  .map(([names, types, optional]) => Object.fromEntries(names.map((n, i) => [optional[i] ? `${n}?` : n, types[i]!])) as Record<string, string | FieldSpec>);

/** v2 derived from v1 the way real evolutions are: fields kept, dropped, renamed, retyped, added. */
const caseArb = fieldsArb.chain((v1) => {
  const v1Fields = Object.entries(v1).map(([k, t]) => ({ name: k.replace('?', ''), optional: k.endsWith('?'), type: t as string }));
  const free = ['e', 'f', 'g'];
  return fc
    .record({
      fates: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'drop', 'rename', 'flip', 'retype'), { minLength: v1Fields.length, maxLength: v1Fields.length }),
      added: fc.array(fc.record({ type: fc.constantFrom(...TYPES), optional: fc.boolean() }), { maxLength: 2 }),
      newType: fc.constantFrom(...TYPES),
      defaultPicks: fc.array(fc.constantFrom(...DEFAULTS), { minLength: 6, maxLength: 6 }),
      withDefault: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ fates, added, newType, defaultPicks, withDefault }) => {
      const v2: Record<string, string> = {};
      const renames: Record<string, string> = {};
      const names: string[] = [];
      v1Fields.forEach((f, i) => {
        const fate = fates[i]!;
        if (fate === 'drop') return;
        const name = fate === 'rename' ? free[i % free.length]! : f.name;
        if (fate === 'rename') renames[f.name] = name;
        const optional = fate === 'flip' ? !f.optional : f.optional;
        v2[optional ? `${name}?` : name] = fate === 'retype' ? newType : f.type;
        names.push(name);
      });
      added.forEach((a, i) => {
        const name = `n${i}`;
        v2[a.optional ? `${name}?` : name] = a.type;
        names.push(name);
      });
      if (Object.keys(v2).length === 0) v2.z = 'string';
      const defaults: Record<string, JsonValue> = {};
      [...names, 'z'].forEach((n, i) => {
        if (withDefault[i % 6] && Object.keys(v2).some((k) => k.replace('?', '') === n)) defaults[n] = defaultPicks[i % 6]!;
      });
      return { v1, v2, renames, defaults };
    });
});

describe('upcast soundness (gate + generated upcasters)', () => {
  it('accepted declarative steps turn every valid v1 value into a valid v2 value', async () => {
    const cases = fc.sample(caseArb, { numRuns: 300, seed: 20261126 });
    const events: Event[] = cases.map((c, i) =>
      event(`E${i}`, { version: 2, fields: c.v2, previous: [{ version: 1, fields: c.v1, upcast: { kind: 'declarative', renames: c.renames, defaults: c.defaults } }] }, 'Sales'),
    );
    const m = model(context('Sales', { events }));
    const errorsByEvent = new Map<string, number>();
    for (const d of evaluateGate(m, emptyRegistry()).diagnostics) {
      if (d.severity !== 'error') continue;
      const e = events.find((x) => x.loc.line === d.line || x.fields.some((f) => f.loc.line === d.line) || x.previousVersions.some((p) => p.loc.line === d.line));
      errorsByEvent.set(e!.name, (errorsByEvent.get(e!.name) ?? 0) + 1);
    }
    const mod = await importGenerated<Record<string, (data: unknown) => unknown>>(planEvolutionFiles(m, loadTemplates()), 'src/sales/evolution/upcasters.js');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const k of SCHEMA_ANNOTATION_KEYWORDS) ajv.addKeyword(k);

    let accepted = 0;
    let checked = 0;
    for (const e of events) {
      if (errorsByEvent.has(e.name)) continue;
      accepted++;
      const v1 = ajv.compile(eventJsonSchema(m, e, 1));
      const v2 = ajv.compile(eventJsonSchema(m, e, 2));
      for (const value of fc.sample(valueArb(eventJsonSchema(m, e, 1)), { numRuns: 30, seed: accepted })) {
        if (!v1(value)) continue;
        checked++;
        const out = mod[`upcast${e.name}V1`]!(value);
        expect(v2(out), `${e.name}: v1 ${JSON.stringify(value)} -> ${JSON.stringify(out)} is not valid v2; upcast ${JSON.stringify(e.previousVersions[0]!.upcast)}; ${JSON.stringify(v2.errors)}`).toBe(true);
      }
    }
    // Non-vacuity: the gate accepts a good share of the random steps, and rejects others.
    expect(accepted).toBeGreaterThan(30);
    expect(accepted).toBeLessThan(events.length);
    expect(checked).toBeGreaterThan(500);
    console.log(`upcast soundness: ${accepted} of ${events.length} random steps accepted by the gate, ${checked} v1 values upcast and validated`);
  });
});
