import { describe, expect, it } from 'vitest';
import { CLEAN, check, expectAt } from './helpers.js';

const RULE = 'hotspot-open';

describe(RULE, () => {
  it('reports nothing when there are no hotspots', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it('lists an open hotspot as information at its title', () => {
    const files = { 'sales.yaml': CLEAN['sales.yaml']! + 'hotspots:\n  - title: Who may void a sale?\n    about: [Sale, Clerk]\n' };
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'I_HOTSPOT_OPEN', severity: 'info', message: 'open question: Who may void a sale? (about Sale, Clerk)' });
    expectAt(d, files, 'sales.yaml', 'title: Who may void');
    expect(d!.hint).toContain('settle it with the domain experts');
  });
});
