import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
import * as plugins from '../../channels';
import { dialogEntries } from '../../dialogs';
import { BIN, requireBuild } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

/** Run the real CLI in `cwd` with only PATH and `env` (a newcomer's shell). */
function frontdesk(args: string[], cwd: string, env: Record<string, string> = {}) {
  requireBuild();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function cli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: { DATABASE_PATH: '/nonexistent/never.db' }, cwd: '/' }, { ...plugins, dialogs: dialogEntries });
  return { code, stdout: out, stderr: err };
}

describe('the command line as a newcomer meets it', () => {
  const all = ['start', 'chat', 'classify', 'kb', 'train', 'eval', 'agents', 'manifest', 'incidents', 'report', 'tickets', 'broadcast', 'backup', 'restore', 'users', 'bench'];

  test.each(all)('`frontdesk %s --help` prints its usage and runs nothing', async (name) => {
    // Act (a database path that cannot exist: a command that ran would fail)
    const result = await cli([name, '--help']);

    // Assert
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Usage: frontdesk .*${name}`));
  });

  test('`frontdesk chat` from another directory finds the shipped articles, dialogs and classifier examples', () => {
    // Arrange: a directory with nothing of Frontdesk in it.
    const tmp = tempDir();
    try {
      fs.writeFileSync(path.join(tmp.dir, 'script.txt'), 'my vpn fails with error 809\n');

      // Act
      const result = frontdesk(['chat', '--script', 'script.txt'], tmp.dir);

      // Assert
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const transcript = JSON.parse(result.stdout) as Array<{ from: string; text: string }>;
      // The articles ship with the package: the VPN article (error 809) is offered although cwd has none.
      expect(transcript.filter((line) => line.from === 'bot').map((line) => line.text).join('\n')).toMatch(/VPN[\s\S]*809/);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);

  test('a failing command prints one line, no stack trace', () => {
    const tmp = tempDir();
    try {
      // Act: a file that is not there.
      const result = frontdesk(['train', '--data', 'missing.jsonl'], tmp.dir);

      // Assert
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/missing\.jsonl/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);

  test('`frontdesk report` on a fresh install prints an empty report and creates nothing', () => {
    const tmp = tempDir();
    try {
      // Act
      const result = frontdesk(['report'], tmp.dir);

      // Assert
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('Backlog now: 0 tickets');
      expect(fs.readdirSync(tmp.dir)).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
