import { openPostgres } from '../../src/store/postgres/open-postgres';
import { PgStore } from '../../src/store/postgres/pg-store';
import { describeWithPostgres, startPostgres, truncateAll, type PostgresServer } from '../helpers/postgres';
import { storeContract } from './store-contract';

describeWithPostgres()('PostgreSQL 15 (a real server started for this file)', () => {
  let server: PostgresServer;
  let url: string;
  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
  });
  afterAll(async () => server?.dispose());

  storeContract(
    'PostgreSQL',
    async () => {
      const db = await openPostgres(url, { poolSize: 4 });
      await truncateAll(db);
      return new PgStore(db);
    },
    async (store) => store.close(),
  );
});
