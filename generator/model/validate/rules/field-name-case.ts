// Field names become JSON property names of stored events: camelCase, fixed forever once events
// are stored, so the convention is enforced before the first event is written.
import { ASCII_IDENTIFIER, CAMEL_CASE, toCamelCase } from '../identifiers.js';
import { report, type Rule } from '../rule.js';

export const fieldNameCase: Rule = {
  id: 'field-name-case',
  code: 'E_FIELD_NAME_CASE',
  severity: 'error',
  description: 'Field names, aggregate identities and projection keys are camelCase (orderId, not OrderId or order_id).',
  check(_model, index) {
    return index.names
      .filter((n) => (n.role === 'field' || n.role === 'identity' || n.role === 'key') && ASCII_IDENTIFIER.test(n.name) && !CAMEL_CASE.test(n.name))
      .map((n) =>
        report(this, {
          at: n.at,
          message: `${n.label} is not camelCase`,
          hint: `rename it to "${toCamelCase(n.name)}"`,
        }),
      );
  },
};
