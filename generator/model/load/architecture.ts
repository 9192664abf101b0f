// `architecture:` — the facts an ADR draft needs: event store choice, SLAs, decisions, retry.

import { isMap, type Node as YamlNode } from 'yaml';
import type { ArchitectureFacts } from '../types.js';
import type { Entry, Reader } from './reader.js';

export function readArchitecture(r: Reader, entry: Entry): ArchitectureFacts {
  const facts: ArchitectureFacts = { slas: [], decisions: [] };
  const f = r.object(entry.value, { what: 'architecture', required: [], optional: ['eventStore', 'slas', 'decisions', 'retry'] }, entry.keyNode.range);

  const storeEntry = f.get('eventStore');
  if (storeEntry) {
    const s = r.object(storeEntry.value, { what: 'eventStore', required: ['choice'], optional: ['why'] }, storeEntry.keyNode.range);
    const choice = r.string(s.get('choice'));
    const why = r.string(s.get('why'));
    if (choice !== undefined) facts.eventStore = { choice, ...(why !== undefined ? { why } : {}), loc: storeEntry.loc };
  }

  const slasEntry = f.get('slas');
  if (slasEntry) {
    for (const item of r.items(slasEntry.value, 'SLAs', slasEntry.keyNode.range)) {
      const s = listItem(r, item, { what: 'an SLA', required: ['name', 'target'], optional: ['why'] }, slasEntry);
      if (!s) continue;
      const name = r.string(s.get('name'));
      const target = r.string(s.get('target'));
      const why = r.string(s.get('why'));
      if (name !== undefined && target !== undefined) facts.slas.push({ name, target, ...(why !== undefined ? { why } : {}), loc: r.span(s.get('name')?.keyNode) });
    }
  }

  const decisionsEntry = f.get('decisions');
  if (decisionsEntry) {
    for (const item of r.items(decisionsEntry.value, 'decisions', decisionsEntry.keyNode.range)) {
      const d = listItem(r, item, { what: 'a decision', required: ['title', 'text'], optional: [] }, decisionsEntry);
      if (!d) continue;
      const title = r.string(d.get('title'));
      const text = r.string(d.get('text'));
      if (title !== undefined && text !== undefined) facts.decisions.push({ title, text, loc: r.span(d.get('title')?.keyNode) });
    }
  }

  const retryEntry = f.get('retry');
  if (retryEntry) {
    const s = r.object(retryEntry.value, { what: 'retry', required: ['attempts'], optional: ['backoff'] }, retryEntry.keyNode.range);
    // Bounded: attempts drive generated code and ADR size (2^31 used to abort generate).
    const attempts = r.integer(s.get('attempts'), 0, MAX_RETRY_ATTEMPTS);
    const backoffEntry = s.get('backoff');
    let backoff = r.string(backoffEntry);
    if (backoff !== undefined && backoffEntry && !BACKOFF.test(backoff.trim().toLowerCase())) {
      r.diags.add(backoffEntry.value?.range ?? backoffEntry.keyNode.range, {
        code: 'E_VALUE',
        message: `unknown backoff ${JSON.stringify(backoff.slice(0, 40))}`,
        hint: 'write exponential, fixed, constant, none, or a delay up to 60s such as 200ms or 2s',
      });
      backoff = undefined;
    }
    if (attempts !== undefined) facts.retry = { attempts, ...(backoff !== undefined ? { backoff } : {}), loc: retryEntry.loc };
  }
  return facts;
}

/** docs/security.md: architecture.retry.attempts is at most this. */
export const MAX_RETRY_ATTEMPTS = 100;
/** The backoffs ir/ops.ts understands; a fixed delay is at most 60 s (the batch transaction stays open). */
const BACKOFF = { test: (v: string): boolean => {
  if (/^(exponential|fixed|constant|none)$/.test(v)) return true;
  const m = /^([0-9]{1,6})\s*(ms|s)$/.exec(v);
  return m !== null && Number(m[1]) * (m[2] === 's' ? 1000 : 1) <= 60_000;
} };

function listItem(r: Reader, item: YamlNode | null, shape: Parameters<Reader['object']>[1], parent: Entry) {
  if (!item || !isMap(item)) {
    r.typeError(item, `a map (${shape.what})`, parent.keyNode.range);
    return undefined;
  }
  return r.object(item, shape, item.range);
}
