import { feishuAckBench } from '../../channels/feishu/feishu.bench';

describe('feishuAckBench', () => {
  it('acknowledges every encrypted, signed event of each burst and reports latency quantiles beside the bare server', async () => {
    // Act
    const result = await feishuAckBench(20, 5, 2);
    // Assert: figures present and ordered; no timing threshold (machines vary). 5 bursts of 20 turns, no apology.
    expect(result).toMatchObject({ events: 20, users: 5, turns: 100, failed_turns: 0 });
    for (const burst of [result.first_burst, result.new_users, result.known_users, result.bare_node]) {
      expect(burst.acked_200).toBe(20);
      expect(burst.p50_ms).toBeGreaterThan(0);
      expect(burst.p99_ms).toBeGreaterThanOrEqual(burst.p50_ms);
    }
    expect(result.ratio_p99_to_bare).toBeCloseTo(result.new_users.p99_ms / result.bare_node.p99_ms, 1);
  }, 120_000);
});
