import { FeishuUserCache } from '../../channels/feishu/feishu-users';
import { toProfile } from '../../channels/slack/slack-users';
import { inboundOf } from '../../channels/teams/teams-activity';
import { parseConfig } from '../../src/config';
import { inUserTimeZone } from '../../src/engine/user-time-zone';
import type { TurnDeps } from '../../src/engine/turn-types';
import { formatTime } from '../../src/tickets/business-calendar';
import { checkedInbound } from '../../src/engine/checked-inbound';
import { knownTimeZone } from '../../src/types/time-zone';
import { fixture } from '../teams/helpers/teams-test-app';

// 06:00 UTC is 14:00 in Shanghai and 01:00 in New York (winter).
const DUE = '2026-12-08T06:00:00.000Z';

describe('Due times in the person\'s own time zone (batch authors 12-14: UTC times told to Chinese users)', () => {
  test('a time is written in the zone given and names it; a Chinese reader in China reads 北京时间', () => {
    expect(formatTime(DUE, 'Asia/Shanghai', 'zh')).toBe('北京时间 12月8日周二 14:00');
    expect(formatTime(DUE, 'Europe/Berlin', 'zh')).toBe('GMT+1 12月8日周二 07:00');
    expect(formatTime(DUE, 'America/New_York', 'en')).toBe('Tue 8 Dec, 01:00 GMT-5');
    expect(formatTime(DUE, 'UTC', 'en')).toBe('Tue 8 Dec, 06:00 UTC');
  });

  test('a turn for someone whose zone is known writes and reads times in it; without one, the desk\'s', () => {
    const desk = { timeZone: 'UTC', formatTime: (iso: string, lang: 'en' | 'zh') => formatTime(iso, 'UTC', lang) } as unknown as TurnDeps;

    const theirs = inUserTimeZone(desk, { timeZone: 'Asia/Shanghai' });

    expect(theirs.formatTime(DUE, 'zh')).toBe('北京时间 12月8日周二 14:00');
    expect(theirs.timeZone).toBe('Asia/Shanghai'); // "下午三点前" is read on their clock
    expect(inUserTimeZone(desk, {})).toBe(desk);
  });

  test('the platforms\' fields become the profile\'s zone; a name the runtime does not know is dropped, not stored', () => {
    expect(toProfile({ user: { tz: 'Asia/Shanghai', real_name: 'Li Lei' } })).toMatchObject({ timeZone: 'Asia/Shanghai' });
    expect(toProfile({ user: { tz: 'Mars/Olympus_Mons' } })).not.toHaveProperty('timeZone');
    expect(inboundOf(fixture('personal-message', { localTimezone: 'Europe/Berlin' }), { name: 'Ana' })?.user).toEqual({ name: 'Ana', timeZone: 'Europe/Berlin' });
    expect(inboundOf(fixture('personal-message', { localTimezone: 12 }), {})?.user).toEqual({});
    expect(knownTimeZone('UTC')).toBe('UTC');
    expect(knownTimeZone('x'.repeat(65))).toBeUndefined();
    // Past the channels, the engine drops a name it does not know and keeps the message.
    const message = { ref: { channel: 'slack' as const, conversationId: 'D1', userId: 'U1' }, platformMessageId: 'D1:1', text: 'hi' };
    expect(checkedInbound({ ...message, user: { name: 'Ana', timeZone: 'Not/AZone' } }).user).toStrictEqual({ name: 'Ana' });
  });

  test('Feishu: a Chinese profile is on the channel\'s zone; an English one (Lark abroad) keeps the desk\'s', async () => {
    const cache = (locale: string, defaultLang: 'en' | 'zh' = 'zh') => new FeishuUserCache({
      lookup: { user: async () => ({ name: 'Li', locale }) as never, departmentName: async () => undefined }, defaultLang, timeZone: 'Asia/Shanghai',
    });

    expect(await cache('zh_cn').profile('ou_1')).toMatchObject({ lang: 'zh', timeZone: 'Asia/Shanghai' });
    expect(await cache('zh_cn', 'en').profile('ou_3')).toMatchObject({ lang: 'zh', timeZone: 'Asia/Shanghai' });
    expect(await cache('en_us').profile('ou_2')).not.toHaveProperty('timeZone');
  });

  test('the desk\'s and the channels\' zones are checked at start; Feishu and WeCom users are on Beijing time unless configured', () => {
    expect(() => parseConfig({ TIME_ZONE: 'Europe/Berlim' })).toThrow(/TIME_ZONE.*IANA time zone/s);
    expect(parseConfig({})).toMatchObject({ TIME_ZONE: 'UTC', WECOM_TIME_ZONE: 'Asia/Shanghai', FEISHU_TIME_ZONE: 'Asia/Shanghai' });
    expect(parseConfig({ WECOM_TIME_ZONE: 'Asia/Singapore' }).WECOM_TIME_ZONE).toBe('Asia/Singapore');
  });
});
