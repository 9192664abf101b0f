// Properties of the selected sticky: name, description and what its kind carries (fields,
// identity, invariants, event version, retirement and former names, projection key and
// consistency, specs of a command).

import type { RefObject } from 'react';
import type { BoundedContext, Element, Field } from '../../../../generator/model/types.js';
import { formatFieldSource, parseFieldSourceLine } from '../../../../generator/model/without-parser.js';
import type { Change, ElementProps } from '../../model/changes.js';
import { STICKY_STYLES } from '../../model/kinds.js';
import { refOf } from '../../model/refs.js';
import { FieldsEditor } from './FieldsEditor.js';
import { SpecsEditor } from './SpecsEditor.js';
import { CommitInput, TextListEditor } from './TextListEditor.js';

export function PropertyPanel(props: {
  element: Element | undefined;
  ctx: BoundedContext | undefined;
  count: number;
  apply: (c: Change) => boolean;
  /** Set to the name field while one element is shown (the Rename action focuses it). */
  nameField?: RefObject<HTMLElement | null>;
}) {
  const { element: el, ctx, apply, count } = props;
  if (!el || !ctx) {
    return (
      <aside className="properties" data-testid="properties">
        <p className="muted">{count > 1 ? `${count} stickies selected.` : 'Select a sticky to edit it.'}</p>
      </aside>
    );
  }
  const ref = refOf(el);
  const set = (p: ElementProps): boolean => apply({ type: 'update', ref, set: p });
  const valueObjects = ctx.valueObjects.map((v) => v.name);
  const fields = (label: string, list: Field[], key: 'fields' | 'state') => (
    <FieldsEditor
      key={`${el.name}/${key}`}
      label={label}
      fields={list}
      file={ctx.file}
      valueObjects={valueObjects}
      onChange={(f, renamed) => apply({ type: 'update', ref, set: { [key]: f }, ...(key === 'fields' && renamed.length > 0 ? { renamedFields: renamed } : {}) })}
    />
  );
  return (
    <aside className="properties" data-testid="properties" data-element={el.name}>
      <h2 style={{ borderColor: STICKY_STYLES[el.kind].color }}>{STICKY_STYLES[el.kind].label}</h2>
      <CommitInput label="Name" testId="prop-name" wrap fieldRef={props.nameField} value={el.name} onCommit={(to) => apply({ type: 'rename', ref, to: to.trim() })} />
      <CommitInput label="Description" testId="prop-description" multiline value={el.description ?? ''} onCommit={(d) => set({ description: d.trim() === '' ? undefined : d.trim() })} />
      {el.kind === 'aggregate' ? (
        <>
          <CommitInput label="Identity field" testId="prop-identity" value={el.identity} onCommit={(identity) => set({ identity })} />
          <TextListEditor label="Invariants (one per line)" testId="prop-invariants" items={el.invariants.map((i) => i.text)} onChange={(items) => set({ invariants: items.map((text) => el.invariants.find((i) => i.text === text) ?? { text, loc: el.loc }) })} />
          {fields('State', el.state, 'state')}
        </>
      ) : null}
      {el.kind === 'command' ? (
        <>
          {fields('Fields', el.fields, 'fields')}
          <TextListEditor label="Rejects with (one per line)" testId="prop-rejects" items={el.rejects.map((r) => r.name)} onChange={(items) => set({ rejects: items.map((name) => el.rejects.find((r) => r.name === name) ?? { name, loc: el.loc }) })} />
          <SpecsEditor ctx={ctx} command={el.name} onChange={(specs) => apply({ type: 'setSpecs', context: ctx.name, specs })} />
        </>
      ) : null}
      {el.kind === 'event' ? (
        <>
          <label className="prop">
            <span>Recorded by / delivered by</span>
            <select
              data-testid="prop-origin"
              value={el.aggregate ? `aggregate:${el.aggregate.context ?? ''}:${el.aggregate.name}` : el.source ? `externalSystem:${el.source.context ?? ''}:${el.source.name}` : ''}
              onChange={(e) => {
                const [kind, context, name] = e.target.value.split(':') as ['aggregate' | 'externalSystem', string, string];
                apply({ type: 'setOrigin', event: ref, origin: e.target.value === '' ? null : { kind, context: context || ctx.name, name } });
              }}
            >
              <option value="">not settled yet (draft)</option>
              {ctx.aggregates.map((a) => (
                <option key={`a/${a.name}`} value={`aggregate::${a.name}`}>
                  aggregate {a.name}
                </option>
              ))}
              {ctx.externalSystems.map((x) => (
                <option key={`x/${x.name}`} value={`externalSystem::${x.name}`}>
                  external system {x.name}
                </option>
              ))}
            </select>
          </label>
          <CommitInput
            label="Version"
            testId="prop-version"
            type="number"
            value={String(el.version)}
            onCommit={(v) => {
              const n = Number(v);
              if (Number.isInteger(n) && n >= 1) set({ version: n });
            }}
          />
          <label className="prop checkbox">
            <input type="checkbox" data-testid="prop-published" checked={el.published} onChange={(e) => set({ published: e.target.checked })} />
            <span>Published (integration event)</span>
          </label>
          <label className="prop checkbox">
            <input type="checkbox" data-testid="prop-retired" checked={el.retired === true} onChange={(e) => set({ retired: e.target.checked ? true : undefined })} />
            <span>Retired (no longer emitted; stored streams still replay it)</span>
          </label>
          <TextListEditor
            label="Former names (one per line; stored events under them replay as this one)"
            testId="prop-formerly"
            items={(el.formerly ?? []).map((f) => f.name)}
            onChange={(items) => set({ formerly: items.length === 0 ? undefined : items.map((name) => el.formerly?.find((f) => f.name === name) ?? { name, loc: el.loc }) })}
          />
          {fields('Fields', el.fields, 'fields')}
        </>
      ) : null}
      {el.kind === 'projection' ? (
        <>
          <CommitInput label="Key field" testId="prop-key" value={el.key} onCommit={(key) => set({ key })} />
          <label className="prop">
            <span>Consistency</span>
            <select data-testid="prop-consistency" value={el.consistency} onChange={(e) => set({ consistency: e.target.value as 'strong' | 'eventual' })}>
              <option value="strong">strong</option>
              <option value="eventual">eventual</option>
            </select>
          </label>
          {fields('Fields', el.fields, 'fields')}
        </>
      ) : null}
      {el.kind === 'policy' ? (
        <TextListEditor
          label="Command fields from the trigger (field: path or $newId, one per line)"
          testId="prop-with"
          items={(el.with ?? []).map((w) => `${w.field}: ${formatFieldSource(w.source)}`)}
          onChange={(items) => {
            // Lines that are not `field: source` are dropped (the panel then shows what was kept).
            const parsed = items.map(parseFieldSourceLine).filter((w) => w !== undefined);
            const mapping = parsed.map((w) => ({ ...w, loc: el.with?.find((old) => old.field === w.field)?.loc ?? el.loc }));
            set({ with: mapping.length > 0 ? mapping : undefined });
          }}
        />
      ) : null}
      {el.kind === 'valueObject' ? fields('Fields', el.fields, 'fields') : null}
    </aside>
  );
}
