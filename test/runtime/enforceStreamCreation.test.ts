// §6.2: PostgreSQL ignores STREAM_DOES_NOT_EXIST / STREAM_EXISTS, so a stream can be "created" twice.
import {
  DeciderCommandHandler,
  STREAM_DOES_NOT_EXIST,
  STREAM_EXISTS,
  type AppendToStreamOptions,
  type Event,
} from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIllegalStateError, isVersionConflict } from '../../templates/runtime/src/runtime/errors.js';
import { createPostgresEventStore } from '../../templates/runtime/src/runtime/eventStores.js';
import { enforceStreamCreation } from '../../templates/runtime/src/runtime/streamCreation.js';
import { usePostgres } from '../support/postgres.js';
import { borrowed, loanDecider, loanStream, type LoanEvent } from './fixtures/loans.js';

const handleLoan = DeciderCommandHandler({
  ...loanDecider,
  mapToStreamId: loanStream,
  retry: { onVersionConflict: 3 },
});

/**
 * Makes the race deterministic: the first two stream reads (CommandHandler's aggregateStream,
 * inside withSession) wait for each other, so both commands decide on "no stream yet"; then the
 * first append commits before the second starts (the interleaving that duplicates: with both
 * appends in flight at once, the unique key on stream position already catches it).
 */
const bothReadBeforeEitherWrites = (store: PostgresEventStore): PostgresEventStore => {
  let waiting = 0;
  let release: () => void = () => undefined;
  const bothRead = new Promise<void>((resolve) => (release = resolve));
  let firstAppend: Promise<unknown> | undefined;
  const gate = <Store extends PostgresEventStore>(inner: Store): Store =>
    new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'aggregateStream') {
          return async (...args: Parameters<Store['aggregateStream']>) => {
            const result = await target.aggregateStream(args[0], args[1]);
            if (++waiting <= 2) {
              if (waiting === 2) release();
              await bothRead;
            }
            return result;
          };
        }
        if (property === 'appendToStream') {
          return async (stream: string, events: Event[], options?: AppendToStreamOptions) => {
            if (firstAppend === undefined) {
              firstAppend = target.appendToStream(stream, events, options);
              return firstAppend;
            }
            await firstAppend.catch(() => undefined);
            return target.appendToStream(stream, events, options);
          };
        }
        if (property === 'withSession') {
          return <T>(callback: Parameters<Store['withSession']>[0]) =>
            target.withSession<T>((session) => callback({ ...session, eventStore: gate(session.eventStore) }) as Promise<T>);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return gate(store);
};

const eventsIn = async (store: PostgresEventStore, stream: string) =>
  (await store.readStream<LoanEvent>(stream)).events.map((event) => event.type);

describe('enforceStreamCreation on PostgreSQL', () => {
  const postgres = usePostgres('stream_creation');
  let bare: PostgresEventStore;
  let fixed: PostgresEventStore;
  beforeAll(() => {
    bare = getPostgreSQLEventStore(postgres.connectionString);
    fixed = createPostgresEventStore(postgres.connectionString);
  });
  afterAll(async () => {
    await bare?.close();
    await fixed?.close();
  });

  it('bare Emmett 0.42.0 appends twice with STREAM_DOES_NOT_EXIST', async () => {
    const stream = loanStream('bare-twice');
    await bare.appendToStream(stream, [borrowed('bare-twice', 'm1')], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    await bare.appendToStream(stream, [borrowed('bare-twice', 'm2')], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    expect(await eventsIn(bare, stream)).toEqual(['BookBorrowed', 'BookBorrowed']);
  });

  it('bare Emmett 0.42.0 appends with STREAM_EXISTS to a stream that does not exist', async () => {
    const stream = loanStream('bare-missing');
    await bare.appendToStream(stream, [borrowed('bare-missing', 'm1')], { expectedStreamVersion: STREAM_EXISTS });
    expect(await eventsIn(bare, stream)).toEqual(['BookBorrowed']);
  });

  it('with the fix the second creation is a version conflict and nothing is appended', async () => {
    const stream = loanStream('fixed-twice');
    await fixed.appendToStream(stream, [borrowed('fixed-twice', 'm1')], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    const second = fixed.appendToStream(stream, [borrowed('fixed-twice', 'm2')], {
      expectedStreamVersion: STREAM_DOES_NOT_EXIST,
    });
    const error = await second.then(() => undefined, (caught: unknown) => caught);
    expect(isVersionConflict(error)).toBe(true);
    expect(await eventsIn(fixed, stream)).toEqual(['BookBorrowed']);
  });

  it('with the fix STREAM_EXISTS on a missing stream is a version conflict', async () => {
    const stream = loanStream('fixed-missing');
    const error = await fixed
      .appendToStream(stream, [borrowed('fixed-missing', 'm1')], { expectedStreamVersion: STREAM_EXISTS })
      .then(() => undefined, (caught: unknown) => caught);
    expect(isVersionConflict(error)).toBe(true);
    expect(await fixed.streamExists(stream)).toBe(false);
    await fixed.appendToStream(loanStream('fixed-exists'), [borrowed('fixed-exists', 'm1')]);
    await fixed.appendToStream(loanStream('fixed-exists'), [borrowed('fixed-exists', 'm1')], {
      expectedStreamVersion: STREAM_EXISTS,
    });
    expect(await eventsIn(fixed, loanStream('fixed-exists'))).toHaveLength(2);
  });

  it('stores from withSession are enforced too', async () => {
    const stream = loanStream('session');
    await fixed.appendToStream(stream, [borrowed('session', 'm1')]);
    const error = await fixed
      .withSession(({ eventStore }) =>
        eventStore.appendToStream(stream, [borrowed('session', 'm2')], { expectedStreamVersion: STREAM_DOES_NOT_EXIST }),
      )
      .then(() => undefined, (caught: unknown) => caught);
    expect(isVersionConflict(error)).toBe(true);
    expect(enforceStreamCreation(fixed)).toBe(fixed);
  });

  it('bare Emmett 0.42.0: two racing first commands both create the stream', async () => {
    for (let round = 0; round < 3; round++) {
      const loanId = `bare-race-${round}`;
      const racing = bothReadBeforeEitherWrites(bare);
      const outcomes = await Promise.allSettled([
        handleLoan(racing, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'a' } }),
        handleLoan(racing, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'b' } }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(await eventsIn(bare, loanStream(loanId))).toEqual(['BookBorrowed', 'BookBorrowed']);
    }
  });

  it('with the fix: exactly one creates the stream, the other is decided again and rejected', async () => {
    for (let round = 0; round < 3; round++) {
      const loanId = `fixed-race-${round}`;
      const racing = bothReadBeforeEitherWrites(fixed);
      const outcomes = await Promise.allSettled([
        handleLoan(racing, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'a' } }),
        handleLoan(racing, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'b' } }),
      ]);
      expect(await eventsIn(fixed, loanStream(loanId))).toEqual(['BookBorrowed']);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
      // The loser got a version conflict, re-read the stream (retry) and the decider refused.
      expect(isIllegalStateError(rejected?.status === 'rejected' ? rejected.reason : undefined)).toBe(true);
    }
  });

  it('with the fix, free-running concurrent first commands never duplicate', async () => {
    let duplicates = 0;
    for (let round = 0; round < 10; round++) {
      const loanId = `free-race-${round}`;
      await Promise.allSettled([
        handleLoan(fixed, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'a' } }),
        handleLoan(fixed, loanId, { type: 'BorrowBook', data: { loanId, memberId: 'b' } }),
      ]);
      if ((await eventsIn(fixed, loanStream(loanId))).length !== 1) duplicates++;
    }
    expect(duplicates).toBe(0);
  });
});
