// How generated tests declare the cases the model defines.
//
// A case runs once while its file is collected (cases are pure: deciders and projection
// evolve functions). If it reaches logic that is still a typed stub (NotImplementedError), it
// is declared `it.todo`, naming the stub: it never fails the build on day one and is never
// silently skipped. Any other outcome declares a normal test, which runs the case again.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { isNotImplemented, isRejection, probeModelDefaults } from '../../src/runtime/index.js';

/**
 * Why a pure probe is todo, or undefined when it runs for real: it reached a stub, or it failed
 * after going through logic that is still the model's default (`modelDefault` in a logic file),
 * which cannot know the rule this case expects.
 */
export const stubReachedBy = (probe: () => unknown): string | undefined => {
  const { threw, error, defaults } = probeModelDefaults(probe);
  if (!threw) return undefined;
  if (isNotImplemented(error)) return error.message;
  // A rejection is an outcome a probe may compute (a policy's preview); an assertion is a failure.
  if (defaults.length > 0 && !isRejection(error)) return `${[...new Set(defaults)].join('; ')} gives another outcome than this case expects: write the rule`;
  return undefined;
};

/** A synchronous case: probed by running it. */
export const modelCase = (name: string, run: () => void): void => {
  const stub = stubReachedBy(run);
  if (stub !== undefined) it.todo(`${name} [todo: ${stub}]`);
  else it(name, run);
};

/**
 * given/when/then over a decider, like Emmett's DeciderSpecification, with vitest's matchers:
 * expected events match in order and by subset (fields the model leaves out are not compared),
 * and a `null` in expected data is compared as a value (Emmett 0.42's isSubset fails on it).
 */
export const deciderSpec =
  <S, C, E>(decider: { decide: (command: C, state: S) => E | E[]; evolve: (state: S, event: E) => S; initialState: () => S }) =>
  (given: E | E[]) => ({
    when: (command: C) => {
      const run = (): E[] => {
        const state = (Array.isArray(given) ? given : [given]).reduce(decider.evolve, decider.initialState());
        const events = decider.decide(command, state);
        return Array.isArray(events) ? events : [events];
      };
      // Where events are expected, a rejection is a failed expectation (an assertion, not an outcome).
      const decided = (): E[] => {
        try {
          return run();
        } catch (error) {
          if (isNotImplemented(error)) throw error;
          return expect.fail(`the decider rejected the command: ${String(error)}`);
        }
      };
      return {
        then: (expected: E | E[]): void => {
          const events = decided();
          const wanted = Array.isArray(expected) ? expected : [expected];
          expect(events, 'the events decided').toHaveLength(wanted.length);
          wanted.forEach((event, i) => expect(events[i]).toMatchObject(event as object));
        },
        thenNothingHappened: (): void => {
          expect(decided(), 'no events decided').toEqual([]);
        },
        thenThrows: (matches: (error: unknown) => boolean): void => {
          let events: E[];
          try {
            events = run();
          } catch (error) {
            if (isNotImplemented(error)) throw error;
            expect(matches(error), `rejected with another error: ${String(error)}`).toBe(true);
            return;
          }
          expect.fail(`expected a rejection, but the decider decided ${JSON.stringify(events)}`);
        },
      };
    },
  });

/** An asynchronous case (a store, a database): probed by its pure part. */
export const modelCaseProbed = (name: string, probe: () => unknown, run: () => Promise<void>): void => {
  const stub = stubReachedBy(probe);
  if (stub !== undefined) it.todo(`${name} [todo: ${stub}]`);
  else it(name, run);
};

/**
 * A todo for each command without a case in a user-owned commands test: one added to the model
 * after that file was created (stormsmith never rewrites it) shows up in every run instead of
 * going untested unnoticed. A case is one that sends type: '<Command>'.
 */
export const todoForCommandsWithoutCase = (file: URL, commands: readonly string[]): void => {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // deleted: no command has a case there
  }
  const name = file.pathname.split('/').pop();
  for (const command of commands) {
    if (!text.includes(`type: '${command}'`) && !text.includes(`type: "${command}"`)) {
      it.todo(`${command} has no case in ${name} [todo: add one there; the command joined the model after the file was created]`);
    }
  }
};
