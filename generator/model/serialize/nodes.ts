// Model -> yaml nodes in the canonical v1 layout: canonical key order, name lists and spec data
// in flow style (`emits: [BookBorrowed]`), everything else in block style. The patcher and the
// full writer both render elements through these functions, so an element always looks the same.

import { Document, Pair, Scalar, visit, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';
import { formatType, parseTypeText } from '../load/type-syntax.js';
import type {
  Actor,
  Aggregate,
  ArchitectureFacts,
  Command,
  Event,
  ExternalSystem,
  Field,
  FieldSource,
  Hotspot,
  JsonValue,
  NameRef,
  Policy,
  Projection,
  Relationship,
  Spec,
  SpecMessage,
  TypeRef,
  ValueObject,
} from '../types.js';
import { formatFieldSource } from '../field-source.js';
import { sameMeaning } from './compare.js';
import { CONSTRAINT_KEYS } from '../types.js';

/** Options shared by every document the serializer prints (see `render.ts`). */
export const DOCUMENT_OPTIONS = { version: '1.2', compat: 'yaml-1.1' } as const;

type Entries = [string, YamlNode | undefined][];

export class NodeBuilder {
  readonly doc = new Document(null, DOCUMENT_OPTIONS);

  scalar(value: string | number | boolean | null): Scalar {
    const node = this.doc.createNode(value) as Scalar;
    // A string ending in a newline would be printed as a `|+` block, which also keeps the blank
    // line we put between sections: double quotes keep such a string exact.
    if (typeof value === 'string' && /[\n\r]$/.test(value)) node.type = Scalar.QUOTE_DOUBLE;
    return node;
  }

  /** A map from entries in the given order; undefined values are left out. */
  map(entries: Entries, flow = false): YAMLMap {
    const map = new YAMLMap();
    for (const [key, value] of entries) if (value !== undefined) map.items.push(new Pair(this.scalar(key), value));
    map.flow = flow;
    return map;
  }

  seq(items: YamlNode[], flow = false): YAMLSeq {
    const seq = new YAMLSeq();
    seq.items.push(...items);
    seq.flow = flow;
    return seq;
  }

  json(value: JsonValue, flow: boolean): YamlNode {
    const node = this.doc.createNode(value, { flow }) as YamlNode;
    visit(node, {
      Scalar(_key, scalar) {
        if (typeof scalar.value === 'string' && /[\n\r]$/.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
        // In a flow collection the yaml library folds a multi-line string as a plain scalar whose
        // continuation lines are read as YAML again: "?\n*a" came back as an alias, a syntax
        // error (found by the one-change property). Double quotes keep any such string exact.
        else if (flow && typeof scalar.value === 'string' && /[\n\r]/.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
      },
    });
    return node;
  }

  optionalString(value: string | undefined): Scalar | undefined {
    return value === undefined ? undefined : this.scalar(value);
  }

  nameRef(ref: NameRef): Scalar {
    return this.scalar(ref.context ? `${ref.context}.${ref.name}` : ref.name);
  }

  /** A flow list of names, left out when empty unless `always`. */
  names(refs: NameRef[], always = false): YAMLSeq | undefined {
    if (refs.length === 0 && !always) return undefined;
    return this.seq(
      refs.map((r) => this.nameRef(r)),
      true,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Fields

  fields(fields: Field[]): YAMLMap | undefined {
    if (fields.length === 0) return undefined;
    return this.map(fields.map((f) => this.field(f)));
  }

  /** `[key, value]` of one field: short form when nothing but the type is said. */
  field(f: Field): [string, YamlNode] {
    if (f.type.kind === 'schema') {
      const key = f.optional ? `${f.name}?` : f.name;
      return [key, this.map([['schema', this.json(f.type.schema, false)], ...this.fieldExtras(f)])];
    }
    const { text, keyOptional } = typeSpelling(f);
    const key = keyOptional ? `${f.name}?` : f.name;
    const long = f.longForm === true || f.description !== undefined || f.default !== undefined || f.unit !== undefined || f.deprecated !== undefined || f.constraints !== undefined;
    if (!long) return [key, this.scalar(text)];
    return [key, this.map([['type', this.scalar(text)], ...this.fieldExtras(f)])];
  }

  private fieldExtras(f: Field): Entries {
    return [
      ['description', this.optionalString(f.description)],
      ['default', f.default === undefined ? undefined : this.json(f.default, true)],
      ['unit', this.optionalString(f.unit)],
      ['deprecated', f.deprecated === undefined ? undefined : f.deprecated === true ? this.scalar(true) : this.scalar(f.deprecated)],
      ...CONSTRAINT_KEYS.map((k): [string, YamlNode | undefined] => [k, f.constraints?.[k] === undefined ? undefined : this.scalar(f.constraints[k])]),
    ];
  }

  // -------------------------------------------------------------------------------------------
  // Elements (the value under the element's name)

  actor(a: Actor): YamlNode {
    const reads = a.reads ?? [];
    return this.map(
      [
        ['description', this.optionalString(a.description)],
        ['reads', this.names(reads)],
      ],
      a.description === undefined && reads.length === 0,
    );
  }

  externalSystem(s: ExternalSystem): YamlNode {
    return this.map(
      [
        ['description', this.optionalString(s.description)],
        ['emits', this.names(s.emits)],
        ['consumes', this.names(s.consumes ?? [])],
      ],
      s.description === undefined && s.emits.length === 0 && (s.consumes ?? []).length === 0,
    );
  }

  valueObject(v: ValueObject): YamlNode {
    return this.map(
      [
        ['description', this.optionalString(v.description)],
        ['fields', this.fields(v.fields)],
      ],
      v.description === undefined && v.fields.length === 0,
    );
  }

  aggregate(a: Aggregate): YamlNode {
    return this.map([
      ['identity', this.scalar(a.identity)],
      ['description', this.optionalString(a.description)],
      ['invariants', a.invariants.length === 0 ? undefined : this.seq(a.invariants.map((i) => this.scalar(i.text)))],
      ['state', this.fields(a.state)],
      ['longLived', a.longLived === undefined ? undefined : this.scalar(a.longLived)],
      ['snapshotEvery', a.snapshotEvery === undefined ? undefined : this.scalar(a.snapshotEvery)],
    ]);
  }

  command(c: Command): YamlNode {
    return this.map([
      // '' is a draft command: no `aggregate` key (generator/model/drafts.ts).
      ['aggregate', c.aggregate.name === '' ? undefined : this.nameRef(c.aggregate)],
      ['actor', c.actor ? this.nameRef(c.actor) : undefined],
      ['description', this.optionalString(c.description)],
      ['fields', this.fields(c.fields)],
      ['emits', this.names(c.emits)],
      ['rejects', this.names(c.rejects)],
      ['creates', c.creates === undefined ? undefined : this.scalar(c.creates)],
    ]);
  }

  event(e: Event): YamlNode {
    return this.map([
      ['aggregate', e.aggregate ? this.nameRef(e.aggregate) : undefined],
      ['source', e.source ? this.nameRef(e.source) : undefined],
      ['description', this.optionalString(e.description)],
      ['version', this.scalar(e.version)],
      ['published', e.published ? this.scalar(true) : undefined],
      ['retired', e.retired ? this.scalar(true) : undefined],
      ['formerly', e.formerly && e.formerly.length > 0 ? this.names(e.formerly) : undefined],
      ['fields', this.fields(e.fields)],
      [
        'previousVersions',
        e.previousVersions.length === 0
          ? undefined
          : this.map(
              e.previousVersions.map((v) => [
                String(v.version),
                this.map([
                  ['fields', this.fields(v.fields)],
                  [
                    'upcast',
                    v.upcast.kind === 'custom'
                      ? this.scalar('custom')
                      : this.map(
                          [
                            ['defaults', Object.keys(v.upcast.defaults).length === 0 ? undefined : this.json(v.upcast.defaults, true)],
                            ['renames', Object.keys(v.upcast.renames).length === 0 ? undefined : this.json(v.upcast.renames, true)],
                          ],
                          Object.keys(v.upcast.defaults).length === 0 && Object.keys(v.upcast.renames).length === 0,
                        ),
                  ],
                ]),
              ]),
            ),
      ],
      [
        'reserved',
        e.reserved.length === 0
          ? undefined
          : this.seq(
              e.reserved.map((r) => this.scalar(r)),
              true,
            ),
      ],
    ]);
  }

  policy(p: Policy): YamlNode {
    return this.map([
      ['description', this.optionalString(p.description)],
      ['on', this.names(p.on, true)],
      ['issues', this.names(p.issues, true)],
      ['reads', this.names(p.reads ?? [])],
      ['with', this.fieldSources(p.with ?? [])],
    ]);
  }

  /** `with: { paymentId: $newId, amount: total }` in flow style, left out when empty. */
  fieldSources(sources: FieldSource[]): YAMLMap | undefined {
    if (sources.length === 0) return undefined;
    return this.map(
      sources.map((s) => [s.field, this.scalar(formatFieldSource(s.source))]),
      true,
    );
  }

  projection(p: Projection): YamlNode {
    return this.map([
      ['description', this.optionalString(p.description)],
      ['from', this.names(p.from, true)],
      ['key', this.scalar(p.key)],
      ['fields', this.fields(p.fields)],
      ['consistency', this.scalar(p.consistency)],
      ['lagTarget', this.optionalString(p.lagTarget)],
      ['version', p.version === undefined ? undefined : this.scalar(p.version)],
    ]);
  }

  // -------------------------------------------------------------------------------------------
  // List items and the architecture block

  relationship(r: Relationship): YamlNode {
    return this.map([
      ['context', this.scalar(r.context)],
      ['kind', this.scalar(r.kind)],
      ['description', this.optionalString(r.description)],
    ]);
  }

  hotspot(h: Hotspot): YamlNode {
    return this.map([
      ['title', this.scalar(h.name)],
      ['about', this.names(h.about)],
      ['description', this.optionalString(h.description)],
    ]);
  }

  private message(m: SpecMessage, kind: 'event' | 'command'): YAMLMap {
    return this.map([
      [kind, this.nameRef(m.type)],
      ['data', Object.keys(m.data).length === 0 ? undefined : this.json(m.data, true)],
    ]);
  }

  spec(s: Spec): YamlNode {
    let then: YamlNode;
    if (s.then.kind === 'rejects') then = this.map([['rejects', this.nameRef(s.then.error)]]);
    else if (s.then.kind === 'nothing') then = this.seq([], true);
    else
      then = this.seq(
        s.then.events.map((m) => this.message(m, 'event')),
        s.then.events.length === 0,
      );
    return this.map([
      ['name', this.scalar(s.name)],
      ['given', s.given.length === 0 ? undefined : this.seq(s.given.map((m) => this.message(m, 'event')))],
      ['when', this.message(s.when, 'command')],
      ['then', then],
    ]);
  }

  architecture(a: ArchitectureFacts): YamlNode {
    return this.map([
      [
        'eventStore',
        a.eventStore
          ? this.map([
              ['choice', this.scalar(a.eventStore.choice)],
              ['why', this.optionalString(a.eventStore.why)],
            ])
          : undefined,
      ],
      [
        'slas',
        a.slas.length === 0
          ? undefined
          : this.seq(
              a.slas.map((s) =>
                this.map([
                  ['name', this.scalar(s.name)],
                  ['target', this.scalar(s.target)],
                  ['why', this.optionalString(s.why)],
                ]),
              ),
            ),
      ],
      [
        'decisions',
        a.decisions.length === 0
          ? undefined
          : this.seq(
              a.decisions.map((d) =>
                this.map([
                  ['title', this.scalar(d.title)],
                  ['text', this.scalar(d.text)],
                ]),
              ),
            ),
      ],
      [
        'retry',
        a.retry
          ? this.map([
              ['attempts', this.scalar(a.retry.attempts)],
              ['backoff', this.optionalString(a.retry.backoff)],
            ])
          : undefined,
      ],
    ]);
  }
}

/** True when the architecture block says nothing (the section is then left out). */
export function isEmptyArchitecture(a: ArchitectureFacts): boolean {
  return !a.eventStore && !a.retry && a.slas.length === 0 && a.decisions.length === 0;
}

/**
 * How to spell a field's type: the user's own `typeText` when it still means the field's type
 * (keeps `enum(a | b)` as written), else the canonical form. Optional goes on the key
 * (`channel?: string`) unless the spelling already ends in `?`.
 */
function typeSpelling(f: Field): { text: string; keyOptional: boolean } {
  const parsed = parseTypeText(f.typeText);
  if (parsed.ok && sameType(parsed.type, f.type)) {
    if (parsed.optional === f.optional) return { text: f.typeText, keyOptional: false };
    if (f.optional) return { text: f.typeText, keyOptional: true };
  }
  return { text: formatType(f.type), keyOptional: f.optional };
}

function sameType(a: TypeRef, b: TypeRef): boolean {
  return sameMeaning(a, b);
}
