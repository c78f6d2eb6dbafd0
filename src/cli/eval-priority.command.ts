import path from 'node:path';
import { assessMessage } from '../classify/classify-message';
import { loadOrTrainDefault } from '../classify/ticket-classifier';
import { evaluatePriority, loadPriorityLabels } from '../eval/priority-eval';
import { packageRoot } from '../package-root';
import { parseArgs, type CliCommand } from './command';

/** `eval priority [--data FILE] [--misses]`: the first assessment's priority, type and category against the labelled set. */
export const runEvalPriorityCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  const file = typeof options.data === 'string' ? path.resolve(io.cwd, options.data) : path.join(packageRoot(), 'test', 'scenarios', 'priority.jsonl');
  const classifier = loadOrTrainDefault();
  const now = new Date();
  const figures = evaluatePriority(loadPriorityLabels(file), (text) => assessMessage(classifier, text, now));
  const { misses, ...summary } = figures;
  io.stdout.write(`${JSON.stringify(options.misses ? figures : summary, null, 2)}\n`);
  return 0;
};
