// What the ADR draft's "Operations" section reports for one context: snapshot intervals of its
// long-lived aggregates, its processors' retry policy (attempts and the delays they mean) and
// lag targets, and the operations entry points.

import { md } from '../markdown.js';
import type { ContextFacts } from '../facts.js';
import { opsFacts } from './facts.js';

const delays = (b: { initialDelayMs: number; factor: number; maxDelayMs: number }, attempts: number): string => {
  if (attempts <= 1) return 'no retry';
  const list: number[] = [];
  for (let retry = 1; retry < attempts; retry++) list.push(Math.min(b.maxDelayMs, Math.round(b.initialDelayMs * b.factor ** (retry - 1))));
  return `${list.map((ms) => `${ms} ms`).join(', ')} between attempts`;
};

export function opsAdrView(facts: ContextFacts) {
  const ops = opsFacts([facts]);
  return {
    snapshots: ops.longLived.map((a) => ({ aggregate: md(a.aggregate.name), every: String(a.every), streamType: a.streamType })),
    processors: ops.processors.map((p) => ({
      name: md(p.key),
      kind: p.kind,
      processorId: md(p.processorId),
      attempts: String(p.retry.attempts),
      delays: delays(p.retry.backoff, p.retry.attempts),
      lagTarget: p.lagTarget === undefined ? 'not set' : md(p.lagTarget),
    })),
  };
}
