// `consistency: strong` makes a projection run inside the append transaction. That is safe for a
// read model of ONE stream (its document is keyed by the stream's aggregate identity: the
// stream's optimistic concurrency serialises its writers). Keyed across streams (active loans by
// member), concurrent commands on different streams update one document: the generated service
// then locks each document in the append transaction so no update is lost, and those commands
// wait for each other. This rule says so at the model line, so the choice is a conscious one.
import type { Diagnostic } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const strongConsistency: Rule = {
  id: 'strong-consistency',
  code: 'I_STRONG_CROSS_STREAM',
  severity: 'info',
  description: 'A strongly consistent projection keyed across streams runs under a lock per document (its commands serialise per key).',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const p of c.projections) {
        if (p.consistency !== 'strong') continue;
        const events = p.from
          .map((ref) => index.resolve(ref, c.name, ['event']))
          .filter((r) => r.status === 'found')
          .map((r) => r.element);
        if (events.length === 0) continue;
        const owners = events.map((e) => {
          if (!e.aggregate) return undefined;
          const r = index.resolve(e.aggregate, e.context, ['aggregate']);
          return r.status === 'found' ? r.element : undefined;
        });
        const first = owners[0];
        // The generator's own test (generator/emit/projections.ts, multiStream): one owning
        // aggregate whose identity is the projection's key.
        const singleStream = first !== undefined && owners.every((o) => o === first) && first.identity === p.key;
        if (singleStream) continue;
        const sources = [...new Set(owners.map((o, i) => (o ? o.name : `external ${events[i]!.name}`)))].join(', ');
        out.push(
          report(this, {
            at: p.loc,
            message: `projection ${p.name} is strongly consistent but keyed by ${p.key} across streams (${sources}): it runs in the append transaction under a lock per ${p.key}, so concurrent commands for one ${p.key} wait for each other`,
            hint: 'keep it when readers must see their own writes at once; make it `consistency: eventual` to keep those commands independent (an async projection with a lag)',
          }),
        );
      }
    }
    return out;
  },
};
