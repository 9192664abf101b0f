// Yaml nodes -> lines of text at a given indentation. One set of print options for everything
// the serializer writes: 2-space indentation, no line folding (a long description stays one
// line, so a one-word change is a one-line diff), YAML 1.1-safe quoting (`"yes"`, `"1.10"`).

import { Document, Pair, YAMLMap, YAMLSeq, type Node as YamlNode, type ToStringOptions } from 'yaml';
import { DOCUMENT_OPTIONS } from './nodes.js';

const PRINT: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  flowCollectionPadding: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
};

function print(contents: YamlNode): string[] {
  const doc = new Document(null, DOCUMENT_OPTIONS);
  doc.contents = contents;
  const text = doc.toString(PRINT);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function indent(lines: string[], by: number): string[] {
  const pad = ' '.repeat(by);
  // Empty lines (inside block scalars) stay empty: no trailing whitespace.
  return lines.map((line) => (line === '' ? line : pad + line));
}

/** `name: value` (a map entry) at `by` spaces. */
export function renderEntry(key: string, value: YamlNode, by: number): string[] {
  const map = new YAMLMap();
  map.items.push(new Pair(new Document(null, DOCUMENT_OPTIONS).createNode(key), value));
  return indent(print(map), by);
}

/** `- value` (a list item) with its dash at `by` spaces. */
export function renderItem(value: YamlNode, by: number): string[] {
  const seq = new YAMLSeq();
  seq.items.push(value);
  return indent(print(seq), by);
}
