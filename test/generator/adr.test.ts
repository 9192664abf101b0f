// ADR drafts: rendered from templates/adr with handlebars in strict mode, Markdown-escaped
// free text, user overrides layered over the built-in template.

import { describe, expect, it } from 'vitest';
import { ADR_TEMPLATE, md } from '../../generator/emit/adr.js';
import { loadTemplates } from '../../generator/emit/templates.js';
import { plan } from '../../generator/plan.js';
import { loadExample } from '../generated-project/support.js';

const PATH = 'docs/adr/lending-architecture.md';

describe('ADR draft', () => {
  it('records the decisions the model implies', async () => {
    const adr = (await plan(loadExample('library'), { templates: loadTemplates(), modelRoot: 'models/library' })).get(PATH)!;
    expect(adr.ownership).toBe('scaffold');
    const text = adr.contents;
    expect(text).toContain('# Lending: architecture of the bounded context');
    expect(text).toContain('- A member holds at most five active loans. ([lending.yaml:');
    // LoanAlreadyExists: BorrowBook creates a Loan (existence, ADR 0032).
    expect(text).toContain('| BorrowBook | Loan | Member | BookBorrowed | LoanLimitReached, LoanAlreadyExists |');
    expect(text).toContain('- Choice: emmett-postgresql');
    expect(text).toContain('| ActiveLoansByMember | BookBorrowed, BookReturned | memberId | inline | strong | none (same transaction) |');
    expect(text).toContain('| OverdueLoans | LoanFellDue, LoanRenewed, BookReturned, ReminderSent | loanId | async | eventual | 5s |');
    expect(text).toContain('5 attempts with exponential backoff');
    expect(text).toContain('What happens to loans when a member is suspended?');
    expect(text).toContain('[lending.yaml](../../models/library/lending.yaml)');
    expect(text).not.toMatch(/\n\n\n/);
  });

  it('uses the user template when one overrides the built-in', async () => {
    const templates = { ...loadTemplates(), [ADR_TEMPLATE]: 'ADR for {{context}} with {{aggregates.length}} aggregate(s)\n' };
    const adr = (await plan(loadExample('library'), { templates })).get(PATH)!;
    expect(adr.contents).toBe('ADR for Lending with 1 aggregate(s)\n');
  });

  it('fails loudly on a template that names a field the view does not have (strict mode)', async () => {
    const templates = { ...loadTemplates(), [ADR_TEMPLATE]: '{{noSuchField}}\n' };
    await expect(plan(loadExample('library'), { templates })).rejects.toThrow(/noSuchField/);
  });

  it('escapes Markdown in free text', () => {
    expect(md('a *b* [c](d) | e <f> `g`\nh')).toBe('a \\*b\\* \\[c\\](d) \\| e \\<f\\> \\`g\\` h');
    expect(md('- not a list')).toBe('\\- not a list');
  });
});
