import fs from 'node:fs';
import path from 'node:path';
import { usePostgresServer } from '../helpers/postgres-database';
import { ROOT } from '../helpers/server-process';
import { runClusterLoad } from './helpers/cluster-load';
import { describeCluster, numberFrom, requireClusterServers } from './helpers/cluster-suite';

describeCluster('PostgreSQL restarted under load: three frontdesk start processes behind nginx', () => {
  const pg = usePostgresServer();

  test('/healthz says degraded while it is down and ok after; no instance exits; refused posts get 503 and are retried; every accepted message answered once', async () => {
    requireClusterServers();
    const url = await pg.server.createDatabase();
    const downMs = numberFrom('CLUSTER_PG_DOWN_MS', 8000);
    // 60 web chat users writing 4 messages and 30 Slack users writing 2 (300); the database stops 10 s in, for 8 s.
    const report = await runClusterLoad(url, {
      users: numberFrom('CLUSTER_USERS', 60), slackUsers: numberFrom('CLUSTER_SLACK_USERS', 30), messagesPerUser: 4, slackMessagesPerUser: 2,
      instances: 3, killEveryMs: 0, thinkMs: [1000, 6000],
      outage: { afterMs: 10_000, downMs, stop: () => pg.server.stop(), start: () => pg.server.start() },
    });
    const out = path.join(ROOT, 'test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'cluster-postgres-restart.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`cluster PostgreSQL restart run: ${JSON.stringify(report)}`);

    const outage = report.outage!;
    // While down: every instance answered /healthz, saying degraded (after its next ping noticed); after: ok within seconds.
    for (const health of outage.health) {
      expect(health.degraded).toBeGreaterThan(0);
      expect(health.unanswered ?? 0).toBe(0);
    }
    expect(outage.recoveredMs).toBeGreaterThanOrEqual(0);
    expect({ started: outage.started, exited: outage.exited, exitCodes: report.exitCodes }).toEqual({ started: 3, exited: [], exitCodes: [] });
    // Posts offered while it was down were refused with 503 (counted) and retried; the load must have met the outage.
    expect(report.refused[503] ?? 0).toBeGreaterThan(0);
    expect(report.messages).toBe(report.users * 4 + report.slackUsers * 2);
    expect(report.inbound).toBe(report.messages);
    // Every message a user got a 2xx for is stored exactly once and processed; every reply is sent.
    expect(report.examples.filter((e) => e.includes('not stored exactly once'))).toEqual([]);
    expect({ unprocessed: report.unprocessed, pendingOutbox: report.pendingOutbox }).toEqual({ unprocessed: 0, pendingOutbox: 0 });
    expect(report.examples.filter((e) => e.includes('stored out of order'))).toEqual([]);
    expect(report.ticketProblems).toEqual([]);
    expect(report.sentReplies).toBe(report.outbound);
    // Nothing lost or answered twice, order kept, every open stream got every reply once (the streams stayed
    // open through the outage: no reconnection replayed anything); Slack posts each reply once (no instance was
    // killed, so there is no at-least-once window to allow for).
    expect({ lost: report.lost, examples: report.examples }).toEqual({ lost: 0, examples: [] });
    expect({ duplicateReplies: report.duplicateReplies, streamRepeats: report.streamRepeats, orderViolations: report.orderViolations }).toEqual({ duplicateReplies: 0, streamRepeats: 0, orderViolations: 0 });
    expect(report.unseenReplies).toBe(0);
    expect({ missing: report.slackMissing, duplicates: report.slackDuplicates, inflight: report.slackInflightResends, examples: report.slackExamples }).toEqual({ missing: 0, duplicates: 0, inflight: 0, examples: [] });
  }, 300_000);
});
