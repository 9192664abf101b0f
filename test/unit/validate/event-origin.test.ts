import { describe, expect, it } from 'vitest';
import type { Event } from '../../../generator/model/types.js';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, check, expectAt, load, variant } from './helpers.js';

const RULE = 'event-origin';

describe(RULE, () => {
  it('passes when each event has one origin and systems agree with their events', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('reports a system emitting an aggregate event, at the system\'s reference', () => {
    const files = variant((t) => t.replace('emits: [CashCounted]', 'emits: [CashCounted, SaleClosed]'));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_EVENT_ORIGIN', severity: 'error', message: 'external system Till emits SaleClosed, but that event belongs to aggregate Sale' });
    expectAt(d, files, 'sales.yaml', 'SaleClosed]');
    expect(d!.hint).toBe("set `source: Till` on SaleClosed (and no aggregate), or remove it from Till's emits");
  });

  it('reports an event whose source system does not list it', () => {
    const files = variant((t) => t.replace('emits: [CashCounted]', 'emits: []'));
    const [d] = check(RULE, files);
    expect(d!.message).toBe('event CashCounted names Till as its source, but Till does not list it under emits');
    expectAt(d, files, 'sales.yaml', 'Till\n');
  });

  it('reports both origins on a model edited in memory (the loader refuses them in files); neither is a draft, not this error', () => {
    const model = load(CLEAN);
    const [opened, , counted] = model.contexts[0]!.events as [Event, Event, Event];
    opened.source = { ...counted.source! };
    delete counted.source;
    const messages = validateModel(model, { rules: [RULE] }).map((d) => d.message);
    expect(messages).toContain('event SaleOpened has both an aggregate (Sale) and a source (Till)');
    expect(messages.some((m) => m.includes('CashCounted') && m.includes('neither'))).toBe(false);
  });
});
