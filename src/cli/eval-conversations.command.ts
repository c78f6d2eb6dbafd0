import path from 'node:path';
import type { DialogEntry } from '../dialog/registry';
import { evaluateConversations, loadScenarios } from '../eval/conversations-eval';
import { packageRoot } from '../package-root';
import { parseArgs, type CliCommand } from './command';
import { progressBar } from './progress';
import { replayScenario, type Replay } from '../eval/replay';
import { toPlainText } from '../render/plain-text';

/** A replay as the conversation reads: the steps, the bot's replies and what it asked. */
function formatTranscript(id: string, replay: Replay): string {
  const lines = [`# ${id}${replay.error ? ` (error: ${replay.error})` : ''}`];
  for (const turn of replay.turns) {
    lines.push(`> ${JSON.stringify(turn.step).slice(0, 300)}`);
    for (const reply of turn.replies) lines.push(toPlainText(reply).split('\n').map((l) => `  ${l}`).join('\n'));
    if (turn.asked) lines.push(`  [asks: ${turn.asked}]`);
  }
  for (const t of replay.tickets) lines.push(`= ${t.number} ${t.type} ${t.category} ${t.priority} ${t.status} "${t.summary}"`);
  return `${lines.join('\n')}\n\n`;
}

/** Where the shipped scenarios and content live. */
export const SCENARIO_DIR = () => path.join(packageRoot(), 'test', 'scenarios');

/**
 * `eval conversations [--dir DIR] [--only ID] [--failures] [--transcript]`: replay the scenario files through the real
 * engine and print good/total overall, by language and by check, as one JSON object.
 */
export function evalConversationsCommand(dialogs: DialogEntry[]): CliCommand {
  return async (args, io) => {
    const { options } = parseArgs(args);
    const dir = typeof options.dir === 'string' ? path.resolve(io.cwd, options.dir) : SCENARIO_DIR();
    let scenarios = loadScenarios(dir);
    if (typeof options.only === 'string') scenarios = scenarios.filter((s) => s.id.includes(options.only as string));
    const kbDir = io.env.KB_DIR ? path.resolve(io.cwd, io.env.KB_DIR) : path.join(packageRoot(), 'kb-articles');
    if (options.transcript) {
      for (const scenario of scenarios) io.stdout.write(formatTranscript(scenario.id, await replayScenario(scenario, { dialogs, kbDir })));
      return 0;
    }
    const progress = progressBar(io.stderr);
    const figures = await evaluateConversations(scenarios, { dialogs, kbDir }, (done, total) => progress(done, total, 'scenarios'));
    const { failures, ...summary } = figures;
    io.stdout.write(`${JSON.stringify(options.failures ? figures : { ...summary, failed: failures.map((f) => f.id) }, null, 2)}\n`);
    return 0;
  };
}
