import { slackAckBench } from '../../channels/slack/slack.bench';

describe('slackAckBench', () => {
  it('acknowledges every signed event of each burst and reports latency quantiles beside the bare server', async () => {
    // Act
    const result = await slackAckBench(24, 5, 2);
    // Assert: figures are present and ordered; no timing threshold (CI machines vary).
    // One first burst, two of new users, two of known users and two mixed ones: none of the turns an apology.
    expect(result).toMatchObject({ events: 24, users: 5, failed_turns: 0 });
    expect(result.turns).toBeGreaterThanOrEqual(120);
    for (const burst of [result.first_burst, result.new_users, result.known_users, result.bare_node]) {
      expect(burst.acked_200).toBe(24);
      expect(burst.p50_ms).toBeGreaterThan(0);
      expect(burst.p99_ms).toBeGreaterThanOrEqual(burst.p50_ms);
    }
    for (const repeated of [result.new_users, result.known_users, result.bare_node]) {
      expect(repeated.bursts).toBe(2);
      expect(repeated.worst_p99_ms).toBeGreaterThanOrEqual(repeated.p99_ms);
    }
    expect(result.ratio_p99_to_bare).toBeCloseTo(result.new_users.p99_ms / result.bare_node.p99_ms, 1);
    // Mixed bursts: every payload kind was sent (two of each per burst of 24) and acknowledged with 200.
    expect(result.interactions.overall).toMatchObject({ bursts: 2, acked_200: 24 });
    for (const [kind, figures] of Object.entries(result.interactions.per_kind)) {
      expect([kind, figures.acked_200]).toEqual([kind, figures.requests]);
      expect(figures.requests).toBeGreaterThanOrEqual(4);
      expect(figures.p99_ms).toBeGreaterThanOrEqual(figures.p50_ms);
    }
    // Each burst waits for its replies, and escalations to the one tier-2 channel are paced at Slack's 1 post/s.
  }, 180_000);
});
