// A field renamed in place (the canvas's field editor) keeps the policies' `with:` entries that
// name it (docs/adr/0096, issue 17): an entry's key is a field of the commands the policy issues,
// its path walks the trigger events' data, through value objects. Owned here, once, beside the
// spelling of sources (field-source.ts); the canvas's `update` change calls it. Pure.
import type { Field, FieldSource, Model, Policy } from './types.js';
import { buildNameIndex, type NameIndex } from './validate/name-index.js';

/** The element whose field was renamed. */
export interface FieldOwner {
  kind: 'command' | 'event' | 'valueObject';
  context: string;
  name: string;
}

/**
 * The policies whose `with:` names `from` of `owner`, with it renamed to `to`, as new values
 * (unchanged policies are left out). `model` already has the renamed field.
 */
export function policiesWithFieldRenamed(model: Model, owner: FieldOwner, from: string, to: string): Policy[] {
  if (from === to) return [];
  const index = buildNameIndex(model);
  const isOwner = (e: { kind: string; context: string; name: string } | undefined) => e !== undefined && e.kind === owner.kind && e.context === owner.context && e.name === owner.name;
  const out: Policy[] = [];
  for (const context of model.contexts) {
    for (const policy of context.policies) {
      if (!policy.with || policy.with.length === 0) continue;
      const issuesOwner = policy.issues.some((ref) => {
        const r = index.resolve(ref, policy.context, ['command']);
        return r.status === 'found' && isOwner(r.element);
      });
      let changed = false;
      const entries = policy.with.map((entry): FieldSource => {
        let next = entry;
        if (issuesOwner && entry.field === from) next = { ...next, field: to };
        if (entry.source.kind === 'path') {
          const path = renamedPath(index, policy, entry.source.path, isOwner, from, to);
          if (path) next = { ...next, source: { kind: 'path', path } };
        }
        if (next !== entry) changed = true;
        return next;
      });
      if (changed) out.push({ ...policy, with: entries });
    }
  }
  return out;
}

/** The path with `from` replaced where it names a field of the owner (walked from each trigger event), or undefined. */
function renamedPath(index: NameIndex, policy: Policy, path: readonly string[], isOwner: (e: { kind: string; context: string; name: string } | undefined) => boolean, from: string, to: string): string[] | undefined {
  for (const ref of policy.on) {
    const r = index.resolve(ref, policy.context, ['event']);
    if (r.status !== 'found') continue;
    let owner: { kind: string; context: string; name: string } = r.element;
    let fields: readonly Field[] = r.element.fields;
    const next = [...path];
    let hit = false;
    for (let i = 0; i < next.length; i++) {
      if (isOwner(owner) && next[i] === from) {
        next[i] = to;
        hit = true;
      }
      const field = fields.find((f) => f.name === next[i]);
      if (!field || field.type.kind !== 'ref' || i === next.length - 1) break;
      const vo = index.resolve({ name: field.type.name, loc: field.loc }, owner.context, ['valueObject']);
      if (vo.status !== 'found') break;
      owner = vo.element;
      fields = vo.element.fields;
    }
    if (hit) return next;
  }
  return undefined;
}
