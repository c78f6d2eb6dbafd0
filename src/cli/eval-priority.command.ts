import path from 'node:path';
import { assessMessage } from '../classify/classify-message';
import { loadOrTrainDefault } from '../classify/ticket-classifier';
import { evaluatePriority, loadPriorityLabels } from '../eval/priority-eval';
import { packageRoot } from '../package-root';
import { parseArgs, type CliCommand } from './command';

/**
 * The labels' "now": a Thursday morning, so that "starts Monday" means the same on every day the eval runs
 * (it used to be the clock, and the figure changed with the weekday).
 */
const LABELLED_AT = '2026-12-03T10:00:00Z';

/** `eval priority [--data FILE] [--at ISO] [--misses]`: the first assessment's priority, type and category against the labelled set. */
export const runEvalPriorityCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  const file = typeof options.data === 'string' ? path.resolve(io.cwd, options.data) : path.join(packageRoot(), 'test', 'scenarios', 'priority.jsonl');
  const classifier = loadOrTrainDefault();
  const now = new Date(typeof options.at === 'string' ? options.at : LABELLED_AT);
  if (Number.isNaN(now.getTime())) {
    io.stderr.write('eval priority: --at takes an ISO time such as 2026-12-03T10:00:00Z\n');
    return 2;
  }
  const figures = evaluatePriority(loadPriorityLabels(file), (text) => assessMessage(classifier, text, now));
  const { misses, ...summary } = figures;
  io.stdout.write(`${JSON.stringify(options.misses ? figures : summary, null, 2)}\n`);
  return 0;
};
