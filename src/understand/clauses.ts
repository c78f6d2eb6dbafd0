// Clause ends: punctuation, a line break, a spaced dash, and "so" / "but" between clauses.
const CLAUSE_END = /([,.;!?，。；！？\n]+\s*|\s+-+\s+|\s+(?:so|but)\s+)/i;

/**
 * The text without the clauses `drop` picks (each trimmed), their ends going with them; the whole text when
 * nothing with letters or digits is left (a message that is only such a clause stays as it is).
 */
export function withoutClauses(text: string, drop: (clause: string) => boolean): string {
  const parts = text.split(CLAUSE_END);
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i].trim();
    if (clause && drop(clause)) continue;
    kept.push(parts[i], parts[i + 1] ?? '');
  }
  const rest = kept.join('').trim().replace(/[,，;；:：-]+$/, '').trim();
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text;
}
