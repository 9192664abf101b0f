// The schema gate, pure: the model's events against the registry of released versions.
//
// - BACKWARD_TRANSITIVE for every event: stored events of every released version must reach
//   the current version. A released version's schema cannot change in place; a new version
//   must say how the previous one becomes it (previousVersions + upcast), and the gate checks
//   that the upcast really produces valid data of the next version.
// - FULL_TRANSITIVE for published events: in addition, consumers still on any released version
//   must be able to read the current one. Consumer-side validation is open (additional
//   properties allowed, Creek's split), so adding optional fields stays possible.
// - Envelope rules: a released event type is removed, renamed or moved to another context.

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Diagnostic, Event, EventVersion, Field, JsonValue, Model, SourceSpan } from '../../model/types.js';
import { breaks, diffSchemas } from '../compat/compare.js';
import { ruleInfo } from '../compat/registry.js';
import type { Change, Direction } from '../compat/types.js';
import { isObject, jsonEqual } from '../compat/walk.js';
import { eventJsonSchema, SCHEMA_ANNOTATION_KEYWORDS, SchemaBuildError, type JsonSchema } from '../json-schema.js';
import { findRegistered, type RegisteredEvent, type Registry } from '../registry/types.js';
import { eventImpact, impactSummary, type EventImpact } from './impact.js';
import { locAt, topProperty } from './positions.js';
import { inlineRefs, upcastSchema } from './upcast-schema.js';

export interface GateOptions {
  /** How a registry file (relative to the registry folder) is shown in diagnostics. */
  registryFile?: (file: string) => string;
}

export interface GateResult {
  diagnostics: Diagnostic[];
  impacts: EventImpact[];
}

/** Keywords that document and never constrain: changing them is not a change of a release. */
// `deprecated` too: deprecating a field of a released event documents it (issue 17 item 8).
const DOC_KEYWORDS = new Set(['description', '$comment', 'examples', '$schema', 'deprecated']);

function stripDocs(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(stripDocs);
  if (!isObject(v)) return v;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, child] of Object.entries(v)) if (!DOC_KEYWORDS.has(k)) out[k] = k === 'properties' || k === '$defs' || k === 'patternProperties' ? stripDocsMap(child) : stripDocs(child);
  return out;
}

/** Property maps: keys are names, not keywords (a property may be called `description`). */
function stripDocsMap(v: JsonValue): JsonValue {
  if (!isObject(v)) return v;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, child] of Object.entries(v)) out[k] = stripDocs(child);
  return out;
}

export const sameRelease = (a: JsonSchema, b: JsonSchema): boolean => jsonEqual(stripDocs(inlineRefs(a)), stripDocs(inlineRefs(b)));

/** Consumer-side (open) view of a schema: every object accepts unknown properties. */
export function openSchema(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(openSchema);
  if (!isObject(v)) return v;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, child] of Object.entries(v)) {
    if (k === 'additionalProperties' && child === false) continue;
    out[k] = openSchema(child);
  }
  return out;
}

let ajvInstance: Ajv2020 | undefined;
function ajv(): Ajv2020 {
  if (!ajvInstance) {
    ajvInstance = new Ajv2020({ strict: false, allErrors: false });
    addFormats(ajvInstance);
    for (const k of SCHEMA_ANNOTATION_KEYWORDS) ajvInstance.addKeyword(k);
  }
  return ajvInstance;
}

function fitsSchema(value: JsonValue, schema: JsonValue): boolean {
  try {
    return ajv().validate(schema as object, value) as boolean;
  } catch {
    return false;
  }
}

/** A new version does not help consumers of a published event: they read every version. */
const PUBLISHED_HINT = (change: Change): string =>
  `consumers of a published event read every version, so a new version does not help (${change.rule}): keep the event forward compatible (add optional fields only; never remove or retype a field, never add an enum value), or publish a new event type`;

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

class GateRun {
  readonly diagnostics: Diagnostic[] = [];
  readonly impacts: EventImpact[] = [];
  private readonly breakingEvents = new Set<Event>();

  constructor(
    readonly model: Model,
    readonly registry: Registry,
    readonly options: GateOptions,
  ) {}

  private registryFile(file: string): string {
    return this.options.registryFile ? this.options.registryFile(file) : file;
  }

  private emit(d: Omit<Diagnostic, 'file' | 'line' | 'col' | 'endLine' | 'endCol'>, at: SourceSpan | { file: string; line: number; col: number }): void {
    const pos = 'endLine' in at ? { file: at.file, line: at.line, col: at.col, endLine: at.endLine, endCol: at.endCol } : { file: at.file, line: at.line, col: at.col };
    this.diagnostics.push({ ...d, ...pos } as Diagnostic);
  }

  /**
   * Deprecated fields of the current version (issue 17 item 8): the gate lists them so a release
   * review sees them. Deprecating documents a field (`deprecated` is a doc keyword, so a released
   * version may be marked in place); the field stays in the closed schema, since stored events
   * and older producers still carry it. Fields of value objects are reported where declared.
   */
  private reportDeprecations(event: Event, registered: RegisteredEvent | undefined): void {
    for (const field of event.fields) {
      if (field.deprecated === undefined) continue;
      const reason = typeof field.deprecated === 'string' ? ` (${field.deprecated})` : '';
      const released = registered?.versions.some((v) => isObject(v.schema.properties) && Object.hasOwn(v.schema.properties, field.name));
      this.emit(
        {
          code: 'I_FIELD_DEPRECATED',
          severity: 'info',
          rule: 'FIELD_DEPRECATED',
          message: `${event.name}.${field.name} is deprecated${reason}${released ? '; released versions carry it, so stored events still hold it' : ''}`,
          hint: released
            ? `keep ${field.name} in the schema (removing it from a released event is breaking); stop producing it in new events, and drop it in a new version with an upcast once nothing reads it`
            : `${event.name} has no released version with ${field.name}: it may still simply be removed before the first release`,
        },
        field.loc,
      );
    }
  }

  private fieldsOf(event: Event, version: number): readonly Field[] {
    return version === event.version ? event.fields : (event.previousVersions.find((v) => v.version === version)?.fields ?? event.fields);
  }

  private locOf(event: Event, version: number): SourceSpan {
    return version === event.version ? event.loc : (event.previousVersions.find((v) => v.version === version)?.loc ?? event.loc);
  }

  /** A finding from a schema diff, placed at the field it is about. */
  private finding(event: Event, atVersion: number, change: Change, direction: Direction, message: string, hint: string): void {
    this.breakingEvents.add(event);
    const info = ruleInfo(change.rule);
    this.emit(
      {
        code: 'E_BREAKING',
        severity: info.category === 'code' ? 'warning' : 'error',
        message: `${message} [${change.rule}, ${direction}]`,
        hint,
        rule: change.rule,
      },
      locAt(this.model, event.context, this.fieldsOf(event, atVersion), change.path, this.locOf(event, atVersion)),
    );
  }

  private bumpHint(event: Event, released: number, change: Change): string {
    const next = released + 1;
    const field = topProperty(change.path);
    let how = `declare how v${released} becomes v${next}: list version ${released} with its fields under previousVersions`;
    if ((change.rule === 'REQUIRED_PROPERTY_ADDED' || change.rule === 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED' || change.rule === 'PROPERTY_MADE_REQUIRED') && field) {
      how += ` and give "${field}" a default in its upcast (upcast: { defaults: { ${field}: ... } })`;
    } else if (change.rule === 'PROPERTY_RENAMED' && field) {
      const from = /^property "(.*)" looks renamed to /.exec(change.message)?.[1] ?? '<old>';
      how += ` and declare the rename in its upcast (upcast: { renames: { ${from}: ${field} } })`;
    } else {
      how += ` with an upcast (${ruleInfo(change.rule).advice})`;
    }
    return `bump ${event.name} to version ${next} and ${how}`;
  }

  run(): GateResult {
    const modelEvents = this.model.contexts.flatMap((c) => c.events);
    for (const event of modelEvents) this.checkEvent(event, findRegistered(this.registry, event.context, event.name));
    for (const registered of this.registry.events) {
      if (!modelEvents.some((e) => e.context === registered.context && e.name === registered.name)) this.checkMissing(registered, modelEvents);
    }
    for (const event of modelEvents) {
      const registered = findRegistered(this.registry, event.context, event.name);
      const latest = registered?.versions.at(-1)?.version;
      const bumped = latest !== undefined && event.version > latest;
      if (this.breakingEvents.has(event) || bumped) {
        const impact = eventImpact(this.model, event, this.breakingEvents.has(event) ? 'breaking' : 'version-bump', latest);
        this.impacts.push(impact);
        this.emit({ code: 'I_SCHEMA_IMPACT', severity: 'info', message: impactSummary(impact) }, event.loc);
      }
    }
    for (const event of modelEvents) this.reportDeprecations(event, findRegistered(this.registry, event.context, event.name));
    this.diagnostics.sort((a, b) => cmp(a.file, b.file) || cmp(a.line, b.line) || cmp(a.col, b.col) || cmp(a.code, b.code) || cmp(a.message, b.message));
    return { diagnostics: this.diagnostics, impacts: this.impacts };
  }

  private modelSchema(event: Event, version: number): JsonSchema | undefined {
    try {
      return inlineRefs(eventJsonSchema(this.model, event, version));
    } catch (error) {
      if (error instanceof SchemaBuildError) {
        // The validator reports unknown value objects; the gate just cannot judge this event.
        this.emit({ code: 'E_SCHEMA_UNBUILDABLE', severity: 'error', message: `cannot build the schema of ${event.name} v${version}: ${error.message}`, hint: 'fix the model errors reported by `stormsmith validate` first' }, error.field?.loc ?? event.loc);
        return undefined;
      }
      throw error;
    }
  }

  private checkEvent(event: Event, registered: RegisteredEvent | undefined): void {
    const declared = [...event.previousVersions].sort((a, b) => a.version - b.version);
    const declaredVersions = new Set([...declared.map((v) => v.version), event.version]);
    const released = registered?.versions ?? [];
    const reserved = event.reserved;

    for (const r of released) {
      const releasedSchema = inlineRefs(r.schema);
      if (r.version === event.version) {
        const current = this.modelSchema(event, r.version);
        if (current && !sameRelease(releasedSchema, current)) this.checkInPlaceChange(event, r.version, releasedSchema, current, this.registryFile(r.file));
      } else if (declaredVersions.has(r.version)) {
        const described = this.modelSchema(event, r.version);
        if (described && !sameRelease(releasedSchema, described)) {
          const what = diffSchemas(releasedSchema, described).map((c) => c.message);
          this.emit(
            {
              code: 'E_RELEASED_SCHEMA_MODIFIED',
              severity: 'error',
              rule: 'RELEASED_SCHEMA_MODIFIED',
              message: `previousVersions ${r.version} of ${event.name} does not match the released v${r.version}${what.length ? `: ${what.join('; ')}` : ''}`,
              hint: `describe v${r.version} exactly as released (${this.registryFile(r.file)}); stored events have that shape`,
            },
            this.locOf(event, r.version),
          );
        }
      } else if (r.version > event.version) {
        this.emit(
          {
            code: 'E_BREAKING',
            severity: 'error',
            rule: 'VERSION_HISTORY_MISSING',
            message: `${event.name} is at version ${event.version}, but version ${r.version} is already released [VERSION_HISTORY_MISSING]`,
            hint: `versions only go up: set version to ${(released.at(-1)?.version ?? r.version) + 1} (or back to ${released.at(-1)?.version}) and keep every released version under previousVersions`,
          },
          event.loc,
        );
      } else {
        this.emit(
          {
            code: 'E_BREAKING',
            severity: 'error',
            rule: 'VERSION_HISTORY_MISSING',
            message: `released v${r.version} of ${event.name} is not listed under previousVersions; stored v${r.version} events have no path to v${event.version} [VERSION_HISTORY_MISSING]`,
            hint: `add previousVersions: { ${r.version}: { fields: ..., upcast: ... } } with the fields of ${this.registryFile(r.file)}`,
          },
          event.loc,
        );
      }
    }

    // The upcast chain: each declared version must become the next one.
    const chain = [...declared.map((v) => v.version), event.version].sort((a, b) => a - b);
    for (let i = 0; i + 1 < chain.length; i++) {
      const from = chain[i]!;
      const to = chain[i + 1]!;
      const step = declared.find((v) => v.version === from)!;
      const releasedFrom = released.find((r) => r.version === from);
      const fromSchema = releasedFrom ? inlineRefs(releasedFrom.schema) : this.modelSchema(event, from);
      const toSchema = this.modelSchema(event, to);
      if (fromSchema && toSchema) this.checkUpcastStep(event, step, to, fromSchema, toSchema, reserved);
    }

    // FULL_TRANSITIVE for published events: consumers on older released versions.
    if (event.published) {
      const current = this.modelSchema(event, event.version);
      for (const r of released) {
        if (r.version >= event.version || !current) continue;
        const consumer = openSchema(inlineRefs(r.schema)) as JsonSchema;
        for (const change of diffSchemas(consumer, current, { reserved }).filter((c) => breaks(c, 'forward') && ruleInfo(c.rule).category !== 'code')) {
          this.finding(
            event,
            event.version,
            change,
            'forward',
            `${event.name} is published: consumers still reading v${r.version} cannot read v${event.version} events: ${change.message}`,
            PUBLISHED_HINT(change),
          );
        }
      }
    }
  }

  private checkInPlaceChange(event: Event, version: number, releasedSchema: JsonSchema, current: JsonSchema, file: string): void {
    const changes = diffSchemas(releasedSchema, current, { reserved: event.reserved });
    const backward = changes.filter((c) => breaks(c, 'backward'));
    let reported = 0;
    for (const change of backward) {
      this.finding(event, version, change, 'backward', `${event.name} v${version} is released; ${change.message}`, this.bumpHint(event, version, change));
      reported++;
    }
    if (event.published) {
      const consumer = openSchema(releasedSchema) as JsonSchema;
      for (const change of diffSchemas(consumer, current, { reserved: event.reserved }).filter((c) => breaks(c, 'forward') && !backward.some((b) => b.rule === c.rule && b.path === c.path))) {
        this.finding(event, version, change, 'forward', `${event.name} is published and v${version} is released; consumers reject: ${change.message}`, PUBLISHED_HINT(change));
        reported++;
      }
    }
    if (reported === 0) {
      const what = changes.map((c) => c.message);
      this.emit(
        {
          code: 'E_RELEASED_SCHEMA_MODIFIED',
          severity: 'error',
          rule: 'RELEASED_SCHEMA_MODIFIED',
          message: `${event.name} v${version} is released (${file}) and cannot change in place${what.length ? `: ${what.join('; ')}` : ''}; the change itself is compatible`,
          hint: `bump ${event.name} to version ${version + 1} and list version ${version} with its fields under previousVersions (an empty upcast is enough)`,
        },
        event.loc,
      );
    }
  }

  private checkUpcastStep(event: Event, step: EventVersion, to: number, fromSchema: JsonSchema, toSchema: JsonSchema, reserved: readonly string[]): void {
    const from = step.version;
    const toFields = this.fieldsOf(event, to);
    const fromNames = new Set(Object.keys(isObject(fromSchema.properties) ? fromSchema.properties : {}));
    const toProps = isObject(toSchema.properties) ? toSchema.properties : {};
    if (step.upcast.kind === 'custom') {
      this.emit({ code: 'I_CUSTOM_UPCAST', severity: 'info', message: `${event.name} v${from} -> v${to} is a custom upcast; the gate cannot check it, the event museum test replays it`, hint: 'implement the generated upcast stub and keep the museum test green' }, step.loc);
      return;
    }
    for (const [oldName, newName] of Object.entries(step.upcast.renames)) {
      if (!fromNames.has(oldName) || !(newName in toProps)) {
        this.emit(
          {
            code: 'E_BREAKING',
            severity: 'error',
            rule: 'UPCAST_RENAME_INVALID',
            message: `${event.name} v${from} -> v${to} renames "${oldName}" to "${newName}", but ${!fromNames.has(oldName) ? `v${from} has no field "${oldName}"` : `v${to} has no field "${newName}"`} [UPCAST_RENAME_INVALID]`,
            hint: ruleInfo('UPCAST_RENAME_INVALID').advice,
          },
          step.loc,
        );
      }
    }
    for (const [name, value] of Object.entries(step.upcast.defaults)) {
      const target = toProps[name];
      if (target === undefined || !fitsSchema(value, target)) {
        this.emit(
          {
            code: 'E_BREAKING',
            severity: 'error',
            rule: 'UPCAST_DEFAULT_INVALID',
            message: `${event.name} v${from} -> v${to}: the default for "${name}" ${target === undefined ? `names no field of v${to}` : `(${JSON.stringify(value)}) does not fit the v${to} field`} [UPCAST_DEFAULT_INVALID]`,
            hint: ruleInfo('UPCAST_DEFAULT_INVALID').advice,
          },
          step.loc,
        );
      }
    }
    const upcast = upcastSchema(fromSchema, toSchema, step.upcast);
    if (!upcast) return;
    for (const change of diffSchemas(upcast, toSchema, { reserved }).filter((c) => breaks(c, 'backward') && ruleInfo(c.rule).category !== 'code')) {
      const field = topProperty(change.path);
      const needsDefault = change.rule === 'REQUIRED_PROPERTY_ADDED' || change.rule === 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED' || change.rule === 'PROPERTY_MADE_REQUIRED';
      this.finding(
        event,
        to,
        change,
        'backward',
        `${event.name} v${from} events upcast to v${to} are not valid v${to}: ${change.message}`,
        needsDefault && field
          ? `declare how v${from} becomes v${to}: give "${field}" a default in the upcast of version ${from} (upcast: { defaults: { ${field}: ... } }), or map an old field to it (renames)`
          : `a declarative upcast (defaults, renames) cannot do this: use \`upcast: custom\` for version ${from} and convert in the generated stub; ${ruleInfo(change.rule).advice}`,
      );
    }
  }

  /** Whether `event` at `version` has the released `schema` of the (former) type `title`. */
  private sameAs(event: Event, version: number, schema: JsonSchema, title: string): boolean {
    if (!versionChainOf(event).includes(version)) return false;
    try {
      const s = inlineRefs(eventJsonSchema(this.model, event, version));
      return sameRelease({ ...s, title }, { ...inlineRefs(schema), title });
    } catch {
      return false;
    }
  }

  private checkMissing(registered: RegisteredEvent, modelEvents: Event[]): void {
    const latest = registered.versions.at(-1)!;
    const file = this.registryFile(latest.file);
    const at = { file, line: 1, col: 1 };
    const moved = modelEvents.find((e) => e.name === registered.name);
    if (moved) {
      this.emit(
        {
          code: 'E_BREAKING',
          severity: 'error',
          rule: 'EVENT_CONTEXT_CHANGED',
          message: `${registered.name} was released in context ${registered.context} and is now in ${moved.context}; stored events carry the old context's stream names [EVENT_CONTEXT_CHANGED]`,
          hint: ruleInfo('EVENT_CONTEXT_CHANGED').advice,
        },
        moved.loc,
      );
      return;
    }
    // A rename declared with `formerly: [Old]` (docs/adr/0091): stored events keep the type "Old"
    // and are read as the new event, so every released version of Old must be a version of the
    // new event, unchanged.
    const heir = modelEvents.find((e) => e.context === registered.context && (e.formerly ?? []).some((f) => f.name === registered.name && (f.context === undefined || f.context === e.context)));
    if (heir) {
      const changed = registered.versions.filter((v) => !this.sameAs(heir, v.version, v.schema, registered.name));
      if (changed.length === 0) return;
      this.emit(
        {
          code: 'E_BREAKING',
          severity: 'error',
          rule: 'TYPE_RENAMED',
          message: `${heir.name} is declared \`formerly: [${registered.name}]\`, but released ${registered.name} v${changed.map((v) => v.version).join(', v')} ${changed.length === 1 ? 'is' : 'are'} not the same version of ${heir.name}; stored ${registered.name} events could not be read as ${heir.name} [TYPE_RENAMED]`,
          hint: `keep the released fields of ${registered.name} v${changed[0]!.version} as version ${changed[0]!.version} of ${heir.name} (under previousVersions when ${heir.name} has moved on), with an upcast to the next version`,
          related: [at],
        },
        heir.loc,
      );
      return;
    }
    const unreleased = modelEvents.filter((e) => !findRegistered(this.registry, e.context, e.name) && e.context === registered.context);
    const renamed = unreleased.find((e) => {
      const first = Math.min(e.version, ...e.previousVersions.map((v) => v.version));
      try {
        const s = inlineRefs(eventJsonSchema(this.model, e, first));
        return sameRelease({ ...s, title: registered.name }, { ...inlineRefs(latest.schema), title: registered.name });
      } catch {
        return false;
      }
    });
    if (renamed) {
      this.emit(
        {
          code: 'E_BREAKING',
          severity: 'error',
          rule: 'TYPE_RENAMED',
          message: `${renamed.name} looks like released event ${registered.context}.${registered.name} renamed; stored events keep the type "${registered.name}" [TYPE_RENAMED]`,
          hint: ruleInfo('TYPE_RENAMED').advice,
          related: [at],
        },
        renamed.loc,
      );
      return;
    }
    const context = this.model.contexts.find((c) => c.name === registered.context);
    this.emit(
      {
        code: 'E_BREAKING',
        severity: 'error',
        rule: 'TYPE_REMOVED',
        message: `released event ${registered.context}.${registered.name} (v${registered.versions.map((v) => v.version).join(', v')}) is no longer in the model; stored streams that contain it cannot be replayed [TYPE_REMOVED]`,
        hint: ruleInfo('TYPE_REMOVED').advice,
        related: [at],
      },
      context ? context.loc : at,
    );
  }
}

const versionChainOf = (e: Event): number[] => [...e.previousVersions.map((v) => v.version), e.version];

/** Runs every gate rule; diagnostics are sorted, model positions are model-relative. */
export function evaluateGate(model: Model, registry: Registry, options: GateOptions = {}): GateResult {
  return new GateRun(model, registry, options).run();
}
