import path from 'node:path';
import type { DialogEntry } from '../dialog/registry';
import { evaluateConversations, loadScenarios } from '../eval/conversations-eval';
import { packageRoot } from '../package-root';
import { parseArgs, type CliCommand } from './command';
import { progressBar } from './progress';

/** Where the shipped scenarios and content live. */
export const SCENARIO_DIR = () => path.join(packageRoot(), 'test', 'scenarios');

/**
 * `eval conversations [--dir DIR] [--only ID] [--failures]`: replay the scenario files through the real
 * engine and print good/total overall, by language and by check, as one JSON object.
 */
export function evalConversationsCommand(dialogs: DialogEntry[]): CliCommand {
  return async (args, io) => {
    const { options } = parseArgs(args);
    const dir = typeof options.dir === 'string' ? path.resolve(io.cwd, options.dir) : SCENARIO_DIR();
    let scenarios = loadScenarios(dir);
    if (typeof options.only === 'string') scenarios = scenarios.filter((s) => s.id.includes(options.only as string));
    const kbDir = io.env.KB_DIR ? path.resolve(io.cwd, io.env.KB_DIR) : path.join(packageRoot(), 'kb-articles');
    const progress = progressBar(io.stderr);
    const figures = await evaluateConversations(scenarios, { dialogs, kbDir }, (done, total) => progress(done, total, 'scenarios'));
    const { failures, ...summary } = figures;
    io.stdout.write(`${JSON.stringify(options.failures ? figures : { ...summary, failed: failures.map((f) => f.id) }, null, 2)}\n`);
    return 0;
  };
}
