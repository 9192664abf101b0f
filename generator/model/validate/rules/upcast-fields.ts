// A declarative upcast (defaults + renames) turns a stored event of version N into version N+1.
// It must only name fields that exist, and it must produce every required field of N+1:
// otherwise replaying old streams yields events the current code cannot read.
import type { Diagnostic, Event, Field } from '../../types.js';
import { report, type Rule } from '../rule.js';

export const upcastFields: Rule = {
  id: 'upcast-fields',
  code: 'E_UPCAST',
  severity: 'error',
  description: 'Declarative upcasts rename existing fields, default fields of the next version, and fill every required field of the next version.',
  check(model) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) for (const event of c.events) checkEvent(event, out, this);
    return out;
  },
};

function checkEvent(event: Event, out: Diagnostic[], rule: typeof upcastFields): void {
  event.previousVersions.forEach((old, i) => {
    if (old.upcast.kind !== 'declarative') return;
    const nextVersion = event.previousVersions[i + 1];
    const nextFields: Field[] = nextVersion ? nextVersion.fields : event.fields;
    const nextLabel = `version ${nextVersion ? nextVersion.version : event.version}`;
    const oldNames = new Set(old.fields.map((f) => f.name));
    const nextNames = new Set(nextFields.map((f) => f.name));
    const { renames, defaults } = old.upcast;
    const problem = (message: string, hint: string): void => {
      out.push(report(rule, { at: old.loc, message: `event ${event.name} upcast from version ${old.version}: ${message}`, hint }));
    };
    for (const [from, to] of Object.entries(renames)) {
      if (!oldNames.has(from)) problem(`renames "${from}", which version ${old.version} does not have`, `rename one of: ${[...oldNames].join(', ')}`);
      if (!nextNames.has(to)) problem(`renames "${from}" to "${to}", which ${nextLabel} does not have`, `rename to one of: ${[...nextNames].join(', ')}`);
    }
    for (const name of Object.keys(defaults)) {
      if (!nextNames.has(name)) problem(`gives a default to "${name}", which ${nextLabel} does not have`, `default one of: ${[...nextNames].join(', ')}`);
    }
    const produced = new Set([...oldNames].filter((n) => !Object.hasOwn(renames, n)));
    for (const to of Object.values(renames)) produced.add(to);
    for (const name of Object.keys(defaults)) produced.add(name);
    for (const field of nextFields) {
      if (field.optional || produced.has(field.name)) continue;
      problem(`cannot fill required field "${field.name}" of ${nextLabel}`, `add \`${field.name}: <value>\` under the upcast's defaults, rename an old field to it, or make it optional`);
    }
  });
}
