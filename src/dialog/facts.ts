import type { Understanding } from '../understand';
import type { FactName } from './schema';
import { spellFixed } from '../understand/normalize';
import { findDevice, extractApplication, saysManyDevices } from '../understand/entities/names';
import { findLocation, findTeamDevice, isSpot } from '../understand/entities/place';
import { findScope } from '../understand/entities/scope';
import { findApproval } from '../understand/entities/people';
import { findSecurity } from '../understand/security';
import { isHowTo } from '../understand/intent';

/** Facts a dialog keeps for its `when` conditions, by fact name. */
export type Facts = Partial<Record<FactName, string>>;

/** Where the device can be found: a spot named ("near reception"), else the team it belongs to ("人事部那台打印机"). */
function spotOf(location: { text: string } | undefined, teamDevice: string | undefined): Facts {
  const spot = location && isSpot(location.text) ? location.text : teamDevice;
  return spot ? { spot } : {};
}

/** The facts an Understanding carries (device kind, several devices, location kind, application, security event, how-to, scope, approval). */
export function factsOf(u: Pick<Understanding, 'entities' | 'security' | 'howTo'>): Facts {
  const e = u.entities;
  return {
    ...(e.device ? { device: e.device.kind } : {}),
    ...(e.manyDevices ? { devices: 'many' } : {}),
    ...(e.location ? { location: e.location.kind } : {}),
    ...(spotOf(e.location, e.teamDevice)),
    ...(e.application ? { application: e.application } : {}),
    ...(e.scope ? { scope: e.scope.level } : {}),
    ...(e.approval ? { approval: e.approval } : {}),
    ...(u.security ? { security: u.security } : {}),
    ...(u.howTo ? { howTo: 'true' } : {}),
  };
}

/** The same facts read from a text, for callers without an Understanding (earlier turns, slot answers). */
export function factsFromText(text: string): Facts {
  const t = spellFixed(text.slice(0, 20_000));
  const device = findDevice(t, 'en');
  const location = findLocation(t);
  const application = extractApplication(t, 'en');
  const scope = findScope(t);
  const security = findSecurity(t);
  const approval = findApproval(t);
  return {
    ...(device ? { device: device.kind } : {}),
    ...(saysManyDevices(t) ? { devices: 'many' } : {}),
    ...(location ? { location: location.kind } : {}),
    ...(spotOf(location, findTeamDevice(t))),
    ...(application ? { application } : {}),
    ...(scope ? { scope: scope.level } : {}),
    ...(approval ? { approval } : {}),
    ...(security ? { security } : {}),
    ...(isHowTo(t) ? { howTo: 'true' } : {}),
  };
}

/** Later facts win: the newest message says how things are now ("it's my laptop, not the desktop"). */
export function mergeFacts(...all: (Record<string, string> | undefined)[]): Record<string, string> {
  return Object.assign({}, ...all.filter(Boolean));
}
