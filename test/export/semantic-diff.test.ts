// diffModels on edited copies of models/shop: no changes against itself, element renames follow
// their references, links rewired, breaking schema changes flagged by the compatibility engine.
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/semantic-diff.js';
import { renderText } from '../../generator/diff/render.js';
import type { Model } from '../../generator/model/types.js';
import { loadExample } from '../generated-project/support.js';

const shop = (): Model => loadExample('shop');
const ctx = (m: Model, name: string) => m.contexts.find((c) => c.name === name)!;

describe('diffModels', () => {
  it('finds no changes between a model and itself', () => {
    expect(diffModels(shop(), shop())).toEqual({ changes: [], summary: {} });
  });

  it('reports a renamed policy once, not as removed + added', () => {
    const after = shop();
    const policy = ctx(after, 'Payments').policies.find((p) => p.name === 'CaptureWhenCharged')!;
    policy.name = 'CaptureOnCharge';
    expect(renderText(diffModels(shop(), after), 'main')).toBe('Domain changes against main: 1 renamed\n~ policy Payments.CaptureWhenCharged renamed to CaptureOnCharge\n');
  });

  it('reports a rewired policy as link changes', () => {
    const after = shop();
    const policy = ctx(after, 'Payments').policies.find((p) => p.name === 'FailWhenDeclined')!;
    policy.issues = [{ ...policy.issues[0]!, name: 'RefundPayment' }];
    const text = renderText(diffModels(shop(), after), 'main');
    expect(text).toContain('~ policy Payments.FailWhenDeclined\n    link added: issues: RefundPayment\n    link removed: issues: FailPayment\n');
  });

  it('flags a field removed from a published event without a version bump as breaking', () => {
    const after = shop();
    const event = ctx(after, 'Payments').events.find((e) => e.name === 'PaymentCaptured')!;
    event.fields = event.fields.filter((f) => f.name !== 'gatewayReference');
    const diff = diffModels(shop(), after);
    expect(diff.summary.breaking).toBe(1);
    const change = diff.changes[0]!;
    expect(change.change === 'changed' && change.schema?.verdict).toBe('breaking');
  });
});

describe('diffModels: constraints and deprecation (issue 17 items 7, 8)', () => {
  it('reports a tightened bound and a deprecated field of a command as changed fields', () => {
    const after = shop();
    const place = ctx(after, 'Ordering').commands.find((c) => c.name === 'PlaceOrder')!;
    place.fields = place.fields.map((f) => (f.name === 'customerId' ? { ...f, deprecated: 'use the session' } : f));
    const line = ctx(after, 'Ordering').valueObjects.find((v) => v.name === 'OrderLine')!;
    line.fields = line.fields.map((f) => (f.name === 'quantity' ? { ...f, constraints: { min: 1, max: 99 } } : f));
    const text = renderText(diffModels(shop(), after), 'main');
    expect(text).toContain('customerId: uuid -> uuid (deprecated)');
    expect(text).toContain('quantity: int (min 1) -> int (min 1, max 99)');
  });
});

describe('diffModels: constraints written in another order', () => {
  it('are the same field (found by the valid-model arbitrary through the ESDM round trip)', () => {
    const before = shop();
    const after = shop();
    const edit = (m: Model, constraints: Record<string, unknown>) => {
      const line = ctx(m, 'Ordering').valueObjects.find((v) => v.name === 'OrderLine')!;
      line.fields = line.fields.map((f) => (f.name === 'sku' ? { ...f, constraints } : f));
    };
    edit(before, { maxLength: 20, minLength: 1, pattern: '^[A-Z]' });
    edit(after, { pattern: '^[A-Z]', minLength: 1, maxLength: 20 });
    expect(diffModels(before, after).changes).toEqual([]);
  });
});

describe('diffModels: policy mappings and lifecycle facts (issue 17 leftovers)', () => {
  it('reports `with:` entries added, removed and re-pointed, a `creates` marker, retiring and renaming an event', () => {
    const after = shop();
    const payments = ctx(after, 'Payments');
    const policy = payments.policies.find((p) => p.name === 'RequestPaymentForNewOrder')!;
    const loc = policy.loc;
    policy.with = [
      { field: 'amount', source: { kind: 'path', path: ['lines'] }, loc },
      { field: 'orderId', source: { kind: 'path', path: ['orderId'] }, loc },
    ] as typeof policy.with;
    const request = payments.commands.find((c) => c.name === 'RequestPayment')!;
    request.creates = true;
    const captured = payments.events.find((e) => e.name === 'PaymentCaptured')!;
    captured.retired = true;
    captured.formerly = [{ name: 'PaymentTaken', loc }];
    const text = renderText(diffModels(shop(), after), 'main');
    expect(text).toContain('~ policy Payments.RequestPaymentForNewOrder\n    with: amount: total -> lines\n    with: orderId: orderId added\n    with: paymentId: $newId removed\n');
    expect(text).toContain('~ command Payments.RequestPayment\n    now marked `creates: true` (starts its aggregate)\n');
    expect(text).toContain('~ event Payments.PaymentCaptured\n    retired (no command emits it any more)\n    former names: [] -> [PaymentTaken]\n');
    expect(diffModels(after, after).changes).toEqual([]);
  });
});
