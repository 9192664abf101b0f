// Renaming a field in the canvas's field editor rewrites the policies' `with:` entries that name
// it (issue 17 leftover): the key when the field is an issued command's, the path step when it is
// a trigger event's or a value object's on the path. Before, the validator reported the stale
// entry (E_POLICY_MAPPING) and the user had to find it.
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../app/renderer/model/changes.js';
import { loadModel } from '../../generator/model/load.js';
import { formatFieldSource } from '../../generator/model/field-source.js';
import type { Field, Model } from '../../generator/model/types.js';
import { validateModel } from '../../generator/model/validate/index.js';

const TEXT = [
  'stormsmith: 1',
  'context: Hotel',
  'valueObjects:',
  '  Stay:',
  '    fields: { checkIn: date, room: int }',
  'aggregates:',
  '  Booking: { identity: bookingId }',
  '  Cleaning: { identity: cleaningId }',
  'commands:',
  '  Book:',
  '    aggregate: Booking',
  '    fields: { bookingId: uuid, stay: Stay, total: int }',
  '    emits: [Booked]',
  '  ScheduleCleaning:',
  '    aggregate: Cleaning',
  '    fields: { cleaningId: uuid, dueOn: date, amount: int }',
  '    emits: [CleaningScheduled]',
  'events:',
  '  Booked:',
  '    aggregate: Booking',
  '    fields: { bookingId: uuid, stay: Stay, total: int }',
  '  CleaningScheduled:',
  '    aggregate: Cleaning',
  '    fields: { cleaningId: uuid, dueOn: date, amount: int }',
  'policies:',
  '  ScheduleOnBooked:',
  '    on: [Booked]',
  '    issues: [ScheduleCleaning]',
  '    with: { cleaningId: $newId, dueOn: stay.checkIn, amount: total }',
  '',
].join('\n');

const load = (): Model => loadModel([{ path: 'hotel.yaml', text: TEXT }]).model!;
const mapping = (m: Model) => Object.fromEntries(m.contexts[0]!.policies[0]!.with!.map((w) => [w.field, formatFieldSource(w.source)]));
const errors = (m: Model) => validateModel(m).filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
const renamed = (fields: Field[], from: string, to: string) => fields.map((f) => (f.name === from ? { ...f, name: to } : f));

function rename(model: Model, kind: 'command' | 'event' | 'valueObject', name: string, from: string, to: string) {
  const ctx = model.contexts[0]!;
  const el = kind === 'command' ? ctx.commands.find((c) => c.name === name)! : kind === 'event' ? ctx.events.find((e) => e.name === name)! : ctx.valueObjects.find((v) => v.name === name)!;
  return applyChange(model, { type: 'update', ref: { context: 'Hotel', kind, name }, set: { fields: renamed(el.fields, from, to) }, renamedFields: [{ from, to }] });
}

describe('renaming a field rewrites the policies\' `with:` entries', () => {
  it('starts valid', () => {
    expect(errors(load())).toEqual([]);
  });

  it('a value object\'s field on a path', () => {
    const before = load();
    const { model, inverse } = rename(before, 'valueObject', 'Stay', 'checkIn', 'arrivesOn');
    expect(mapping(model)).toEqual({ cleaningId: '$newId', dueOn: 'stay.arrivesOn', amount: 'total' });
    expect(errors(model)).toEqual([]);
    expect(mapping(applyChange(model, inverse).model)).toEqual(mapping(before));
  });

  it('an issued command\'s field (the key)', () => {
    const { model } = rename(load(), 'command', 'ScheduleCleaning', 'dueOn', 'due');
    expect(mapping(model)).toEqual({ cleaningId: '$newId', due: 'stay.checkIn', amount: 'total' });
    // The event keeps its own `dueOn`: only the command was renamed.
    expect(errors(model)).toEqual([]);
  });

  it('a trigger event\'s field (the first step)', () => {
    const { model } = rename(load(), 'event', 'Booked', 'total', 'price');
    expect(mapping(model)).toEqual({ cleaningId: '$newId', dueOn: 'stay.checkIn', amount: 'price' });
    expect(errors(model)).toEqual([]);
  });

  it('leaves other fields and a plain edit alone', () => {
    const { model } = rename(load(), 'event', 'CleaningScheduled', 'amount', 'sum');
    expect(mapping(model)).toEqual(mapping(load()));
    const edit = applyChange(load(), { type: 'update', ref: { context: 'Hotel', kind: 'event', name: 'Booked' }, set: { fields: renamed(load().contexts[0]!.events[0]!.fields, 'total', 'price') } });
    expect(mapping(edit.model)).toEqual(mapping(load()));
  });
});
