// The v1 syntax, construct by construct: what loads into what, and what is reported where.
import { describe, expect, it } from 'vitest';
import { parseTypeText } from '../../../generator/model/index.js';
import { codes, HEADER, load, loadFiles, only, positionOf } from './helpers.js';

const ctxOf = (text: string) => {
  const result = load(text);
  expect(result.diagnostics).toEqual([]);
  return result.model!.contexts[0]!;
};

describe('short field types', () => {
  it.each([
    ['uuid', { kind: 'primitive', name: 'uuid' }, false],
    ['Money[]', { kind: 'array', of: { kind: 'ref', name: 'Money' } }, false],
    ['string?', { kind: 'primitive', name: 'string' }, true],
    ['int[][]?', { kind: 'array', of: { kind: 'array', of: { kind: 'primitive', name: 'int' } } }, true],
    ['enum(a|b|c)', { kind: 'enum', values: ['a', 'b', 'c'] }, false],
    ['enum( open | closed )[]', { kind: 'array', of: { kind: 'enum', values: ['open', 'closed'] } }, false],
  ])('%s', (text, type, optional) => {
    expect(parseTypeText(text)).toEqual({ ok: true, type, optional });
  });
  it.each(['', 'string??', 'enum()', 'enum(a||b)', 'enum(a|a)', 'Money[', 'two words', 'a.b.c', '[]'])('rejects %j', (text) => {
    expect(parseTypeText(text).ok).toBe(false);
  });
});

describe('fields', () => {
  const text = `${HEADER}valueObjects:
  V:
    fields:
      plain: uuid
      channel?: string
      note: string?
      amount: { type: money, description: Price in cents, default: 0, unit: cents }
      flag: { type: boolean, optional: true }
      raw: { schema: { type: object, properties: { a: { type: string } } }, description: Anything }
`;
  it('short, optional, long and JSON Schema forms', () => {
    const [plain, channel, note, amount, flag, raw] = ctxOf(text).valueObjects[0]!.fields;
    expect(plain).toMatchObject({ name: 'plain', optional: false, typeText: 'uuid', type: { kind: 'primitive', name: 'uuid' } });
    expect(channel).toMatchObject({ name: 'channel', optional: true, typeText: 'string' });
    expect(note).toMatchObject({ name: 'note', optional: true, typeText: 'string?' });
    expect(amount).toMatchObject({ name: 'amount', longForm: true, description: 'Price in cents', default: 0, unit: 'cents', optional: false });
    expect(flag).toMatchObject({ name: 'flag', optional: true, longForm: true });
    expect(raw).toMatchObject({ name: 'raw', typeText: 'schema', description: 'Anything', type: { kind: 'schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } });
    expect(plain!.loc).toMatchObject(positionOf(text, 'plain'));
  });
  it('bad short type -> E_TYPE_SYNTAX at the type', () => {
    const bad = `${HEADER}valueObjects:\n  V:\n    fields:\n      a: enum(x y)\n`;
    const d = only(load(bad).diagnostics, 'E_TYPE_SYNTAX');
    expect(d).toMatchObject(positionOf(bad, 'enum(x y)'));
    expect(d.hint).toContain('enum(open|closed)');
  });
  it('a field that is neither a type nor a map -> E_TYPE', () => {
    const bad = `${HEADER}valueObjects:\n  V:\n    fields:\n      a: 12\n      b: [x]\n`;
    expect(codes(load(bad).diagnostics)).toEqual(['E_TYPE', 'E_TYPE']);
  });
  it('`true:` / `false:` as field names are refused like `null:` (booleans in YAML); quoted they are names', () => {
    const bad = `${HEADER}valueObjects:\n  V:\n    fields:\n      true: string\n      False: int\n      null: int\n`;
    const diagnostics = load(bad).diagnostics;
    expect(codes(diagnostics)).toEqual(['E_TYPE', 'E_TYPE', 'E_TYPE']);
    expect(diagnostics[0]).toMatchObject({ ...positionOf(bad, 'true:'), message: 'expected a plain name as key in fields of "fields", got boolean true' });
    expect(diagnostics[0]!.hint).toBe('`true` is a boolean in YAML: quote it ("true") if it is meant as a name, or choose another name');
    expect(diagnostics[1]).toMatchObject(positionOf(bad, 'False:'));
    const quoted = ctxOf(`${HEADER}valueObjects:\n  V:\n    fields:\n      "true": string\n`);
    expect(quoted.valueObjects[0]!.fields.map((f) => f.name)).toEqual(['true']);
  });
  it('long form without type -> E_MISSING_FIELD; misspelt key -> did-you-mean', () => {
    const bad = `${HEADER}valueObjects:\n  V:\n    fields:\n      a: { descripton: x }\n`;
    const diagnostics = load(bad).diagnostics;
    expect(codes(diagnostics).sort()).toEqual(['E_MISSING_FIELD', 'E_UNKNOWN_FIELD']);
    expect(only(diagnostics, 'E_UNKNOWN_FIELD').hint).toBe('did you mean "description"?');
  });
});

describe('names and references', () => {
  it('qualified names give NameRef.context', () => {
    const ctx = ctxOf(`${HEADER}policies:\n  P:\n    on: [Payments.PaymentCaptured, OrderPlaced]\n    issues: [Shipping.ShipOrder]\n`);
    expect(ctx.policies[0]!.on.map((r) => [r.context, r.name])).toEqual([
      ['Payments', 'PaymentCaptured'],
      [undefined, 'OrderPlaced'],
    ]);
    expect(ctx.policies[0]!.issues[0]).toMatchObject({ context: 'Shipping', name: 'ShipOrder' });
  });
  it('a name list must be a list of strings', () => {
    const text = `${HEADER}commands:\n  C:\n    aggregate: A\n    emits: X\n    rejects: [1]\n`;
    const diagnostics = load(text).diagnostics;
    expect(codes(diagnostics)).toEqual(['E_TYPE', 'E_TYPE']);
    expect(diagnostics[0]).toMatchObject(positionOf(text, 'X'));
    expect(diagnostics[1]!.message).toContain('got number 1');
  });
});

describe('events', () => {
  it('versions, previous versions, upcasts, reserved, published', () => {
    const ctx = ctxOf(`${HEADER}events:
  OrderPlaced:
    aggregate: Order
    version: 3
    published: true
    fields: { orderId: uuid, total: money }
    reserved: [discount]
    previousVersions:
      1:
        fields: { orderId: uuid, amount: int }
        upcast: { renames: { amount: total }, defaults: { currency: EUR } }
      2:
        fields: { orderId: uuid, total: money, discount: int }
        upcast: custom
`);
    const e = ctx.events[0]!;
    expect(e).toMatchObject({ version: 3, published: true, reserved: ['discount'], aggregate: { name: 'Order' } });
    expect(e.previousVersions.map((v) => [v.version, v.upcast])).toEqual([
      [1, { kind: 'declarative', defaults: { currency: 'EUR' }, renames: { amount: 'total' } }],
      [2, { kind: 'custom' }],
    ]);
    expect(e.previousVersions[0]!.fields.map((f) => f.name)).toEqual(['orderId', 'amount']);
  });
  it('defaults: version 1, not published', () => {
    expect(ctxOf(`${HEADER}events:\n  E: { source: Clock }\n`).events[0]).toMatchObject({ version: 1, published: false, previousVersions: [], reserved: [] });
  });
  it('has aggregate or source, not both; with neither it loads as a draft (a validator warning)', () => {
    const neither = `${HEADER}events:\n  E: { version: 1 }\n`;
    expect(load(neither).diagnostics).toEqual([]);
    expect(load(neither).model!.contexts[0]!.events.map((e) => e.name)).toEqual(['E']);
    const both = `${HEADER}events:\n  E: { aggregate: A, source: S }\n`;
    expect(only(load(both).diagnostics, 'E_CONFLICTING_FIELDS')).toMatchObject(positionOf(both, 'source'));
  });
  it('bad version and previous-version keys', () => {
    const text = `${HEADER}events:\n  E:\n    source: S\n    version: 0\n    previousVersions:\n      v1: { upcast: custom }\n      2: { upcast: magic }\n`;
    const diagnostics = load(text).diagnostics;
    expect(codes(diagnostics)).toEqual(['E_TYPE', 'E_TYPE', 'E_TYPE']);
    expect(diagnostics[0]!.message).toContain('at least 1');
    expect(diagnostics[1]).toMatchObject(positionOf(text, 'v1'));
    expect(diagnostics[2]).toMatchObject(positionOf(text, 'magic'));
  });
});

describe('specs', () => {
  const text = `${HEADER}specs:
  - name: happy
    given: [{ event: A, data: { n: 1 } }]
    when: { command: C, data: { id: x } }
    then: [{ event: B }]
  - name: refused
    when: { command: C }
    then: { rejects: Payments.Declined }
  - name: nothing
    when: { command: C }
    then: []
`;
  it('given / when / then in all three outcome forms', () => {
    const [happy, refused, nothing] = ctxOf(text).specs;
    expect(happy).toMatchObject({ name: 'happy', given: [{ type: { name: 'A' }, data: { n: 1 } }], when: { type: { name: 'C' }, data: { id: 'x' } } });
    expect(happy!.then).toMatchObject({ kind: 'events', events: [{ type: { name: 'B' }, data: {} }] });
    expect(refused!.then).toMatchObject({ kind: 'rejects', error: { context: 'Payments', name: 'Declined' } });
    expect(nothing!.then).toEqual({ kind: 'nothing' });
    expect(happy!.loc).toMatchObject(positionOf(text, 'name: happy'));
  });
  it('structural problems are reported', () => {
    const bad = `${HEADER}specs:\n  - name: s\n    when: C\n    then: 3\n  - just text\n`;
    expect(codes(load(bad).diagnostics)).toEqual(['E_TYPE', 'E_TYPE', 'E_TYPE']);
    const missing = `${HEADER}specs:\n  - name: s\n    then: []\n`;
    expect(only(load(missing).diagnostics, 'E_MISSING_FIELD').message).toContain('"when"');
  });
});

describe('context-level sections', () => {
  it('relationships, projections, hotspots, architecture', () => {
    const ctx = ctxOf(`${HEADER}description: The desk.
relationships:
  - { context: Catalogue, kind: conformist, description: Titles come from the catalogue. }
projections:
  P: { from: [A], key: id, lagTarget: 2s }
hotspots:
  - title: Who owns fines?
    about: [Loan, Catalogue.Title]
architecture:
  eventStore: { choice: emmett-postgresql }
  slas: [{ name: desk, target: 1s }]
  decisions: [{ title: One database, text: Events and read models share PostgreSQL. }]
  retry: { attempts: 3 }
`);
    expect(ctx.description).toBe('The desk.');
    expect(ctx.relationships[0]).toMatchObject({ context: 'Catalogue', kind: 'conformist', description: 'Titles come from the catalogue.' });
    expect(ctx.projections[0]).toMatchObject({ consistency: 'eventual', lagTarget: '2s', fields: [] });
    expect(ctx.hotspots[0]).toMatchObject({ name: 'Who owns fines?', about: [{ name: 'Loan' }, { context: 'Catalogue', name: 'Title' }] });
    expect(ctx.architecture).toMatchObject({ eventStore: { choice: 'emmett-postgresql' }, slas: [{ name: 'desk', target: '1s' }], decisions: [{ title: 'One database' }], retry: { attempts: 3 } });
  });
  it('closed value sets come with did-you-mean', () => {
    const text = `${HEADER}relationships:\n  - { context: C, kind: conformst }\nprojections:\n  P: { from: [A], key: id, consistency: strng }\n`;
    const diagnostics = load(text).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['E_INVALID_VALUE', 'did you mean "conformist"?'],
      ['E_INVALID_VALUE', 'did you mean "strong"?'],
    ]);
    expect(diagnostics[0]).toMatchObject(positionOf(text, 'conformst'));
  });
  it('format version and context name are required', () => {
    const v2 = 'stormsmith: 2\ncontext: X\n';
    const d = only(load(v2).diagnostics, 'E_FORMAT_VERSION');
    expect(d).toMatchObject({ line: 1, col: 13 });
    expect(codes(load('context: X\n').diagnostics)).toEqual(['E_MISSING_FIELD']);
    expect(codes(load('stormsmith: 1\n').diagnostics)).toEqual(['E_MISSING_FIELD']);
    expect(codes(load('- a\n- b\n').diagnostics)).toEqual(['E_TYPE']);
  });
  it('an element body of the wrong shape -> E_TYPE at the body', () => {
    const text = `${HEADER}aggregates:\n  Loan: [identity]\n`;
    expect(only(load(text).diagnostics, 'E_TYPE')).toMatchObject(positionOf(text, '[identity]'));
  });
});

describe('several files', () => {
  it('contexts come sorted by path, layouts attach to their domain file', () => {
    const result = loadFiles([
      { path: 'b/shipping.yaml', text: 'stormsmith: 1\ncontext: Shipping\n' },
      { path: 'a/ordering.layout.yaml', text: 'Order: { x: 1, y: 2 }\n' },
      { path: 'a/ordering.yaml', text: 'stormsmith: 1\ncontext: Ordering\n' },
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(result.model!.contexts.map((c) => [c.name, c.file])).toEqual([
      ['Ordering', 'a/ordering.yaml'],
      ['Shipping', 'b/shipping.yaml'],
    ]);
    expect(Object.keys(result.model!.layouts)).toEqual(['a/ordering.yaml']);
  });
  it('diagnostics name the file they belong to', () => {
    const result = loadFiles([
      { path: 'one.yaml', text: 'stormsmith: 1\ncontext: One\n' },
      { path: 'two.yaml', text: 'stormsmith: 1\ncontext: Two\nevnts: {}\n' },
    ]);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([['two.yaml', 3, 'E_UNKNOWN_FIELD']]);
    expect(result.model!.contexts.map((c) => c.name)).toEqual(['One', 'Two']);
  });
});
