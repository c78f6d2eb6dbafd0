/**
 * Slack's documented Block Kit limits for the views we open and publish (modal and Home tab view objects,
 * input / section / header / context / actions blocks, text inputs, static selects and buttons). Returns
 * one line per broken rule; empty when the view is within every limit.
 */
export function viewProblems(view: Record<string, any>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const plain = (t: any, max: number, where: string) => {
    check(t?.type === 'plain_text' && typeof t.text === 'string' && t.text.length >= 1 && t.text.length <= max, `${where}: plain_text of 1..${max} characters`);
  };
  const text = (t: any, max: number, where: string) => {
    check((t?.type === 'plain_text' || t?.type === 'mrkdwn') && typeof t.text === 'string' && t.text.length >= 1 && t.text.length <= max, `${where}: text of 1..${max} characters`);
  };
  check(view.type === 'modal' || view.type === 'home', 'type is modal or home');
  check(Array.isArray(view.blocks) && view.blocks.length <= 100, 'at most 100 blocks');
  if (view.type === 'modal') {
    plain(view.title, 24, 'title');
    if (view.submit) plain(view.submit, 24, 'submit');
    if (view.close) plain(view.close, 24, 'close');
    check(view.blocks.some((b: any) => b.type !== 'input') || Boolean(view.submit), 'a modal with inputs has a submit button');
  }
  check(view.private_metadata === undefined || String(view.private_metadata).length <= 3000, 'private_metadata at most 3000');
  check(view.callback_id === undefined || String(view.callback_id).length <= 255, 'callback_id at most 255');
  const blockIds = new Set<string>();
  for (const [i, block] of (view.blocks ?? []).entries()) {
    const where = `blocks[${i}] (${block.type})`;
    if (block.block_id !== undefined) {
      check(String(block.block_id).length <= 255 && !blockIds.has(block.block_id), `${where}: block_id unique, at most 255`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        plain(block.text, 150, where);
        break;
      case 'section':
        text(block.text, 3000, where);
        break;
      case 'divider':
        break;
      case 'context':
        check(Array.isArray(block.elements) && block.elements.length >= 1 && block.elements.length <= 10, `${where}: 1..10 elements`);
        for (const e of block.elements ?? []) text(e, 3000, `${where} element`);
        break;
      case 'actions':
        check(Array.isArray(block.elements) && block.elements.length >= 1 && block.elements.length <= 25, `${where}: 1..25 elements`);
        for (const e of block.elements ?? []) {
          check(e.type === 'button', `${where}: buttons only here`);
          plain(e.text, 75, `${where} button`);
          check(typeof e.action_id === 'string' && e.action_id.length <= 255, `${where}: action_id at most 255`);
          check(e.value === undefined || String(e.value).length <= 2000, `${where}: value at most 2000`);
        }
        break;
      case 'input': {
        plain(block.label, 2000, `${where} label`);
        const e = block.element ?? {};
        check(typeof e.action_id === 'string' && e.action_id.length <= 255, `${where}: action_id at most 255`);
        if (e.type === 'plain_text_input') {
          check(e.max_length === undefined || (e.max_length >= 1 && e.max_length <= 3000), `${where}: max_length 1..3000`);
          check(e.initial_value === undefined || String(e.initial_value).length <= (e.max_length ?? 3000), `${where}: initial_value within max_length`);
          if (e.placeholder) plain(e.placeholder, 150, `${where} placeholder`);
        } else if (e.type === 'static_select') {
          check(Array.isArray(e.options) && e.options.length >= 1 && e.options.length <= 100, `${where}: 1..100 options`);
          for (const o of e.options ?? []) {
            plain(o.text, 75, `${where} option`);
            check(typeof o.value === 'string' && o.value.length >= 1 && o.value.length <= 150, `${where}: option value 1..150`);
          }
          check(e.initial_option === undefined || (e.options ?? []).some((o: any) => o.value === e.initial_option.value), `${where}: initial_option is one of the options`);
        } else if (e.type === 'users_select') {
          if (e.placeholder) plain(e.placeholder, 150, `${where} placeholder`);
        } else {
          problems.push(`${where}: unexpected element ${e.type}`);
        }
        break;
      }
      default:
        problems.push(`${where}: unexpected block type`);
    }
  }
  return problems;
}
