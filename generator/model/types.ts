// The typed model: what one or many Stormsmith YAML files mean once loaded.
//
// This module is the contract shared by every face of Stormsmith (canvas, generator, CLI).
// It is pure data: no fs, no DOM, no Electron. Every element remembers where it came from
// (`loc`) so that diagnostics and the canvas can point back at the YAML that defined it.
//
// Names and collections keep the order of the source file: the YAML maps become arrays of
// elements with a `name`, never plain objects keyed by name (plain objects reorder
// integer-like keys, see shared/reference/hardening.md C1.9).

/** The format version this code reads and writes (`stormsmith: 1`). */
export const FORMAT_VERSION = 1;

/** A 1-based position in a source file. Columns count UTF-16 code units, 1-based. */
export interface SourcePos {
  /** Path of the model file as given to the loader (relative to the model root, `/` separators). */
  file: string;
  line: number;
  col: number;
}

/** A range in a source file; `loc` of an element points at its key in the YAML map. */
export interface SourceSpan extends SourcePos {
  endLine: number;
  endCol: number;
}

// ---------------------------------------------------------------------------------------------
// Field types

/** Built-in scalar types of the short form. */
export type PrimitiveTypeName =
  | 'string'
  | 'int'
  | 'number'
  | 'boolean'
  | 'uuid'
  | 'date'
  | 'datetime'
  | 'money'
  | 'email'
  | 'url'
  | 'json';

export const PRIMITIVE_TYPE_NAMES: readonly PrimitiveTypeName[] = [
  'string',
  'int',
  'number',
  'boolean',
  'uuid',
  'date',
  'datetime',
  'money',
  'email',
  'url',
  'json',
];

/** A parsed field type. The short form `Money[]` becomes `{kind:'array', of:{kind:'ref', name:'Money'}}`. */
export type TypeRef =
  | { kind: 'primitive'; name: PrimitiveTypeName }
  | { kind: 'array'; of: TypeRef }
  /** A value object by name (resolved by the validator, may live in another file of the same context). */
  | { kind: 'ref'; name: string }
  /** A string enumeration: short form `enum(a|b|c)`. */
  | { kind: 'enum'; values: string[] }
  /** Escape hatch: a full JSON Schema (draft 2020-12 subset), kept verbatim. */
  | { kind: 'schema'; schema: JsonValue };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Field {
  name: string;
  /** `channel?: string` or `channel: string?` both mean optional. */
  optional: boolean;
  type: TypeRef;
  /** The type as written in the file, e.g. `Money[]`, for messages and the canvas. */
  typeText: string;
  description?: string;
  /** Default value for optional fields (used by upcasters when a field is added). */
  default?: JsonValue;
  /** Unit or meaning annotation (`cents`, `UTC`), watched by the schema gate. */
  unit?: string;
  /** Set when the field was declared with the long form `{ type: ..., description: ... }`. */
  longForm?: boolean;
  /** `deprecated: true` or a reason: kept in the schema (stored data still has it), flagged in
   * types (`@deprecated`), JSON Schema (`deprecated: true`) and by the schema gate. */
  deprecated?: true | string;
  /** Value constraints written in the long form (`min: 1`, `maxLength: 80`, ...), mapped to JSON
   * Schema keywords (docs/model-format.md, "Constraints"). */
  constraints?: FieldConstraints;
  loc: SourceSpan;
}

/** Constraints on a field's value, each the JSON Schema keyword of the same meaning. For a
 * `money` field the number bounds apply to `amount`; for a list, `minItems`/`maxItems` apply
 * to the list and the others to each item. */
export interface FieldConstraints {
  /** `minimum` (inclusive). */
  min?: number;
  /** `maximum` (inclusive). */
  max?: number;
  /** `positive: true` = `exclusiveMinimum: 0`. */
  positive?: true;
  minLength?: number;
  maxLength?: number;
  /** An ECMA-262 regular expression (JSON Schema `pattern`, unanchored unless written so). */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

/** The constraint keys of the long form, in the order they are written back. */
export const CONSTRAINT_KEYS = ['min', 'max', 'positive', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'] as const satisfies readonly (keyof FieldConstraints)[];

// ---------------------------------------------------------------------------------------------
// Elements

export type ElementKind =
  | 'aggregate'
  | 'command'
  | 'event'
  | 'policy'
  | 'projection'
  | 'actor'
  | 'externalSystem'
  | 'valueObject'
  | 'hotspot';

export interface ElementBase {
  name: string;
  description?: string;
  /** Position of the element's key in its file. */
  loc: SourceSpan;
  /** Bounded context the element belongs to (the file's `context`). */
  context: string;
}

export interface Aggregate extends ElementBase {
  kind: 'aggregate';
  /** Name of the identity field carried by every command and event of the aggregate. */
  identity: string;
  invariants: Invariant[];
  /** State fields (what evolve folds events into). */
  state: Field[];
  /** Operations: a long-lived aggregate is snapshotted. */
  longLived?: boolean;
  /** Write a snapshot every N events (long-lived aggregates). */
  snapshotEvery?: number;
}

export interface Invariant {
  text: string;
  loc: SourceSpan;
}

/** A reference to another element by name, with where the name was written. */
export interface NameRef {
  name: string;
  /** Optional explicit context for cross-context references: `Payments.CapturePayment`. */
  context?: string;
  loc: SourceSpan;
}

export interface Command extends ElementBase {
  kind: 'command';
  /** Handling aggregate; name '' while the command is a draft (generator/model/drafts.ts). */
  aggregate: NameRef;
  actor?: NameRef;
  fields: Field[];
  emits: NameRef[];
  /** Domain errors (business rule rejections), e.g. `LoanLimitReached`. */
  rejects: NameRef[];
  /**
   * `creates: true`: the command starts its aggregate's life (accepted only while the aggregate
   * does not exist; the others only once it does). Absent on every command of an aggregate: its
   * first command in file order creates it (generator/model/existence.ts).
   */
  creates?: boolean;
}

export interface Event extends ElementBase {
  kind: 'event';
  /** Owning aggregate; absent for events that come from an external system, and for drafts (neither). */
  aggregate?: NameRef;
  /** Set when an external system produces the event (`source: PaymentGateway`). */
  source?: NameRef;
  /** Current version, >= 1. */
  version: number;
  fields: Field[];
  /** Integration event published to other contexts (schema gate runs FULL_TRANSITIVE). */
  published: boolean;
  /** Older versions still found in stored streams, ascending. */
  previousVersions: EventVersion[];
  /** Property names that were removed and may never be reused. */
  reserved: string[];
  /** Retired: no command may emit it any more, but stored streams still hold it, so it stays in
   * the event unions, evolve, upcasting and the schema registry (docs/adr/0090). */
  retired?: boolean;
  /** Former type names of a renamed event: stored events under these names are read as this
   * event (upcast rewrites the type) and the schema gate accepts the rename (docs/adr/0091). */
  formerly?: NameRef[];
}

/** How to get from version N to version N+1. */
export type Upcast =
  | { kind: 'declarative'; defaults: Record<string, JsonValue>; renames: Record<string, string> }
  | { kind: 'custom' };

export interface EventVersion {
  version: number;
  fields: Field[];
  /** How this version becomes the next one. */
  upcast: Upcast;
  loc: SourceSpan;
}

export interface Policy extends ElementBase {
  kind: 'policy';
  on: NameRef[];
  issues: NameRef[];
  /**
   * Read models the policy's logic reads to decide (`reads: [PaymentsByOrder]`): the generated
   * reactor hands the logic a typed reader of each. Absent when none are named (docs/adr/0096).
   */
  reads?: NameRef[];
  /**
   * Where fields of the issued commands come from (`with: { paymentId: $newId, amount: total }`):
   * a path into the trigger event's data, or `$newId`, a new identity derived from the trigger so
   * that a redelivered trigger creates the same aggregate. Absent when none are mapped (docs/adr/0096).
   */
  with?: FieldSource[];
}

/** One entry of a policy's `with:` map: a command field and where its value comes from. */
export interface FieldSource {
  /** The command field it fills (in every issued command that has it). */
  field: string;
  source: FieldSourceValue;
  loc: SourceSpan;
}

export type FieldSourceValue =
  /** A new identity, deterministic per trigger, processor and field (runtime `newIdFor`). */
  | { kind: 'newId' }
  /** A path into the trigger's data: `total`, `stay.checkIn` (value object fields). */
  | { kind: 'path'; path: string[] };

/** The spelling of a new identity in `with:`. */
export const NEW_ID_SOURCE = '$newId';

export type Consistency = 'strong' | 'eventual';

export interface Projection extends ElementBase {
  kind: 'projection';
  from: NameRef[];
  /** Field of the events that identifies a document of the read model. */
  key: string;
  fields: Field[];
  consistency: Consistency;
  /** Lag target for eventual projections, e.g. `5s`, `500ms`. */
  lagTarget?: string;
  /** Read-model version (absent: 1). Raising it asks for a blue/green rebuild into a new
   * collection while the previous version keeps serving (docs/operations.md). */
  version?: number;
}

export interface Actor extends ElementBase {
  kind: 'actor';
  /**
   * Read models the actor looks at to decide (event storming's information -> decision flow:
   * read model -> actor -> command). Absent when none are named.
   */
  reads?: NameRef[];
}

export interface ExternalSystem extends ElementBase {
  kind: 'externalSystem';
  /** Events this system delivers into the context. */
  emits: NameRef[];
  /**
   * Events this system is told about (outbound integration: `consumes: [PaymentRequested]`): the
   * service gets a typed port and a user-owned adapter, called by a generated reactor with retry
   * and dead letters (docs/adr/0097). Absent when none are named.
   */
  consumes?: NameRef[];
}

export interface ValueObject extends ElementBase {
  kind: 'valueObject';
  fields: Field[];
}

export interface Hotspot extends ElementBase {
  kind: 'hotspot';
  /** The elements the open question is about. */
  about: NameRef[];
}

export type Element =
  | Aggregate
  | Command
  | Event
  | Policy
  | Projection
  | Actor
  | ExternalSystem
  | ValueObject
  | Hotspot;

// ---------------------------------------------------------------------------------------------
// Specs (given / when / then)

export interface SpecMessage {
  /** Event or command name. */
  type: NameRef;
  data: Record<string, JsonValue>;
  loc: SourceSpan;
}

export type SpecOutcome =
  | { kind: 'events'; events: SpecMessage[] }
  | { kind: 'rejects'; error: NameRef }
  | { kind: 'nothing' };

export interface Spec {
  name: string;
  given: SpecMessage[];
  when: SpecMessage;
  then: SpecOutcome;
  context: string;
  loc: SourceSpan;
}

// ---------------------------------------------------------------------------------------------
// Context-level facts

export type RelationshipKind =
  | 'customer-supplier'
  | 'conformist'
  | 'anticorruption-layer'
  | 'published-language'
  | 'open-host-service'
  | 'partnership'
  | 'shared-kernel';

/** A declared dependency on another context: this context uses `context`'s events or commands. */
export interface Relationship {
  context: string;
  kind: RelationshipKind;
  description?: string;
  loc: SourceSpan;
}

/** The facts an ADR draft needs. */
export interface ArchitectureFacts {
  eventStore?: { choice: string; why?: string; loc: SourceSpan };
  /** Consistency SLAs in prose and numbers, e.g. `{ name: 'read models', target: '2s', why: ... }`. */
  slas: { name: string; target: string; why?: string; loc: SourceSpan }[];
  /** Free-form decisions recorded during the workshop. */
  decisions: { title: string; text: string; loc: SourceSpan }[];
  /** Retry policy for async processors and reactors. */
  retry?: { attempts: number; backoff?: string; loc: SourceSpan };
}

export interface BoundedContext {
  name: string;
  description?: string;
  /** The file that declares this context (one file per context). */
  file: string;
  loc: SourceSpan;
  relationships: Relationship[];
  aggregates: Aggregate[];
  commands: Command[];
  events: Event[];
  policies: Policy[];
  projections: Projection[];
  actors: Actor[];
  externalSystems: ExternalSystem[];
  valueObjects: ValueObject[];
  hotspots: Hotspot[];
  specs: Spec[];
  architecture: ArchitectureFacts;
}

/** A whole model: every context of a model folder. */
export interface Model {
  contexts: BoundedContext[];
  /** Layout sidecars keyed by the domain file they belong to. */
  layouts: Record<string, Layout>;
}

/** Canvas positions, stored in `<file>.layout.yaml`, never in the domain file. */
export interface Layout {
  /** Element name -> position (and size when the user resized the sticky). */
  positions: Record<string, { x: number; y: number; w?: number; h?: number }>;
}

// ---------------------------------------------------------------------------------------------
// Input files and diagnostics

/** One YAML file as text; the loader never touches a file system. */
export interface SourceFile {
  /** Path relative to the model root, `/` separators, e.g. `lending.yaml`. */
  path: string;
  text: string;
  /**
   * The raw bytes, when the caller read them from disk. The loader then decodes them itself
   * (strict UTF-8, E_ENCODING otherwise) and ignores `text`.
   */
  bytes?: Uint8Array;
}

export type Severity = 'error' | 'warning' | 'info';

/** Errors are data: every problem Stormsmith reports has this shape (hardening.md C0). */
export interface Diagnostic {
  /** Stable code, e.g. `E_UNRESOLVED_REF`, `W_EVENT_UNCONSUMED`. */
  code: string;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
  message: string;
  hint?: string;
  /** Name of the validator rule that produced it (validator diagnostics only). */
  rule?: string;
  /** Other places that matter (the first definition of a duplicate, ...). */
  related?: SourcePos[];
}

export type LoadResult =
  | { ok: true; model: Model; diagnostics: Diagnostic[] }
  | { ok: false; model?: Model; diagnostics: Diagnostic[] };
