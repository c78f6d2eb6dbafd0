const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZH_MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];

const iso = (y: number, m: number, d: number): string | undefined => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1990) return undefined;
  return date.toISOString().slice(0, 10);
};

/** One date in a "last modified" text as YYYY-MM-DD: the formats Confluence and SharePoint print, in English and Chinese. */
export function parsePageDate(text: string): string | undefined {
  let m = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  if (m) return iso(+m[1], +m[2], +m[3]);
  // Confluence English: "last modified on Nov 01, 2024"; "01 Nov 2024".
  m = /\b([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})/.exec(text);
  if (m && MONTHS.includes(m[1].toLowerCase())) return iso(+m[3], MONTHS.indexOf(m[1].toLowerCase()) + 1, +m[2]);
  m = /\b(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4})/.exec(text);
  if (m && MONTHS.includes(m[2].toLowerCase())) return iso(+m[3], MONTHS.indexOf(m[2].toLowerCase()) + 1, +m[1]);
  // Confluence Chinese: "最后修改于 十一月 01, 2024" (longest month name first: 十一月 before 一月).
  const zh = [...ZH_MONTHS.entries()].sort((a, b) => b[1].length - a[1].length).find(([, name]) => text.includes(name));
  m = zh ? new RegExp(`${zh[1]}\\s*(\\d{1,2}),?\\s*(\\d{4})`).exec(text) : null;
  if (zh && m) return iso(+m[2], zh[0] + 1, +m[1]);
  // SharePoint en-US: "Published 11/4/2024".
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  if (m) return iso(+m[3], +m[1], +m[2]);
  return undefined;
}

/** The first parseable date among a page's "last modified" texts. */
export function firstPageDate(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const date = parsePageDate(text);
    if (date) return date;
  }
  return undefined;
}
