// Big-picture drafts (generator/model/drafts.ts): an event nobody records yet, a command no
// aggregate handles yet. Fine while modelling, so a warning with what to settle; `generate`
// refuses to write code until none is left (E_DRAFTS).
import { draftsOf } from '../../drafts.js';
import { report, type Rule } from '../rule.js';

export const draft: Rule = {
  id: 'draft',
  code: 'W_DRAFT',
  severity: 'warning',
  description: 'Lists draft events (no aggregate or source yet) and draft commands (no aggregate yet): generate refuses until they are settled.',
  check(model) {
    return draftsOf(model).map((d) =>
      report(this, {
        at: d.loc,
        message: `draft ${d.kind} ${d.name}: ${d.missing}; generate will not write code until it is settled`,
        hint: d.hint,
      }),
    );
  },
};
