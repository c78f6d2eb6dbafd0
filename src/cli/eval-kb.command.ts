import { resolve } from 'node:path';
import { evalStackFaq } from '../kb/eval-stackfaq';
import { chatOfferReport } from '../kb/eval-offer';
import { KnowledgeBase } from '../kb/knowledge-base';
import { calibrateOfferModel } from '../kb/offer-calibrate';
import { defaultOfferLabelsPath, loadOfferLabels } from '../kb/offer-labels';
import { type CliCommand, parseArgs } from './command';

const USAGE = 'Usage: frontdesk eval kb [--eval-dir ../shared/eval] [--kb-dir ./kb-articles] [--labels FILE] [--calibrate]\n';

/**
 * `frontdesk eval kb`: StackFAQ retrieval figures (ours beside minisearch) and, under `offer`, what the
 * chat shows for the labelled messages by language, as JSON. `--calibrate` prints the offer model fitted
 * on the labelled set's train split instead (the numbers src/kb/offer-model.ts holds).
 */
export const runEvalKbCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional[0] !== undefined && positional[0] !== 'kb') {
    io.stderr.write(USAGE);
    return 1;
  }
  const text = (name: string): string | undefined => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const loadKb = () => KnowledgeBase.load(resolve(io.cwd, text('kb-dir') ?? io.env.KB_DIR ?? './kb-articles'));
  const labels = text('labels') ? resolve(io.cwd, text('labels')!) : defaultOfferLabelsPath();
  if (options.calibrate === true) {
    const model = calibrateOfferModel(loadKb(), loadOfferLabels(labels).filter((r) => r.split === 'train'));
    io.stdout.write(`${JSON.stringify(model)}\n`);
    return 0;
  }
  const evalDir = resolve(io.cwd, text('eval-dir') ?? io.env.FRONTDESK_EVAL_DIR ?? '../shared/eval');
  const figures = await evalStackFaq(evalDir);
  const kb = loadKb();
  io.stdout.write(`${JSON.stringify({ ...figures, offer: chatOfferReport(kb, labels) })}\n`);
  return 0;
};
