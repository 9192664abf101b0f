// Hotspots are the workshop's open questions. They are fine to keep in the model, but every
// validation run lists them so they are not forgotten.
import { report, type Rule } from '../rule.js';

export const hotspotOpen: Rule = {
  id: 'hotspot-open',
  code: 'I_HOTSPOT_OPEN',
  severity: 'info',
  description: 'Lists open hotspots (questions from the workshop) as information.',
  check(model) {
    return model.contexts.flatMap((c) =>
      c.hotspots.map((h) =>
        report(this, {
          at: h.loc,
          message: `open question: ${h.name}${h.about.length > 0 ? ` (about ${h.about.map((a) => a.name).join(', ')})` : ''}`,
          hint: 'settle it with the domain experts, then record the answer in the model and delete the hotspot',
        }),
      ),
    );
  },
};
