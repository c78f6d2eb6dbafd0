import fs from 'node:fs';
import path from 'node:path';
import { usePostgresServer } from '../helpers/postgres-database';
import { ROOT } from '../helpers/server-process';
import { runClusterLoad } from './helpers/cluster-load';
import { describeCluster, numberFrom, requireClusterServers } from './helpers/cluster-suite';

describeCluster('three frontdesk start processes on PostgreSQL behind nginx, one SIGKILLed every few seconds', () => {
  const pg = usePostgresServer();

  test('no message lost, no reply twice, order kept, ticket numbers gap-free, every stream gets every reply', async () => {
    requireClusterServers();
    const url = await pg.server.createDatabase();
    // CLUSTER_*USERS and CLUSTER_*MESSAGES_PER_USER scale the run; by default the 1,000 messages
    // (200 web chat users writing 4 each, 100 Slack users writing 2 each), about 70 s on 2 cores.
    const report = await runClusterLoad(url, {
      users: numberFrom('CLUSTER_USERS', 200), slackUsers: numberFrom('CLUSTER_SLACK_USERS', 100), messagesPerUser: numberFrom('CLUSTER_MESSAGES_PER_USER', 4), slackMessagesPerUser: numberFrom('CLUSTER_SLACK_MESSAGES_PER_USER', 2),
      instances: 3, killEveryMs: numberFrom('CLUSTER_KILL_EVERY_MS', 2500), thinkMs: [2000, 10_000],
    });
    const out = path.join(ROOT, 'test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'cluster-kill.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`cluster kill run: ${JSON.stringify(report)}`);

    expect(report.kills).toBeGreaterThanOrEqual(3);
    expect(report.messages).toBe(report.users * numberFrom('CLUSTER_MESSAGES_PER_USER', 4) + report.slackUsers * numberFrom('CLUSTER_SLACK_MESSAGES_PER_USER', 2));
    expect(report.inbound).toBe(report.messages);
    expect({ lost: report.lost, unprocessed: report.unprocessed, pendingOutbox: report.pendingOutbox, examples: report.examples }).toEqual({ lost: 0, unprocessed: 0, pendingOutbox: 0, examples: [] });
    expect(report.duplicateReplies).toBe(0);
    expect(report.orderViolations).toBe(0);
    expect(report.ticketProblems).toEqual([]);
    // Every stream gets every reply; one it gets twice (streamRepeats: a reply published just before a kill and
    // sent again after the claim ran out) is reported, and the page drops it by its event id.
    expect(report.unseenReplies).toBe(0);
    expect(report.sentReplies).toBe(report.outbound);
    // Slack: every reply posted; a copy beyond it only from a process SIGKILLed with the post in flight (counted).
    expect({ missing: report.slackMissing, duplicates: report.slackDuplicates, examples: report.slackExamples }).toEqual({ missing: 0, duplicates: 0, examples: [] });
  }, 300_000);
});
