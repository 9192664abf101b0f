import { describe, expect, it } from 'vitest';
import { aggregateNames, dataTypeName, rejectionsTypeName } from '../../../generator/names.js';
import { alreadyExistsRejection, notFoundRejection } from '../../../generator/model/existence.js';
import { CLEAN, check, expectAt, variant } from './helpers.js';

const RULE = 'generated-name-clash';

describe(RULE, () => {
  it('passes when no element takes a derived name', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('uses the same naming conventions as the generator (generator/names.ts)', () => {
    const names = aggregateNames('Sale');
    expect([names.state, names.eventUnion, names.commandUnion, names.lifecycle]).toEqual(['SaleState', 'SaleEvent', 'SaleCommand', 'SaleLifecycle']);
    expect([notFoundRejection('Sale'), alreadyExistsRejection('Sale')]).toEqual(['SaleNotFound', 'SaleAlreadyExists']);
    expect([dataTypeName('SaleOpened'), dataTypeName('SaleOpened', 1), rejectionsTypeName('OpenSale')]).toEqual(['SaleOpenedData', 'SaleOpenedV1Data', 'OpenSaleRejections']);
  });

  it('reports a value object named like an aggregate\'s derived state type', () => {
    const files = variant((t) => t.replace('valueObjects:\n  Money:', 'valueObjects:\n  SaleState:\n    fields: { open: boolean }\n  Money:'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_GENERATED_NAME_CLASH', severity: 'error', message: 'value object SaleState clashes with a name the generator derives: SaleState is the state type of aggregate Sale' });
    expectAt(d, files, 'sales.yaml', 'SaleState:');
    expect(d!.hint).toBe('rename the value object (e.g. "SaleInfo")');
  });

  it.each([
    ['an event named like the event union', 'SaleEvent', "the union of aggregate Sale's events"],
    ['an event named like a message data type', 'SaleOpenedData', 'the data type of event SaleOpened'],
    ['an event named like a rejections type', 'OpenSaleRejections', 'the rejections type of command OpenSale'],
    ['an event named like the lifecycle type', 'SaleLifecycle', 'the lifecycle type of aggregate Sale (whether it exists)'],
    ['an event named like an existence rejection', 'SaleNotFound', 'the rejection of a command on a Sale that does not exist'],
    ['an event named like the other existence rejection', 'SaleAlreadyExists', 'the rejection of a creating command on a Sale that exists'],
  ])('reports %s', (_what, name, what) => {
    const files = variant((t) => t.replace('  CashCounted:\n    source', `  ${name}:\n    aggregate: Sale\n    fields: { saleId: uuid }\n  CashCounted:\n    source`));
    const found = check(RULE, files);
    expect(found.map((d) => d.message)).toEqual([`event ${name} clashes with a name the generator derives: ${name} is ${what}`]);
  });

  it('reports a rejection named like an element of the context', () => {
    const files = variant((t) => t.replace('rejects: [SaleAlreadyOpen]', 'rejects: [SaleClosed]').replace('rejects: SaleAlreadyOpen', 'rejects: SaleClosed'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('rejection SaleClosed of command OpenSale becomes an error class named like event SaleClosed');
    expectAt(d, files, 'sales.yaml', 'SaleClosed]');
    expect(d!.related).toHaveLength(1);
  });

  it('lets a command declare its existence rejection itself (the same error class)', () => {
    const files = variant((t) => t.replace('rejects: [SaleAlreadyOpen]', 'rejects: [SaleAlreadyOpen, SaleAlreadyExists]'));
    expect(check(RULE, files)).toEqual([]);
  });
});

describe('generated-name-clash: a command named Then (issue 17 item 9)', () => {
  it('is refused at the command: its handler export `then` would make the module thenable', () => {
    const files = variant((t) => t.replace(/CloseSale/g, 'Then'));
    const ds = check('generated-name-clash', files);
    expect(ds.map((d) => d.message)).toEqual([
      'command Then clashes with a name the generator derives: its handler function would be exported as `then`, which makes the module a thenable (await import(...) would call it)',
    ]);
    expectAt(ds[0], files, 'sales.yaml', 'Then:');
  });
});
