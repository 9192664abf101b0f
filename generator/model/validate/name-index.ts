// The name index: built once per validation, shared by every rule, so that each lookup is a map
// access and validating 2000 aggregates stays linear (no rule scans the model per reference).
import type { BoundedContext, Command, ElementKind, Event, ExternalSystem, Model, NameRef, Policy, Projection } from '../types.js';
import { elementsOf, type NamedElement } from '../elements.js';
import { declaredNames, type DeclaredName } from './names.js';
import { referencesOf, type Reference } from './references.js';

export { elementsOf, type ElementOfKind, type NamedElement } from '../elements.js';

/** What a name resolves to; `E` is the element type of the kinds asked for. */
export type Resolution<E extends NamedElement = NamedElement> =
  | { status: 'found'; element: E }
  /** Nothing of the expected kind with that name is visible. */
  | { status: 'missing' }
  /** The name exists, but as another kind of element (a command where an event is expected). */
  | { status: 'wrong-kind'; found: NamedElement[] }
  /** Several other contexts define the name and the reference does not say which one. */
  | { status: 'ambiguous'; candidates: E[] }
  /** `Payments.CapturePayment` where no context is called Payments. */
  | { status: 'unknown-context' };

/** The element type of a kind (hotspots are never resolved). */
export type NamedOfKind<K extends ElementKind> = Extract<NamedElement, { kind: K }>;

export interface NameIndex {
  /** Contexts by name; more than one entry means the name is declared twice. */
  contexts: ReadonlyMap<string, BoundedContext[]>;
  /** Every named element in model order (context order, then kind order of the context). */
  elements: readonly NamedElement[];
  /** Global name -> elements of that name in every context. */
  byName: ReadonlyMap<string, NamedElement[]>;
  /**
   * Resolves a reference written in `fromContext` to an element of one of `kinds`, typed by them:
   * `resolve(ref, c, ['event'])` finds an Event, no cast needed.
   */
  resolve<K extends ElementKind>(ref: NameRef, fromContext: string, kinds: readonly K[]): Resolution<NamedOfKind<K>>;
  /** Names of elements of `kinds` visible from a context (for did-you-mean). */
  namesOfKinds(kinds: readonly ElementKind[]): string[];
  /** Commands and external systems that emit each event (resolved references only). */
  emitters: ReadonlyMap<Event, (Command | ExternalSystem)[]>;
  /** Policies, projections and external systems (`consumes`) that consume each event (resolved references only). */
  consumers: ReadonlyMap<Event, (Policy | Projection | ExternalSystem)[]>;
  /** The events a command emits (resolved references only, in declaration order). */
  emittedBy: ReadonlyMap<Command, Event[]>;
  /** Every element-to-element reference of the model (computed once, on first use). */
  readonly references: readonly Reference[];
  /** Every declared identifier of the model (computed once, on first use). */
  readonly names: readonly DeclaredName[];
}

export function buildNameIndex(model: Model): NameIndex {
  const contexts = new Map<string, BoundedContext[]>();
  const elements: NamedElement[] = [];
  const byName = new Map<string, NamedElement[]>();
  for (const context of model.contexts) {
    push(contexts, context.name, context);
    for (const element of elementsOf(context)) {
      elements.push(element);
      push(byName, element.name, element);
    }
  }

  const namesByKind = new Map<ElementKind, string[]>();
  for (const element of elements) push(namesByKind, element.kind, element.name);

  // Most names are resolved by several rules; a resolution depends only on these strings, so
  // it is remembered under them (also for the throw-away refs rules build for field types).
  // Nested maps (kinds -> from context -> qualifier -> name) rather than one concatenated key:
  // the strings come from the model, so each already has its hash cached, while a fresh
  // concatenated key had to be built and hashed on every call (a profiled hot spot).
  const cache = new Map<string, Map<string, Map<string, Map<string, Resolution>>>>();
  const foundByElement = new Map<NamedElement, Resolution>();
  const resolveAny = (ref: NameRef, fromContext: string, kinds: readonly ElementKind[]): Resolution => {
    // Fast path, taken by most references: the only element of that name, of an expected kind,
    // no qualifier. The answer depends on the element alone.
    if (ref.context === undefined) {
      const named = byName.get(ref.name);
      if (named !== undefined && named.length === 1 && kinds.includes(named[0]!.kind)) {
        let found = foundByElement.get(named[0]!);
        if (!found) foundByElement.set(named[0]!, (found = { status: 'found', element: named[0]! }));
        return found;
      }
    }
    const byFrom = level(cache, kinds.length === 1 ? kinds[0]! : kinds.join(','));
    const byQualifier = level(byFrom, fromContext);
    const byRefName = level(byQualifier, ref.context ?? '');
    let result = byRefName.get(ref.name);
    if (!result) byRefName.set(ref.name, (result = resolveUncached(ref, fromContext, kinds)));
    return result;
  };
  const resolveUncached = (ref: NameRef, fromContext: string, kinds: readonly ElementKind[]): Resolution => {
    if (ref.context !== undefined && !contexts.has(ref.context)) return { status: 'unknown-context' };
    let named = byName.get(ref.name) ?? [];
    // Fast path: one element of that name, in the expected kind, no qualifier.
    if (named.length === 1 && ref.context === undefined && kinds.includes(named[0]!.kind)) return { status: 'found', element: named[0]! };
    if (ref.context !== undefined) named = named.filter((e) => e.context === ref.context);
    const matching = named.filter((e) => kinds.includes(e.kind));
    if (matching.length === 0) return named.length > 0 ? { status: 'wrong-kind', found: named } : { status: 'missing' };
    const local = matching.find((e) => e.context === fromContext);
    if (local) return { status: 'found', element: local };
    const otherContexts = new Set(matching.map((e) => e.context));
    if (otherContexts.size === 1) return { status: 'found', element: matching[0]! };
    return { status: 'ambiguous', candidates: matching };
  };

  const emitters = new Map<Event, (Command | ExternalSystem)[]>();
  const consumers = new Map<Event, (Policy | Projection | ExternalSystem)[]>();
  const emittedBy = new Map<Command, Event[]>();
  // The one place the kinds asked for are tied to the element type found: resolveAny returns
  // only elements whose kind is one of `kinds`.
  const resolve = <K extends ElementKind>(ref: NameRef, fromContext: string, kinds: readonly K[]): Resolution<NamedOfKind<K>> =>
    resolveAny(ref, fromContext, kinds) as Resolution<NamedOfKind<K>>;
  const eventOf = (ref: NameRef, from: string): Event | undefined => {
    const r = resolve(ref, from, ['event']);
    return r.status === 'found' ? r.element : undefined;
  };
  for (const context of model.contexts) {
    for (const command of context.commands) {
      const events: Event[] = [];
      for (const ref of command.emits) {
        const event = eventOf(ref, context.name);
        if (!event) continue;
        events.push(event);
        push(emitters, event, command);
      }
      emittedBy.set(command, events);
    }
    for (const system of context.externalSystems) {
      for (const ref of system.emits) {
        const event = eventOf(ref, context.name);
        if (event) push(emitters, event, system);
      }
    }
    for (const consumer of [...context.policies, ...context.projections, ...context.externalSystems]) {
      const refs = consumer.kind === 'policy' ? consumer.on : consumer.kind === 'projection' ? consumer.from : (consumer.consumes ?? []);
      for (const ref of refs) {
        const event = eventOf(ref, context.name);
        if (event) push(consumers, event, consumer);
      }
    }
  }

  const namesCache = new Map<string, string[]>();
  const namesOfKinds = (kinds: readonly ElementKind[]): string[] => {
    const key = kinds.join(',');
    let names = namesCache.get(key);
    if (!names) namesCache.set(key, (names = [...new Set(kinds.flatMap((k) => namesByKind.get(k) ?? []))]));
    return names;
  };
  let references: Reference[] | undefined;
  let names: DeclaredName[] | undefined;
  return {
    get references() {
      return (references ??= referencesOf(model));
    },
    get names() {
      return (names ??= declaredNames(model));
    },
    contexts,
    elements,
    byName,
    resolve,
    namesOfKinds,
    emitters,
    consumers,
    emittedBy,
  };
}

/** The inner map under `key`, created on first use. */
function level<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
