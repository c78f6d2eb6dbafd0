import { cardText, escapeWecomText, splitForWecom, toWecomText } from '../../channels/wecom/wecom-format';
import { renderForWecom } from '../../channels/wecom/wecom-render';

describe('WeCom markup: escaping and rendering', () => {
  it('neutralises tags in text we did not write; our own Markdown links become the only A tags', () => {
    expect(escapeWecomText('<a href="https://evil.test">点我</a> a < b, 1<2')).toBe('＜a href="https://evil.test">点我＜/a> a < b, 1<2');
    expect(toWecomText('见 [安装软件](https://kb.test/x?lang=zh) 和 **重要**')).toBe('见 <a href="https://kb.test/x?lang=zh">安装软件</a> 和 重要');
    expect(toWecomText('[x](javascript:alert(1)) <script>')).toBe('x (javascript:alert(1)) ＜script>');
    expect(toWecomText('[<b>](https://kb.test/"onclick)')).not.toMatch(/<b>|href="https:\/\/kb.test\/"/);
    expect(toWecomText('# 标题\n- 一\n- 二')).toBe('标题\n• 一\n• 二');
  });

  it('card fields are plain and clipped to WeCom\'s sizes', () => {
    expect(cardText('**INC-1** [文章](https://x) :star: 好', 100)).toBe('INC-1 文章 好');
    expect(cardText('一二三四五六七八九十', 5)).toBe('一二三四…');
  });

  it('splits long text at 2,048 UTF-8 bytes, never inside a character or a link', () => {
    const text = `${'中'.repeat(1500)}<a href="https://kb.test/a">链接</a>${'文'.repeat(10)}`;
    const parts = splitForWecom(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
    expect(parts.join('')).toBe(text);
    expect(parts.some((p) => p.includes('<a href="https://kb.test/a">链接</a>'))).toBe(true);
  });

  it('renders choices as a button card, more than six as a numbered list, and long questions as text first', () => {
    const two = renderForWecom({ kind: 'choice', text: '问题解决了吗？', choices: [{ value: 'yes', label: '是的，已解决' }, { value: 'no', label: '没有' }] });
    expect(two).toEqual([{ kind: 'card', choices: expect.any(Array), card: { card_type: 'button_interaction', main_title: { title: '问题解决了吗？' }, button_list: [{ text: '是的，已解决', style: 1, key: 'c0' }, { text: '没有', style: 2, key: 'c1' }] } }]);
    const seven = renderForWecom({ kind: 'choice', text: '选一个', choices: Array.from({ length: 7 }, (_, i) => ({ value: `v${i}`, label: `选项${i}` })) });
    expect(seven).toEqual([{ kind: 'text', content: expect.stringContaining('7. 选项6') }]);
    const long = renderForWecom({ kind: 'choice', text: '很长的问题'.repeat(40), choices: [{ value: 'a', label: 'A' }] });
    expect(long.map((p) => p.kind)).toEqual(['text', 'card']);
  });
});
