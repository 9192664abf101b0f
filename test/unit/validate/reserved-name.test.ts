import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'reserved-name';

describe(RULE, () => {
  it('passes on ordinary domain names', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it.each([
    ['a name the generated code imports', 'Event', 'imports a type of that name'],
    ['a global', 'Promise', 'shadow the JavaScript/TypeScript global'],
    ['a reserved word in any case', 'Delete', 'reserved word'],
  ])('reports %s as an element name', (_what, name, why) => {
    const files = variant((t) => t.replace('Clerk: { description', `${name}: { description`));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_RESERVED_NAME', severity: 'error' });
    expect(d!.message).toContain(why);
    expectAt(d, files, 'sales.yaml', `${name}:`);
    expect(d!.hint).toBe(`use a more specific domain name, e.g. "Sales${name}"`);
  });

  it('does not build the hint on a context name that is itself refused (issue 17 item 9)', () => {
    const files = variant((t) => t.replace('context: Sales', 'context: Promise').replace('Clerk: { description', 'Date: { description').replace('actor: Clerk', 'actor: Date'));
    const ds = check(RULE, files);
    expect(ds.map((d) => [d.message.split(':')[0], d.hint])).toEqual([
      ['context Promise uses a reserved name', 'use a more specific domain name, e.g. "PromiseContext"'],
      ['actor Date uses a reserved name', 'use a more specific domain name, e.g. "DateRole"'],
    ]);
    // A lowercase context name (refused by E_NAME_CASE) does not lend its name either.
    const lower = check(RULE, variant((t) => t.replace('context: Sales', 'context: sales').replace('Clerk: { description', 'Event: { description').replace('actor: Clerk', 'actor: Event')));
    expect(lower.map((d) => d.hint)).toEqual(['use a more specific domain name, e.g. "EventRole"']);
  });

  it('reports Object prototype members as field names (the loader already refuses __proto__ and constructor, C1.5)', () => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', 'fields: { amount: int, currency: string, toString: string }'));
    const [d] = check(RULE, files);
    expect(d!.message).toContain('Object prototype property');
    expectAt(d, files, 'sales.yaml', 'toString');
    expect(d!.hint).toBe('rename the field, e.g. "toStringValue"');
  });
});

describe(`${RULE}: every Object.prototype member`, () => {
  // constructor is refused earlier, by the loader (E_RESERVED_KEY).
  it.each(Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[a-z][A-Za-z]*$/.test(n) && n !== 'constructor'))('refuses the field name %s at its line', (name) => {
    const files = variant((t) => t.replace('fields: { amount: int, currency: string }', `fields: { amount: int, currency: string, ${name}: string }`));
    const [d] = check(RULE, files);
    expect(d?.code).toBe('E_RESERVED_NAME');
    expectAt(d, files, 'sales.yaml', `${name}: string`);
  });

  it('lists them all', async () => {
    const { RESERVED_FIELD_NAMES } = await import('../../../generator/model/validate/identifiers.js');
    expect(Object.getOwnPropertyNames(Object.prototype).filter((n) => !RESERVED_FIELD_NAMES.has(n))).toEqual([]);
  });
});
