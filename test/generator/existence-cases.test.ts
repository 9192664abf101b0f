// The existence cases of a command's test file (test/<context>/<aggregate>.commands.test.ts) follow
// the model's existence rule, unless a model spec says what the command does in that situation:
// then the spec is the model's word, and an existence case would contradict it (found with a
// fresh clinic model: "raising an invoice that exists changes nothing", then: [], went red in the
// generated RaiseInvoice existence case once the logic followed the spec).
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/emit/templates.js';
import { plan } from '../../generator/plan.js';
import { loadYaml } from '../generated-project/model-project.js';

const commandsTest = async (specs: string): Promise<string> => {
  const model = loadYaml({
    'billing.yaml': `stormsmith: 1
context: Billing
aggregates:
  Invoice: { identity: invoiceId }
commands:
  RaiseInvoice: { aggregate: Invoice, creates: true, fields: { invoiceId: uuid }, emits: [InvoiceRaised] }
  SettleInvoice: { aggregate: Invoice, fields: { invoiceId: uuid }, emits: [InvoiceSettled] }
events:
  InvoiceRaised: { aggregate: Invoice, fields: { invoiceId: uuid } }
  InvoiceSettled: { aggregate: Invoice, fields: { invoiceId: uuid } }
${specs}`,
  });
  const files = await plan(model, { templates: loadTemplates(), modelRoot: 'model' });
  return files.get('test/billing/invoice.commands.test.ts')!.contents;
};

const ID = '00000000-0000-4000-8000-000000000001';

describe('existence cases in the commands test file', () => {
  it('are generated from the existence rule when no spec covers the situation', async () => {
    const text = await commandsTest('');
    expect(text).toContain("'RaiseInvoice when the Invoice already exists is rejected: InvoiceAlreadyExists'");
    expect(text).toContain("'SettleInvoice when the Invoice does not exist is rejected: InvoiceNotFound'");
  });

  it('give way to a model spec of the same command on an existing, or a missing, aggregate', async () => {
    const text = await commandsTest(`specs:
  - name: raising an invoice that exists changes nothing
    given: [{ event: InvoiceRaised, data: { invoiceId: ${ID} } }]
    when: { command: RaiseInvoice, data: { invoiceId: ${ID} } }
    then: []
  - name: settling an unknown invoice changes nothing
    when: { command: SettleInvoice, data: { invoiceId: ${ID} } }
    then: []
`);
    expect(text).not.toContain('already exists is rejected');
    expect(text).not.toContain('does not exist is rejected');
    expect(text).toContain("'RaiseInvoice on a new Invoice'");
  });
});
