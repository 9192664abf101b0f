// ESDM export and import: the examples round-trip (export -> import gives byte-identical model
// files and no semantic change), what ESDM cannot express is reported, hand-written ESDM without
// Stormsmith annotations imports with its gaps reported, and the CLI writes whole folders only.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/semantic-diff.js';
import { exportEsdm } from '../../generator/esdm/export.js';
import { importEsdm } from '../../generator/esdm/import.js';
import type { EsdmDocument } from '../../generator/esdm/types.js';
import { loadModel, serializeContext } from '../../generator/model/index.js';
import { validateModel } from '../../generator/model/validate/index.js';
import { runCli, tempTree } from '../cli/support.js';
import { loadExample } from '../generated-project/support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('ESDM round trip on the examples', () => {
  for (const example of ['shop', 'library']) {
    it(`models/${example}: export -> import gives the same model files, and reports every annotation`, () => {
      const model = loadExample(example);
      const exported = exportEsdm(model, example);
      for (const text of exported.files.values()) expect(parse(text).apiVersion).toBe('schema.esdm.io/core/v1');
      const back = importEsdm([...exported.files].map(([file, text]) => ({ file, doc: parse(text) })));
      expect(back.notes).toEqual([]);
      expect(diffModels(model, { contexts: back.contexts, layouts: {} }).changes).toEqual([]);
      for (const c of model.contexts) expect(serializeContext(back.contexts.find((x) => x.name === c.name)!)).toBe(serializeContext(c));
      // What ESDM cannot say is listed, never dropped silently: every event's version, for one.
      for (const e of model.contexts.flatMap((c) => c.events)) expect(exported.notes.some((n) => n.where === `${e.context}.${e.name}` && n.what.startsWith('version'))).toBe(true);
      expect(exported.notes.every((n) => n.fate !== 'dropped')).toBe(true);
    });
  }
});

describe('import of hand-written ESDM', () => {
  const docs = [
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'domain', name: 'golf-club' },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'bounded-context', name: 'round-play', scope: { domain: 'golf-club' } },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'aggregate', name: 'round', scope: { domain: 'golf-club', boundedContext: 'round-play' }, identifiedBy: { source: 'state', field: 'round-id' }, state: { type: 'object', properties: { roundId: { type: 'string', format: 'uuid' } }, required: ['roundId'] }, invariants: [{ name: 'one-start', rule: 'A round starts once.' }] },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'command', name: 'start-round', scope: { domain: 'golf-club', boundedContext: 'round-play', aggregate: 'round' }, data: { type: 'object', properties: { roundId: { type: 'string', format: 'uuid' }, holes: { type: 'integer' }, tee: { type: 'string', enum: ['white', 'yellow'] } }, required: ['roundId', 'holes'] }, publishes: ['round-started'], actors: ['player', 'marshal'] },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'event', name: 'round-started', scope: { domain: 'golf-club', boundedContext: 'round-play', aggregate: 'round' }, data: { type: 'object', properties: { roundId: { type: 'string', format: 'uuid' }, startedAt: { type: 'string', format: 'date-time' }, scores: { type: 'array', items: { type: 'integer' } }, odd: { type: 'string', minLength: 2 } }, required: ['roundId', 'startedAt'] } },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'actor', name: 'player', scope: { domain: 'golf-club', boundedContext: 'round-play' }, type: 'human' },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'actor', name: 'marshal', scope: { domain: 'golf-club', boundedContext: 'round-play' }, type: 'human' },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'read-model', name: 'rounds', scope: { domain: 'golf-club', boundedContext: 'round-play' }, schema: { type: 'object', properties: { roundId: { type: 'string' } } }, projections: [{ boundedContext: 'round-play', aggregate: 'round', event: 'round-started', rule: 'insert' }] },
    { apiVersion: 'schema.esdm.io/core/v1', kind: 'process-manager', name: 'tournament', scope: { domain: 'golf-club' } },
  ].map((doc, i) => ({ file: `d${i}.esdm.yaml`, doc: doc as unknown as EsdmDocument }));

  it('maps names, payload types and links, and reports what did not map', () => {
    const { contexts, notes } = importEsdm(docs);
    expect(contexts.map((c) => c.name)).toEqual(['RoundPlay']);
    const c = contexts[0]!;
    expect(c.aggregates[0]).toMatchObject({ name: 'Round', identity: 'roundId' });
    expect(c.commands[0]!.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.typeText}`)).toEqual(['roundId: uuid', 'holes: int', 'tee?: enum(white|yellow)']);
    expect(c.events[0]!.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.typeText}`)).toEqual(['roundId: uuid', 'startedAt: datetime', 'scores?: int[]', 'odd?: string']);
    // A keyword the long form has is a constraint, not a `schema:` field (issue 17 item 7).
    expect(c.events[0]!.fields[3]!.constraints).toEqual({ minLength: 2 });
    expect(c.commands[0]!.emits.map((e) => e.name)).toEqual(['RoundStarted']);
    expect(notes.map((n) => `${n.fate} ${n.where}: ${n.what.split(':')[0]}`)).toEqual([
      'dropped d3.esdm.yaml: more than one actor (player, marshal)',
      'approximated d7.esdm.yaml: no projection key',
      'dropped d8.esdm.yaml: ESDM kind "process-manager" has no Stormsmith counterpart',
    ]);
    // The result is a model Stormsmith loads.
    const loaded = loadModel(contexts.map((x) => ({ path: x.file, text: serializeContext(x) })));
    expect(loaded.ok).toBe(true);
    expect(loaded.model!.contexts[0]!.commands[0]!.name).toBe('StartRound');
  });
});

describe('stormsmith export esdm / import esdm', () => {
  it('exports models/shop and imports it back into a valid model with layouts', async () => {
    const { dir, cleanup } = tempTree({});
    cleanups.push(cleanup);
    const shop = fileURLToPath(new URL('../../models/shop', import.meta.url));
    const out = await runCli(['export', 'esdm', shop, '--out', 'esdm'], dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/wrote 47 documents/);
    expect(readdirSync(path.join(dir, 'esdm/ordering'))).toContain('event-order-placed.esdm.yaml');
    const back = await runCli(['import', 'esdm', 'esdm', '--out', 'model'], dir);
    expect(back.code).toBe(0);
    expect(readdirSync(path.join(dir, 'model')).sort()).toEqual(['ordering.layout.yaml', 'ordering.yaml', 'payments.layout.yaml', 'payments.yaml', 'shipping.layout.yaml', 'shipping.yaml']);
    expect(readFileSync(path.join(dir, 'model/ordering.yaml'), 'utf8')).toBe(serializeContext(loadExample('shop').contexts.find((c) => c.name === 'Ordering')!));
    const validate = await runCli(['validate', 'model'], dir);
    expect(validate.code).toBe(0);
    // A second export into the same folder is refused: nothing is overwritten.
    const again = await runCli(['export', 'esdm', shop, '--out', 'esdm'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty');
    expect(existsSync(path.join(dir, 'esdm.stormsmith-tmp-' + process.pid))).toBe(false);
  });
});

it('the imported shop validates without errors', () => {
  const exported = exportEsdm(loadExample('shop'), 'shop');
  const back = importEsdm([...exported.files].map(([file, text]) => ({ file, doc: parse(text) })));
  expect(validateModel({ contexts: back.contexts, layouts: {} }).filter((d) => d.severity === 'error')).toEqual([]);
});

describe('ESDM round trip of field constraints and deprecation (issue 17 items 7, 8)', () => {
  it('gives back the long-form keys', () => {
    const text =
      'stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\ncommands:\n  PlaceOrder:\n    aggregate: Order\n    fields:\n      orderId: uuid\n      quantity: { type: int, min: 1, max: 9 }\n    emits: [OrderPlaced]\nevents:\n  OrderPlaced:\n    aggregate: Order\n    published: true\n    fields:\n' +
      '      orderId: uuid\n      quantity: { type: int, min: 1, max: 9 }\n      total: { type: money, positive: true }\n      code: { type: string, minLength: 2, pattern: "^[A-Z]+$" }\n      tags: { type: "string[]", minItems: 1, maxLength: 5 }\n' +
      '      channel?: { type: string, description: Where it came from., deprecated: use source }\n      old?: { type: int, deprecated: true }\n';
    const model = loadModel([{ path: 'sales.yaml', text }]).model!;
    const exported = exportEsdm(model, 'sales');
    const back = importEsdm([...exported.files].map(([file, t]) => ({ file, doc: parse(t) })));
    expect(serializeContext(back.contexts[0]!)).toBe(serializeContext(model.contexts[0]!));
  });
});

describe('ESDM round trip of lifecycle facts (found by the merged valid-model arbitrary)', () => {
  it('gives back `creates`, `retired`, `formerly` and an actor\'s `reads`', () => {
    const text = [
      'stormsmith: 1',
      'context: Sales',
      'actors:',
      '  Clerk:',
      '    reads: [OrdersSeen]',
      'aggregates:',
      '  Order:',
      '    identity: orderId',
      'commands:',
      '  ImportOrder:',
      '    aggregate: Order',
      '    actor: Clerk',
      '    fields: { orderId: uuid }',
      '    emits: [OrderPlaced]',
      '  PlaceOrder:',
      '    aggregate: Order',
      '    fields: { orderId: uuid }',
      '    emits: [OrderPlaced]',
      '    creates: true',
      'events:',
      '  OrderPlaced:',
      '    aggregate: Order',
      '    formerly: [OrderMade]',
      '    fields: { orderId: uuid }',
      '  OrderVoided:',
      '    aggregate: Order',
      '    retired: true',
      '    fields: { orderId: uuid }',
      'projections:',
      '  OrdersSeen:',
      '    from: [OrderPlaced, OrderVoided]',
      '    key: orderId',
      '',
    ].join('\n');
    const loaded = loadModel([{ path: 'sales.yaml', text }]);
    expect(validateModel(loaded.model!).filter((d) => d.severity === 'error')).toEqual([]);
    const exported = exportEsdm(loaded.model!, 'sales');
    const back = importEsdm([...exported.files].map(([file, t]) => ({ file, doc: parse(t) })));
    expect(back.notes).toEqual([]);
    expect(serializeContext(back.contexts[0]!)).toBe(serializeContext(loaded.model!.contexts[0]!));
    expect(exported.notes.every((n) => n.fate !== 'dropped')).toBe(true);
  });
});

describe('ESDM round trip of `schema:` fields that look like constrained short forms', () => {
  it('gives back the escape hatch, not a `string` with a pattern', () => {
    const text = [
      'stormsmith: 1',
      'context: Sales',
      'aggregates:',
      '  Order:',
      '    identity: orderId',
      '    state:',
      '      size: { schema: { type: integer, minimum: 10, maximum: 20 } }',
      'commands:',
      '  PlaceOrder:',
      '    aggregate: Order',
      '    fields:',
      '      orderId: uuid',
      '      code: { schema: { type: string, pattern: "^[A-Z]{2}$" }, description: Two letters. }',
      '    emits: [OrderPlaced]',
      'events:',
      '  OrderPlaced:',
      '    aggregate: Order',
      '    published: true',
      '    fields:',
      '      orderId: uuid',
      '      code: { schema: { type: string, pattern: "^[A-Z]{2}$" } }',
      '      size: { schema: { type: integer, minimum: 10, maximum: 20 }, deprecated: true }',
      'projections:',
      '  Orders:',
      '    from: [OrderPlaced]',
      '    key: orderId',
      '    fields: { orderId: uuid, code: { schema: { type: string, pattern: "^[A-Z]{2}$" } } }',
      '',
    ].join('\n');
    const model = loadModel([{ path: 'sales.yaml', text }]).model!;
    expect(validateModel(model).filter((d) => d.severity === 'error')).toEqual([]);
    const exported = exportEsdm(model, 'sales');
    const back = importEsdm([...exported.files].map(([file, t]) => ({ file, doc: parse(t) })));
    expect(diffModels(model, { contexts: back.contexts, layouts: {} }).changes).toEqual([]);
    expect(serializeContext(back.contexts[0]!)).toBe(serializeContext(model.contexts[0]!));
  });
});

describe('ESDM round trip of value objects of one name in two contexts', () => {
  it('tells a field\'s description from its own context\'s value object\'s', () => {
    const ctx = (name: string, description: string) =>
      [
        'stormsmith: 1',
        `context: ${name}`,
        'valueObjects:',
        '  LineItem:',
        `    description: ${description}`,
        '    fields: { label: string }',
        'aggregates:',
        '  Loan:',
        '    identity: loanId',
        'commands:',
        '  MakeLoan:',
        '    aggregate: Loan',
        '    fields: { loanId: uuid, item: LineItem }',
        '    emits: [LoanMade]',
        'events:',
        '  LoanMade:',
        '    aggregate: Loan',
        '    fields: { loanId: uuid, item: LineItem }',
        '',
      ].join('\n');
    const model = loadModel([{ path: 'billing.yaml', text: ctx('Billing', 'A line of a bill.') }, { path: 'lending.yaml', text: ctx('Lending', 'A line of a loan.') }]).model!;
    const exported = exportEsdm(model, 'two');
    const back = importEsdm([...exported.files].map(([file, t]) => ({ file, doc: parse(t) })));
    for (const c of model.contexts) expect(serializeContext(back.contexts.find((x) => x.name === c.name)!)).toBe(serializeContext(c));
  });
});

describe('ESDM round trip of a deprecation reason over several lines', () => {
  it('gives back the reason, not a description starting "Deprecated:"', () => {
    const text = 'stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n  OrderPlaced:\n    aggregate: Order\n    fields:\n      orderId: uuid\n      old:\n        type: int\n        description: Was the count.\n        deprecated: "use size\\nfrom v3 on"\n      older: { type: int, deprecated: "two\\n\\nparagraphs" }\n';
    const model = loadModel([{ path: 'sales.yaml', text }]).model!;
    expect(model.contexts[0]!.events[0]!.fields[1]!.deprecated).toBe('use size\nfrom v3 on');
    const exported = exportEsdm(model, 'sales');
    const back = importEsdm([...exported.files].map(([file, t]) => ({ file, doc: parse(t) })));
    expect(serializeContext(back.contexts[0]!)).toBe(serializeContext(model.contexts[0]!));
  });
});

describe('ESDM round trip of a value-object field described like its value object', () => {
  it('keeps the field\'s own description when it is the value object\'s text', () => {
    const text = 'stormsmith: 1\ncontext: Sales\nvalueObjects:\n  Line:\n    description: One line.\n    fields: { sku: string }\naggregates:\n  Order:\n    identity: orderId\nevents:\n  OrderPlaced:\n    aggregate: Order\n    fields:\n      orderId: uuid\n      first: { type: Line, description: One line. }\n      second: Line\n';
    const model = loadModel([{ path: 'sales.yaml', text }]).model!;
    const exported = exportEsdm(model, 'sales');
    const back = importEsdm([...exported.files].map(([file, t]) => ({ file, doc: parse(t) })));
    expect(serializeContext(back.contexts[0]!)).toBe(serializeContext(model.contexts[0]!));
  });
});
