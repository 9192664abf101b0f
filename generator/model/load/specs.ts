// `specs:` — a list of given/when/then examples.
//
//   - name: a returned book cannot be returned again
//     given: [{ event: BookBorrowed, data: {...} }]
//     when: { command: ReturnBook, data: {...} }
//     then: [{ event: X, data: {...} }]   # events that happen
//     then: { rejects: LoanAlreadyReturned } # the command is refused
//     then: []                              # nothing happens

import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Spec, SpecMessage, SpecOutcome } from '../types.js';
import type { Entry, Reader } from './reader.js';

export function readSpecs(r: Reader, entry: Entry): Spec[] {
  const out: Spec[] = [];
  for (const item of r.items(entry.value, 'specs', entry.keyNode.range)) {
    const spec = readSpec(r, item, entry);
    if (spec) out.push(spec);
  }
  return out;
}

function readSpec(r: Reader, node: YamlNode | null, parent: Entry): Spec | undefined {
  if (!node || !isMap(node)) {
    r.typeError(node, 'a spec `{ name, given, when, then }`', parent.keyNode.range);
    return undefined;
  }
  const f = r.object(node, { what: 'a spec', required: ['name', 'when', 'then'], optional: ['given'] }, node.range);
  const name = r.string(f.get('name'));
  const givenEntry = f.get('given');
  const given: SpecMessage[] = [];
  if (givenEntry) {
    for (const item of r.items(givenEntry.value, 'given events', givenEntry.keyNode.range)) {
      const message = readMessage(r, item, 'event', givenEntry);
      if (message) given.push(message);
    }
  }
  const whenEntry = f.get('when');
  const when = whenEntry && readMessage(r, whenEntry.value, 'command', whenEntry);
  const thenEntry = f.get('then');
  const then = thenEntry && readOutcome(r, thenEntry);
  if (name === undefined || !when || !then) return undefined;
  return { name, given, when, then, context: r.context, loc: r.span(f.get('name')?.keyNode ?? node) };
}

/** `{ event: X, data: {...} }` or `{ command: X, data: {...} }`. */
function readMessage(r: Reader, node: YamlNode | null, kind: 'event' | 'command', parent: Entry): SpecMessage | undefined {
  if (!node || !isMap(node)) {
    r.typeError(node, `\`{ ${kind}: Name, data: { … } }\` in "${parent.key}"`, parent.keyNode.range);
    return undefined;
  }
  const f = r.object(node, { what: `a spec ${kind}`, required: [kind], optional: ['data'] }, node.range ?? parent.keyNode.range);
  const typeEntry = f.get(kind);
  const type = typeEntry && r.nameRef(typeEntry.value, `the ${kind} name`, typeEntry.keyNode.range);
  if (!type) return undefined;
  return { type, data: r.jsonObject(f.get('data')), loc: r.span(typeEntry.keyNode) };
}

function readOutcome(r: Reader, entry: Entry): SpecOutcome | undefined {
  const node = entry.value;
  if (node && isSeq(node)) {
    const events: SpecMessage[] = [];
    for (const item of node.items as (YamlNode | null)[]) {
      const message = readMessage(r, item ?? null, 'event', entry);
      if (message) events.push(message);
    }
    return events.length === 0 && node.items.length === 0 ? { kind: 'nothing' } : { kind: 'events', events };
  }
  if (node && isMap(node)) {
    const f = r.object(node, { what: 'a spec outcome', required: ['rejects'], optional: [] }, entry.keyNode.range);
    const rejectsEntry = f.get('rejects');
    const error = rejectsEntry && r.nameRef(rejectsEntry.value, 'the rejection name', rejectsEntry.keyNode.range);
    return error ? { kind: 'rejects', error } : undefined;
  }
  if (node && isScalar(node) && node.value === null) return { kind: 'nothing' };
  r.typeError(node, 'a list of events, `{ rejects: ErrorName }` or `[]` (nothing happens) for "then"', entry.keyNode.range);
  return undefined;
}
