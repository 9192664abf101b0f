import { describe, expect, it } from 'vitest';
import { suggestName } from '../../../generator/model/validate/suggest-name.js';

describe('suggestName (did-you-mean for names)', () => {
  const names = ['OrderPlaced', 'OrderCancelled', 'Sale', 'PaymentCaptured', 'Till'];

  it('proposes the closest name within about one edit per three letters', () => {
    expect(suggestName('OrderPlacd', names)).toBe('OrderPlaced');
    expect(suggestName('orderplaced', names)).toBe('OrderPlaced');
    expect(suggestName('PaymentCapturedd', names)).toBe('PaymentCaptured');
  });

  it('accepts one swap of neighbouring letters even in a short name', () => {
    expect(suggestName('Sael', names)).toBe('Sale');
    expect(suggestName('Tlil', names)).toBe('Till');
  });

  it('proposes nothing when nothing is close', () => {
    expect(suggestName('ShipmentDispatched', names)).toBeUndefined();
    expect(suggestName('X', names)).toBeUndefined();
    expect(suggestName('Sale', [])).toBeUndefined();
  });
});
