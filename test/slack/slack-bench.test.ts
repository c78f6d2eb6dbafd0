import { slackAckBench } from '../../channels/slack/slack.bench';

describe('slackAckBench', () => {
  it('acknowledges every signed event of each burst and reports latency quantiles beside the bare server', async () => {
    // Act
    const result = await slackAckBench(20, 5);
    // Assert: figures are present and ordered; no timing threshold (CI machines vary).
    expect(result).toMatchObject({ events: 20, users: 5, turns: 60, failed_turns: 0 });
    for (const burst of [result.first_burst, result.new_users, result.known_users, result.bare_node]) {
      expect(burst.acked_200).toBe(20);
      expect(burst.p50_ms).toBeGreaterThan(0);
      expect(burst.p99_ms).toBeGreaterThanOrEqual(burst.p50_ms);
    }
    expect(result.ratio_p99_to_bare).toBeCloseTo(result.new_users.p99_ms / result.bare_node.p99_ms, 1);
  });
});
