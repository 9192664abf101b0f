// Reading what Emmett and Pongo wrote, with plain pg (no Pongo client needed in tests).
import pg from 'pg';

export const query = async <Row extends pg.QueryResultRow>(
  connectionString: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
};

/** The JSON document Pongo stored under `_id` in a collection, or null. */
export const pongoDocument = async <Doc>(connectionString: string, collection: string, id: string) => {
  const exists = await query<{ t: string | null }>(connectionString, 'SELECT to_regclass($1)::text AS t', [
    `"${collection}"`,
  ]);
  if (exists[0]?.t == null) return null;
  const rows = await query<{ data: Doc }>(connectionString, `SELECT data FROM "${collection}" WHERE _id = $1`, [id]);
  return rows[0]?.data ?? null;
};

/** Every document of a Pongo collection, keyed by `_id`. */
export const pongoDocuments = async <Doc>(connectionString: string, collection: string) => {
  const rows = await query<{ _id: string; data: Doc }>(connectionString, `SELECT _id, data FROM "${collection}" ORDER BY _id`);
  return Object.fromEntries(rows.map((row) => [row._id, row.data]));
};
