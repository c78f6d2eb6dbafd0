/**
 * Migration 19: an agent's work e-mail. It ties a console login to the directory person an approval names,
 * so an approver who works in the console decides there. At most one agent per address.
 */
export const migration019 = {
  version: 19,
  name: 'agent email',
  sql: `
ALTER TABLE agents ADD COLUMN email TEXT;
CREATE UNIQUE INDEX agents_email ON agents (lower(email)) WHERE email IS NOT NULL;
`,
};
