import fs from 'node:fs';
import path from 'node:path';
import { usePostgresServer } from '../helpers/postgres-database';
import { ROOT } from '../helpers/server-process';
import { runBackgroundUnderKills } from './helpers/background-run';
import { describeCluster, numberFrom, requireClusterServers } from './helpers/cluster-suite';

describeCluster('SLA warnings, breaches, reminders and auto-close on three instances behind nginx, one SIGKILLed every few seconds', () => {
  const pg = usePostgresServer();

  test('each falls due during the kills and is on the ticket trail, sent to the user and (a breach) posted to the agents exactly once', async () => {
    requireClusterServers();
    const url = await pg.server.createDatabase();
    // 40 web chat and 20 Slack users, a ticket each: 15 of every role (ROLES), due over about 35 s of kills.
    const report = await runBackgroundUnderKills(url, {
      webUsers: numberFrom('CLUSTER_BG_WEB_USERS', 40), slackUsers: numberFrom('CLUSTER_BG_SLACK_USERS', 20),
      runSeconds: numberFrom('CLUSTER_BG_SECONDS', 60), killEveryMs: numberFrom('CLUSTER_KILL_EVERY_MS', 2500),
    });
    const out = path.join(ROOT, 'test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'cluster-background.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`cluster background run: ${JSON.stringify(report)}`);

    expect(report.kills).toBeGreaterThanOrEqual(3);
    expect(report.examples).toEqual([]);
    for (const t of [...Object.values(report.trail), report.transcript, report.streams, report.tier2]) {
      expect(t.expected).toBeGreaterThan(0);
      expect({ missing: t.missing, duplicates: t.duplicates }).toEqual({ missing: 0, duplicates: 0 });
    }
    // Slack DMs: every notice posted once; a copy beyond it only from a process SIGKILLed with the post in flight.
    expect({ missing: report.slack.slackMissing, duplicates: report.slack.slackDuplicates, examples: report.slack.slackExamples }).toEqual({ missing: 0, duplicates: 0, examples: [] });
  }, 300_000);
});
