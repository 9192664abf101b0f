// Eventual projections carry a lag target (`5s`) that the ADR draft and the generated monitoring
// use, so it must be a duration; a strong projection is updated in the same transaction and has no lag.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

const DURATION = /^[0-9]+(\.[0-9]+)?(ms|s|m|h)$/;

export const lagTarget: Rule = {
  id: 'lag-target',
  code: 'E_LAG_TARGET',
  severity: 'error',
  description: 'lagTarget is a duration such as 500ms, 5s or 2m, and only eventual projections have one.',
  check(model) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const p of c.projections) {
        if (p.lagTarget === undefined) continue;
        if (p.consistency === 'strong') {
          out.push(report(this, { at: p.loc, message: `projection ${p.name} is strongly consistent but has lagTarget ${p.lagTarget}`, hint: 'remove lagTarget, or make the projection `consistency: eventual`' }));
        } else if (!DURATION.test(p.lagTarget)) {
          out.push(report(this, { at: p.loc, message: `projection ${p.name} has lagTarget "${p.lagTarget}", which is not a duration`, hint: 'write a number with a unit: 500ms, 5s, 2m or 1h' }));
        }
      }
    }
    return out;
  },
};
