const checked = new Map<string, boolean>();

/** Whether `name` is a time zone this runtime knows (an IANA name such as Asia/Shanghai, or UTC). */
export function isTimeZone(name: string): boolean {
  let known = checked.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    // Platforms send a handful of names; a flood of made-up ones is not remembered.
    if (checked.size < 1_000) checked.set(name, known);
  }
  return known;
}

/** `name` when it is a known time zone, else undefined: what a channel puts on a profile from a platform's field. */
export function knownTimeZone(name: unknown): string | undefined {
  return typeof name === 'string' && name.length > 0 && name.length <= 64 && isTimeZone(name) ? name : undefined;
}

/** `{ timeZone }` for a profile when `name` is a known time zone, else nothing to add. */
export function timeZoneField(name: unknown): { timeZone?: string } {
  const timeZone = knownTimeZone(name);
  return timeZone ? { timeZone } : {};
}
