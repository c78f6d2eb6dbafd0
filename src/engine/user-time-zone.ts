import type { User } from '../store/store';
import { formatTime } from '../tickets/business-calendar';
import type { TurnDeps } from './turn-types';

/**
 * The turn's services in the person's own time zone, when their platform told it: "by 5pm" is read and due
 * times are written in it (a Chinese colleague on WeCom reads 17:00 GMT+8, not 09:00 UTC). The SLA clocks keep
 * the desk's business calendar.
 */
export function inUserTimeZone(deps: TurnDeps, user: Pick<User, 'timeZone'>): TurnDeps {
  const timeZone = user.timeZone;
  if (!timeZone || timeZone === deps.timeZone) return deps;
  return { ...deps, timeZone, formatTime: (iso, lang) => formatTime(iso, timeZone, lang) };
}
