import { understand } from './index';

const MESSAGES = [
  'works now, thanks!', '好了，现在能收到了', 'my outlok keeps crashng wen i open atachments, pls hlp', 'I clicked a link in a suspicious email and entered my password',
  'Internet is down for the whole London office', '所有远程办公的同事都连不上VPN', 'new hire Priya Natarajan starts Monday, manager Jane Doe approved',
  'no, other people can\'t print either', '查询 INC-000001', '下午有客户演示，投影仪连不上，急！！', 'whole team, since 9', '算了，取消吧',
];

/** Inputs built to make a careless regular expression backtrack: long runs of one character or one word. */
export function adversarialInputs(length = 20_000): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return {
    letters: fill('a'), spaces: fill(' '), digits: fill('1'), dashes: fill('1-'), dots: fill('a.'), at: fill('a@'), words: fill('no '),
    still: fill('still '), han: fill('不'), mixed: fill('VPN连不上 error 0x80070005 '), quotes: fill('"x'), emoji: fill('😀'), names: fill('Jane Doe '),
    phones: fill('+1 (2) 3-4 '), files: fill('files .locked '), floors: fill('3楼'),
  };
}

/** Messages understood per second on everyday text, and the slowest single 20,000-character adversarial input (ms). */
export function understandBench(rounds = 2000): { messagesPerSecond: number; worstAdversarialMs: number; worstInput: string } {
  const ctx = { conversationLang: 'en' as const, now: new Date('2026-12-04T10:00:00Z'), timeZone: 'Europe/London' };
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) understand(MESSAGES[i % MESSAGES.length], ctx);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let worst = { ms: 0, name: '' };
  for (const [name, text] of Object.entries(adversarialInputs())) {
    const t0 = process.hrtime.bigint();
    understand(text, ctx);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > worst.ms) worst = { ms, name };
  }
  return { messagesPerSecond: Math.round(rounds / seconds), worstAdversarialMs: Math.round(worst.ms * 10) / 10, worstInput: worst.name };
}
