// Event versions: stored events of every older version must have a path to the current one,
// so versions start at 1 and `previousVersions` is the contiguous run just below `version`
// (1, 2 for version 3), each upcasting into the next.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const eventVersion: Rule = {
  id: 'event-version',
  code: 'E_VERSION',
  severity: 'error',
  description: 'Event versions are integers >= 1; previousVersions are ascending, contiguous and end just below the current version.',
  check(model) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const event of c.events) {
        if (!Number.isInteger(event.version) || event.version < 1) {
          out.push(
            report(this, {
              at: event.loc,
              message: `event ${event.name} has version ${event.version}; versions are whole numbers starting at 1`,
              hint: 'a new event starts at `version: 1`; raise it by one for each breaking change, keeping the old shape under previousVersions',
            }),
          );
          continue;
        }
        let expected = event.version - event.previousVersions.length;
        for (const old of event.previousVersions) {
          if (old.version !== expected || old.version < 1) {
            out.push(
              report(this, {
                at: old.loc,
                message: `event ${event.name}: previous version ${old.version} is out of sequence; expected ${expected < 1 ? 'no more previous versions' : `version ${expected}`} (previous versions must be ${event.version > 1 ? `a contiguous run ending at ${event.version - 1}` : 'empty for version 1'})`,
                hint: `list the older versions in ascending order with no gaps, the last one being ${event.version - 1}, and raise \`version\` when you add one`,
              }),
            );
            break;
          }
          expected++;
        }
      }
    }
    return out;
  },
};
