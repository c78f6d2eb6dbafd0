/** First sentence of a description, at most 120 characters: the ticket's summary line. */
export function summarize(text: string): string {
  const first = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?。！？])\s*/)[0] ?? text;
  return first.length > 120 ? `${first.slice(0, 117)}...` : first || '(no description)';
}
