// Issue 17 (5): a policy that reads a read model, in the generated shop. The refund policy's
// logic, written as a user would against the generated types, finds the order's payment in
// PaymentsByOrder through the typed reader the wiring hands it; strict tsc holds the logic to the
// document's type; the generated wiring, run on an in-memory store with the read model, issues the
// refund for a captured payment and nothing for an order without one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useGeneratedCopy } from './example-project.js';
import { GENERATED_RUN_TIMEOUT, runGeneratedTests, runTool } from './support.js';

const REFUND_LOGIC = `// Written by hand, as a user would.
import type { PolicyTrigger } from '../../runtime/index.js';
import type { OrderCancelled } from '../../ordering/order/events.js';
import type { RefundPayment } from '../payment/commands.js';
import type { RefundCancelledOrderReads } from './refund-cancelled-order.js';

export async function reactRefundCancelledOrderOnOrderCancelled(event: OrderCancelled, _trigger: PolicyTrigger, reads: RefundCancelledOrderReads): Promise<RefundPayment | RefundPayment[]> {
  const payment = await reads.paymentsByOrder.get(event.data.orderId);
  if (payment === null || payment.status !== 'captured') return [];
  return { type: 'RefundPayment', data: { paymentId: payment.paymentId, reason: event.data.reason } };
}
`;

const PROJECTION_LOGIC = `// Written by hand, as a user would.
import type { PaymentCaptured, PaymentFailed, PaymentRefunded, PaymentRequested } from '../payment/events.js';
import type { PaymentsByOrder } from './payments-by-order.js';

export function onPaymentRequested(_document: PaymentsByOrder | null, event: PaymentRequested): PaymentsByOrder | null {
  return { orderId: event.data.orderId, paymentId: event.data.paymentId, status: 'pending', amount: event.data.amount };
}
export function onPaymentCaptured(document: PaymentsByOrder | null, _event: PaymentCaptured): PaymentsByOrder | null {
  return document && { ...document, status: 'captured' };
}
export function onPaymentFailed(document: PaymentsByOrder | null, _event: PaymentFailed): PaymentsByOrder | null {
  return document && { ...document, status: 'failed' };
}
export function onPaymentRefunded(document: PaymentsByOrder | null, _event: PaymentRefunded): PaymentsByOrder | null {
  return document && { ...document, status: 'refunded' };
}
`;

const CASE = `import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/runtime/index.js';
import { paymentsByOrderInMemoryProjection } from '../../src/payments/projections/payments-by-order.js';
import { reactRefundCancelledOrder, refundCancelledOrderReads } from '../../src/payments/policies/refund-cancelled-order.js';

it('the refund policy reads PaymentsByOrder through its typed reader', async () => {
  const store = createInMemoryEventStore({ projections: [paymentsByOrderInMemoryProjection] });
  const [orderId, paymentId, otherOrder] = [randomUUID(), randomUUID(), randomUUID()];
  const amount = { amount: 2500, currency: 'EUR' as const };
  await store.appendToStream('payments_payment-' + paymentId, [
    { type: 'PaymentRequested', data: { paymentId, orderId, amount } },
    { type: 'PaymentCaptured', data: { paymentId, orderId, amount, gatewayReference: 'ch_1' } },
  ]);
  const reads = refundCancelledOrderReads(store);
  expect(await reads.paymentsByOrder.get(orderId)).toEqual({ orderId, paymentId, status: 'captured', amount });
  const cancelled = (id: string) => ({ type: 'OrderCancelled' as const, data: { orderId: id, reason: 'customer-request' as const } });
  expect(await reactRefundCancelledOrder(cancelled(orderId), undefined, reads)).toEqual({ type: 'RefundPayment', data: { paymentId, reason: 'customer-request' } });
  expect(await reactRefundCancelledOrder(cancelled(otherOrder), undefined, reads)).toEqual([]);
});
`;

describe('a policy that reads a read model (generated shop)', () => {
  // It writes logic and a test into the project: a private copy (ADR 0107).
  const project = useGeneratedCopy('shop');

  it('gets typed read access: strict tsc passes, and the wiring hands the logic the read model', () => {
    const dir = project();
    writeFileSync(join(dir, 'src/payments/policies/refund-cancelled-order.logic.ts'), REFUND_LOGIC);
    writeFileSync(join(dir, 'src/payments/projections/payments-by-order.logic.ts'), PROJECTION_LOGIC);
    writeFileSync(join(dir, 'test/payments/refund-reads.test.ts'), CASE);
    const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
    expect(tsc.output).toBe('');
    // A wrong use of the document is a compile error, not a runtime surprise.
    writeFileSync(join(dir, 'src/payments/policies/refund-cancelled-order.logic.ts'), REFUND_LOGIC.replace("payment.status !== 'captured'", "payment.status !== 'settled'"));
    expect(runTool(dir, 'tsc', ['-p', 'tsconfig.json']).output).toMatch(/refund-cancelled-order\.logic\.ts.*TS2367/);
    writeFileSync(join(dir, 'src/payments/policies/refund-cancelled-order.logic.ts'), REFUND_LOGIC);
    const { run, outcomes } = runGeneratedTests(dir, ['test/payments/refund-reads.test.ts', 'test/payments/policies/refund-cancelled-order.test.ts']);
    expect(run.status, run.output).toBe(0);
    expect(outcomes.map((o) => `${o.file}: ${o.status}`).sort()).toEqual([
      'test/payments/policies/refund-cancelled-order.test.ts: passed',
      'test/payments/refund-reads.test.ts: passed',
    ]);
  }, GENERATED_RUN_TIMEOUT);
});
