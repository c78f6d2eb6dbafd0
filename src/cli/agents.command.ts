import type { Readable, Writable } from 'node:stream';
import { loadConfig } from '../config';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../console/password';
import { ValidationError } from '../errors';
import { Agent } from '../store/agent-store';
import { openCoreStores } from '../store/open-core-stores';
import { parseArgs, type CliCommand, type CliIo } from './command';

const USAGE = `Usage:
  frontdesk agents add <login> --name "Full Name" [--role agent|admin] [--groups network,service-desk] [--email a@b.c]
  frontdesk agents email <login> <address|none>   work e-mail: approvals sent to it are decided in the console
  frontdesk agents passwd <login>
  frontdesk agents list
  frontdesk agents unlock <login>     forget failed logins (no more delay)
  frontdesk agents disable <login>    no more logins; open sessions and live streams end
  frontdesk agents enable <login>
  frontdesk agents delete <login>     remove the account (tickets keep its name)
The password comes from FRONTDESK_AGENT_PASSWORD, or is asked for on stdin (not echoed).
`;

const SUBCOMMANDS = ['add', 'email', 'passwd', 'list', 'unlock', 'disable', 'enable', 'delete'] as const;

/** `frontdesk agents add|email|passwd|list|unlock|disable|enable|delete`: manage the agents who sign in to the console. */
export const runAgentsCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, login] = positional;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? '')) {
    io.stderr.write(USAGE);
    return 1;
  }
  // On PostgreSQL when DATABASE_URL is set: agents live entirely in the AgentStore.
  const stores = await openCoreStores(loadConfig(io.env, io.cwd));
  try {
    const { agents } = stores;
    const now = new Date().toISOString();
    if (sub === 'list') {
      for (const a of await agents.listAgents()) {
        io.stdout.write(`${JSON.stringify({ id: a.id, name: a.name, role: a.role, groups: a.groups, email: a.email ?? null, createdAt: a.createdAt, disabled: Boolean(a.disabledAt) })}\n`);
      }
      return 0;
    }
    if (!login) throw new ValidationError(`give the agent's login: frontdesk agents ${sub} <login>`);
    if (sub === 'unlock' || sub === 'disable' || sub === 'enable' || sub === 'delete') {
      if (!(await agents.getAgentRecord(login))) throw new ValidationError(`no agent "${login}": see frontdesk agents list`);
      if (sub === 'unlock') await agents.clearLoginDelay(login);
      else if (sub === 'delete') await agents.deleteAgent(login);
      else await agents.setDisabled(login, sub === 'disable', now);
      io.stdout.write({
        unlock: `Failed logins of ${login} forgotten; they can log in at once.\n`,
        disable: `${login} is disabled; their console sessions and live streams were ended.\n`,
        enable: `${login} may log in again.\n`,
        delete: `${login} deleted; their console sessions were ended. Tickets keep the name.\n`,
      }[sub]);
      return 0;
    }
    if (sub === 'email') {
      if (!(await agents.getAgentRecord(login))) throw new ValidationError(`no agent "${login}": see frontdesk agents list`);
      const given = positional[2] ?? '';
      const email = given === 'none' ? null : Agent.shape.email.safeParse(given);
      if (email && (!email.success || !email.data)) throw new ValidationError(`agents email: give an e-mail address or "none" (got "${given}")`);
      const holder = email ? await agents.agentByEmail(email.data as string) : null;
      if (holder && holder.id !== login) throw new ValidationError(`agents email: ${holder.id} has ${email?.data} already (one agent per address)`);
      await agents.setEmail(login, email ? (email.data as string) : null, now);
      io.stdout.write(email ? `${login} now decides approvals sent to ${email.data}.\n` : `${login} has no e-mail any more.\n`);
      return 0;
    }
    if (sub === 'passwd') {
      if (!(await agents.getAgentRecord(login))) throw new ValidationError(`no agent "${login}": add it with frontdesk agents add`);
      await agents.setPassword(login, await hashPassword(await readPassword(io)), now);
      io.stdout.write(`Password of ${login} changed; their console sessions were ended.\n`);
      return 0;
    }
    const parsed = Agent.safeParse({
      id: login,
      name: typeof options.name === 'string' ? options.name : '',
      role: typeof options.role === 'string' ? options.role : 'agent',
      groups: typeof options.groups === 'string' ? options.groups.split(',').map((g) => g.trim()).filter(Boolean) : [],
      ...(typeof options.email === 'string' ? { email: options.email } : {}),
    });
    if (!parsed.success) throw new ValidationError(`agents add: ${parsed.error.issues.map((i) => `--${i.path[0] === 'id' ? 'login' : String(i.path[0])}: ${i.message}`).join('; ')}`);
    if (parsed.data.role === 'agent' && parsed.data.groups.length === 0) {
      throw new ValidationError('an agent without groups sees no tickets: pass --groups a,b (or --role admin)');
    }
    if (await agents.getAgentRecord(login)) throw new ValidationError(`agent "${login}" exists already: use frontdesk agents passwd ${login} to change the password`);
    const agent = await agents.addAgent(parsed.data, await hashPassword(await readPassword(io)), now);
    io.stdout.write(`Added ${agent.role} ${agent.id} (${agent.name}) in groups ${agent.groups.join(', ') || '(all, admin)'}.\n`);
    return 0;
  } finally {
    await stores.close();
  }
};

/** The new password: from the environment, else one line from stdin (a terminal does not echo it). */
async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.FRONTDESK_AGENT_PASSWORD;
  const password = fromEnv ?? (await promptHidden(io.stdin, io.stderr));
  if (password.length < MIN_PASSWORD_LENGTH) throw new ValidationError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

function promptHidden(input: Readable, prompt: Writable): Promise<string> {
  const tty = input as Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  prompt.write('Password: ');
  return new Promise((resolve, reject) => {
    let buffer = '';
    // Raw mode: the terminal does not echo keystrokes, so the password never appears on screen.
    if (tty.isTTY && tty.setRawMode) tty.setRawMode(true);
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (tty.isTTY && tty.setRawMode) tty.setRawMode(false);
      input.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(buffer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\u0003') return finish(new ValidationError('cancelled'));
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u007f' || ch === '\b') buffer = buffer.slice(0, -1);
        else buffer += ch;
      }
    };
    const onEnd = () => finish(buffer ? undefined : new ValidationError('no password given: set FRONTDESK_AGENT_PASSWORD or type it'));
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
