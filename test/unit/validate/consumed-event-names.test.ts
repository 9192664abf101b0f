import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../generator/model/validate/index.js';
import { load } from './helpers.js';

const RULE = 'consumed-event-names';
const ctx = (name: string, extra = '') =>
  `stormsmith: 1\ncontext: ${name}\n${extra}aggregates:\n  Loan: { identity: loanId }\ncommands:\n  MakeLoan: { aggregate: Loan, fields: { loanId: uuid }, emits: [LoanMade] }\nevents:\n  LoanMade: { aggregate: Loan, published: true, fields: { loanId: uuid } }\n`;
const files = (consumer: string) => ({ 'billing.yaml': ctx('Billing'), 'lending.yaml': ctx('Lending', `relationships:\n  - { context: Billing, kind: conformist }\n${consumer}`) });
const check = (consumer: string) => validateModel(load(files(consumer)), { rules: [RULE] });

describe(RULE, () => {
  it('passes one event of a name, and the same event listed twice', () => {
    expect(check('externalSystems:\n  Mailer: { consumes: [Billing.LoanMade] }\n')).toEqual([]);
    expect(check('projections:\n  Seen: { from: [LoanMade, Lending.LoanMade], key: loanId }\n')).toEqual([]);
  });

  it.each([
    ['an external system', 'externalSystems:\n  Mailer: { consumes: [LoanMade, Billing.LoanMade] }\n', 'external system Mailer'],
    ['a read model', 'projections:\n  Seen: { from: [LoanMade, Billing.LoanMade], key: loanId }\n', 'read model Seen'],
  ])('refuses %s consuming two events of one name from two contexts, at the second', (_what, consumer, who) => {
    const [d, ...rest] = check(consumer);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_AMBIGUOUS_EVENT_TYPE', severity: 'error', file: 'lending.yaml' });
    expect(d!.message).toBe(`${who} of Lending consumes both Lending.LoanMade and Billing.LoanMade: stored events of both have the type LoanMade, so they cannot be told apart`);
    expect(d!.hint).toContain('rename one of the two events');
  });

  it('refuses a policy reacting to both', () => {
    const ds = validateModel(load(files('policies:\n  P: { on: [LoanMade, Billing.LoanMade], issues: [MakeLoan] }\n')), { rules: [RULE] });
    expect(ds.map((d) => d.code)).toEqual(['E_AMBIGUOUS_EVENT_TYPE']);
  });
});
