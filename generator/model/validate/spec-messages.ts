// Every message a spec names (given events, the when command, then events) together with the
// fields of the event or command it resolves to: what the rules checking spec data walk over.
// Messages whose type does not resolve are left out: unresolved-reference reports those.
import type { BoundedContext, Field, Spec, SpecMessage } from '../types.js';
import type { NameIndex } from './name-index.js';

export interface ResolvedSpecMessage {
  spec: Spec;
  message: SpecMessage;
  fields: Field[];
}

export function* resolvedSpecMessages(context: BoundedContext, index: NameIndex): Generator<ResolvedSpecMessage> {
  for (const spec of context.specs) {
    const messages: { message: SpecMessage; kind: 'event' | 'command' }[] = [
      ...spec.given.map((message) => ({ message, kind: 'event' as const })),
      { message: spec.when, kind: 'command' },
      ...(spec.then.kind === 'events' ? spec.then.events.map((message) => ({ message, kind: 'event' as const })) : []),
    ];
    for (const { message, kind } of messages) {
      const r = index.resolve(message.type, context.name, [kind]);
      if (r.status !== 'found') continue;
      yield { spec, message, fields: r.element.fields };
    }
  }
}
