import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';

/** One labelled message: what a user typed and the article that answers it (`none`: no article does). */
export const OfferLabel = z.object({
  text: z.string().min(1),
  lang: z.enum(['en', 'zh']),
  label: z.string().regex(/^(none|[a-z0-9]+(?:-[a-z0-9]+)*)$/),
  /** `train` rows calibrate the offer model; `test` rows are held out for the reported figures. */
  split: z.enum(['train', 'test']),
});
export type OfferLabel = z.infer<typeof OfferLabel>;

const FILE = 'offer-labels.jsonl';

/** The labelled set shipped in src/kb/data (found from src/ under ts-jest and from dist/ when built). */
export function defaultOfferLabelsPath(): string {
  const candidates = [join(__dirname, 'data', FILE), join(__dirname, '..', '..', '..', 'src', 'kb', 'data', FILE)];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new NotFoundError(`${FILE} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Read and check a labelled set; a bad line throws with its line number. */
export function loadOfferLabels(file: string = defaultOfferLabelsPath()): OfferLabel[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ValidationError(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = OfferLabel.safeParse(json);
    if (!parsed.success) throw new ValidationError(`${file}:${i + 1}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    return [parsed.data];
  });
}
