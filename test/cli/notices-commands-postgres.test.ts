import fs from 'node:fs';
import path from 'node:path';
import { runBroadcastCommand } from '../../src/cli/broadcast.command';
import { runWebhooksCommand } from '../../src/cli/webhooks.command';
import { runIncidentsCommand } from '../../src/incidents/incidents.command';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { useTempDir } from '../helpers/test-app';
import { NOW, openTicketOn } from '../store/contract-helpers';
import { inbound } from '../store/store-contract';

describeWithPostgres()('broadcast, webhooks and incidents commands with DATABASE_URL (PostgreSQL)', () => {
  const postgres = usePostgresDatabase();
  const tmp = useTempDir();
  const env = () => ({ DATABASE_URL: postgres.url, DATABASE_PATH: path.join(tmp.dir, 'fd.db'), USER: 'ops', LOG_LEVEL: 'silent' });
  // As bin/frontdesk.js registers them; runCli still refuses the commands that need the SQLite file.
  const commands = { broadcast: runBroadcastCommand, webhooks: runWebhooksCommand, incidents: runIncidentsCommand };
  const cli = (...argv: string[]) => runCliCaptured(argv, env(), { cwd: tmp.dir, commands });

  test('broadcast: post, list with progress, close with the follow-up, all on PostgreSQL', async () => {
    const pg = pgCoreStores(await openPostgres(postgres.url));
    try {
      const { conversationId } = await pg.store.acceptInbound(inbound('m1', 'hello', 'c1', 'u1'), NOW);
      await pg.store.acceptInbound(inbound('m2', 'hello', 'c2', 'u2'), NOW);
      const posted = await cli('broadcast', 'Mail is down in Shanghai, we are on it', '--channel', 'webchat');
      expect([posted.code, posted.stderr, posted.stdout]).toEqual([0, '', 'Broadcast 1 posted; queued for 2 of 2 recipients.\n']);
      const list = await cli('broadcast', 'list');
      expect(JSON.parse(list.stdout.trim())).toMatchObject({ id: 1, status: 'active', createdBy: 'cli:ops', progress: { notice: { audience: 2, enqueued: 2 } } });
      expect((await cli('broadcast', 'close', '1', '--note', 'Mail is back')).stdout).toBe('Closed broadcast 1; follow-up queued for 2 of 2 recipients.\n');
      expect((await cli('broadcast', 'resume')).stdout).toBe('Queued 0 pending deliveries.\n');
      const transcript = await pg.store.transcript(conversationId);
      expect(transcript.map((m) => m.text)).toEqual(['hello', expect.stringContaining('Mail is down'), expect.stringContaining('Mail is back')]);
    } finally {
      await pg.close();
    }
    expect(fs.existsSync(env().DATABASE_PATH)).toBe(false);
  });

  test('webhooks: add, list, log, enable, remove on PostgreSQL', async () => {
    const added = await cli('webhooks', 'add', 'https://hooks.example.org/fd', '--events', 'ticket.created,incident.opened');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^whsec_/);
    expect((await cli('webhooks', 'list')).stdout).toMatch(/1 +\S* *https:\/\/hooks\.example\.org\/fd.*active/);
    expect((await cli('webhooks', 'log')).code).toBe(0);
    expect((await cli('webhooks', 'enable', '1')).stdout).toBe('webhook 1 enabled: waiting deliveries resume in order\n');
    expect((await cli('webhooks', 'remove', '1')).stdout).toBe('webhook 1 removed\n');
    const again = await cli('webhooks', 'remove', '1');
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/no webhook subscription 1/)]);
    expect(fs.existsSync(env().DATABASE_PATH)).toBe(false);
  });

  test('incidents: list and resolve a major incident on PostgreSQL', async () => {
    const pg = pgCoreStores(await openPostgres(postgres.url));
    try {
      const ticket = await openTicketOn(pg.store, 1);
      await pg.incidents.createMajorIncident({ category: 'hardware', title: 'Laptops failing', now: NOW }, [{ ticketId: ticket.openedTicket!.id }]);
      const list = await cli('incidents', 'list');
      expect(JSON.parse(list.stdout.trim())).toMatchObject({ number: 'MI-000001', status: 'open', title: 'Laptops failing', tickets: 1 });
      const resolved = await cli('incidents', 'resolve', 'mi-000001', '--note', 'The laptops were patched');
      expect(resolved.stdout).toBe('MI-000001 resolved; 1 linked user(s) notified: INC-000001.\n');
      expect(await pg.incidents.getMajorIncident('MI-000001')).toMatchObject({ status: 'resolved', resolution: 'The laptops were patched' });
    } finally {
      await pg.close();
    }
  });
});
