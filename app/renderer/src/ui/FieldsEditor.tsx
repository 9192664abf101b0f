// Editor for a list of fields: name, type (picker with built-ins and the context's value
// objects, free text for arrays and enums), optional flag, and behind "⋯" the long form's
// deprecation and value constraints. Commits the whole list on each edit.

import { useEffect, useId, useState, type FocusEvent } from 'react';
import { formatType, parseTypeText } from '../../../../generator/model/without-parser.js';
import { CONSTRAINT_KEYS, PRIMITIVE_TYPE_NAMES, type Field, type FieldConstraints } from '../../../../generator/model/types.js';
import { boardLoc } from '../../model/refs.js';

interface Row {
  name: string;
  type: string;
  optional: boolean;
  deprecated: boolean;
  /** The deprecation's reason ('' = `deprecated: true`). */
  reason: string;
  /** Constraint inputs as typed, by key ('' = not set; `positive` is 'true' or ''). */
  constraints: Partial<Record<ConstraintKey, string>>;
  /** Just added with "+ field": not in the model until the row is left or Enter is pressed. */
  fresh?: boolean;
  /** The field's name in the model when the row was made: a different name now is a rename. */
  origin?: string;
}

/** Moving between the inputs of one row is one edit: commit only when focus leaves the row. */
const leftRow = (e: FocusEvent<HTMLInputElement>) => {
  const row = e.currentTarget.closest('.field-row');
  return !(e.relatedTarget instanceof Node && row?.contains(e.relatedTarget));
};

type ConstraintKey = (typeof CONSTRAINT_KEYS)[number];

const rowOf = (f: Field): Row => ({
  name: f.name,
  origin: f.name,
  type: f.typeText,
  optional: f.optional,
  deprecated: f.deprecated !== undefined,
  reason: typeof f.deprecated === 'string' ? f.deprecated : '',
  constraints: Object.fromEntries(CONSTRAINT_KEYS.flatMap((k) => (f.constraints?.[k] === undefined ? [] : [[k, String(f.constraints[k])]]))),
});

/** The row's constraint inputs as the model's constraints; the validator judges whether they fit the type. */
const constraintsOf = (r: Row): { ok: true; constraints?: FieldConstraints } | { ok: false; message: string } => {
  const out: FieldConstraints = {};
  for (const key of CONSTRAINT_KEYS) {
    const text = (r.constraints[key] ?? '').trim();
    if (text === '') continue;
    if (key === 'positive') out.positive = true;
    else if (key === 'pattern') out.pattern = text;
    else {
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, message: `${key} of "${r.name}" must be a number` };
      out[key] = value;
    }
  }
  return { ok: true, constraints: Object.keys(out).length === 0 ? undefined : out };
};

const sameConstraints = (a: FieldConstraints | undefined, b: FieldConstraints | undefined) =>
  CONSTRAINT_KEYS.every((k) => a?.[k] === b?.[k]);

/** A field renamed in place: the policies' `with:` entries that name it follow (changes.ts `update`). */
export interface FieldRename {
  from: string;
  to: string;
}

export function FieldsEditor(props: { label: string; fields: Field[]; file: string; valueObjects: string[]; onChange: (fields: Field[], renamed: FieldRename[]) => void }) {
  const { fields, file, valueObjects, onChange, label } = props;
  const [rows, setRows] = useState<Row[]>(() => fields.map(rowOf));
  const [error, setError] = useState<string | undefined>();
  const listId = useId();
  useEffect(() => setRows(fields.map(rowOf)), [fields]);

  const commit = (next: Row[]) => {
    const out: Field[] = [];
    const renamed: FieldRename[] = [];
    const seen = new Set<string>();
    const names = new Set(next.map((r) => r.name.trim()));
    for (const r of next) {
      const name = r.name.trim();
      if (name === '') return setError('a field needs a name');
      if (seen.has(name)) return setError(`field "${name}" appears twice`);
      seen.add(name);
      const parsed = parseTypeText(r.type);
      if (!parsed.ok) return setError(`${parsed.message} (${parsed.hint})`);
      const limits = constraintsOf(r);
      if (!limits.ok) return setError(limits.message);
      // A renamed row keeps what the field said (description, unit, default) under its new name.
      const origin = r.origin !== undefined && r.origin !== name && !names.has(r.origin) ? fields.find((f) => f.name === r.origin) : undefined;
      if (origin) renamed.push({ from: origin.name, to: name });
      const previous = fields.find((f) => f.name === name) ?? origin;
      const typeText = formatType(parsed.type);
      const optional = r.optional || parsed.optional;
      const deprecated = !r.deprecated ? undefined : r.reason.trim() === '' ? true : r.reason.trim();
      if (
        previous &&
        previous.name === name &&
        previous.typeText === typeText &&
        previous.optional === optional &&
        previous.deprecated === deprecated &&
        sameConstraints(previous.constraints, limits.constraints)
      ) {
        out.push(previous);
        continue;
      }
      const field: Field = { ...(previous ?? { loc: boardLoc(file) }), name, type: parsed.type, typeText, optional };
      if (deprecated === undefined) delete field.deprecated;
      else field.deprecated = deprecated;
      if (limits.constraints === undefined) delete field.constraints;
      else field.constraints = limits.constraints;
      out.push(field);
    }
    setError(undefined);
    const same = out.length === fields.length && out.every((f, i) => f === fields[i]);
    if (!same) onChange(out, renamed);
  };

  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (i: number) => setOpen((was) => (was.has(i) ? new Set([...was].filter((j) => j !== i)) : new Set([...was, i])));

  const update = (i: number, patch: Partial<Row>, now = false) => {
    const next = rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
    setRows(next);
    if (now) commit(next);
  };

  return (
    <fieldset className="fields" data-testid={`fields-${label}`}>
      <legend>{label}</legend>
      <datalist id={listId}>
        {[...PRIMITIVE_TYPE_NAMES, ...valueObjects].map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {rows.map((r, i) => (
        <div className="field-row" key={i} data-testid="field-row">
          <input
            aria-label="field name"
            data-testid="field-name"
            value={r.name}
            onChange={(e) => update(i, { name: e.target.value })}
            onBlur={(e) => leftRow(e) && commit(rows)}
            onKeyDown={(e) => e.key === 'Enter' && commit(rows)}
            autoFocus={r.fresh}
          />
          <input
            aria-label="field type"
            data-testid="field-type"
            list={listId}
            value={r.type}
            onChange={(e) => update(i, { type: e.target.value })}
            onBlur={(e) => leftRow(e) && commit(rows)}
            onKeyDown={(e) => e.key === 'Enter' && commit(rows)}
          />
          <label className="optional" title="optional">
            <input type="checkbox" data-testid="field-optional" checked={r.optional} onChange={(e) => update(i, { optional: e.target.checked }, true)} />?
          </label>
          <button type="button" title="deprecation and constraints" data-testid="field-more" aria-expanded={open.has(i)} onClick={() => toggle(i)}>
            ⋯
          </button>
          <button type="button" title="remove field" data-testid="field-remove" onClick={() => commit(rows.filter((_, j) => j !== i))}>
            ×
          </button>
          {open.has(i) ? (
            <div className="field-details" data-testid="field-details">
              <label title="deprecated: kept for stored data, flagged in types, JSON Schema and by the schema gate">
                <input type="checkbox" data-testid="field-deprecated" checked={r.deprecated} onChange={(e) => update(i, { deprecated: e.target.checked }, true)} />
                deprecated
              </label>
              <input
                aria-label="deprecation reason"
                data-testid="field-deprecated-reason"
                placeholder="reason (optional)"
                value={r.reason}
                disabled={!r.deprecated}
                onChange={(e) => update(i, { reason: e.target.value })}
                onBlur={(e) => leftRow(e) && commit(rows)}
                onKeyDown={(e) => e.key === 'Enter' && commit(rows)}
              />
              {CONSTRAINT_KEYS.map((key) =>
                key === 'positive' ? (
                  <label key={key} title="positive: greater than 0 (for money, the amount)">
                    <input
                      type="checkbox"
                      data-testid="field-constraint-positive"
                      checked={r.constraints.positive === 'true'}
                      onChange={(e) => update(i, { constraints: { ...r.constraints, positive: e.target.checked ? 'true' : '' } }, true)}
                    />
                    positive
                  </label>
                ) : (
                  <input
                    key={key}
                    aria-label={key}
                    title={key}
                    placeholder={key}
                    data-testid={`field-constraint-${key}`}
                    value={r.constraints[key] ?? ''}
                    onChange={(e) => update(i, { constraints: { ...r.constraints, [key]: e.target.value } })}
                    onBlur={(e) => leftRow(e) && commit(rows)}
                    onKeyDown={(e) => e.key === 'Enter' && commit(rows)}
                  />
                ),
              )}
            </div>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        data-testid="field-add"
        onClick={() => {
          let n = rows.length + 1;
          while (rows.some((r) => r.name === `field${n}`)) n++;
          setRows([...rows, { name: `field${n}`, type: 'string', optional: false, deprecated: false, reason: '', constraints: {}, fresh: true }]);
        }}
      >
        + field
      </button>
      {error ? (
        <div className="field-error" role="alert" data-testid="field-error">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
