import { resolve } from 'node:path';
import { evalStackFaq } from '../kb/eval-stackfaq';
import { type CliCommand, parseArgs } from './command';

/** `frontdesk eval kb [--eval-dir DIR]`: StackFAQ retrieval figures (ours beside minisearch) as JSON. */
export const runEvalKbCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional[0] !== undefined && positional[0] !== 'kb') {
    io.stderr.write('Usage: frontdesk eval kb [--eval-dir ../shared/eval]\n');
    return 1;
  }
  const fromOption = typeof options['eval-dir'] === 'string' ? options['eval-dir'] : undefined;
  const evalDir = resolve(io.cwd, fromOption ?? io.env.FRONTDESK_EVAL_DIR ?? '../shared/eval');
  const figures = await evalStackFaq(evalDir);
  io.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
};
