import { erasePersonalData } from '../../src/store/personal-data';
import { tempDir } from '../helpers/test-app';
import { USERS, WecomApiStandIn, postCallback, settle, startWecomApp, textXml } from './helpers/wecom-test-app';

it('erasing a WeCom user removes the cards sent to them (their UserID) with the rest of their data', async () => {
  const api = await new WecomApiStandIn(USERS).start();
  const tmp = tempDir('frontdesk-wecom-erase-');
  const t = await startWecomApp(tmp.dir, api);
  try {
    await postCallback(t.url, textXml('zhangsan', 'VPN连不上，一直提示超时'));
    await postCallback(t.url, textXml('lisi', 'VPN连不上，一直提示超时'));
    await settle(t.app);
    const cards = (who: string) => (t.app.sqliteStore().db.prepare('SELECT count(*) AS n FROM wecom_cards WHERE recipient = ?').get(who) as { n: number }).n;
    expect(cards('zhangsan')).toBeGreaterThan(0);
    const user = (await t.app.store.findConversation({ channel: 'wecom', conversationId: 'zhangsan' }))!.userId;
    erasePersonalData(t.app.sqliteStore().db, String(user), new Date());
    expect(cards('zhangsan')).toBe(0);
    expect(cards('lisi')).toBeGreaterThan(0);
  } finally {
    await t.app.stop();
    await api.stop();
    tmp.cleanup();
  }
}, 30_000);
