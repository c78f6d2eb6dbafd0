import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';

/** One labelled row of an evaluation set. */
export type LabelledRow = { text: string; label: string; split: 'train' | 'test' };

/** it_service_tickets.csv joined with its split file (row_index is the 0-based data row). */
export function loadItServiceTickets(evalDir: string): LabelledRow[] {
  const rows = parseCsv(readFileSync(join(evalDir, 'it_service_tickets.csv'), 'utf8')).slice(1);
  const splits = parseCsv(readFileSync(join(evalDir, 'it_service_tickets.split.csv'), 'utf8')).slice(1);
  const splitOf = new Map(splits.map(([i, s]) => [Number(i), s]));
  return rows.map(([text, label], i) => {
    const split = splitOf.get(i);
    if (split !== 'train' && split !== 'test') {
      throw new Error(`it_service_tickets.split.csv has no split for row ${i}: use the split file shipped with the CSV`);
    }
    return { text, label, split };
  });
}

/**
 * Mail-header residue at the start of 88% of Endava incident bodies and of no request: "sent friday
 * ...", "sent tuesday february ...", or a bare "sent ...". Left in, it is a label leak, so we drop a
 * leading "sent" with the weekday and month that may follow it.
 */
export const ENDAVA_SENT_PREFIX =
  /^\s*sent\b(\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)?(\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b)?\s*/i;

/**
 * The same residue inside bodies ("... regards analyst sent monday october re ..."): quoted mail
 * headers that a third of incidents carry and requests do not. Removed only in the strict variant.
 */
export const ENDAVA_SENT_ANYWHERE =
  /\bsent\s+((monday|tuesday|wednesday|thursday|friday|saturday|sunday)(\s+(january|february|march|april|may|june|july|august|september|october|november|december))?|january|february|march|april|may|june|july|august|september|october|november|december)\b/gi;

/**
 * endava_tickets.jsonl as incident/request rows: title + body with the leading "sent" residue
 * stripped; `strict` also removes it inside bodies.
 */
export function loadEndavaTickets(evalDir: string, opts: { strict?: boolean } = {}): LabelledRow[] {
  const lines = readFileSync(join(evalDir, 'endava_tickets.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((line) => {
    const r = JSON.parse(line) as { title: string; body: string; ticket_type: string; split: 'train' | 'test' };
    let body = r.body.replace(ENDAVA_SENT_PREFIX, '');
    if (opts.strict) body = body.replace(ENDAVA_SENT_ANYWHERE, ' ');
    return { text: `${r.title} ${body}`.trim(), label: r.ticket_type, split: r.split };
  });
}
