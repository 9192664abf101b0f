// Spec data must have the types of the message's fields: a generated spec test builds typed
// messages from it, and the runtime validates stored events against the JSON Schema. The classic
// trap is YAML itself: `trackingNumber: 00340434161094042557` is a (rounded) number, not a string.
import type { Diagnostic, Field, JsonValue, TypeRef } from '../../types.js';
import { constraintProblem } from '../constraints.js';
import { jsonSchemaValueProblem } from '../json-schema-check.js';
import type { NameIndex } from '../name-index.js';
import { report, type Rule } from '../rule.js';
import { resolvedSpecMessages } from '../spec-messages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\S+$/i;

export const specDataTypes: Rule = {
  id: 'spec-data-types',
  code: 'E_SPEC_TYPE',
  severity: 'error',
  description: 'Values in spec data have the types of their fields (strings, integers, uuids, dates, enums, lists, value objects) and satisfy their constraints and `schema:` schemas.',
  check(model, index) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      for (const { spec, message, fields } of resolvedSpecMessages(c, index)) {
        for (const field of fields) {
          if (!Object.hasOwn(message.data, field.name)) continue; // spec-message-fields reports missing ones
          const problem = fieldProblem(message.data[field.name]!, field, field.name, c.name, index);
          if (!problem) continue;
          out.push(
            report(this, {
              at: message.loc,
              message: `spec "${spec.name}": ${message.type.name}.${problem.path} ${problem.what}`,
              hint: problem.hint,
            }),
          );
        }
      }
    }
    return out;
  },
};

interface Mismatch {
  path: string;
  what: string;
  hint: string;
}

/**
 * A value against a whole field: its type, then its constraints (issue 17 item 7), or the
 * field's own JSON Schema for a `schema:` field (which had no check at all before).
 */
function fieldProblem(value: JsonValue, field: Field, path: string, context: string, index: NameIndex): Mismatch | undefined {
  const typed = mismatch(value, field.type, path, context, index, field.optional);
  if (typed || (value === null && field.optional)) return typed;
  if (field.constraints) {
    const problem = constraintProblem(value, field.type, field.constraints);
    if (problem) return { path, what: problem, hint: `write a value that satisfies the field's constraints (${Object.entries(field.constraints).map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` };
  }
  if (field.type.kind === 'schema') {
    const problem = jsonSchemaValueProblem(field.type.schema, value);
    if (problem) return { path, what: `does not match the field's schema: ${problem}`, hint: 'write a value that the `schema:` of the field accepts' };
  }
  return undefined;
}

const show = (v: JsonValue): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`);

function mismatch(value: JsonValue, type: TypeRef, path: string, context: string, index: NameIndex, optional = false): Mismatch | undefined {
  if (value === null && optional) return undefined;
  const expected = (what: string, hint = `write ${what}`): Mismatch => ({ path, what: `should be ${what}, got ${show(value)}`, hint });
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
          return typeof value === 'string' ? undefined : expected('a string', typeof value === 'number' ? 'quote the value: YAML reads unquoted digits as a number (and drops leading zeros)' : 'write a string (quote it if YAML reads it as something else)');
        case 'uuid':
          return typeof value === 'string' && UUID.test(value) ? undefined : expected('a UUID', 'write a UUID such as 7b0c4e8a-6f0e-4f51-9a43-0a9a0c2f5d11');
        case 'date':
          return typeof value === 'string' && DATE.test(value) ? undefined : expected('a date', 'write an ISO date: 2026-12-17');
        case 'datetime':
          return typeof value === 'string' && DATETIME.test(value) ? undefined : expected('a date-time', 'write an ISO 8601 date-time with offset: 2026-12-17T10:30:00Z');
        case 'email':
          return typeof value === 'string' && EMAIL.test(value) ? undefined : expected('an e-mail address');
        case 'url':
          return typeof value === 'string' && URL_LIKE.test(value) ? undefined : expected('a URL', 'write an absolute URL: https://example.com/path');
        case 'int':
          return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : expected('a whole number');
        case 'money':
          // As stored (generator/schemas/json-schema.ts MONEY_SCHEMA): minor units and a currency.
          return value !== null &&
            typeof value === 'object' &&
            !Array.isArray(value) &&
            Object.keys(value).every((k) => k === 'amount' || k === 'currency') &&
            typeof value.amount === 'number' &&
            Number.isSafeInteger(value.amount) &&
            typeof value.currency === 'string' &&
            /^[A-Z]{3}$/.test(value.currency)
            ? undefined
            : expected('an amount in minor units with its currency', 'write { amount: 1250, currency: EUR } (1250 cents)');
        case 'number':
          return typeof value === 'number' ? undefined : expected('a number');
        case 'boolean':
          return typeof value === 'boolean' ? undefined : expected('true or false');
        case 'json':
          return undefined;
      }
      return undefined;
    case 'enum':
      return typeof value === 'string' && type.values.includes(value) ? undefined : expected(`one of ${type.values.join(', ')}`);
    case 'array': {
      if (!Array.isArray(value)) return expected('a list');
      for (let i = 0; i < value.length; i++) {
        const inner = mismatch(value[i]!, type.of, `${path}[${i}]`, context, index);
        if (inner) return inner;
      }
      return undefined;
    }
    case 'ref': {
      const r = index.resolve({ name: type.name, loc: { file: '', line: 1, col: 1, endLine: 1, endCol: 1 } }, context, ['valueObject']);
      if (r.status !== 'found') return undefined; // field-type reports the unknown type
      const vo = r.element;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return expected(`a ${vo.name} map`);
      for (const key of Object.keys(value)) {
        if (!vo.fields.some((f) => f.name === key)) return { path: `${path}.${key}`, what: `is not a field of ${vo.name}`, hint: `fields of ${vo.name}: ${vo.fields.map((f) => f.name).join(', ')}` };
      }
      for (const f of vo.fields) {
        if (!Object.hasOwn(value, f.name)) {
          if (f.optional) continue;
          return { path: `${path}.${f.name}`, what: `is missing (required by ${vo.name})`, hint: `add \`${f.name}\` (type ${f.typeText})` };
        }
        const inner = fieldProblem(value[f.name]!, f, `${path}.${f.name}`, vo.context, index);
        if (inner) return inner;
      }
      return undefined;
    }
    case 'schema':
      return undefined;
  }
}
