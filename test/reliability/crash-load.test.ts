import { runCrashLoad } from './helpers/crash-run';

// npm test size: 200 messages and 3 SIGKILLs (~15 s on 2 cores); `npm run soak` runs 1,000+ and more kills.
const MESSAGES = Number(process.env.CRASH_MESSAGES ?? 200);
const KILLS = Number(process.env.CRASH_KILLS ?? 3);

describe('crash test under load (real server process, web chat and Slack, SIGKILL at random moments)', () => {
  test(`${MESSAGES} messages, ${KILLS} kills: stored once, answered once, tickets gap-free, database intact`, async () => {
    // Arrange + Act: the run drives clients, kills and restarts the server, then settles.
    const report = await runCrashLoad({ messages: MESSAGES, kills: KILLS, seed: Number(process.env.CRASH_SEED ?? 11) });

    // Assert
    console.log(`crash test: messages=${report.messages} conversations=${report.conversations} kills=${report.kills} restarts=${report.restarts} client-retries=${report.retriedPosts} stored=${report.stored} replies=${report.replies} sse-events=${report.sseEvents} slack-posts=${report.slackPosts} slack-inflight-resends=${report.inflightResends} tickets=${report.tickets} failures=${report.problems.length} seconds=${report.seconds.toFixed(1)}`);
    expect(report.problems).toEqual([]);
    // At most one resend per kill and per conversation in flight; anything more is a bug, not the window.
    expect(report.inflightResends).toBeLessThanOrEqual(report.kills * 8);
    expect(report.kills).toBe(KILLS);
    expect(report.stored).toBe(MESSAGES);
    expect(report.tickets).toBe(report.conversations);
  }, 180_000);
});
