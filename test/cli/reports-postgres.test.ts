import fs from 'node:fs';
import path from 'node:path';
import { runKbCommand } from '../../src/cli/kb.command';
import { runReportCommand } from '../../src/cli/report.command';
import { runTicketsCommand } from '../../src/cli/tickets.command';
import { runTokensCommand } from '../../src/cli/tokens.command';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { useTempDir } from '../helpers/test-app';
import { at, openTicketOn } from '../store/contract-helpers';
import { inbound } from '../store/store-contract';

/** A desk on PostgreSQL: three tickets (one rated an article unhelpful, one resolved) and a search that found nothing. */
async function seed(url: string) {
  const stores = pgCoreStores(await openPostgres(url, { poolSize: 2 }));
  try {
    const first = await openTicketOn(stores.store, 1, { kbArticles: [{ id: 'vpn-reset', helpful: false }], summary: 'VPN drops' }, at(0));
    const conv = (await stores.store.getConversation(first.conversation.id))!;
    await stores.store.commitTurn({
      conversationId: conv.id, expectedVersion: conv.version, mode: 'bot', lang: 'en', state: {}, outbound: [], now: at(30),
      tickets: [{ kind: 'update', ticketId: first.openedTicket!.id, fields: { status: 'resolved', resolvedAt: at(30), agentId: 'bo' } }],
      events: [{ ticketId: first.openedTicket!.id, actor: 'agent:bo', kind: 'resolved', data: { note: 'Reset the VPN profile. Reconnect.' } }],
    });
    await openTicketOn(stores.store, 2, { kbArticles: [{ id: 'vpn-reset', helpful: false }] }, at(10));
    await openTicketOn(stores.store, 3, { kbArticles: [{ id: 'vpn-reset', helpful: false }] }, at(20));
    const accepted = await stores.store.acceptInbound(inbound('g1', 'how do I book a parking space', 'g1', 'gu1'), at(40));
    const conversation = (await stores.store.getConversation(accepted.conversationId))!;
    await stores.store.commitTurn({
      conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: { phase: 'dialog' },
      tickets: [], events: [], outbound: [], now: at(40), kbGap: { query: 'how do I book a parking space', lang: 'en' },
    });
  } finally {
    await stores.close();
  }
}

/** The commands as bin/frontdesk registers them, through runCli (so its SQLite-only refusal is checked too). */
const COMMANDS = { tokens: runTokensCommand, report: runReportCommand, tickets: runTicketsCommand, kb: runKbCommand };
const cli = (argv: string[], env: Record<string, string>, cwd?: string) => runCliCaptured(argv, env, { commands: COMMANDS, cwd });

describeWithPostgres()('tokens, report, tickets and kb report/draft with DATABASE_URL (PostgreSQL)', () => {
  const pg = usePostgresDatabase();
  const tmp = useTempDir();
  const env = () => ({ DATABASE_URL: pg.url, DATABASE_PATH: path.join(tmp.dir, 'never.db') });

  test('each command reads and writes PostgreSQL, and no SQLite file is made', async () => {
    await seed(pg.url);
    const added = await cli(['tokens', 'add', 'jira', '--scopes', 'tickets:read'], env());
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^fdk_\S{43}\n$/);
    const stores = pgCoreStores(await openPostgres(pg.url, { poolSize: 1 }));
    try {
      expect((await stores.api.listTokens()).map((t) => t.name)).toEqual(['jira']);
    } finally {
      await stores.close();
    }
    expect((await cli(['tokens', 'list'], env())).stdout).toMatch(/jira\s+tickets:read\s+\S+\s+-\s+active/);
    expect((await cli(['tokens', 'revoke', 'jira'], env())).stdout).toBe('token jira revoked\n');
    expect((await cli(['tokens', 'list'], env())).stdout).toMatch(/jira\s+tickets:read\s+\S+\s+-\s+revoked/);

    const report = await cli(['report', '--from', '2026-03-02', '--to', '2026-03-02', '--format', 'json'], env());
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).overall).toMatchObject({ opened: 3 });

    const exported = await cli(['tickets', 'export', '--from', '2026-03-02', '--to', '2026-03-02', '--format', 'csv'], env());
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(4);
    expect(exported.stdout).toContain('INC-000001,incident,hardware,P4,3,2,resolved,webchat,,bo,Ana Lima,ana@example.com,,2026-03-02T09:00:00.000Z');
    const shown = await cli(['tickets', 'show', 'inc-000001'], env());
    expect(shown.stdout).toMatch(/^INC-000001 {2}incident {2}hardware {2}P4 {2}resolved/);
    expect(shown.stdout).toContain('Audit trail');
    expect((await cli(['tickets', 'show', 'INC-000099'], env())).code).not.toBe(0);

    const kb = await cli(['kb', 'report', '--format', 'json'], env());
    expect(kb.code).toBe(0);
    const kbReport = JSON.parse(kb.stdout);
    expect(kbReport.articles.find((a: { id: string }) => a.id === 'vpn-reset')).toMatchObject({ offered: 3, notHelpful: 3, poor: true });
    expect(kbReport.gaps).toMatchObject({ searches: 1, topics: [expect.objectContaining({ examples: ['how do I book a parking space'] })] });
    const draft = await cli(['kb', 'draft', 'INC-000001', '--dir', path.join(tmp.dir, 'kb')], env(), tmp.dir);
    expect(draft.stderr).toBe('');
    expect(draft.code).toBe(0);
    expect(JSON.parse(draft.stdout)).toMatchObject({ ticket: 'INC-000001' });
    expect(fs.readdirSync(path.join(tmp.dir, 'kb')).length).toBeGreaterThan(0);
    expect(fs.existsSync(env().DATABASE_PATH)).toBe(false);
  });
});
