// The inputs of plan units, as canonical JSON strings.
//
// A context unit reads its own context whole, and from other contexts only what it references:
// the elements a qualified reference (`Payments.PaymentCaptured`) names, the elements those
// reference in turn (an event's aggregate, its value objects), and every value object of a
// name it uses (emitters look a value object up in its own context first, then in the first
// context by name that declares one: see valueOwner in ir/context.ts). A missing target is part
// of the input too, so that adding it later changes the key. The cross-cutting units (the
// composition root, ops, evolution) read every context and are keyed on the whole model.
//
// Pure: runs wherever plan() runs.

import type { BoundedContext, Model } from '../model/types.js';
import { compareCodeUnits } from '../names.js';

/** Collections of a context whose elements a reference can name. */
const COLLECTIONS = ['aggregates', 'commands', 'events', 'policies', 'projections', 'actors', 'externalSystems', 'valueObjects'] as const;

type Json = unknown;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A reference to an element by name: `{ name, loc, context? }`. Fields (which carry `type`) and
 * elements (which carry `kind`) have a name too, but are not references.
 */
const isNameRef = (value: Record<string, unknown>): value is { name: string; context?: string } =>
  typeof value.name === 'string' && 'loc' in value && !('kind' in value) && !('type' in value) && (value.context === undefined || typeof value.context === 'string');

/** A field type naming a value object: `{ kind: 'ref', name }`. */
const isTypeRef = (value: Record<string, unknown>): value is { kind: 'ref'; name: string } => value.kind === 'ref' && typeof value.name === 'string';

/** The facts of other contexts that `context` reads, as a sorted list of [key, elements]. */
export function foreignFacts(model: Model, context: BoundedContext): [string, Json][] {
  const byName = new Map(model.contexts.map((c) => [c.name, c]));
  const found = new Map<string, Json>();
  const queue: { value: unknown; home: string }[] = [{ value: context, home: context.name }];

  const include = (key: string, elements: () => { home: string; element: unknown }[]) => {
    if (found.has(key)) return;
    const list = elements();
    found.set(key, list.map((e) => e.element));
    for (const e of list) queue.push({ value: e.element, home: e.home });
  };
  const includeElement = (target: string, name: string) =>
    include(`element ${target}.${name}`, () => {
      const owner = byName.get(target);
      if (!owner) return [{ home: target, element: { missingContext: target } }];
      return COLLECTIONS.flatMap((k) => (owner[k] as readonly { name: string }[]).filter((e) => e.name === name).map((element) => ({ home: target, element: { [k]: element } })));
    });
  const includeValueObject = (name: string) =>
    include(`valueObject ${name}`, () =>
      model.contexts.flatMap((c) => c.valueObjects.filter((v) => v.name === name).map((element) => ({ home: c.name, element: { context: c.name, valueObject: element } }))),
    );

  while (queue.length > 0) {
    const { value, home } = queue.pop()!;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
        return;
      }
      if (!isObject(node)) return;
      if (isTypeRef(node)) includeValueObject(node.name);
      else if (isNameRef(node)) {
        const target = node.context ?? home;
        if (target !== context.name) includeElement(target, node.name);
      }
      for (const child of Object.values(node)) walk(child);
    };
    walk(value);
  }
  return [...found.entries()].sort((a, b) => compareCodeUnits(a[0], b[0]));
}

/** The input of the unit that plans `context` (its model part; options are added by the caller). */
export const contextUnitInput = (model: Model, context: BoundedContext): string => JSON.stringify({ context, foreign: foreignFacts(model, context) });

/** The input of a unit that reads every context. */
export const wholeModelInput = (model: Model): string => JSON.stringify(model);
