import fs from 'node:fs';
import path from 'node:path';
import { mapInbound, type MapDeps } from '../../channels/email/inbound-map';
import { parseMail } from '../../channels/email/parse-mail';
import { ValidationError } from '../../src/errors';
import { checkDatabase } from '../reliability/helpers/db-invariants';
import { fixture } from '../email/helpers/fixtures';
import { startFuzzApp } from './helpers/fuzz-app';
import { watchProcess } from './helpers/fuzz-run';
import { mailMutations, renderMail } from './helpers/mail-gen';
import { draw } from './helpers/mutate';
import { MailSpec } from './helpers/schemas';
import { zodArbitrary } from './helpers/zod-arbitrary';

// Mail parsing costs ~4 ms a mail: npm test runs 1,500, `npm run soak` (FUZZ_COUNT) the full 10,000+.
const COUNT = Number(process.env.FUZZ_COUNT ?? 1_500);
const FIXTURES = fs.readdirSync(path.join(__dirname, '..', 'fixtures', 'email')).filter((f) => f.endsWith('.eml'));

type Outcome = 'accepted' | 'duplicate' | 'ignored' | 'unparseable' | 'rejected' | 'failure';

describe('fuzzing the mail edge (parse, map, store: the path each fetched mail takes)', () => {
  test(`${COUNT} generated and mutated raw mails: each stored, ignored or a logged drop, nothing half-stored`, async () => {
    // Arrange: the same steps and outcomes as the channel's handleBatch, without IMAP in between.
    const t = await startFuzzApp();
    const deps: MapDeps = { ourAddresses: ['helpdesk@example.com'], threadSecret: 'fuzz-thread-secret', attachments: { dir: path.join(path.dirname(t.dbFile), 'attachments'), maxBytes: 2000, maxCount: 5 } };
    try {
      const half = Math.ceil(COUNT / 2);
      const mails = [
        ...draw(zodArbitrary(MailSpec), half).map((spec) => ({ raw: renderMail(spec as MailSpec), mutation: 'schema' })),
        ...draw(mailMutations(FIXTURES.map((f) => fixture(f, { HELPDESK: 'helpdesk@example.com' }))), COUNT - half),
      ];
      const tally: Record<Outcome, number> = { accepted: 0, duplicate: 0, ignored: 0, unparseable: 0, rejected: 0, failure: 0 };
      const failures: string[] = [];
      const one = async (mail: { raw: Buffer; mutation: string }): Promise<Outcome> => {
        let parsed;
        try {
          parsed = await parseMail(mail.raw);
        } catch {
          return 'unparseable'; // the channel flags it $FrontdeskFailed and logs it
        }
        try {
          const mapped = await mapInbound(parsed, mail.raw, deps);
          if (mapped.kind === 'ignored') return 'ignored';
          return (await t.app.engine.accept(mapped.message)).status;
        } catch (error) {
          if (error instanceof ValidationError) return 'rejected'; // logged and flagged by the channel
          if (failures.length < 5) failures.push(`${mail.mutation}: ${(error as Error).stack?.slice(0, 300)}`);
          return 'failure';
        }
      };

      // Act: eight mails in flight, like a fetched batch.
      const { unhandled } = await watchProcess(async () => {
        let next = 0;
        await Promise.all(Array.from({ length: 8 }, async () => {
          while (next < mails.length) tally[await one(mails[next++])]++;
        }));
        await t.app.engine.idle();
      });

      // Assert
      const db = checkDatabase(t.dbFile, { answered: true });
      console.log(`fuzz email: payloads=${mails.length} stored=${db.inbound} outcomes=${JSON.stringify(tally)} failures=${tally.failure + unhandled.length + db.problems.length}`);
      expect(failures).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.accepted).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  }, 180_000);
});
