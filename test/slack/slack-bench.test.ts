import { slackAckBench } from '../../channels/slack/slack.bench';

describe('slackAckBench', () => {
  it('acknowledges every signed event of a small burst and reports latency quantiles', async () => {
    // Act
    const result = await slackAckBench(20, 5);
    // Assert: figures are present and ordered; no timing threshold (CI machines vary).
    expect(result).toMatchObject({ events: 20, users: 5, acked_200: 20 });
    expect(result.p50_ms).toBeGreaterThan(0);
    expect(result.p99_ms).toBeGreaterThanOrEqual(result.p50_ms);
    expect(result.warm_p99_ms).toBeGreaterThanOrEqual(result.warm_p50_ms);
  });
});
