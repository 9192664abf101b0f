// Fresh elements created from the palette: the smallest valid-looking element of each kind.
// What is still missing (a command's aggregate, an event's fields) is left for the validator to
// point out on the sticky, which is how the board teaches the grammar.

import type { BoundedContext, Element, ElementKind } from '../../../generator/model/types.js';
import { ALL_KINDS, elementsOf, STICKY_STYLES } from './kinds.js';
import { boardLoc } from './refs.js';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function newElement(kind: ElementKind, name: string, ctx: BoundedContext): Element {
  const base = { name, context: ctx.name, loc: boardLoc(ctx.file) };
  switch (kind) {
    case 'aggregate':
      return { ...base, kind, identity: `${lowerFirst(name)}Id`, invariants: [], state: [] };
    case 'command':
      return { ...base, kind, aggregate: { name: '', loc: base.loc }, fields: [], emits: [], rejects: [] };
    case 'event': {
      // A new event is a big-picture draft: nobody records it until the user draws
      // aggregate → event or external system → event (generator/model/drafts.ts).
      return {
        ...base,
        kind,
        version: 1,
        fields: [],
        published: false,
        previousVersions: [],
        reserved: [],
      };
    }
    case 'policy':
      return { ...base, kind, on: [], issues: [] };
    case 'projection':
      return { ...base, kind, from: [], key: '', fields: [], consistency: 'eventual' };
    case 'actor':
      return { ...base, kind };
    case 'externalSystem':
      return { ...base, kind, emits: [] };
    case 'valueObject':
      return { ...base, kind, fields: [] };
    case 'hotspot':
      return { ...base, kind, about: [] };
  }
}

/** `NewCommand`, `NewCommand2`, ...: the first name of `base` not yet used in `ctx`. */
export function uniqueName(ctx: BoundedContext, kind: ElementKind, base: string): string {
  // Names are unique in a context whatever the kind (changes.ts refuses a clash).
  const taken = new Set(ALL_KINDS.flatMap((k) => elementsOf(ctx, k) as Element[]).map((e) => e.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Default name of a new sticky, e.g. `NewDomainEvent`. */
export const defaultNameOf = (kind: ElementKind): string =>
  kind === 'hotspot' ? 'Open question' : `New${STICKY_STYLES[kind].label.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase())}`;
