import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../../src/store/backup';
import { SqliteStore } from '../../src/store/sqlite-store';
import { acquireDatabaseLock, lockFileOf } from '../../src/store/database-lock';
import { inbound } from './store-contract';
import { tempDir } from '../helpers/test-app';

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe('database and backup files are private (0600)', () => {
  test('a new database, its WAL and shared-memory files, the lock file and a backup are created 0600', async () => {
    // Arrange: a permissive umask, as on many servers.
    const previous = process.umask(0o022);
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'data', 'modes.db');

      // Act
      const lock = acquireDatabaseLock(file);
      const store = new SqliteStore(file);
      await store.acceptInbound(inbound('m1'), '2026-03-02T09:00:00.000Z');
      await backupDatabase(file, path.join(tmp.dir, 'backup.db'));

      // Assert
      expect(mode(file)).toBe('600');
      expect(mode(`${file}-wal`)).toBe('600');
      expect(mode(`${file}-shm`)).toBe('600');
      expect(mode(lockFileOf(file))).toBe('600');
      expect(mode(path.join(tmp.dir, 'backup.db'))).toBe('600');
      expect(mode(path.dirname(file))).toBe('700');
      await store.close();
      lock?.release();
    } finally {
      process.umask(previous);
      tmp.cleanup();
    }
  });
});
