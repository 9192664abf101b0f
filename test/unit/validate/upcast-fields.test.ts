import { describe, expect, it } from 'vitest';
import { check, expectAt, variant } from './helpers.js';

const RULE = 'upcast-fields';
// SaleOpened v2 is { saleId, total }; v1 had { id, amount } and must be upcast.
const withUpcast = (oldFields: string, upcast: string) =>
  variant((t) =>
    t.replace(
      'SaleOpened:\n    aggregate: Sale\n    version: 1',
      `SaleOpened:\n    aggregate: Sale\n    version: 2\n    previousVersions:\n      1:\n        fields: { ${oldFields} }\n        upcast: ${upcast}`,
    ),
  );

describe(RULE, () => {
  it('passes when renames and defaults produce every required field', () => {
    expect(check(RULE, withUpcast('id: uuid', '{ renames: { id: saleId }, defaults: { total: { amount: 0, currency: EUR } } }'))).toEqual([]);
    expect(check(RULE, withUpcast('id: uuid', 'custom'))).toEqual([]);
  });

  it('reports a required field of the next version that the upcast cannot fill', () => {
    const files = withUpcast('id: uuid', '{ renames: { id: saleId } }');
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_UPCAST', severity: 'error', message: 'event SaleOpened upcast from version 1: cannot fill required field "total" of version 2' });
    expectAt(d, files, 'sales.yaml', '1:\n');
    expect(d!.hint).toContain('add `total: <value>` under the upcast\'s defaults');
  });

  it('reports renames and defaults that name fields that do not exist', () => {
    const files = withUpcast('id: uuid', '{ renames: { ident: saleId, id: saleIdent }, defaults: { totl: 0, total: 0 } }');
    const messages = check(RULE, files).map((d) => d.message);
    expect(messages).toContain('event SaleOpened upcast from version 1: renames "ident", which version 1 does not have');
    expect(messages).toContain('event SaleOpened upcast from version 1: renames "id" to "saleIdent", which version 2 does not have');
    expect(messages).toContain('event SaleOpened upcast from version 1: gives a default to "totl", which version 2 does not have');
  });
});
