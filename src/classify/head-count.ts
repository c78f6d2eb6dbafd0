const ZH_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese number as people write head counts: 五, 十几, 三十, 两百多, 上百, 几十. Rough on purpose. */
function zhNumber(text: string): number {
  if (text === '上百' || text === '几百') return 100;
  if (text === '几十') return 30;
  if (text === '几') return 4;
  let total = 0;
  let digit = 0;
  for (const ch of text.replace(/[多几来]$/, '')) {
    if (ch in ZH_DIGITS) digit = ZH_DIGITS[ch];
    else if (ch === '十') { total += (digit || 1) * 10; digit = 0; }
    else if (ch === '百') { total += (digit || 1) * 100; digit = 0; }
    else if (ch === '千') { total += (digit || 1) * 1000; digit = 0; }
  }
  total += digit;
  // 十几 = "ten and some": about fifteen.
  return /十几$/.test(text) ? total + 5 : total;
}

// "30 odd pickers", "about 40-ish drivers": the rough words between the number and the people count too, and one
// word saying which ("all 640 UK staff", "12 night-shift pickers").
const EN = /(\d{1,6})\s*\+?\s*(?:(?:odd|or so|-?ish|plus)\s+)?(?:(?!(?:of|in|to|at|on|for|and|or|pm|am|minutes?|hours?|days?|weeks?|months?)\b)[a-z][\w-]{1,15}\s+)?(?:ppl|people|users|staff|colleagues|employees|of us|persons|devs|developers|agents|engineers|students|nurses|workers|machines|computers|laptops|pcs|pickers|packers|drivers|cashiers|tellers|operators|handhelds|scanners|tills|terminals|clinicians|doctors|teachers|reps|consultants|analysts)\b/i;
const ZH = /(\d{1,6}|[零一二两三四五六七八九十百千几上]{1,6}[多来]?)\s*(?:个|位|名|多个|来个|号|来号|多号)?\s*(?:人|同事|员工|用户|坐席|电脑|台电脑)/;

// "5台收银POS都连不上", "三台扫码枪": a store's or a line's machines.
const ZH_MACHINES = /(\d{1,4}|[一二两三四五六七八九十几]{1,3})\s*(?:台|个|部)\s*(?:收银)?(?:POS|pos|收银机|机器|终端|扫码枪|打印机|电脑)/;

/** The number of people (or machines) a message says are affected, if it gives one. */
export function headCount(text: string): number | undefined {
  const en = EN.exec(text);
  if (en) return Number(en[1]);
  const zh = ZH.exec(text) ?? ZH_MACHINES.exec(text);
  if (!zh) return undefined;
  const n = /^\d+$/.test(zh[1]) ? Number(zh[1]) : zhNumber(zh[1]);
  return n > 0 ? n : undefined;
}
