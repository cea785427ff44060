import pg from 'pg';

/** `count` connected pg clients on `url`, for specs that need concurrent writers (end them in a finally). */
export function connectClients(url: string, count: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
}
