import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { SqliteStore } from '../store/sqlite-store';
import { erasePersonalData, exportPersonalData, findUsers } from '../store/personal-data';
import { parseArgs, type CliCommand } from './command';

const USAGE = `Usage: frontdesk users export <id|email>         everything stored about the person, as JSON (subject access)
       frontdesk users erase <id|email> --yes     remove their personal data (GDPR erasure); tickets, numbers and KPIs stay
An email address selects that person on every channel.
`;

/** `frontdesk users export|erase <id|email>`: subject access and erasure on the configured database. */
export const runUsersCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [action, selector] = positional;
  if (options.help || !action) {
    io.stdout.write(USAGE);
    return options.help ? 0 : 1;
  }
  if (action !== 'export' && action !== 'erase') throw new ValidationError(`unknown action "${action}": use export or erase`);
  if (!selector) throw new ValidationError(`name the person: frontdesk users ${action} <id|email>`);
  const store = new SqliteStore(loadConfig(io.env, io.cwd).DATABASE_PATH);
  try {
    if (action === 'export') {
      io.stdout.write(`${JSON.stringify(exportPersonalData(store.db, selector), null, 2)}\n`);
      return 0;
    }
    if (options.yes !== true) {
      const users = findUsers(store.db, selector);
      io.stderr.write(`This erases the personal data of ${users.length} user(s) (ids ${users.map((u) => u.id).join(', ')}) for good: re-run with --yes\n`);
      return 1;
    }
    io.stdout.write(`${JSON.stringify({ erased: erasePersonalData(store.db, selector, new Date()) })}\n`);
    return 0;
  } finally {
    await store.close();
  }
};
