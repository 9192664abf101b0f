// Single-element model edits for the plan-cache property test: each changes one element of one
// context (a field added, a description, an invariant, a rejection, a published flag, a
// value-object field that other contexts' schemas embed) the way a canvas edit would.
import fc from 'fast-check';
import type { BoundedContext, Field, Model } from '../../generator/model/types.js';

const TARGETS = ['aggregates', 'commands', 'events', 'valueObjects', 'projections', 'policies', 'context'] as const;

export interface Edit {
  context: number;
  target: (typeof TARGETS)[number];
  element: number;
  kind: number;
  n: number;
}

export const anEdit: fc.Arbitrary<Edit> = fc.record({
  context: fc.nat(),
  target: fc.constantFrom(...TARGETS),
  element: fc.nat(),
  kind: fc.nat(3),
  n: fc.nat(999),
});

const field = (name: string, typeName: 'string' | 'int', optional: boolean, loc: Field['loc']): Field => ({
  name,
  optional,
  type: { kind: 'primitive', name: typeName },
  typeText: `${typeName}${optional ? '?' : ''}`,
  loc,
});

/** A copy of `model` with one edit applied; the edit is described for failure messages. */
export function applyEdit(model: Model, edit: Edit): { model: Model; described: string } {
  const copy = structuredClone(model);
  const context: BoundedContext = copy.contexts[edit.context % copy.contexts.length]!;
  const list = edit.target === 'context' ? [] : (context[edit.target] as { name: string }[]);
  const say = (what: string) => ({ model: copy, described: `${context.name}: ${what}` });
  if (list.length === 0) {
    context.description = `Edited context ${edit.n}.`;
    return say('description');
  }
  const element = list[edit.element % list.length]! as never as Record<string, unknown> & { name: string; loc: Field['loc'] };
  const extra = field(`extra${edit.n}`, edit.n % 2 ? 'int' : 'string', true, element.loc);
  switch (`${edit.target}/${edit.kind}`) {
    case 'aggregates/0':
      (element.state as Field[]).push(extra);
      return say(`state field on ${element.name}`);
    case 'aggregates/1':
      (element.invariants as { text: string; loc: Field['loc'] }[]).push({ text: `Invariant ${edit.n} holds.`, loc: element.loc });
      return say(`invariant on ${element.name}`);
    case 'commands/0':
    case 'events/0':
    case 'projections/0':
      (element.fields as Field[]).push(extra);
      return say(`field on ${element.name}`);
    case 'commands/1':
      (element.rejects as { name: string; loc: Field['loc'] }[]).push({ name: `Refused${edit.n}`, loc: element.loc });
      return say(`rejection on ${element.name}`);
    case 'events/1':
      element.published = !element.published;
      return say(`published flag of ${element.name}`);
    case 'valueObjects/0':
    case 'valueObjects/1':
      (element.fields as Field[]).push(field(`extra${edit.n}`, 'int', edit.kind === 0, element.loc));
      return say(`field on value object ${element.name}`);
    default:
      element.description = `Edited ${edit.n}.`;
      return say(`description of ${element.name}`);
  }
}
