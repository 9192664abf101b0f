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

describe('ADR draft: a model outside the repository (issue 17 item 9)', () => {
  it('links the model only from inside the repository that holds the output', async () => {
    const { mkdirSync, mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { modelLinkRoot } = await import('../../generator/model-pipeline.js');
    const base = mkdtempSync(join(tmpdir(), 'stormsmith-adr-link-'));
    try {
      const repo = join(base, 'repo');
      mkdirSync(join(repo, '.git'), { recursive: true });
      mkdirSync(join(repo, 'models/shop'), { recursive: true });
      mkdirSync(join(base, 'elsewhere/models'), { recursive: true });
      expect(modelLinkRoot(join(repo, 'services/shop'), join(repo, 'models/shop'))).toBe('../../models/shop');
      expect(modelLinkRoot(join(repo, 'services/shop'), join(base, 'elsewhere/models'))).toBeNull();
      // Without a repository, only a path climbing to the filesystem root is left unlinked.
      expect(modelLinkRoot(join(base, 'out'), join(base, 'elsewhere/models'))).toBe('../elsewhere/models');
      expect(modelLinkRoot('/a/b/out', '/c/models')).toBeNull();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('names the file without a climbing link when the model is outside', async () => {
    const text = (await plan(loadExample('library'), { templates: loadTemplates(), modelRoot: null })).get(PATH)!.contents;
    expect(text).not.toContain('](../');
    expect(text).toContain('is modelled in lending.yaml (outside this repository).');
    expect(text).toContain('- Model: lending.yaml (outside this repository, not linked)');
    expect(text).toMatch(/- A member holds at most five active loans\. \(lending\.yaml:\d+\)/);
  });
});
