import { openPostgres } from '../../src/store/postgres/open-postgres';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { startPostgres, truncateAll, type PostgresServer } from './postgres';

/** The PostgreSQL of a describe, valid inside its tests and hooks. */
export type SharedPostgres = {
  readonly server: PostgresServer;
  /** The describe's migrated database (usePostgresDatabase only). */
  readonly url: string;
  /** A new database on the server with Frontdesk's schema applied; returns its URL. */
  migratedDatabase(): Promise<string>;
};

/**
 * A private PostgreSQL server started before the describe's tests and removed after them; with `oneDatabase`,
 * a migrated database made once and emptied before each test. An afterAll declared after this runs without the server.
 */
function sharedPostgres(oneDatabase: boolean): SharedPostgres {
  let server: PostgresServer | undefined;
  let url = '';
  const shared: SharedPostgres = {
    get server() { return server!; },
    get url() { return url; },
    async migratedDatabase() {
      const created = await server!.createDatabase();
      await (await openPostgres(created, { poolSize: 1 })).close();
      return created;
    },
  };
  beforeAll(async () => {
    server = await startPostgres();
    if (oneDatabase) url = await shared.migratedDatabase();
  });
  afterAll(async () => server?.dispose());
  if (oneDatabase) {
    beforeEach(async () => {
      const db = new PgDatabase(url, { poolSize: 1 });
      await truncateAll(db);
      await db.close();
    });
  }
  return shared;
}

/** One private PostgreSQL server for the enclosing describe; each test makes its databases (`migratedDatabase`). */
export function usePostgresServer(): SharedPostgres {
  return sharedPostgres(false);
}

/** One private PostgreSQL server and one migrated database (`url`) for the enclosing describe, emptied before each test. */
export function usePostgresDatabase(): SharedPostgres {
  return sharedPostgres(true);
}
