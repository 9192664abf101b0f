// New bounded contexts from the board: a default name and the file that will hold it. One
// context per file, the file named after the context (kebab-case), never over an existing file.

import type { Model } from '../../../generator/model/types.js';

/** `OrderFulfilment` -> `order-fulfilment`. */
export function kebabOf(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** A context name no context of the model has yet: `Sales`, `Sales2`, ... */
export function freeContextName(model: Model, base = 'Sales'): string {
  const taken = new Set(model.contexts.map((c) => c.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/**
 * The file of a new context named `name`: `<kebab>.yaml`, suffixed when a context file or any
 * other known file (`taken`, e.g. files on disk that did not load) already has that name.
 */
export function contextFileFor(model: Model, name: string, taken: Iterable<string> = []): string {
  const used = new Set([...model.contexts.map((c) => c.file.toLowerCase()), ...[...taken].map((f) => f.toLowerCase())]);
  const base = kebabOf(name) || 'context';
  let file = `${base}.yaml`;
  for (let n = 2; used.has(file); n++) file = `${base}-${n}.yaml`;
  return file;
}
