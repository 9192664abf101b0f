// The serializer on hand-written files: what it keeps, what it rewrites, and its self-check.
import { createPatch } from 'diff';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadContextFile, serializeChecked, serializeContext, type BoundedContext } from '../../../generator/model/index.js';
import { withoutPositions } from './strip.js';

const HAND_WRITTEN = `# yaml-language-server: $schema=../../generator/model/stormsmith.schema.json
# Ordering, after the second workshop.
stormsmith: 1
context: Ordering
description: >-
  Customers place orders.

aggregates:
    # The order is the consistency boundary.
    Order:
        identity: orderId   # uuid
        invariants: [An order has at least one line]

commands:
  PlaceOrder: { aggregate: Order, emits: [OrderPlaced] }

  # Cancelling is only possible before shipping.
  CancelOrder:
    aggregate: Order
    emits: [OrderCancelled]

events:
  OrderPlaced: { aggregate: Order, version: 1 }
  OrderCancelled:
    aggregate: Order
    version: 1

policies: { NotifyOnCancel: { on: [OrderCancelled], issues: [PlaceOrder] } }
`;

function load(text: string): BoundedContext {
  const result = loadContextFile({ path: 'ordering.yaml', text });
  expect(result.diagnostics).toEqual([]);
  return result.context!;
}

/** Only the +/- lines of a unified diff, for readable assertions. */
function changes(before: string, after: string): string[] {
  return createPatch('f', before, after)
    .split('\n')
    .slice(4)
    .filter((l) => /^[+-]/.test(l));
}

describe('serializeContext with the previous text', () => {
  it('writes an unchanged model back byte for byte (comments, flow style, indentation)', () => {
    expect(serializeContext(load(HAND_WRITTEN), HAND_WRITTEN)).toBe(HAND_WRITTEN);
  });

  it('rewrites only the changed element', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.commands[1]!.rejects.push({ name: 'AlreadyShipped', loc: ctx.loc });
    const after = serializeContext(ctx, HAND_WRITTEN);
    expect(changes(HAND_WRITTEN, after)).toEqual(['+    rejects: [AlreadyShipped]']);
    expect(after).toContain('  # Cancelling is only possible before shipping.\n');
    expect(withoutPositions(load(after))).toEqual(withoutPositions(ctx));
  });

  it('rewrites a flow-style element as block, keeping its neighbours', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.events[0]!.version = 2;
    expect(changes(HAND_WRITTEN, serializeContext(ctx, HAND_WRITTEN))).toEqual([
      '-  OrderPlaced: { aggregate: Order, version: 1 }',
      '+  OrderPlaced:',
      '+    aggregate: Order',
      '+    version: 2',
    ]);
  });

  it('keeps the indentation of a section that uses 4 spaces for new elements', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.aggregates.push({ ...ctx.aggregates[0]!, name: 'Invoice', identity: 'invoiceId', invariants: [] });
    expect(changes(HAND_WRITTEN, serializeContext(ctx, HAND_WRITTEN))).toEqual(['+    Invoice:', '+      identity: invoiceId']);
  });

  it('removes an element with the comment right above it', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.commands.splice(1, 1);
    expect(changes(HAND_WRITTEN, serializeContext(ctx, HAND_WRITTEN))).toEqual([
      '-  # Cancelling is only possible before shipping.',
      '-  CancelOrder:',
      '-    aggregate: Order',
      '-    emits: [OrderCancelled]',
    ]);
  });

  it('rewrites a flow-style section whole when one of its elements changes', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.policies[0]!.description = 'Tell the customer.';
    const after = serializeContext(ctx, HAND_WRITTEN);
    expect(changes(HAND_WRITTEN, after)).toEqual([
      '-policies: { NotifyOnCancel: { on: [OrderCancelled], issues: [PlaceOrder] } }',
      '+policies:',
      '+  NotifyOnCancel:',
      '+    description: Tell the customer.',
      '+    "on": [OrderCancelled]',
      '+    issues: [PlaceOrder]',
    ]);
  });

  it('inserts a new section at its canonical place and removes an emptied one', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.actors.push({ kind: 'actor', name: 'Customer', context: 'Ordering', loc: ctx.loc });
    ctx.policies = [];
    const after = serializeContext(ctx, HAND_WRITTEN);
    const expected = HAND_WRITTEN.replace('description: >-\n  Customers place orders.\n', '$&\nactors:\n  Customer: {}\n').replace(
      '\npolicies: { NotifyOnCancel: { on: [OrderCancelled], issues: [PlaceOrder] } }\n',
      '',
    );
    expect(after).toBe(expected);
    expect(after.indexOf('actors:')).toBeLessThan(after.indexOf('aggregates:'));
  });

  it('changes the description in the header only', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.description = 'Customers place and cancel orders.';
    expect(changes(HAND_WRITTEN, serializeContext(ctx, HAND_WRITTEN))).toEqual([
      '-description: >-',
      '-  Customers place orders.',
      '+description: Customers place and cancel orders.',
    ]);
  });

  it('keeps a BOM and CRLF line endings', () => {
    const crlf = `\uFEFF${HAND_WRITTEN.replace(/\n/g, '\r\n')}`;
    const ctx = load(crlf);
    expect(serializeContext(ctx, crlf)).toBe(crlf);
    ctx.events[1]!.published = true;
    const after = serializeContext(ctx, crlf);
    expect(after.startsWith('\uFEFF# yaml-language-server')).toBe(true);
    expect(after.split('\r\n').length).toBe(after.split('\n').length);
    expect(after).toContain('    published: true\r\n');
  });

  it('writes canonically, keeping the top comments, when the old text is not valid YAML', () => {
    const broken = '# my notes\nstormsmith: 1\ncontext: Ordering\nevents: [\n';
    const ctx = load(HAND_WRITTEN);
    const after = serializeContext(ctx, broken);
    expect(after.startsWith('# my notes\nstormsmith: 1\ncontext: Ordering\n')).toBe(true);
    expect(withoutPositions(load(after))).toEqual(withoutPositions(ctx));
  });
});

describe('YAML 1.1 compatibility of written strings', () => {
  it('quotes strings a YAML 1.1 reader would take for something else', () => {
    const ctx = load(HAND_WRITTEN);
    const tricky = ['yes', 'No', 'on', 'OFF', 'y', '1.10', '0o17', '0x1F', '1_000', '2026-12-17', '12:30:00', '~', 'null', '.inf', '<<', '='];
    ctx.aggregates[0]!.invariants = tricky.map((text) => ({ text, loc: ctx.loc }));
    const text = serializeContext(ctx);
    const asYaml11 = parseDocument(text, { version: '1.1' }).toJS() as { aggregates: { Order: { invariants: unknown[] } } };
    expect(asYaml11.aggregates.Order.invariants).toEqual(tricky);
    expect(load(text).aggregates[0]!.invariants.map((i) => i.text)).toEqual(tricky);
  });
});

describe('serializeChecked (write self-check)', () => {
  it('returns the text when it reads back as the model', () => {
    const ctx = load(HAND_WRITTEN);
    expect(serializeChecked(ctx, HAND_WRITTEN)).toEqual({ ok: true, text: HAND_WRITTEN });
  });

  it('refuses with E_SERIALIZATION_MISMATCH when the model cannot be written faithfully', () => {
    const ctx = load(HAND_WRITTEN);
    // An event with both an aggregate and a source cannot be read back.
    ctx.events[0]!.source = { name: 'Gateway', loc: ctx.loc };
    const result = serializeChecked(ctx, HAND_WRITTEN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'E_SERIALIZATION_MISMATCH', severity: 'error', file: 'ordering.yaml', line: 1, col: 1 });
    expect(result.diagnostics[0]!.hint).toContain('left unchanged');
  });

  it('refuses a type the loader would read differently', () => {
    const ctx = load(HAND_WRITTEN);
    ctx.aggregates[0]!.state.push({ name: 'status', optional: false, type: { kind: 'enum', values: ['open', 'two words'] }, typeText: 'x', loc: ctx.loc });
    const result = serializeChecked(ctx);
    expect(result.ok).toBe(false);
  });
});

describe('files with structural errors', () => {
  // A hand-written file with problems the canvas did not touch: a misspelt key, an event the
  // loader cannot read (its aggregate is not a name), and an unknown section.
  const BROKEN = `stormsmith: 1
context: Ordering
aggregates:
  Order:
    identity: orderId
commands:
  PlaceOrder:
    aggregate: Order
    emits: [OrderPlaced]
    descripton: typo kept
events:
  Orphan:
    aggregate: { name: Order }
    version: 1
  OrderPlaced:
    aggregate: Order
notes: free text the loader does not know
`;
  const loaded = () => {
    const result = loadContextFile({ path: 'ordering.yaml', text: BROKEN });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['E_TYPE', 'E_UNKNOWN_FIELD', 'E_UNKNOWN_FIELD']);
    return result.context!;
  };

  it('an edit elsewhere keeps what the loader could not read', () => {
    const ctx = loaded();
    expect(ctx.events.map((e) => e.name)).toEqual(['OrderPlaced']);
    ctx.events[0]!.version = 2;
    const after = serializeContext(ctx, BROKEN);
    expect(changes(BROKEN, after)).toEqual(['+    version: 2']);
    const checked = serializeChecked(ctx, BROKEN);
    expect(checked).toEqual({ ok: true, text: after });
  });

  it('adding an element keeps the unreadable one', () => {
    const ctx = loaded();
    ctx.events.push({ ...ctx.events[0]!, name: 'OrderCancelled' });
    const after = serializeContext(ctx, BROKEN);
    expect(changes(BROKEN, after)).toEqual(['+  OrderCancelled:', '+    aggregate: Order', '+    version: 1']);
  });

  it('the self-check still refuses new errors', () => {
    const ctx = loaded();
    ctx.events[0]!.source = { name: 'Gateway', loc: ctx.loc };
    const result = serializeChecked(ctx, BROKEN);
    expect(result.ok).toBe(false);
  });
});
