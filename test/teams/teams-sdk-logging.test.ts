import fs from 'node:fs';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * While `fn` runs: what went through console.* and the process streams (`console`), and what the Frontdesk
 * logger wrote (`log`: pino writes to fd 2 with fs.writeSync, not through process.stderr).
 */
async function capturedOutput(fn: () => Promise<void>): Promise<{ console: string[]; log: string[] }> {
  const out = { console: [] as string[], log: [] as string[] };
  const writeSync = fs.writeSync;
  const spies = [
    ...CONSOLE_METHODS.map((m) => jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void out.console.push(args.map(String).join(' ')))),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (out.console.push(String(chunk)), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (out.console.push(String(chunk)), true)),
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) {
        out.log.push(String(data));
        return String(data).length;
      }
      return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    }) as typeof fs.writeSync),
  ];
  try {
    await fn();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return out;
}

describe('Teams: botbuilder logs nothing past the redacting logger (LOG_LEVEL=debug)', () => {
  let h: TeamsHarness;

  beforeEach(async () => {
    h = await startTeamsHarness({ LOG_LEVEL: 'debug' });
  });

  afterEach(async () => {
    await disposeTeamsHarness(h);
  });

  test('a failed activity carrying a name and a problem text reaches neither the console nor the response body', async () => {
    const activity = fixture('personal-message', {}, h.connector.serviceUrl);
    const name = (activity.from as { name: string }).name;
    const text = String(activity.text);
    // A failure whose message quotes what was being stored, as driver and parser errors do.
    jest.spyOn(h.app.store, 'acceptInbound').mockRejectedValueOnce(new Error(`could not store "${text}" from ${name}`));
    let status = 0;
    let body = '';

    const output = await capturedOutput(async () => {
      const res = await h.post(activity);
      status = res.status;
      body = await res.text();
    });

    // Teams retries a 5xx, so nothing is lost; botbuilder's CloudAdapter.process printed the error with
    // console.error and echoed its message in the body: both now go only through the Frontdesk logger.
    expect(status).toBe(500);
    expect(output.console).toEqual([]);
    for (const personal of [name, 'VPN']) {
      expect(body).not.toContain(personal);
      expect(output.log.join('')).not.toContain(personal);
    }
    expect(output.log.join('')).toContain('Teams activity failed');
  });

  test('an activity that fails authentication is still answered 401, with nothing on the console', async () => {
    await disposeTeamsHarness(h);
    h = await startTeamsHarness({ LOG_LEVEL: 'debug', TEAMS_APP_ID: '00000000-0000-0000-0000-0000000000aa', TEAMS_APP_PASSWORD: 'not-a-real-secret' });
    let status = 0;

    const output = await capturedOutput(async () => {
      status = (await h.post(fixture('personal-message', {}, h.connector.serviceUrl), { authorization: 'Bearer forged.token.value' })).status;
    });

    expect(status).toBe(401);
    expect(output.console).toEqual([]);
    expect(output.log.join('')).toContain('Teams activity not authenticated');
  });
});
