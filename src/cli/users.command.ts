import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { openCoreStores } from '../store/open-core-stores';
import { parseArgs, type CliCommand } from './command';

const USAGE = `Usage: frontdesk users export <id|email>         everything stored about the person, as JSON (subject access)
       frontdesk users erase <id|email> --yes     remove their personal data (GDPR erasure); tickets, numbers and KPIs stay
An email address selects that person on every channel. Works on DATABASE_URL (PostgreSQL) when set, else on DATABASE_PATH.
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
  const stores = await openCoreStores(loadConfig(io.env, io.cwd));
  try {
    if (action === 'export') {
      io.stdout.write(`${JSON.stringify(await stores.personalData.exportData(selector), null, 2)}\n`);
      return 0;
    }
    if (options.yes !== true) {
      const users = await stores.personalData.findUsers(selector);
      io.stderr.write(`This erases the personal data of ${users.length} user(s) (ids ${users.map((u) => u.id).join(', ')}) for good: re-run with --yes\n`);
      return 1;
    }
    io.stdout.write(`${JSON.stringify({ erased: await stores.personalData.erase(selector, new Date()) })}\n`);
    return 0;
  } finally {
    await stores.close();
  }
};
