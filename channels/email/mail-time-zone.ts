/**
 * The sender's clock as their mail's Date header shows it ("Tue, 8 Dec 2026 10:00:00 +0800" → Etc/GMT-8, which
 * reads "GMT+8"), so due times in the reply are told on it. "+0000" says nothing (many servers write UTC whatever
 * the sender's zone); offsets that are no whole hour name no Etc zone, except India's +0530.
 */
export function timeZoneOfMailDate(date: string | undefined): string | undefined {
  const offset = /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/.exec(date ?? '');
  if (!offset) return undefined;
  const [, sign, hh, mm] = offset;
  const hours = Number(hh);
  if (sign === '+' && hours === 5 && mm === '30') return 'Asia/Kolkata';
  if (mm !== '00' || hours === 0 || hours > 14) return undefined;
  // Etc zones count the other way round: GMT+8 is "Etc/GMT-8".
  return `Etc/GMT${sign === '+' ? '-' : '+'}${hours}`;
}
