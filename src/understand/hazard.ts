/**
 * A physical danger: a swollen battery, smoke, a burning smell, sparks, a device too hot to touch, water on
 * electrical equipment. Work on it cannot wait, and the first thing to say is how to be safe, which depends
 * on what is in danger: a device on a desk (`device`), a shared machine or a rack (`equipment`), water
 * reaching electrical equipment (`water`), a device that gives electric shocks (`shock`), or something heavy
 * coming off a wall or ceiling over people (`falling`), or live wiring left open where people walk (`wiring`).
 */
export const HAZARD_KINDS = ['device', 'equipment', 'water', 'shock', 'falling', 'wiring'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

const HAZARD = /\b(?:rotten eggs?|sulph?u?r(?:ous)? smell|smells? (?:of|like) (?:rotten )?eggs?|batter(?:y|ies) (?:is |are |has |have )?(?:swollen|swelling|bulging|puffed(?: up)?|expanded)|swollen batter(?:y|ies)|smoke|smoking|burning smell|smells? (?:of |like )?burning|sparks?|sparking|melting|melted|too hot to touch|caught fire|on fire)\b|电池[^，。！？\n]{0,6}(?:鼓包|鼓起|膨胀)|鼓包|冒烟|烧焦|焦味|糊味|火花|起火|着火|烫得(?:不能|没法)(?:碰|摸)/i;
// Electric shocks from a case or a desk: "got a shock off the PC case", "摸机箱手被电了一下 麻麻的".
const SHOCK = /\b(?:electric(?:al)? shocks?|(?:got|get|getting|gave me) (?:a |an )?(?:small |little |tiny )?(?:electric )?shock|shocks? (?:me|us|people)|shocked me|tingl(?:e|es|ing) when (?:i|you) touch)\b|漏电|触电|被电(?:了|到)|电了一下|电到(?:了|我)|(?:手|摸)[^，。！？\n]{0,8}麻麻的/i;
// "smoke test", "smoking area", "sparks joy": words of the office, no danger.
const NOT_HAZARD = /\bsmoke tests?\b|\bsmoking (?:area|room|break)\b|\bspark (?:ar|ads|app)\b|\bapache spark\b/i;
// Water coming onto a rack, a server or the power: "dripping right onto the top of the rack", "机柜上面在滴水".
const WATER = /\b(?:water|leak\w*|dripping|drips?|flood\w*|pouring)\b[^.!?\n]{0,80}\b(?:comms?|server|network|patch|data) (?:cabinet|rack|room|cupboard|closet)|\b(?:water|leak\w*|dripping|drips?|flood\w*|pouring)\b[^.!?\n]{0,60}\b(?:racks?|switch(?:es)?|servers?|ups|power strips?|sockets?|extension leads?|plugs?)\b|\b(?:racks?|switch(?:es)?|servers?|ups|power strips?|sockets?|extension leads?)\b[^.!?\n]{0,40}\b(?:wet|under water|in water|dripping|soaked)\b|(?:漏水|渗水|滴水|进水|水管爆|水漫|水一直流|水流到|水流进)[^。！？\n]{0,20}(?:机柜|机房|弱电间|服务器|交换机|地插|插座|插线板|插排|配电|电源)|(?:机柜|机房|弱电间|服务器|交换机|插座|插线板)[^。！？\n]{0,12}(?:漏水|进水|滴水|泡水|湿了|淋湿)/i;
// Something heavy coming off a wall or ceiling: "the bracket has come half out of the wall, the telly is hanging at an
// angle", "投影仪支架松了 快掉下来". A screen that is "hanging" alone is a frozen one.
const FALLING = /\b(?:brackets?|mounts?|screens?|tvs?|telly|monitors?|projectors?|ceiling (?:tiles?|panels?)|shelf|shelves|shelving|speakers?|whiteboards?|displays?)\b[^.!?\n]{0,80}\b(?:c[oa]me (?:half |partly |partway )?(?:out of|off|away from|loose from) the (?:wall|ceiling)|coming (?:out of|off|away from|loose from) the (?:wall|ceiling)|hanging (?:at an angle|loose|by (?:a|one)|off the (?:wall|ceiling)|down)|(?:about|going) to (?:fall|drop|come down)|(?:could|might|may) (?:fall|drop|come down)|falling (?:off|down)|dangling)\b|(?:支架|挂架|吊架|屏幕|电视|显示屏|大屏|投影仪|吊顶|天花板|架子|音箱)[^。！？\n]{0,20}(?:松了|松动|快掉|要掉|掉下来|歪了|脱落|悬着|吊着|往下掉|掉了一半)/i;
// Wiring open to touch: "live looking wires sticking out of the floor box", "地插盖子掉了 电线露在外面".
const WIRING = /\b(?:live|exposed|bare|loose|stripped)(?:[- ]looking)? (?:wires?|wiring|cables?)\b|\bwires? (?:are |is )?(?:sticking|hanging|poking) out\b|(?:电线|线头|铜线)[^，。！？\n]{0,6}(?:裸露|露在外面|露出来|外露)|(?:裸露|外露)(?:的)?(?:电线|线头)/i;
// A machine people share, or the network's: its smoke is a room's matter, not one person's desk.
const SHARED_MACHINE = /\b(?:ups (?:box|unit)|copiers?|photocopiers?|printers?|mfps?|plotters?|servers?|racks?|switch(?:es)?|ups|projectors?)\b|复印机|打印机|一体机|服务器|机柜|交换机|投影|机房|弱电间/i;

/** The kind of physical danger a message reports, if any. */
export function findHazard(text: string): HazardKind | undefined {
  const t = text.slice(0, 5_000);
  if (WATER.test(t)) return 'water';
  if (SHOCK.test(t)) return 'shock';
  if (FALLING.test(t)) return 'falling';
  if (WIRING.test(t)) return 'wiring';
  if (!HAZARD.test(t) || NOT_HAZARD.test(t)) return undefined;
  return SHARED_MACHINE.test(t) ? 'equipment' : 'device';
}
