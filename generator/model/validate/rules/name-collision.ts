// Names that differ as written but become the same identifier or file name once the generator
// converts case, or once a file system folds case or a tool normalises Unicode:
// `OrderPlaced` vs `Orderplaced` (OrderPlaced.ts on macOS), `Foo_Bar` vs `FooBar`
// (swagger-typescript-api #1724), `ｏrderId` vs `orderId` (NFKC). Exact duplicates are
// duplicate-name's business, except inside one field list, where `channel?` and `channel` are two
// YAML keys for one field.
import type { Diagnostic, Field } from '../../types.js';
import { collisionKey } from '../identifiers.js';
import { elementsOf } from '../name-index.js';
import { fieldListsOf, KIND_LABEL } from '../references.js';
import { report, where, type Rule } from '../rule.js';
import { comparePos } from './duplicate-name.js';

interface Named {
  name: string;
  label: string;
  loc: Field['loc'];
}

export const nameCollision: Rule = {
  id: 'name-collision',
  code: 'E_NAME_COLLISION',
  severity: 'error',
  description: 'Names must stay distinct after case folding, dropping separators and Unicode NFKC normalisation.',
  check(model, index) {
    const out: Diagnostic[] = [];
    const collide = (items: Named[], scope: string, exactDuplicatesToo: boolean): void => {
      const groups = new Map<string, Named[]>();
      for (const item of items) {
        const key = collisionKey(item.name);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        const sorted = [...group].sort((a, b) => comparePos(a.loc, b.loc));
        const first = sorted[0]!;
        for (const other of sorted.slice(1)) {
          const same = other.name === first.name;
          if (same && !exactDuplicatesToo) continue;
          out.push(
            report(this, {
              code: same ? 'E_DUPLICATE_FIELD' : 'E_NAME_COLLISION',
              at: other.loc,
              message: same
                ? `${other.label} is declared twice in ${scope} (first at ${where(first.loc)})`
                : `${other.label} collides with ${first.label} at ${where(first.loc)} ${scope}: both become "${collisionKey(first.name)}" after case folding and normalisation`,
              hint: same ? 'keep one declaration (`name?: type` and `name: type` declare the same field)' : `rename one of them so the names differ in more than case, separators or Unicode form`,
              related: [first.loc],
            }),
          );
        }
      }
    };

    collide(
      [...index.contexts.values()].map((list) => list[0]!).map((c) => ({ name: c.name, label: `context ${c.name}`, loc: c.loc })),
      'among contexts',
      false,
    );
    for (const c of model.contexts) {
      const elements = elementsOf(c);
      collide(
        elements.map((e) => ({ name: e.name, label: `${KIND_LABEL[e.kind]} ${e.name}`, loc: e.loc })),
        `in context ${c.name}`,
        false,
      );
      for (const list of fieldListsOf(c)) {
        collide(
          list.fields.map((f) => ({ name: f.name, label: `field ${f.name}`, loc: f.loc })),
          `of ${list.owner}`,
          true,
        );
      }
    }
    return out;
  },
};
