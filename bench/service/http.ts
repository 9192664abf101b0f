// The HTTP leg of bench/service.ts: the same commands through the generated API (src/http/app.ts:
// body validation, If-Match/Idempotency-Key handling, problem mapping, command metrics) and
// through a hand-written minimal Fastify route calling the same generated command handler, each
// side on its own database and service, interleaved one by one over real HTTP (fetch).

import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';

type Command = { type: string; data: Record<string, unknown> & { loanId: string } };
type Handler = (eventStore: unknown, command: unknown) => Promise<{ nextExpectedStreamVersion: bigint; newEvents: { type: string; data: unknown }[] }>;

/** A minimal route per command: parse, call the generated handler, answer the new version and events. */
export const handWrittenApp = async (eventStore: unknown, handlers: { borrowBook: Handler; sendReminder: Handler }): Promise<FastifyInstance> => {
  const app = Fastify({ logger: false });
  const route = (type: string, handle: Handler) => async (request: { params: unknown; body: unknown }) => {
    const { loanId } = request.params as { loanId: string };
    const result = await handle(eventStore, { type, data: { ...(request.body as object), loanId } });
    return { streamVersion: Number(result.nextExpectedStreamVersion), events: result.newEvents.map(({ type: t, data }) => ({ type: t, data })) };
  };
  app.post('/lending/loan/:loanId/borrow-book', route('BorrowBook', handlers.borrowBook));
  app.post('/lending/loan/:loanId/send-reminder', route('SendReminder', handlers.sendReminder));
  return app;
};

const pathOf = ([method, command]: readonly [string, Command]) =>
  `/lending/loan/${command.data.loanId}/${method === 'borrowBook' ? 'borrow-book' : 'send-reminder'}`;

/** commands/s of each side over its own summed request time; every response must be a 2xx. */
export const runHttpPaired = async (
  commands: readonly (readonly [string, Command])[],
  bases: { baseline: string; generated: string },
): Promise<{ baseline: number; generated: number }> => {
  const spent = { baseline: 0, generated: 0 };
  for (let i = 0; i < commands.length; i++) {
    const entry = commands[i]!;
    const { loanId, ...body } = entry[1].data;
    void loanId;
    for (const side of i % 2 === 0 ? (['baseline', 'generated'] as const) : (['generated', 'baseline'] as const)) {
      const started = performance.now();
      const response = await fetch(bases[side] + pathOf(entry), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      spent[side] += performance.now() - started;
      if (response.status >= 300) throw new Error(`${side} ${pathOf(entry)}: ${response.status} ${text}`);
    }
  }
  return { baseline: commands.length / (spent.baseline / 1000), generated: commands.length / (spent.generated / 1000) };
};
