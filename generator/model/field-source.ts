// The spelling of one source in a policy's `with:` map (docs/adr/0096), owned once here: the
// loader reads it, the serializer writes it, the canvas's property panel edits it.
import { NEW_ID_SOURCE, type FieldSource, type FieldSourceValue } from './types.js';

/** A path into the trigger's data (`total`, `stay.checkIn`): identifier segments joined by dots. */
const SOURCE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$newId` or a field path; undefined for anything else. */
export function parseFieldSource(text: string): FieldSourceValue | undefined {
  if (text === NEW_ID_SOURCE) return { kind: 'newId' };
  return SOURCE_PATH.test(text) ? { kind: 'path', path: text.split('.') } : undefined;
}

export function formatFieldSource(source: FieldSourceValue): string {
  return source.kind === 'newId' ? NEW_ID_SOURCE : source.path.join('.');
}

/** One `field: source` line (the property panel's spelling); undefined when it is not one. */
export function parseFieldSourceLine(line: string): Omit<FieldSource, 'loc'> | undefined {
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const field = line.slice(0, colon).trim();
  const source = parseFieldSource(line.slice(colon + 1).trim());
  return FIELD.test(field) && source ? { field, source } : undefined;
}
