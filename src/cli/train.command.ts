import { resolve } from 'node:path';
import { readExamplesFile } from '../classify/examples';
import { DEFAULT_MODEL_FILE } from '../classify/model-path';
import { saveModel, trainModel } from '../classify/ticket-classifier';
import { parseArgs, type CliCommand } from './command';
import { progressBar } from './progress';

/** `train --data FILE.jsonl|csv [--out PATH]`: train category + type from a desk's history and save the model. */
export const runTrainCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  if (typeof options.data !== 'string') {
    io.stderr.write('train: pass --data FILE.jsonl (one {"text","category","type"} a line) or FILE.csv (header text,category,type)\n');
    return 2;
  }
  const out = resolve(io.cwd, typeof options.out === 'string' ? options.out : DEFAULT_MODEL_FILE);
  try {
    const examples = readExamplesFile(resolve(io.cwd, options.data));
    io.stderr.write(`train: ${examples.length} examples from ${options.data}\n`);
    const started = process.hrtime.bigint();
    const model = trainModel(examples, {}, progressBar(io.stderr));
    saveModel(model, out);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    io.stdout.write(JSON.stringify({
      out, examples: examples.length, features: model.vectorizer.vocab.length,
      categories: model.category.labels, types: model.type.labels, trainMs: Math.round(ms),
    }) + '\n');
    return 0;
  } catch (err) {
    io.stderr.write(`train: ${(err as Error).message}\n`);
    return 1;
  }
};
