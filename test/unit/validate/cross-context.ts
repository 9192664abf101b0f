// Two-context fixture for the cross-context rules: Billing reacts to Sales' SaleOpened.
import { ctx, CLEAN, type Files } from './helpers.js';

export function billing(opts: { relationship?: boolean; published?: boolean } = {}): Files {
  const sales = opts.published ? CLEAN['sales.yaml']!.replace('SaleOpened:\n    aggregate: Sale', 'SaleOpened:\n    published: true\n    aggregate: Sale') : CLEAN['sales.yaml']!;
  return {
    'sales.yaml': sales,
    'billing.yaml': ctx(
      'Billing',
      `
      ${opts.relationship ? 'relationships:\n        - { context: Sales, kind: customer-supplier }' : ''}
      aggregates:
        Invoice: { identity: invoiceId }
      commands:
        RaiseInvoice: { aggregate: Invoice, fields: { invoiceId: uuid, saleId: uuid }, emits: [InvoiceRaised] }
      events:
        InvoiceRaised: { aggregate: Invoice, published: true, fields: { invoiceId: uuid, saleId: uuid } }
      policies:
        InvoiceEverySale: { on: [SaleOpened], issues: [RaiseInvoice] }
      `,
    ),
  };
}
