import { startDialog, continueDialog, type DialogTurn } from '../../src/dialog/runner';
import { renderQuestion } from '../../src/dialog/render';
import { hardwarePrinterDialog } from '../../dialogs/hardware-printer.dialog';
import type { DialogState } from '../../src/dialog/schema';

// A transcript test in the `user> / bot>` style: the runner's replies rendered for a channel without buttons.
// The floor in the first message is the location (never asked again); a printer is asked its name, not an asset tag.
const script = `
user> 三楼的打印机从昨天下午开始打印出来全是空白页，整个部门都用不了
bot> 我目前了解到的信息：
bot> - 设备：打印机
bot> - 问题描述：三楼的打印机从昨天下午开始打印出来全是空白页，整个部门都用不了
bot> - 位置：三楼
bot> - 开始时间：从昨天下午开始
bot> - 影响范围：我的团队
bot>
bot> 打印机名称是什么？通常贴在打印机上（例如 PRN-3F-02）。（可选，回复“跳过”即可略过）
user> 跳过
bot> 如果有错误提示或错误代码，请原样告诉我。（可选，回复“跳过”即可略过）
user> 返回
bot> 好的，回到上一步。
bot>
bot> 打印机名称是什么？通常贴在打印机上（例如 PRN-3F-02）。（可选，回复“跳过”即可略过）
user> PRN-3F-02
bot> 如果有错误提示或错误代码，请原样告诉我。（可选，回复“跳过”即可略过）
user> 没有
bot> 这对您的工作影响有多大？
bot> 1. 无法工作
bot> 2. 可以临时绕过
bot> 3. 可以等
bot> 4. 其他
bot> 请回复编号或选项内容。
user> 2
bot> 我们可以通过哪个邮箱联系您？
user> wang.fang@example.com
`;

function render(turn: DialogTurn): string {
  if (!turn.question) return '';
  return renderQuestion(turn.question, turn.state.lang, { buttons: false, maxTextLength: 4000 }, turn.understood).text;
}

describe('printer transcript (Chinese, no buttons)', () => {
  it('matches the script and ends with a ticket-ready result', () => {
    const lines = script.trim().split('\n');
    let turn: DialogTurn | undefined;
    let state: DialogState | undefined;
    let expected: string[] = [];
    const check = () => {
      if (turn) expect(render(turn)).toBe(expected.join('\n'));
      expected = [];
    };
    for (const line of lines) {
      if (line.startsWith('bot>')) {
        expected.push(line.slice(5));
        continue;
      }
      check();
      const text = line.slice(6);
      turn = state ? continueDialog(hardwarePrinterDialog, state, { text }) : startDialog(hardwarePrinterDialog, { text });
      state = turn.state;
    }
    check();
    expect(turn!.outcome).toBe('done');
    expect(turn!.result).toMatchObject({ impact: 2, urgency: 2, priority: 'P3', summary: '打印机：三楼的打印机从昨天下午开始打印出来全是空白页，整个部门都用不了，整个团队受影响' });
  });
});
