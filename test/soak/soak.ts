// `npm run soak`: the crash test and the fuzz runs at a size too large for every CI run.
// Sizes: SOAK_MESSAGES (1,000), SOAK_KILLS (8), SOAK_FUZZ (payloads per channel, 20,000), SOAK_SEED.
// Prints one summary line per part and exits non-zero if any promise was broken.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCrashLoad } from '../reliability/helpers/crash-run';

async function main(): Promise<number> {
  const messages = Number(process.env.SOAK_MESSAGES ?? 1000);
  const kills = Number(process.env.SOAK_KILLS ?? 8);
  const fuzz = Number(process.env.SOAK_FUZZ ?? 20_000);
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 100_000);
  const report = await runCrashLoad({ messages, kills, seed, concurrency: 16 });
  console.log(`soak crash: seed=${seed} messages=${report.messages} conversations=${report.conversations} kills=${report.kills} client-retries=${report.retriedPosts} stored=${report.stored} replies=${report.replies} sse-events=${report.sseEvents} slack-posts=${report.slackPosts} slack-inflight-resends=${report.inflightResends} tickets=${report.tickets} failures=${report.problems.length} seconds=${report.seconds.toFixed(1)}`);
  for (const problem of report.problems.slice(0, 20)) console.log(`  problem: ${problem}`);
  // The fuzz suites run under jest (TypeScript sources) with the larger size; they print their own figures.
  const root = path.resolve(__dirname, '..', '..', '..');
  const jest = spawnSync(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/fuzz'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_COUNT: String(fuzz), FUZZ_SEED: String(seed) },
  });
  console.log(`soak fuzz: payloads-per-channel=${fuzz} seed=${seed} jest-exit=${jest.status}`);
  return report.problems.length === 0 && jest.status === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
