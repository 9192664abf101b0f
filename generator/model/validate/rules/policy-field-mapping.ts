// A policy's `with:` says where fields of its issued commands come from (docs/adr/0096): a path
// into the trigger event's data, or `$newId`. The generated default logic builds the commands
// from it, so every entry must name a field of an issued command, every path must exist in every
// event the policy reacts to, and the value found there must have the command field's type.
import { formatType } from '../../load/type-syntax.js';
import { didYouMean } from '../../suggest.js';
import type { Command, Diagnostic, Event, Field, FieldSource, Policy, TypeRef } from '../../types.js';
import type { NameIndex } from '../name-index.js';
import { report, type Rule } from '../rule.js';

/**
 * The field a path reaches in an event's data, through value objects (optional when any step is),
 * or why it does not.
 */
export function followPath(index: NameIndex, event: Event, path: readonly string[]): { field: Field; optional: boolean } | { missing: string; at: string; candidates: string[] } {
  let fields: readonly Field[] = event.fields;
  let optional = false;
  let context = event.context;
  let owner = `event ${event.name}`;
  for (let i = 0; i < path.length; i++) {
    const field = fields.find((f) => f.name === path[i]);
    if (!field) return { missing: path[i]!, at: owner, candidates: fields.map((f) => f.name) };
    optional ||= field.optional;
    if (i === path.length - 1) return { field, optional };
    if (field.type.kind !== 'ref') return { missing: path[i + 1]!, at: `field ${path.slice(0, i + 1).join('.')} (${field.typeText}, not a value object)`, candidates: [] };
    const vo = index.resolve({ name: field.type.name, loc: field.loc }, context, ['valueObject']);
    if (vo.status !== 'found') return { missing: path[i + 1]!, at: `value object ${field.type.name}`, candidates: [] };
    fields = vo.element.fields;
    context = vo.element.context;
    owner = `value object ${vo.element.name}`;
  }
  return { missing: path[0] ?? '', at: owner, candidates: [] };
}

const ID_TYPES = new Set(['uuid', 'string']);
const isIdType = (type: TypeRef): boolean => type.kind === 'primitive' && ID_TYPES.has(type.name);

export const policyFieldMapping: Rule = {
  id: 'policy-field-mapping',
  code: 'E_POLICY_MAPPING',
  severity: 'error',
  description: "A policy's `with:` names fields of its issued commands and takes them from fields of every trigger event, or from `$newId`, with matching types.",
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const policy of c.policies) {
        if (!policy.with || policy.with.length === 0) continue;
        const commands = resolved<Command>(index, policy, policy.issues, 'command');
        const events = resolved<Event>(index, policy, policy.on, 'event');
        for (const entry of policy.with) out.push(...checkEntry(this, index, policy, entry, commands, events));
      }
    }
    return out;
  },
};

function resolved<T>(index: NameIndex, policy: Policy, refs: Policy['on'], kind: 'command' | 'event'): T[] {
  return refs.flatMap((ref) => {
    const r = index.resolve(ref, policy.context, [kind]);
    return r.status === 'found' ? [r.element as T] : [];
  });
}

function checkEntry(rule: Rule, index: NameIndex, policy: Policy, entry: FieldSource, commands: Command[], events: Event[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const targets = commands.flatMap((command) => command.fields.filter((f) => f.name === entry.field).map((field) => ({ command, field })));
  if (commands.length > 0 && targets.length === 0) {
    const names = [...new Set(commands.flatMap((cmd) => cmd.fields.map((f) => f.name)))];
    const suggestion = didYouMean(entry.field, names);
    out.push(
      report(rule, {
        at: entry.loc,
        message: `policy ${policy.name} maps "${entry.field}", which no command it issues (${commands.map((cmd) => cmd.name).join(', ')}) has`,
        hint: suggestion ? `did you mean "${suggestion}"?` : `map one of the issued commands' fields: ${names.join(', ') || '(they have none)'}`,
        related: commands.map((cmd) => cmd.loc),
      }),
    );
    return out;
  }
  if (entry.source.kind === 'newId') {
    for (const { command, field } of targets) {
      if (isIdType(field.type)) continue;
      out.push(
        report(rule, {
          at: entry.loc,
          message: `policy ${policy.name} gives ${command.name}.${field.name} a new identity, but the field is ${field.typeText}`,
          hint: '$newId is a UUID: use it for a uuid or string field (the identity of the aggregate the command creates)',
          related: [field.loc],
        }),
      );
    }
    return out;
  }
  const path = entry.source.path;
  for (const event of events) {
    const found = followPath(index, event, path);
    if ('missing' in found) {
      const suggestion = didYouMean(found.missing, found.candidates);
      out.push(
        report(rule, {
          at: entry.loc,
          message: `policy ${policy.name} takes "${entry.field}" from ${path.join('.')}, but ${found.at} has no field ${found.missing}`,
          hint: suggestion
            ? `did you mean "${suggestion}"?`
            : found.candidates.length > 0
              ? `the trigger ${event.name} has: ${found.candidates.join(', ')}`
              : 'name a field of the trigger event (value object fields as `field.inner`), or $newId',
          related: [event.loc],
        }),
      );
      continue;
    }
    for (const { command, field } of targets) {
      const sameType = formatType(found.field.type) === formatType(field.type);
      const optionalIntoRequired = found.optional && !field.optional;
      if (sameType && !optionalIntoRequired) continue;
      out.push(
        report(rule, {
          at: entry.loc,
          message: sameType
            ? `policy ${policy.name} fills the required ${command.name}.${field.name} from ${event.name}'s optional ${path.join('.')}`
            : `policy ${policy.name} fills ${command.name}.${field.name} (${formatType(field.type)}) from ${event.name}'s ${path.join('.')} (${formatType(found.field.type)})`,
          hint: sameType
            ? `make ${command.name}.${field.name} optional, or map it from a field the event always carries`
            : `map a field of type ${formatType(field.type)}, or change one of the two types`,
          related: [found.field.loc, field.loc],
        }),
      );
    }
  }
  return out;
}
