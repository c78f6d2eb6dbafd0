import { asksQuestion, noticeSentencesAnswering, noticesAbout } from '../../src/engine/turns/notice-answer';
import { isStatusRequest } from '../../src/understand/status';
import { withoutAskForPerson } from '../../src/understand/act';
import { matchNotice } from '../../src/engine/turns/known-problem';
import type { Ticket } from '../../src/types/ticket';

// Issue #16 (held-out en-s7-known-zoom-5003-resolved, en-erp-mi-then-resolved, zh-company-wide-feishu-down):
// "can I just use Teams for now?" and "what's the latest?" on a ticket linked to a major incident got
// "I added that to INC-000001" although the notice in force answered both.
const zoom = 'We are aware that Zoom meetings are failing to join with error 5003. The vendor is working on it; next update by 10:30 PT. Teams meetings work as a fallback.';
const printers = 'The 3rd floor printers are being replaced today.';
const problem = { id: 7, number: 'MI-000007', title: 'Zoom meetings fail to join with error 5003 (all regions)', category: 'software' as const };
const ticket = (fields: Partial<Ticket>) => ({ summary: "zoom won't let me into any meeting, error 5003", majorIncidentId: null, ...fields }) as Ticket;

describe('answers from the notices in force', () => {
  it('tells a question from a remark', () => {
    for (const q of ['ok. can i just use teams for now then', 'is there a workaround?', '那我先用网页版可以吗', '邮箱能用吗']) expect(asksQuestion(q)).toBe(true);
    for (const r of ['I tried the web client too', 'back to back calls all morning ugh', '我已经重启过了']) expect(asksQuestion(r)).toBe(false);
  });

  it('keeps the notices about the linked major incident, or naming the ticket\'s own system', () => {
    expect(noticesAbout(ticket({ majorIncidentId: 7 }), [zoom, printers], [problem])).toEqual([zoom]);
    expect(noticesAbout(ticket({}), [zoom, printers], [])).toEqual([zoom]);
    expect(noticesAbout(ticket({ summary: 'VPN drops every hour' }), [zoom, printers], [])).toEqual([]);
  });

  it('quotes the sentence that speaks to the question, and nothing when none does', () => {
    expect(noticeSentencesAnswering('ok. can i just use teams for now then', [zoom], ticket({}))).toEqual(['Teams meetings work as a fallback.']);
    expect(noticeSentencesAnswering('can I borrow a headset?', [zoom], ticket({}))).toEqual([]);
  });

  it('reads "what\'s the latest?" and "现在啥进展了" as status questions', () => {
    for (const q of ['ok whats the latest on it?', "what's the latest", '现在啥进展了', '有什么进展']) expect(isStatusRequest(q)).toBe(true);
  });
});

// Held-out b9-en-broadcast-wifi-floor3 / b9-zh-broadcast-shanghai-network: a report of the announced outage was
// questioned ("where are you connecting from?") as if nothing were known.
describe('a report of the outage a notice is out for', () => {
  const assess = (text: string) => ({ category: /wi-?fi|网络|network/i.test(text) ? 'network' : 'other' }) as never;
  const wifi = 'Wi-Fi outage on London office floor 3 since 10:30. Network engineers are on site; next update 12:00.';
  const shanghai = '上海办公室网络中断：运营商光纤故障，预计11:30前恢复。';
  it('is matched by the system\'s own word and the notice\'s area', () => {
    expect(matchNotice('is the wifi down on 3 again? cant get anything to load', [wifi], 'network', { assess })).toBe(wifi);
    expect(matchNotice('上海这边网是不是全断了？有线无线都不行', [shanghai], 'network', { assess })).toBe(shanghai);
  });
  it('is not matched for another area or without a shared word', () => {
    expect(matchNotice('my wifi printer driver will not install', [wifi], 'software', { assess })).toBeUndefined();
    expect(matchNotice('the vpn drops every hour', [wifi], 'network', { assess })).toBeUndefined();
  });
});

describe('the ask for a person is not the problem', () => {
  it('drops the sentences that only ask for a person', () => {
    expect(withoutAskForPerson('the expenses thing, concur, keeps spinning when I submit. honestly just get me a real person pls')).toBe('the expenses thing, concur, keeps spinning when I submit.');
    expect(withoutAskForPerson('get me a real person')).toBe('get me a real person');
  });
  it('reads two status questions in a row as one status question', () => {
    for (const q of ['whats happening with my ticket? anyone looking at it?', '那个单子现在什么进度了？有人在处理吗']) expect(isStatusRequest(q)).toBe(true);
  });
});
