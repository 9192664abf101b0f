// docs/model-format.md stays true: its complete example is a valid model, and its rule table
// lists every rule of the registry with its code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../generator/model/load.js';
import { RULES, validateModel } from '../../../generator/model/validate/index.js';
import { ctx } from './helpers.js';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/model-format.md', import.meta.url)), 'utf8');

describe('docs/model-format.md', () => {
  it('has a complete example that loads and validates without errors or warnings', () => {
    const section = doc.slice(doc.indexOf('## A complete file'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    // The example reacts to Payments.PaymentFailed; a minimal Payments context provides it.
    const payments = ctx('Payments', `
      aggregates: { Payment: { identity: paymentId } }
      commands: { FailPayment: { aggregate: Payment, fields: { paymentId: uuid }, emits: [PaymentFailed] } }
      events: { PaymentFailed: { aggregate: Payment, published: true, fields: { paymentId: uuid } } }
    `);
    const loaded = loadModel([{ path: 'ordering.yaml', text: example }, { path: 'payments.yaml', text: payments }]);
    expect(loaded.diagnostics).toEqual([]);
    const problems = validateModel(loaded.model!).filter((d) => d.severity !== 'info');
    expect(problems).toEqual([]);
  });

  it('lists every rule with its code in the rule table', () => {
    for (const rule of RULES) expect(doc).toMatch(new RegExp(`\\| \`${rule.id}\` \\| [^\\n]*\`${rule.code}\``));
  });
});
