import { ConfigError } from '../../errors';
import type { PgDatabase } from './pg-database';
import { pgMigration001 } from './migrations/001-core';
import { pgMigration002 } from './migrations/002-leases';
import { pgMigration003 } from './migrations/003-install-secret';
import { pgMigration004 } from './migrations/004-console';
import { pgMigration005 } from './migrations/005-inbound-claims';
import { pgMigration006 } from './migrations/006-agent-workspace';
import { pgMigration007 } from './migrations/007-broadcasts-webhooks-alerts';
import { pgMigration008 } from './migrations/008-api';
import { pgMigration009 } from './migrations/009-requests-approvals';
import { pgMigration010 } from './migrations/010-agent-threads';
import { pgMigration011 } from './migrations/011-ticket-tags';
import { pgMigration013 } from './migrations/013-kb-answers';
import { pgMigration014 } from './migrations/014-teams-threads';
import { pgMigration015 } from './migrations/015-teams-service-urls';
import { pgMigration016 } from './migrations/016-sla-timers-to-check';
import { pgMigration017 } from './migrations/017-waiting-queue-order';
import { pgMigration018 } from './migrations/018-user-time-zone';
import { pgMigration019 } from './migrations/019-kb-answer-rating';

/** PostgreSQL schema migrations, applied in order; `schema_version` records each one. Append, never edit. */
export const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [pgMigration001, pgMigration002, pgMigration003, pgMigration004, pgMigration005, pgMigration006,
  pgMigration007, pgMigration008, pgMigration009, pgMigration010, pgMigration011, pgMigration013, pgMigration014, pgMigration015, pgMigration016, pgMigration017, pgMigration018, pgMigration019];

/** The newest schema this code knows. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;

// Any fixed number: instances starting together on an empty database take turns here.
const MIGRATION_LOCK = 7_202_222;

/**
 * Bring the schema up to date in one transaction (PostgreSQL DDL is transactional: a failed migration leaves
 * nothing half-made). Refuses a schema newer than the code: an older instance must not write a newer layout.
 */
export async function migratePostgres(db: PgDatabase): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const current = Number((await tx.one('SELECT coalesce(max(version), 0) AS v FROM schema_version'))?.v ?? 0);
    if (current > PG_SCHEMA_VERSION) {
      throw new ConfigError(`the PostgreSQL schema is at version ${current}, newer than this Frontdesk knows (${PG_SCHEMA_VERSION}): run the newer Frontdesk, or point DATABASE_URL at another database`);
    }
    for (const migration of PG_MIGRATIONS) {
      if (migration.version <= current) continue;
      await tx.run(migration.sql);
      await tx.run('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return PG_SCHEMA_VERSION;
  });
}
