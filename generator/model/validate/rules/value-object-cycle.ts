// A value object that contains itself (directly or through other value objects) has no finite
// JSON shape the generator can emit without recursion (hardening.md C1.17).
import type { Diagnostic, ValueObject } from '../../types.js';
import { findCycles, type Edge } from '../graph.js';
import { typeRefNames } from '../references.js';
import { comparePos } from './duplicate-name.js';
import { report, type Rule } from '../rule.js';

export const valueObjectCycle: Rule = {
  id: 'value-object-cycle',
  code: 'E_CYCLE',
  severity: 'error',
  description: 'Value objects must not contain themselves, directly or through other value objects.',
  check(model, index) {
    const valueObjects: ValueObject[] = model.contexts.flatMap((c) => c.valueObjects);
    const edges = (vo: ValueObject): Edge<ValueObject>[] => {
      const out: Edge<ValueObject>[] = [];
      for (const field of vo.fields) {
        for (const name of typeRefNames(field.type)) {
          const r = index.resolve({ name, loc: field.loc }, vo.context, ['valueObject']);
          if (r.status === 'found') out.push({ to: r.element, via: [`.${field.name}`] });
        }
      }
      return out;
    };
    const cycles = findCycles(valueObjects, edges, (v) => v.name, (component) => [...component].sort((a, b) => comparePos(a.loc, b.loc))[0]!);
    return cycles.map(({ start, path }): Diagnostic =>
      report(this, {
        at: start.loc,
        message: `value object contains itself: ${path.map((step, i) => (step.startsWith('.') || i === 0 ? step : ` -> ${step}`)).join('')}`,
        hint: 'refer to the nested thing by its id (e.g. `parentId: uuid`) instead of embedding it',
      }),
    );
  },
};
