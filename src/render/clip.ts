/** At most `max` characters, cut at a word boundary (any character for Chinese), with an ellipsis. */
export function clip(line: string, max: number): string {
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const han = /[\u3400-\u9fff]$/.test(cut);
  return `${(han || space < max / 2 ? cut : cut.slice(0, space)).replace(/[\s,，;；:：.。]+$/, '')}…`;
}
