/** What is wrong with a page's HTML: a fatal reason to skip it, or warnings to show beside an import. */
export type HtmlHealth = { fatal?: string; warnings: string[] };

const CHECKED_TAGS = ['table', 'ul', 'ol', 'div', 'pre'];

/**
 * Diagnose broken HTML for the report. The parser (turndown's) repairs what it can like a browser does;
 * this says what it had to repair, so a person looks at the article before trusting it.
 */
export function htmlHealth(html: string): HtmlHealth {
  if (!/<(?:[a-z][a-z0-9-]*|!doctype)[\s>/]/i.test(html)) return { fatal: 'no HTML tags: the file is not an HTML page (export it as HTML or rename it .md)', warnings: [] };
  const warnings: string[] = [];
  const lower = html.toLowerCase();
  if (/<(html|body)[\s>]/.test(lower) && !lower.includes('</body>') && !lower.includes('</html>')) {
    warnings.push('broken HTML: the page is cut off (no closing </body> or </html>); imported what could be read, check the end of the article');
  } else if (/<[^>]*$/.test(html.trimEnd().slice(-2000))) {
    warnings.push('broken HTML: the file ends inside a tag; imported what could be read');
  }
  const unclosed = CHECKED_TAGS.map((tag) => {
    const opens = lower.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
    const closes = lower.match(new RegExp(`</${tag}\\s*>`, 'g'))?.length ?? 0;
    return opens > closes ? `${opens - closes} <${tag}>` : '';
  }).filter(Boolean);
  if (unclosed.length) warnings.push(`broken HTML: unclosed ${unclosed.join(', ')} (repaired the way a browser would); check tables and lists`);
  return { warnings };
}
