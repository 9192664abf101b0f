// From a JSON pointer into an event schema back to the YAML that declared the field, so that
// a finding points at `ordering.yaml:42:7` and not at a schema the user never wrote.

import type { Field, Model, SourceSpan, TypeRef } from '../../model/types.js';

function valueObjectFields(model: Model, context: string, name: string): Field[] | undefined {
  const own = model.contexts.find((c) => c.name === context)?.valueObjects.find((v) => v.name === name);
  if (own) return own.fields;
  for (const c of model.contexts) {
    const found = c.valueObjects.find((v) => v.name === name);
    if (found) return found.fields;
  }
  return undefined;
}

const refName = (t: TypeRef): string | undefined => (t.kind === 'ref' ? t.name : t.kind === 'array' ? refName(t.of) : undefined);

/** The deepest declared field on `path` (e.g. `/properties/copy/properties/isbn`), if any. */
export function fieldAt(model: Model, context: string, fields: readonly Field[], path: string): Field | undefined {
  const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: readonly Field[] | undefined = fields;
  let found: Field | undefined;
  for (let i = 0; i < segments.length && current; i++) {
    if (segments[i] !== 'properties') continue;
    const field: Field | undefined = current.find((f) => f.name === segments[i + 1]);
    if (!field) break;
    found = field;
    const vo = refName(field.type);
    current = vo ? valueObjectFields(model, context, vo) : undefined;
    i++;
  }
  return found;
}

export function locAt(model: Model, context: string, fields: readonly Field[], path: string, fallback: SourceSpan): SourceSpan {
  return fieldAt(model, context, fields, path)?.loc ?? fallback;
}

/** The top-level property name a path is about (`/properties/carrier/...` -> carrier). */
export function topProperty(path: string): string | undefined {
  const m = /^\/properties\/([^/]+)/.exec(path);
  return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}
