// Every name the model declares that ends up as an identifier in generated code, with where it
// was written. Identifier rules (grammar, case, reserved words, collisions) all walk this list.
import type { Model, SourceSpan } from '../types.js';
import { elementsOf } from '../elements.js';
import { KIND_LABEL, fieldListsOf } from './references.js';

export type NameRole = 'context' | 'element' | 'reject' | 'field' | 'identity' | 'key';

export interface DeclaredName {
  name: string;
  role: NameRole;
  /** `event OrderPlaced`, `field total of command PlaceOrder`. */
  label: string;
  at: SourceSpan;
  context: string;
}

export function declaredNames(model: Model): DeclaredName[] {
  const out: DeclaredName[] = [];
  for (const c of model.contexts) {
    out.push({ name: c.name, role: 'context', label: `context ${c.name}`, at: c.loc, context: c.name });
    for (const e of elementsOf(c)) out.push({ name: e.name, role: 'element', label: `${KIND_LABEL[e.kind]} ${e.name}`, at: e.loc, context: c.name });
    for (const command of c.commands) {
      for (const r of command.rejects) out.push({ name: r.name, role: 'reject', label: `rejection ${r.name} of command ${command.name}`, at: r.loc, context: c.name });
    }
    for (const a of c.aggregates) out.push({ name: a.identity, role: 'identity', label: `identity of aggregate ${a.name}`, at: a.loc, context: c.name });
    for (const p of c.projections) out.push({ name: p.key, role: 'key', label: `key of projection ${p.name}`, at: p.loc, context: c.name });
    for (const list of fieldListsOf(c)) {
      for (const f of list.fields) out.push({ name: f.name, role: 'field', label: `field ${f.name} of ${list.owner}`, at: f.loc, context: c.name });
    }
  }
  return out;
}

/** The first character outside printable ASCII, for messages about non-ASCII names. */
export function firstNonAscii(name: string): string | undefined {
  for (const ch of name) if (ch < ' ' || ch > '~') return ch;
  return undefined;
}

export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return `"${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}
