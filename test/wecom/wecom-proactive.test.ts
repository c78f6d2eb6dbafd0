import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { tempDir } from '../helpers/test-app';
import { USERS, WecomApiStandIn, postCallback, settle, startWecomApp, textXml } from './helpers/wecom-test-app';

describe('proactive WeCom messages', () => {
  it('a broadcast reaches WeCom users through message/send, escaped, and never the agents\' stand-in target', async () => {
    const api = await new WecomApiStandIn(USERS).start();
    const tmp = tempDir('frontdesk-wecom-broadcast-');
    const t = await startWecomApp(tmp.dir, api, { WECOM_AGENT_USERS: 'wangwu' });
    try {
      await postCallback(t.url, textXml('zhangsan', '你好'));
      await postCallback(t.url, textXml('lisi', '转人工，VPN 连不上'));
      await settle(t.app);
      const service = new BroadcastService({
        broadcasts: t.app.broadcasts, store: t.app.store, clock: () => new Date(), sleep: async () => {},
        onCommitted: (result) => t.app.engine.events.emit('committed', result),
      });
      const posted = await service.post({ text: '邮件系统今晚 22:00 维护 <a href="https://evil.test">详情</a>', audience: { channels: ['wecom'] } }, 'admin');
      expect(posted.audience).toBe(2);
      await service.send();
      await settle(t.app);
      for (const user of ['zhangsan', 'lisi']) {
        const notice = api.sentTo(user).map((b) => b.text?.content ?? '').find((c) => c.includes('邮件系统今晚'));
        expect(notice).toContain('＜a href="https://evil.test">详情＜/a>');
      }
      expect(api.callsOf('message/send').filter((c) => String(c.body?.text?.content ?? '').includes('邮件系统今晚') && c.body.touser.includes('wangwu'))).toEqual([]);
    } finally {
      await t.app.stop();
      await api.stop();
      tmp.cleanup();
    }
  }, 30_000);
});
