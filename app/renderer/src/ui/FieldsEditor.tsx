// Editor for a list of fields: name, type (picker with built-ins and the context's value
// objects, free text for arrays and enums), optional flag. Commits the whole list on each edit.

import { useEffect, useId, useState, type FocusEvent } from 'react';
import { formatType, parseTypeText } from '../../../../generator/model/index.js';
import { PRIMITIVE_TYPE_NAMES, type Field } from '../../../../generator/model/types.js';
import { boardLoc } from '../../model/refs.js';

interface Row {
  name: string;
  type: string;
  optional: boolean;
  /** Just added with "+ field": not in the model until the row is left or Enter is pressed. */
  fresh?: boolean;
}

/** Moving between the inputs of one row is one edit: commit only when focus leaves the row. */
const leftRow = (e: FocusEvent<HTMLInputElement>) => {
  const row = e.currentTarget.closest('.field-row');
  return !(e.relatedTarget instanceof Node && row?.contains(e.relatedTarget));
};

const rowOf = (f: Field): Row => ({ name: f.name, type: f.typeText, optional: f.optional });

export function FieldsEditor(props: { label: string; fields: Field[]; file: string; valueObjects: string[]; onChange: (fields: Field[]) => void }) {
  const { fields, file, valueObjects, onChange, label } = props;
  const [rows, setRows] = useState<Row[]>(() => fields.map(rowOf));
  const [error, setError] = useState<string | undefined>();
  const listId = useId();
  useEffect(() => setRows(fields.map(rowOf)), [fields]);

  const commit = (next: Row[]) => {
    const out: Field[] = [];
    const seen = new Set<string>();
    for (const r of next) {
      const name = r.name.trim();
      if (name === '') return setError('a field needs a name');
      if (seen.has(name)) return setError(`field "${name}" appears twice`);
      seen.add(name);
      const parsed = parseTypeText(r.type);
      if (!parsed.ok) return setError(`${parsed.message} (${parsed.hint})`);
      const previous = fields.find((f) => f.name === name);
      const typeText = formatType(parsed.type);
      const optional = r.optional || parsed.optional;
      if (previous && previous.typeText === typeText && previous.optional === optional) {
        out.push(previous);
        continue;
      }
      out.push({ ...(previous ?? { loc: boardLoc(file) }), name, type: parsed.type, typeText, optional });
    }
    setError(undefined);
    const same = out.length === fields.length && out.every((f, i) => f === fields[i]);
    if (!same) onChange(out);
  };

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
          <button type="button" title="remove field" data-testid="field-remove" onClick={() => commit(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="field-add"
        onClick={() => {
          let n = rows.length + 1;
          while (rows.some((r) => r.name === `field${n}`)) n++;
          setRows([...rows, { name: `field${n}`, type: 'string', optional: false, fresh: true }]);
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
