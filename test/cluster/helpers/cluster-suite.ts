import { describeWithPostgres, postgresMissing } from '../../helpers/postgres';
import { nginxMissing } from './nginx';

/** A describe for the cluster runs: PostgreSQL and nginx are needed; under CI=true a missing one fails the test, never skips it. */
export const describeCluster = !nginxMissing || process.env.CI === 'true' ? describeWithPostgres() : describe.skip;

/** A run's size from the environment (e.g. CLUSTER_USERS), else the default. */
export const numberFrom = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/** Throws, naming the missing server and how to install it, when PostgreSQL or nginx is not on this machine. */
export function requireClusterServers(): void {
  if (nginxMissing || postgresMissing) throw new Error(`${nginxMissing ?? postgresMissing} is not installed: run .ci/install-system.sh`);
}
