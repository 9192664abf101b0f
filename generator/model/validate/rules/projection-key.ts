// A projection keeps one document per key value; every source event must carry the key field or
// the projection cannot tell which document the event updates.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const projectionKey: Rule = {
  id: 'projection-key',
  code: 'E_PROJECTION_KEY',
  severity: 'error',
  description: 'A projection\'s key is a field of every event it is built from (and of its own fields, when listed).',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const projection of c.projections) {
        if (!projection.key) continue;
        for (const ref of projection.from) {
          const r = index.resolve(ref, c.name, ['event']);
          if (r.status !== 'found') continue;
          const event = r.element;
          if (event.fields.some((f) => f.name === projection.key)) continue;
          out.push(
            report(this, {
              at: ref.loc,
              message: `projection ${projection.name} is keyed by ${projection.key}, but its source event ${event.name} has no field ${projection.key}`,
              hint: `add ${projection.key} to event ${event.name}, or key the projection by a field every source event has`,
              related: [event.loc],
            }),
          );
        }
        if (projection.fields.length > 0 && !projection.fields.some((f) => f.name === projection.key)) {
          out.push(
            report(this, {
              at: projection.loc,
              message: `projection ${projection.name} is keyed by ${projection.key}, which is not one of its fields`,
              hint: `add \`${projection.key}\` to the projection's fields`,
            }),
          );
        }
      }
    }
    return out;
  },
};
