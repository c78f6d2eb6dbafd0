/**
 * Migration 29: the person's time zone (IANA name) as their platform gives it (Slack users.info `tz`, Teams
 * `localTimezone`, the web chat's browser, a channel's default such as WeCom's): due times are told in it.
 */
export const migration029 = {
  version: 29,
  name: 'user time zone',
  sql: `
ALTER TABLE users ADD COLUMN time_zone TEXT;
`,
};
