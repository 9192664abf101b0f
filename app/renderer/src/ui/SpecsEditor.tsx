// Given / when / then specs of one command: name, the events given, the outcome (events or a
// rejection). Message data stays as written in the YAML (edited there, shown read-only here).

import type { BoundedContext, NameRef, Spec, SpecMessage } from '../../../../generator/model/types.js';
import { boardLoc } from '../../model/refs.js';
import { CommitInput } from './TextListEditor.js';

const names = (ms: SpecMessage[]) => ms.map((m) => m.type.name).join(', ');

function messages(text: string, previous: SpecMessage[], file: string): SpecMessage[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => previous.find((m) => m.type.name === name) ?? { type: { name, loc: boardLoc(file) }, data: {}, loc: boardLoc(file) });
}

export function SpecsEditor(props: { ctx: BoundedContext; command: string; onChange: (specs: Spec[]) => void }) {
  const { ctx, command, onChange } = props;
  const mine = ctx.specs.map((s, i) => ({ s, i })).filter(({ s }) => s.when.type.name === command);
  const replace = (i: number, spec: Spec) => onChange(ctx.specs.map((s, j) => (j === i ? spec : s)));
  const ref = (name: string): NameRef => ({ name, loc: boardLoc(ctx.file) });
  return (
    <fieldset className="specs" data-testid="specs">
      <legend>Specs (given / when {command} / then)</legend>
      {mine.map(({ s, i }) => (
        <div className="spec" key={i} data-testid="spec">
          <CommitInput label="Spec" testId="spec-name" value={s.name} onCommit={(name) => replace(i, { ...s, name })} />
          <CommitInput label="Given events" testId="spec-given" value={names(s.given)} onCommit={(t) => replace(i, { ...s, given: messages(t, s.given, ctx.file) })} />
          <label className="prop">
            <span>Then</span>
            <select
              data-testid="spec-then-kind"
              value={s.then.kind}
              onChange={(e) => {
                const kind = e.target.value as Spec['then']['kind'];
                replace(i, { ...s, then: kind === 'events' ? { kind, events: [] } : kind === 'rejects' ? { kind, error: ref('') } : { kind } });
              }}
            >
              <option value="events">events</option>
              <option value="rejects">rejects</option>
              <option value="nothing">nothing</option>
            </select>
          </label>
          {s.then.kind === 'events' ? (
            <CommitInput
              label="Then events"
              testId="spec-then"
              value={names(s.then.events)}
              onCommit={(t) => replace(i, { ...s, then: { kind: 'events', events: messages(t, s.then.kind === 'events' ? s.then.events : [], ctx.file) } })}
            />
          ) : s.then.kind === 'rejects' ? (
            <CommitInput label="Rejected with" testId="spec-then" value={s.then.error.name} onCommit={(t) => replace(i, { ...s, then: { kind: 'rejects', error: ref(t.trim()) } })} />
          ) : null}
          <button type="button" data-testid="spec-remove" onClick={() => onChange(ctx.specs.filter((_, j) => j !== i))}>
            Remove spec
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="spec-add"
        onClick={() =>
          onChange([
            ...ctx.specs,
            { name: `${command} works`, context: ctx.name, loc: boardLoc(ctx.file), given: [], when: { type: ref(command), data: {}, loc: boardLoc(ctx.file) }, then: { kind: 'events', events: [] } },
          ])
        }
      >
        + spec
      </button>
    </fieldset>
  );
}
