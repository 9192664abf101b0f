// What a CLI command may touch of the process: streams, cwd and env, passed in so that
// commands are testable in-process without spawning.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Documented exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** The model (or the generated output, or a schema) has problems. */
  problems: 1,
  /** Bad usage, unreadable input, IO failure. */
  usage: 2,
} as const;

export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

export const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
});
