// The OpenAPI 3.1 document a generated service serves and ships (docs/openapi.json): valid for
// a real OpenAPI validator (@seriousme/openapi-schema-validator), one operation per command,
// aggregate read and projection read, and identical to what src/http/openapi.ts serves.

import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { planExample } from '../generated-project/support.js';

// Each example is planned once for this file's tests (they only read the plan); the document
// is parsed afresh for every test, so a validator that touched its input could not leak into the next.
const plans = new Map<string, ReturnType<typeof planExample>>();
const documentOf = async (example: string) => {
  if (!plans.has(example)) plans.set(example, planExample(example));
  const files = await plans.get(example)!;
  const doc = JSON.parse(files.get('docs/openapi.json')!.contents) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };
  return { files, doc };
};

describe.each(['library', 'shop'])('the %s service OpenAPI document', (example) => {
  it('is valid OpenAPI 3.1 for a real validator', async () => {
    const { doc } = await documentOf(example);
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('resolves every $ref inside the document', async () => {
    const { doc } = await documentOf(example);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
  });

  it('is the document src/http/openapi.ts serves', async () => {
    const { files, doc } = await documentOf(example);
    const module = files.get('src/http/openapi.ts')!.contents;
    const literal = module.slice(module.indexOf('= ') + 2, module.lastIndexOf(';'));
    expect(JSON.parse(literal)).toEqual(doc);
  });
});

describe('the library service OpenAPI document', () => {
  it('has one POST per command with the documented outcomes, and the reads', async () => {
    const { doc } = await documentOf('library');
    const posts = Object.entries(doc.paths).filter(([, ops]) => ops.post).map(([path]) => path).sort();
    expect(posts).toEqual([
      '/lending/loan/{loanId}/borrow-book',
      '/lending/loan/{loanId}/renew-loan',
      '/lending/loan/{loanId}/return-book',
      '/lending/loan/{loanId}/send-reminder',
    ]);
    expect(Object.keys(doc.paths['/lending/loan/{loanId}/borrow-book']!.post!.responses).sort()).toEqual(['200', '201', '400', '409', '412', '422']);
    expect(doc.paths['/lending/loan/{loanId}']?.get).toBeDefined();
    expect(doc.paths['/lending/projections/active-loans-by-member']?.get).toBeDefined();
    expect(doc.paths['/lending/projections/active-loans-by-member/{memberId}']?.get).toBeDefined();
    // The value object the command schema uses moved to components, with the $ref rewritten.
    expect(doc.components.schemas['Lending.BookCopy']).toBeDefined();
    // The accepted response names the events the command emits, with their data schemas.
    const accepted = (doc.paths['/lending/loan/{loanId}/borrow-book']!.post!.responses['201'] as { content: Record<string, { schema: unknown }> }).content['application/json']!.schema;
    expect(accepted).toMatchObject({ properties: { events: { items: { properties: { type: { const: 'BookBorrowed' }, data: { $ref: '#/components/schemas/Lending.BookBorrowed' } } } } } });
    expect(doc.components.schemas['Lending.BookBorrowed']).toMatchObject({ title: 'BookBorrowed', required: ['loanId', 'memberId', 'copy', 'dueOn'] });
  });

  it('the validator is not vacuous: a broken document is refused', async () => {
    const { doc } = await documentOf('library');
    const broken = { ...doc, paths: { ...doc.paths, '/x': { post: { responses: 'none' } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});
