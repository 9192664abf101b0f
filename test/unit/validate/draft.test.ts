import { describe, expect, it } from 'vitest';
import { draftsOf, draftsRefusal } from '../../../generator/model/drafts.js';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, check, ctx, expectAt, load } from './helpers.js';

const RULE = 'draft';

// A workshop's first minutes: orange events only, one command not yet given to an aggregate.
const BIG_PICTURE = {
  'sales.yaml': ctx(
    'Sales',
    `
    commands:
      PlaceOrder:
        emits: [OrderPlaced]
    events:
      OrderPlaced: {}
      OrderShipped:
        description: The parcel left the warehouse.
    `,
  ),
};

describe(RULE, () => {
  it('reports nothing on a settled model', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('loads drafts without errors and warns once per draft, with what to settle', () => {
    const ds = check(RULE, BIG_PICTURE);
    // In file order.
    expect(ds.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['W_DRAFT', 'warning', 'draft command PlaceOrder: no aggregate handles it; generate will not write code until it is settled'],
      ['W_DRAFT', 'warning', 'draft event OrderPlaced: no aggregate records it and no external system delivers it; generate will not write code until it is settled'],
      ['W_DRAFT', 'warning', 'draft event OrderShipped: no aggregate records it and no external system delivers it; generate will not write code until it is settled'],
    ]);
    expectAt(ds[1], BIG_PICTURE, 'sales.yaml', 'OrderPlaced: {}');
    expect(ds[0]!.hint).toContain('PlaceOrder → aggregate');
  });

  it('drafts are warnings only: no rule reports an error on a big-picture board', () => {
    const errors = validateModel(load(BIG_PICTURE)).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('the generate refusal names every draft', () => {
    const refusal = draftsRefusal(draftsOf(load(BIG_PICTURE)))!;
    expect(refusal.code).toBe('E_DRAFTS');
    expect(refusal.severity).toBe('error');
    expect(refusal.message).toBe(
      'not generated: 3 drafts must be settled first: command Sales.PlaceOrder (no aggregate handles it); event Sales.OrderPlaced (no aggregate records it and no external system delivers it); event Sales.OrderShipped (no aggregate records it and no external system delivers it)',
    );
    expect(refusal.related).toHaveLength(2);
    expect(draftsRefusal(draftsOf(load(CLEAN)))).toBeUndefined();
  });
});

describe('drafts and the rules they would otherwise trip', () => {
  it('a draft command that emits nothing yet is not E_COMMAND_EMITS_NOTHING; a settled one is', () => {
    const files = { 'sales.yaml': ctx('Sales', `
      aggregates: { Order: { identity: orderId } }
      commands:
        PlaceOrder: {}
        CancelOrder: { aggregate: Order, fields: { orderId: uuid } }
    `) };
    expect(check('command-emits-nothing', files).map((d) => d.message)).toEqual(['command CancelOrder emits no event']);
  });
});
