import { resolve } from 'node:path';
import { classifyBenchFigures } from '../classify/bench';
import { parseArgs, type CliCommand } from './command';

/** `eval classify [--eval-dir DIR]`: train/test figures on ../shared/eval, printed as one JSON object. */
export const runEvalClassifyCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  const dir = typeof options['eval-dir'] === 'string'
    ? options['eval-dir']
    : io.env.FRONTDESK_EVAL_DIR ?? '../shared/eval';
  const evalDir = resolve(io.cwd, dir);
  try {
    const figures = await classifyBenchFigures(evalDir);
    io.stdout.write(JSON.stringify({ evalDir, ...figures }, null, 2) + '\n');
    return 0;
  } catch (err) {
    io.stderr.write(`eval classify: ${(err as Error).message} (set --eval-dir or FRONTDESK_EVAL_DIR to the folder holding it_service_tickets.csv)\n`);
    return 1;
  }
};
