// Runs a catch-up consumer (`stopWhen: { noMessagesLeft: true }`) until it has handled everything,
// the way the service runs consumers: under superviseConsumer, which also runs the handler
// retries (a failed attempt rolls its batch back and is read again after its backoff).
import type { MessageConsumer } from '@event-driven-io/emmett';
import { superviseConsumer, type ConsumerStopReport } from '../../templates/runtime/src/runtime/supervisor.js';

export const runToEnd = async (createConsumer: () => MessageConsumer): Promise<ConsumerStopReport[]> => {
  const stops: ConsumerStopReport[] = [];
  const supervised = superviseConsumer(createConsumer, { untilCaughtUp: true, maxRestarts: 0, onStop: (report) => stops.push(report) });
  await supervised.done;
  if (stops.length > 0) throw new Error(`consumer stopped unexpectedly: ${String(stops[0]?.error)}`);
  return stops;
};
