import type { Lang } from '../../types/conversation';
import type { Entities } from '../types';
import { spellFixed } from '../normalize';
import { findEmails, findPhones } from './contacts';
import { findApproval, findPeople } from './people';
import { findLocation, findTeamDevice } from './place';
import { findDevice, saysManyDevices, extractApplication } from './names';
import { findErrorCodes, findErrorText } from './errors';
import { findSince } from './time-expr';
import { findDeadline } from './deadline';
import { findScope } from './scope';
import { findUrgency } from './urgency';

/** Every fact a message names. `lang` picks the names written back ("笔记本电脑" or "laptop"). */
export function findEntities(text: string, lang: Lang, now: Date, timeZone: string): Entities {
  const fixed = spellFixed(text.slice(0, 20_000));
  const errorCodes = findErrorCodes(fixed);
  const errorText = findErrorText(fixed, errorCodes);
  const approval = findApproval(fixed);
  const location = findLocation(fixed);
  const device = findDevice(fixed, lang);
  const application = extractApplication(fixed, lang);
  const deadline = findDeadline(fixed, now, timeZone);
  // "starts Monday" and "demo this afternoon" are ahead: the same words are no "since".
  const past = findSince(fixed);
  const since = past && !(deadline && (deadline.text.includes(past) || past.includes(deadline.text))) ? past : undefined;
  const scope = findScope(fixed);
  const teamDevice = findTeamDevice(fixed);
  return {
    emails: findEmails(text),
    phones: findPhones(text),
    people: findPeople(fixed),
    ...(approval ? { approval } : {}),
    ...(location ? { location } : {}),
    ...(device ? { device } : {}),
    ...(teamDevice ? { teamDevice } : {}),
    ...(saysManyDevices(fixed) ? { manyDevices: true as const } : {}),
    ...(application ? { application } : {}),
    errorCodes,
    ...(errorText ? { errorText } : {}),
    ...(since ? { since } : {}),
    ...(deadline ? { deadline } : {}),
    ...(scope ? { scope } : {}),
    urgency: findUrgency(fixed),
  };
}
