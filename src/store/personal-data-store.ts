import type { ErasureResult } from './personal-data';
import type { Row } from './rows';

/**
 * Subject access and GDPR erasure of one person, on the database the stores use (SQLite: the functions of
 * personal-data.ts; PostgreSQL: PgPersonalDataStore). A selector is a numeric user id, or an e-mail address
 * (every channel's user with that address); an unknown one is a NotFoundError.
 */
export interface PersonalDataStore {
  /** The users rows a selector names. */
  findUsers(selector: string): Promise<Row[]>;
  /** Everything stored about the person, as one JSON-ready object. */
  exportData(selector: string): Promise<Record<string, unknown>>;
  /** Remove the person's data in one transaction; ticket rows, numbers and KPI fields stay. */
  erase(selector: string, now: Date, actor?: string): Promise<ErasureResult>;
}
