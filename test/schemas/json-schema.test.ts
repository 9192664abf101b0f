import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../generator/model/types.js';
import { commandJsonSchema, eventJsonSchema, fieldsToJsonSchema, SCHEMA_ANNOTATION_KEYWORDS, schemaToJson, SchemaBuildError } from '../../generator/schemas/json-schema.js';
import { context, event, fields, model, span, valueObject } from './support/model.js';

const ajv = () => {
  const a = new Ajv2020({ strict: true, allErrors: true });
  addFormats(a);
  for (const k of SCHEMA_ANNOTATION_KEYWORDS) a.addKeyword(k);
  return a;
};

const borrowed = event('BookBorrowed', {
  version: 2,
  description: 'A member took a copy home.',
  fields: {
    loanId: 'uuid',
    copy: 'BookCopy',
    dueOn: 'date',
    at: 'datetime',
    fee: { type: 'money', unit: 'cents' },
    'channel?': { type: 'enum(desk|kiosk)', default: 'desk', description: 'Where it happened.' },
    tags: 'string[]',
    'extra?': 'json',
    'contact?': 'email',
    'home?': 'url',
    count: 'int',
    ratio: 'number',
    ok: 'boolean',
    'raw?': { type: { kind: 'schema', schema: { type: 'string', maxLength: 3 } } },
  },
  previous: [{ version: 1, fields: { loanId: 'uuid', copy: 'BookCopy' } }],
}, 'Lending');
const copy = valueObject('BookCopy', { isbn: 'string', copyNumber: 'int', 'shelf?': 'Shelf' }, 'Lending');
const shelf = valueObject('Shelf', { code: 'string' }, 'Lending');
const m = model(context('Lending', { events: [borrowed], valueObjects: [copy, shelf] }));

describe('eventJsonSchema', () => {
  it('maps every short type and closes every object', () => {
    const s = eventJsonSchema(m, borrowed);
    expect(s).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'BookBorrowed',
      description: 'A member took a copy home.',
      type: 'object',
      properties: {
        loanId: { type: 'string', format: 'uuid' },
        copy: { $ref: '#/$defs/BookCopy' },
        dueOn: { type: 'string', format: 'date' },
        at: { type: 'string', format: 'date-time' },
        fee: {
          type: 'object',
          properties: {
            amount: { type: 'integer', description: 'Amount in minor units of the currency (e.g. cents).' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' },
          },
          required: ['amount', 'currency'],
          additionalProperties: false,
          'x-unit': 'cents',
        },
        channel: { type: 'string', enum: ['desk', 'kiosk'], description: 'Where it happened.', default: 'desk' },
        tags: { type: 'array', items: { type: 'string' } },
        extra: {},
        contact: { type: 'string', format: 'email' },
        home: { type: 'string', format: 'uri' },
        count: { type: 'integer' },
        ratio: { type: 'number' },
        ok: { type: 'boolean' },
        raw: { type: 'string', maxLength: 3 },
      },
      required: ['loanId', 'copy', 'dueOn', 'at', 'fee', 'tags', 'count', 'ratio', 'ok'],
      additionalProperties: false,
      $defs: {
        BookCopy: {
          title: 'BookCopy',
          type: 'object',
          properties: { isbn: { type: 'string' }, copyNumber: { type: 'integer' }, shelf: { $ref: '#/$defs/Shelf' } },
          required: ['isbn', 'copyNumber'],
          additionalProperties: false,
        },
        Shelf: { title: 'Shelf', type: 'object', properties: { code: { type: 'string' } }, required: ['code'], additionalProperties: false },
      },
    });
  });

  it('writes keys in a fixed order (byte-stable output)', () => {
    const text = schemaToJson(eventJsonSchema(m, borrowed));
    expect(Object.keys(JSON.parse(text))).toEqual(['$schema', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties', '$defs']);
    expect(schemaToJson(eventJsonSchema(m, borrowed))).toBe(text);
  });

  it('produces schemas a strict 2020-12 validator accepts and that reject unknown keys', () => {
    const validate = ajv().compile(eventJsonSchema(m, borrowed));
    const good = {
      loanId: '7b0c4e8a-6f0e-4f51-9a43-0a9a0c2f5d11',
      copy: { isbn: '978', copyNumber: 2, shelf: { code: 'A1' } },
      dueOn: '2026-12-17',
      at: '2026-12-01T10:00:00Z',
      fee: { amount: 150, currency: 'EUR' },
      tags: [],
      count: 1,
      ratio: 0.5,
      ok: true,
    };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, surprise: 1 })).toBe(false);
    expect(validate({ ...good, copy: { ...good.copy, surprise: 1 } })).toBe(false);
    expect(validate({ ...good, fee: { amount: 1.5, currency: 'EUR' } })).toBe(false);
    expect(validate({ ...good, dueOn: 'tomorrow' })).toBe(false);
    const { loanId: _omit, ...missing } = good;
    expect(validate(missing)).toBe(false);
  });

  it('describes a previous version from its own fields', () => {
    const v1 = eventJsonSchema(m, borrowed, 1, { valueObjects: 'inline', dialect: false });
    expect(v1.required).toEqual(['loanId', 'copy']);
    expect(Object.keys(v1.properties as object)).toEqual(['loanId', 'copy']);
    expect((v1.properties as any).copy.properties.shelf.title).toBe('Shelf');
    expect(v1.$defs).toBeUndefined();
    expect(v1.$schema).toBeUndefined();
    expect(() => eventJsonSchema(m, borrowed, 7)).toThrow(/no version 7 \(known: 1, 2\)/);
  });

  it('can leave the x-unit annotation out', () => {
    const s = eventJsonSchema(m, borrowed, undefined, { annotations: false });
    expect(JSON.stringify(s)).not.toContain('x-unit');
  });

  it('rejects unknown and self-containing value objects with a SchemaBuildError', () => {
    const loop = valueObject('Loop', { next: 'Loop' }, 'Lending');
    const bad = model(context('Lending', { valueObjects: [loop] }));
    expect(() => fieldsToJsonSchema(bad, 'Lending', fields({ x: 'Nope' }))).toThrow(SchemaBuildError);
    expect(() => fieldsToJsonSchema(bad, 'Lending', fields({ x: 'Loop' }))).toThrow(/Loop -> Loop/);
  });

  it('resolves value objects in the own context before other contexts', () => {
    const other = valueObject('Addr', { street: 'string' }, 'Other');
    const own = valueObject('Addr', { city: 'string' }, 'Mine');
    const mm = model(context('Other', { valueObjects: [other] }), context('Mine', { valueObjects: [own] }));
    const s = fieldsToJsonSchema(mm, 'Mine', fields({ a: 'Addr' }), { valueObjects: 'inline' });
    expect(Object.keys((s.properties as any).a.properties)).toEqual(['city']);
    const s2 = fieldsToJsonSchema(mm, 'Third', fields({ a: 'Addr' }), { valueObjects: 'inline' });
    expect(Object.keys((s2.properties as any).a.properties)).toEqual(['street']);
  });
});

describe('commandJsonSchema', () => {
  it('is a closed object of the command fields', () => {
    const cmd: Command = {
      kind: 'command', name: 'BorrowBook', context: 'Lending', loc: span(),
      aggregate: { name: 'Loan', loc: span() }, emits: [], rejects: [],
      fields: fields({ loanId: 'uuid', 'note?': 'string' }),
    };
    expect(commandJsonSchema(m, cmd)).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'BorrowBook',
      type: 'object',
      properties: { loanId: { type: 'string', format: 'uuid' }, note: { type: 'string' } },
      required: ['loanId'],
      additionalProperties: false,
    });
  });
});
