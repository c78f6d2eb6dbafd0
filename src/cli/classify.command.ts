import { existsSync } from 'node:fs';
import { assessMessage } from '../classify/classify-message';
import { resolveModelPath } from '../classify/model-path';
import { loadOrTrainDefault } from '../classify/ticket-classifier';
import { parseArgs, readJsonLines, type CliCommand } from './command';

/**
 * `classify [TEXT] [--model PATH]`: one JSON line {text, category, type, impact, urgency, priority,
 * confidence, lang, ...}; without TEXT, one line out for each JSONL `{"text": …}` line on stdin.
 */
export const runClassifyCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  let classifier;
  try {
    const modelPath = resolveModelPath(options.model, io);
    if (modelPath && !existsSync(modelPath)) {
      io.stderr.write(`classify: FRONTDESK_MODEL_PATH ${modelPath} does not exist, using the shipped examples\n`);
    }
    classifier = loadOrTrainDefault(modelPath);
  } catch (err) {
    io.stderr.write(`classify: ${(err as Error).message}\n`);
    return 2;
  }
  const emit = (value: unknown) => io.stdout.write(JSON.stringify(value) + '\n');
  if (positional.length > 0) {
    emit(assessMessage(classifier, positional.join(' ')));
    return 0;
  }
  let failed = 0;
  let line = 0;
  try {
    for await (const row of readJsonLines(io.stdin)) {
      line++;
      const text = (row as { text?: unknown } | null)?.text;
      if (typeof text !== 'string' || !text.trim()) {
        // Keep one output line per input line so callers can zip results with their input.
        failed++;
        emit({ error: `line ${line}: expected {"text": "..."}` });
        continue;
      }
      emit(assessMessage(classifier, text));
    }
  } catch (err) {
    io.stderr.write(`classify: stdin line ${line + 1} is not JSON (${(err as Error).message}): send one {"text": …} object a line\n`);
    return 1;
  }
  return failed > 0 ? 1 : 0;
};
