import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createApp } from '../../src/app';
import { parseArgs, type CliCommand } from '../../src/cli/command';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { toPlainText } from '../../src/render/plain-text';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';
import { dialogEntries } from '../../dialogs';
import { createTerminalChannel } from './terminal.channel';

/** One line of a chat transcript. */
export type TranscriptLine = { from: 'user' | 'bot'; text: string; message?: OutboundMessage };

/**
 * `frontdesk chat`: talk to the bot in the terminal. `--script FILE` feeds the file's lines (one user
 * message each) and prints the transcript as JSON; it uses a fresh temporary database unless `--db` is given.
 */
export const runChatCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  const script = typeof options.script === 'string' ? options.script : undefined;
  const env = { ...io.env, LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn' };
  const config = loadConfig(env, io.cwd);
  const tempDir = script && typeof options.db !== 'string' ? fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-chat-')) : null;
  const dbPath = typeof options.db === 'string' ? path.resolve(io.cwd, options.db) : tempDir ? path.join(tempDir, 'chat.db') : config.DATABASE_PATH;
  const transcript: TranscriptLine[] = [];
  const onReply = (_ref: ConversationRef, message: OutboundMessage) => {
    transcript.push({ from: 'bot', text: toPlainText(message), message });
    if (!script) io.stdout.write(`bot> ${toPlainText(message)}\n`);
  };
  const app = await createApp({ ...config, DATABASE_PATH: dbPath }, {
    channels: [createTerminalChannel({ onReply })],
    dialogs: dialogEntries,
    dispatch: false,
    log: createLogger({ level: env.LOG_LEVEL, secrets: config.secrets }),
  });
  await app.start(false);
  const user = typeof options.user === 'string' ? options.user : os.userInfo().username;
  const ref: ConversationRef = { channel: 'terminal', conversationId: `terminal:${user}`, userId: user };
  let sequence = Date.now();
  const say = async (text: string) => {
    transcript.push({ from: 'user', text });
    await app.engine.receive({ ref, platformMessageId: `${ref.conversationId}:${sequence++}`, text, user: { name: user } });
    await app.dispatcher.drainDue();
  };
  try {
    if (script) {
      const lines = fs.readFileSync(path.resolve(io.cwd, script), 'utf8').split(/\r?\n/).map((l) => l.replace(/^user>\s?/, ''));
      for (const line of lines) if (line.trim()) await say(line);
      io.stdout.write(`${JSON.stringify(transcript.map(({ from, text }) => ({ from, text })), null, 2)}\n`);
    } else {
      io.stdout.write('Frontdesk chat. Type your message; Ctrl-D to quit.\n');
      const rl = readline.createInterface({ input: io.stdin, terminal: false });
      for await (const line of rl) if (line.trim()) await say(line);
    }
  } finally {
    await app.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
  return 0;
};
