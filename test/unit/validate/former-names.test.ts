import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, check, expectAt, load, variant } from './helpers.js';

const RULE = 'former-names';
const formerly = (names: string) => (t: string) => t.replace('SaleClosed:\n    aggregate: Sale', `SaleClosed:\n    aggregate: Sale\n    formerly: [${names}]`);

describe(RULE, () => {
  it('passes when no event was renamed', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('passes a former name that no event has any more, and every other rule is quiet about it', () => {
    const files = variant(formerly('SaleFinished'));
    expect(check(RULE, files)).toEqual([]);
    expect(validateModel(load(files)).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses a former name that is still an event, at the name', () => {
    const files = variant(formerly('SaleOpened'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_FORMERLY', message: expect.stringContaining('SaleOpened is a former name of event SaleClosed, but event SaleOpened of Sales still exists') });
    expectAt(d, files, 'sales.yaml', 'formerly: [|SaleOpened]');
  });

  it('refuses the event\'s own name and a name in another context', () => {
    expect(check(RULE, variant(formerly('SaleClosed'))).map((d) => d.message)).toEqual(['event SaleClosed lists its own name under `formerly`']);
    expect(check(RULE, variant(formerly('Stock.SaleDone')))[0]!.hint).toContain('write `formerly: [SaleDone]`');
  });

  it('refuses one former name claimed by two events', () => {
    const files = variant((t) => formerly('SaleEnded')(t).replace('SaleOpened:\n    aggregate: Sale', 'SaleOpened:\n    aggregate: Sale\n    formerly: [SaleEnded]'));
    const ds = check(RULE, files);
    expect(ds.map((d) => d.message)).toEqual(['SaleEnded is a former name of both SaleOpened and SaleClosed: a stored SaleEnded could be read as either']);
  });

  it('names the contexts when two contexts\' events of one name claim one former name', () => {
    const returns = ['stormsmith: 1', 'context: Returns', 'aggregates:', '  Refund: { identity: refundId }', 'commands:', '  CloseRefund: { aggregate: Refund, fields: { refundId: uuid }, emits: [SaleClosed] }', 'events:', '  SaleClosed: { aggregate: Refund, formerly: [SaleEnded], fields: { refundId: uuid } }', ''].join('\n');
    const [d, ...rest] = check(RULE, { ...variant(formerly('SaleEnded')), 'returns.yaml': returns });
    expect(rest).toEqual([]);
    expect(d!.message).toBe('SaleEnded is a former name of both Returns.SaleClosed and Sales.SaleClosed: a stored SaleEnded could be read as either');
    expect(d!.hint).toContain('not qualified by their context');
  });
});
