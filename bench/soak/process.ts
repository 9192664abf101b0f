// What both soaks share (bench/soak/run.ts, bench/soak/shop.ts): service instances as child
// processes speaking JSON lines (a command per stdin line, `ok|rejected|failed <id> ...` per
// stdout line), one-shot SQL, and JSON with sorted keys for comparing documents.
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';

export type Instance = { name: string; child: ChildProcess; pending: Map<string, string>; lines: string[]; alive: boolean };

/** Starts `script` under tsx with `env`; resolves once it printed `ready`. */
export const startInstance = (name: string, script: string, env: Record<string, string>, instances: Instance[]): Promise<Instance> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const instance: Instance = { name, child, pending: new Map(), lines: [], alive: true };
    // A write racing a SIGKILL fails with EPIPE: the soak re-sends what the instance had pending.
    child.stdin!.on('error', () => undefined);
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') resolve(instance);
        else instance.lines.push(line);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      if (process.env.SOAK_DEBUG) process.stderr.write(`[${name}] ${chunk}`);
    });
    child.on('exit', (code) => {
      instance.alive = false;
      reject(new Error(`${name} exited (${code}) before it was ready`));
    });
    instances.push(instance);
  });

/** Sends a command line (`{ id, ... }`) to an instance; it stays pending there until answered (re-sent if the instance dies). */
export const sendCommand = (instance: Instance, command: { id: string }) => {
  const raw = JSON.stringify(command);
  instance.pending.set(command.id, raw);
  instance.child.stdin!.write(`${raw}\n`);
};

export type Answer = { id: string; outcome: 'ok' | 'rejected' | 'failed'; line: string };

/**
 * The answer lines the instances printed since the last call, no longer pending, one per command
 * id not yet in `answered` (a killed instance's late line for a re-sent command is dropped).
 */
export const takeAnswers = (instances: Instance[], answered: { has(id: string): boolean }): Answer[] => {
  const taken = new Map<string, Answer>();
  for (const instance of instances)
    for (const line of instance.lines.splice(0)) {
      const [outcome, id] = line.split(' ');
      if (!id || !['ok', 'rejected', 'failed'].includes(outcome!)) continue;
      instance.pending.delete(id);
      if (!answered.has(id) && !taken.has(id)) taken.set(id, { id, outcome: outcome as Answer['outcome'], line });
    }
  return [...taken.values()];
};

export const stopInstances = async (instances: Instance[]) => {
  for (const instance of instances) {
    if (instance.alive) {
      const exited = new Promise((r) => instance.child.once('exit', r));
      instance.child.kill('SIGKILL');
      await exited;
    }
  }
};

export const query = async <Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
};

/** JSON with sorted keys (jsonb does not keep key order) and without Pongo's `_id`/`_version`. */
export const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .filter((k) => !k.startsWith('_'))
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);

type StoredEvent = { type: string; data: unknown; metadata: Record<string, unknown>; stream: string; gp: string; sp: string; id: string };

export const storedEvents = (url: string) =>
  query<StoredEvent>(
    url,
    'SELECT message_type AS type, message_data AS data, message_metadata AS metadata, stream_id AS stream, global_position::text AS gp, stream_position::text AS sp, message_id AS id FROM emt_messages ORDER BY global_position',
  );

/** A read model folded from scratch over `events` with the generated evolve and document id. */
export const foldProjection = async (events: StoredEvent[], module: string, evolveName: string, idName: string, types: readonly string[]) => {
  const m = (await import(module)) as Record<string, unknown>;
  const evolve = m[evolveName] as (doc: unknown, e: unknown) => unknown;
  const documentId = m[idName] as (e: unknown) => string;
  const docs: Record<string, unknown> = {};
  for (const e of events) {
    if (!types.includes(e.type)) continue;
    const event = { type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.id, streamName: e.stream, streamPosition: BigInt(e.sp), globalPosition: BigInt(e.gp) } };
    const id = documentId(event);
    const next = evolve(docs[id] ?? null, event);
    if (next === null) delete docs[id];
    else docs[id] = next;
  }
  return docs;
};

/** The documents of a Pongo collection by id. */
export const storedDocuments = async (url: string, collection: string) =>
  Object.fromEntries((await query<{ _id: string; data: Record<string, unknown> }>(url, `SELECT _id, data FROM "${collection}"`).catch(() => [])).map((r) => [r._id, r.data]));
