import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/command';
import { runReportCommand } from '../../src/cli/report.command';
import { runTicketsCommand } from '../../src/cli/tickets.command';
import { SqliteStore } from '../../src/store/sqlite-store';
import { seedHistory } from './fixture';

function io(env: Record<string, string>, cwd: string): CliIo & { out: () => string } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  return { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env, cwd, out: () => Buffer.concat(chunks).toString('utf8') };
}

describe('report and tickets commands', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-kpi-cli-'));
    const file = path.join(dir, 'fd.db');
    const store = new SqliteStore(file);
    seedHistory(store.db);
    await store.close();
    env = { DATABASE_PATH: file };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('report --format json over the fixture week counts 7 opened and 5 closed', async () => {
    const cli = io(env, dir);
    expect(await runReportCommand(['--from', '2026-03-02', '--to', '2026-03-08', '--format', 'json'], cli)).toBe(0);
    const report = JSON.parse(cli.out());
    expect([report.overall.opened, report.overall.closed]).toEqual([7, 5]);
    expect(report.period).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' });
  });

  test('report --format csv has one row per slice; table is aligned text', async () => {
    const csv = io(env, dir);
    await runReportCommand(['--from', '2026-03-02', '--to', '2026-03-08', '--format', 'csv'], csv);
    const lines = csv.out().trim().split('\n');
    expect(lines[1].startsWith('all,all,7,5,')).toBe(true);
    expect(lines.some((l) => l.startsWith('channel,webchat,4,3,'))).toBe(true);
    const table = io(env, dir);
    await runReportCommand(['--from', '2026-03-02', '--to', '2026-03-08'], table);
    expect(table.out()).toMatch(/^all +all +7 +5 /m);
  });

  test('report refuses an unknown format; with no database yet (a fresh install) it prints an empty report and creates nothing', async () => {
    await expect(runReportCommand(['--format', 'xml'], io(env, dir))).rejects.toThrow(/table, json, csv/);
    const missing = path.join(dir, 'none.db');
    const fresh = io({ DATABASE_PATH: missing }, dir);
    await expect(runReportCommand([], fresh)).resolves.toBe(0);
    expect(fresh.out()).toMatch(/^all +all +0 +0 /m);
    expect(fs.existsSync(missing)).toBe(false);
  });

  test('tickets export: CSV of the week with header, JSON with requester and channel', async () => {
    const csv = io(env, dir);
    expect(await runTicketsCommand(['export', '--format', 'csv', '--from', '2026-03-02', '--to', '2026-03-08'], csv)).toBe(0);
    const lines = csv.out().trim().split('\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['number', 'type', 'category']);
    expect(lines).toHaveLength(1 + 7);
    const json = io(env, dir);
    await runTicketsCommand(['export', '--from', '2026-03-01', '--to', '2026-03-09'], json);
    const tickets = JSON.parse(json.out());
    expect(tickets.map((t: { number: string }) => t.number)).toHaveLength(9);
    expect(tickets[0]).toMatchObject({ number: 'INC-000001', channel: 'webchat', requester: { name: 'User 0' } });
  });

  test('tickets show prints the audit trail in order', async () => {
    const cli = io(env, dir);
    expect(await runTicketsCommand(['show', 'inc-000002'], cli)).toBe(0);
    const trail = cli.out().split('Audit trail\n')[1].trim().split('\n').slice(1);
    const kinds = trail.map((l) => l.split(/\s{2,}/)[2]);
    expect(kinds).toEqual(['opened', 'escalated', 'resolved', 'reopened', 'resolved', 'closed', 'csat_skipped']);
    await expect(runTicketsCommand(['show', 'INC-999999'], io(env, dir))).rejects.toThrow(/no ticket INC-999999/);
  });
});
