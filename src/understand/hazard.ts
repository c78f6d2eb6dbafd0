/**
 * A physical danger at a desk: a swollen battery, smoke, a burning smell, sparks, a device too hot to touch.
 * Work on it cannot wait, and the first thing to say is how to be safe.
 */
const HAZARD = /\b(?:batter(?:y|ies) (?:is |are |has |have )?(?:swollen|swelling|bulging|puffed(?: up)?|expanded)|swollen batter(?:y|ies)|smoke|smoking|burning smell|smells? (?:of |like )?burning|sparks?|sparking|melting|melted|too hot to touch|caught fire|on fire)\b|电池[^，。！？\n]{0,6}(?:鼓包|鼓起|膨胀)|鼓包|冒烟|烧焦|焦味|糊味|火花|起火|着火|烫得(?:不能|没法)(?:碰|摸)/i;
// "smoke test", "smoking area", "sparks joy": words of the office, no danger.
const NOT_HAZARD = /\bsmoke tests?\b|\bsmoking (?:area|room|break)\b|\bspark (?:ar|ads|app)\b|\bapache spark\b/i;

/** Whether a message reports a physical danger (battery swelling, smoke, sparks, burning). */
export function isHazard(text: string): boolean {
  const t = text.slice(0, 5_000);
  return HAZARD.test(t) && !NOT_HAZARD.test(t);
}
