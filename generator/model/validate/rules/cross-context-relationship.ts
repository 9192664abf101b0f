// Using another context's events, commands or value objects couples the two contexts. The model
// must say so with a relationship (customer-supplier, conformist, ...), so that the coupling is a
// decision visible in the file and in the ADR draft, not an accident of a shared name.
import type { Diagnostic, SourceSpan } from '../../types.js';
import { KIND_LABEL, fieldListsOf, typeRefNames } from '../references.js';
import { report, type Rule } from '../rule.js';
import { comparePos } from './duplicate-name.js';

export const crossContextRelationship: Rule = {
  id: 'cross-context-relationship',
  code: 'E_UNDECLARED_RELATIONSHIP',
  severity: 'error',
  description: 'A context that uses elements of another context declares a relationship to it.',
  check(model, index) {
    const declared = new Set<string>();
    for (const c of model.contexts) for (const r of c.relationships) declared.add(`${c.name}\u0000${r.context}`);
    const uses = new Map<string, { from: string; to: string; at: SourceSpan; what: string[] }>();
    const use = (from: string, to: string, at: SourceSpan, what: string): void => {
      if (from === to || declared.has(`${from}\u0000${to}`)) return;
      const key = `${from}\u0000${to}`;
      const known = uses.get(key);
      if (!known) uses.set(key, { from, to, at, what: [what] });
      else {
        if (comparePos(at, known.at) < 0) known.at = at;
        if (!known.what.includes(what)) known.what.push(what);
      }
    };
    for (const r of index.references) {
      if (!r.dependency) continue;
      const resolved = index.resolve(r.ref, r.from, r.kinds);
      // Only cross-context uses need a label; most references stay inside their context.
      if (resolved.status === 'found' && resolved.element.context !== r.from) use(r.from, resolved.element.context, r.ref.loc, `${KIND_LABEL[resolved.element.kind]} ${resolved.element.name}`);
    }
    for (const c of model.contexts) {
      for (const list of fieldListsOf(c)) {
        for (const field of list.fields) {
          if (field.type.kind !== 'ref' && field.type.kind !== 'array') continue;
          for (const name of typeRefNames(field.type)) {
            const resolved = index.resolve({ name, loc: field.loc }, c.name, ['valueObject']);
            if (resolved.status === 'found' && resolved.element.context !== c.name) use(c.name, resolved.element.context, field.loc, `value object ${name}`);
          }
        }
      }
    }
    const out: Diagnostic[] = [];
    for (const u of uses.values()) {
      out.push(
        report(this, {
          at: u.at,
          message: `context ${u.from} uses ${u.what.sort().join(', ')} of context ${u.to} without a declared relationship`,
          hint: `declare it in the ${u.from} file: \`relationships: [{ context: ${u.to}, kind: customer-supplier }]\` (or conformist, anticorruption-layer, ...)`,
        }),
      );
    }
    return out;
  },
};
