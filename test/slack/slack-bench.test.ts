import { slackAckBench } from '../../channels/slack/slack.bench';

describe('slackAckBench', () => {
  it('acknowledges every signed event of each burst and reports latency quantiles beside the bare server', async () => {
    // Act
    const result = await slackAckBench(20, 5, 2);
    // Assert: figures are present and ordered; no timing threshold (CI machines vary).
    // One first burst, two of new users and two of known users: 100 turns, none of them an apology.
    expect(result).toMatchObject({ events: 20, users: 5, turns: 100, failed_turns: 0 });
    for (const burst of [result.first_burst, result.new_users, result.known_users, result.bare_node]) {
      expect(burst.acked_200).toBe(20);
      expect(burst.p50_ms).toBeGreaterThan(0);
      expect(burst.p99_ms).toBeGreaterThanOrEqual(burst.p50_ms);
    }
    for (const repeated of [result.new_users, result.known_users, result.bare_node]) {
      expect(repeated.bursts).toBe(2);
      expect(repeated.worst_p99_ms).toBeGreaterThanOrEqual(repeated.p99_ms);
    }
    expect(result.ratio_p99_to_bare).toBeCloseTo(result.new_users.p99_ms / result.bare_node.p99_ms, 1);
  });
});
