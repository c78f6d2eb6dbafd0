import path from 'node:path';
import { sqliteCoreStores, type CoreStores } from '../../src/store/core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { SqliteStore } from '../../src/store/sqlite-store';
import { truncateAll } from '../helpers/postgres';
import { tempDir } from '../helpers/test-app';

/** How a contract suite gets its stores: a fresh database per test, and more "instances" on the same one. */
export type StoreHarness = {
  /** A fresh, empty database; returns the stores on it (the first instance). */
  fresh(): Promise<CoreStores>;
  /** Stores on the same database as the last fresh(), over their own connections: another instance. */
  another(): Promise<CoreStores>;
  /** Close everything opened since fresh() and remove what it made. */
  cleanup(): Promise<void>;
};

/** SQLite: a new file per test; another instance is a second SqliteStore on the same file. */
export function sqliteHarness(): StoreHarness {
  let file = '';
  let open: CoreStores[] = [];
  let remove = () => {};
  return {
    async fresh() {
      const tmp = tempDir();
      remove = tmp.cleanup;
      file = path.join(tmp.dir, 'store.db');
      open = [sqliteCoreStores(new SqliteStore(file))];
      return open[0];
    },
    async another() {
      const stores = sqliteCoreStores(new SqliteStore(file));
      open.push(stores);
      return stores;
    },
    async cleanup() {
      for (const stores of open) await stores.close();
      open = [];
      remove();
    },
  };
}

/** PostgreSQL: one database per suite (`url()`), emptied per test; another instance is a second pool. */
export function pgHarness(url: () => string): StoreHarness {
  let open: CoreStores[] = [];
  return {
    async fresh() {
      const db = await openPostgres(url(), { poolSize: 4 });
      await truncateAll(db);
      open = [pgCoreStores(db)];
      return open[0];
    },
    async another() {
      const stores = pgCoreStores(new PgDatabase(url(), { poolSize: 4 }));
      open.push(stores);
      return stores;
    },
    async cleanup() {
      for (const stores of open) await stores.close();
      open = [];
    },
  };
}
