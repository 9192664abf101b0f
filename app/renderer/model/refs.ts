// How the board names a model element: its bounded context, its kind and its name. Node ids are
// derived from that triple so that the same element keeps its id across reloads of the file.

import { buildNameIndex, type NameIndex } from '../../../generator/model/without-parser.js';
import type { BoundedContext, Element, ElementKind, Model, NameRef, SourceSpan } from '../../../generator/model/types.js';
import { ALL_KINDS, elementsOf } from './kinds.js';

export interface ElementRef {
  context: string;
  kind: ElementKind;
  name: string;
}

/** `Lending/command/BorrowBook`. Context names and kinds never contain `/`; names may. */
export const nodeIdOf = (ref: ElementRef): string => `${ref.context}/${ref.kind}/${ref.name}`;

export const frameIdOf = (context: string): string => `frame/${context}`;

export function refOfNodeId(id: string): ElementRef | undefined {
  const first = id.indexOf('/');
  const second = id.indexOf('/', first + 1);
  if (first <= 0 || second <= first) return undefined;
  const context = id.slice(0, first);
  const kind = id.slice(first + 1, second) as ElementKind;
  if (!ALL_KINDS.includes(kind)) return undefined;
  return { context, kind, name: id.slice(second + 1) };
}

export const refOf = (el: Element): ElementRef => ({ context: el.context, kind: el.kind, name: el.name });

export const sameRef = (a: ElementRef, b: ElementRef): boolean =>
  a.context === b.context && a.kind === b.kind && a.name === b.name;

export function findContext(model: Model, name: string): BoundedContext | undefined {
  return model.contexts.find((c) => c.name === name);
}

export function findElement(model: Model, ref: ElementRef): Element | undefined {
  const ctx = findContext(model, ref.context);
  if (!ctx) return undefined;
  return (elementsOf(ctx, ref.kind) as Element[]).find((e) => e.name === ref.name);
}

// Models are immutable values (every change makes a new one), so the index is kept per model.
const indexes = new WeakMap<Model, NameIndex>();

/** The core's name index of a model (built once per model value). */
export function nameIndexOf(model: Model): NameIndex {
  let index = indexes.get(model);
  if (!index) indexes.set(model, (index = buildNameIndex(model)));
  return index;
}

/**
 * Resolve a name written in `owner`'s context to an element of one of `kinds`, with the core's
 * name index: the same answer the validator gives (an unqualified name found in exactly one
 * other context resolves there; an ambiguous or missing one resolves to nothing).
 */
export function resolveRef(model: Model, owner: string, ref: NameRef, kinds: readonly ElementKind[]): Element | undefined {
  const resolution = nameIndexOf(model).resolve(ref, owner, kinds);
  return resolution.status === 'found' ? resolution.element : undefined;
}

/** Does `ref`, written in context `owner`, name `target` (as the validator resolves it)? */
export const refNames = (model: Model, ref: NameRef, owner: string, target: ElementRef): boolean => {
  if (ref.name !== target.name) return false;
  const found = resolveRef(model, owner, ref, [target.kind]);
  return found !== undefined && found.context === target.context;
};

/** Every element of the model, in file order. */
export function allElements(model: Model): Element[] {
  const out: Element[] = [];
  for (const ctx of model.contexts) for (const kind of ALL_KINDS) out.push(...(elementsOf(ctx, kind) as Element[]));
  return out;
}

/** A location for elements created on the board (they have no source text until saved). */
export const boardLoc = (file: string): SourceSpan => ({ file, line: 0, col: 0, endLine: 0, endCol: 0 });

/** A reference from an element of `owner` to `target` (qualified only across contexts). */
export function nameRefTo(owner: string, target: ElementRef, file: string): NameRef {
  return target.context === owner
    ? { name: target.name, loc: boardLoc(file) }
    : { name: target.name, context: target.context, loc: boardLoc(file) };
}
