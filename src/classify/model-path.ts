import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli/command';

/** Where `train` writes and `classify` looks for a trained model unless told otherwise. */
export const DEFAULT_MODEL_FILE = 'data/classifier-model.json';

/**
 * The model file to use: --model, else FRONTDESK_MODEL_PATH, else ./data/classifier-model.json when
 * it exists; undefined means "train on the shipped examples".
 */
export function resolveModelPath(option: string | true | undefined, io: Pick<CliIo, 'env' | 'cwd'>): string | undefined {
  if (typeof option === 'string') {
    const path = resolve(io.cwd, option);
    if (!existsSync(path)) throw new Error(`Model file ${path} does not exist: train one with \`frontdesk train --data FILE --out ${option}\` or drop --model`);
    return path;
  }
  if (io.env.FRONTDESK_MODEL_PATH) return resolve(io.cwd, io.env.FRONTDESK_MODEL_PATH);
  const fallback = resolve(io.cwd, DEFAULT_MODEL_FILE);
  return existsSync(fallback) ? fallback : undefined;
}
