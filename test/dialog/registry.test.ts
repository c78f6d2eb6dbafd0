import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDialogRegistry, loadDialogDir, validateDialogs } from '../../src/dialog/registry';
import { ConfigError } from '../../src/errors';
import { dialogEntries } from '../../dialogs';
import { networkVpnDialog } from '../../dialogs/network-vpn.dialog';

describe('registry validation', () => {
  it('names the file and field of a bad definition', () => {
    const bad = { ...networkVpnDialog, slots: networkVpnDialog.slots.map((s, i) => (i === 1 ? { ...s, choices: undefined } : s)) };
    const run = () => validateDialogs([{ file: 'dialogs/network-vpn.dialog.ts', definition: bad }]);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('dialogs/network-vpn.dialog.ts: slots[1].choices: a choice slot needs at least two choices');
  });

  it.each([
    [{ ...networkVpnDialog, version: 0 }, 'version'],
    [{ ...networkVpnDialog, title: { en: 'x' } }, 'title.zh'],
    [{ ...networkVpnDialog, slots: [{ ...networkVpnDialog.slots[0], prompt: { en: 'Hi?', zh: '' } }] }, 'slots[0].prompt.zh'],
    [{ ...networkVpnDialog, slots: [{ ...networkVpnDialog.slots[0], extract: 'nonsense' }] }, 'slots[0].extract'],
    [{ ...networkVpnDialog, slots: [{ ...networkVpnDialog.slots[0], when: { slot: 'later', equals: 'x' } }] }, 'slots[0].when.slot'],
    [{ ...networkVpnDialog, summary: { en: '{nope}', zh: '{problem}' } }, 'summary.en'],
    [{ ...networkVpnDialog, slots: [networkVpnDialog.slots[0], networkVpnDialog.slots[0]] }, 'slots[1].id'],
  ])('reports the field %#', (definition, field) => {
    expect(() => validateDialogs([{ file: 'dialogs/x.dialog.ts', definition }])).toThrow(`dialogs/x.dialog.ts: ${field}:`);
  });

  it('refuses two dialogs with the same id', () => {
    const entries = [dialogEntries[2], { file: 'dialogs/copy.dialog.ts', definition: networkVpnDialog }];
    expect(() => validateDialogs(entries)).toThrow('dialogs/copy.dialog.ts: id: "network-vpn" is already used by dialogs/network-vpn.dialog.ts');
  });

  it('loads the project dialogs folder', () => {
    const defs = loadDialogDir(path.join(__dirname, '../../dialogs'));
    expect(defs).toHaveLength(dialogEntries.length);
  });

  it('stops on a bad file in a folder, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialogs-'));
    try {
      const def = { ...networkVpnDialog, slots: [{ ...networkVpnDialog.slots[0], type: 'number' }] };
      fs.writeFileSync(path.join(dir, 'broken.dialog.js'), `exports.brokenDialog = ${JSON.stringify(def)};`);
      expect(() => loadDialogDir(dir)).toThrow(`${path.join(dir, 'broken.dialog.js')}: slots[0].type:`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('selectDialog', () => {
  const registry = createDialogRegistry(validateDialogs(dialogEntries));

  it.each([
    ['my VPN keeps disconnecting', undefined, undefined, 'network-vpn'],
    ['Wi-Fi 连不上', undefined, undefined, 'network-vpn'],
    ['I forgot my password', undefined, undefined, 'account-access'],
    ['账号被锁定了', undefined, undefined, 'account-access'],
    ['the printer on floor 2 jams', undefined, undefined, 'hardware-printer'],
    ['打印机卡纸', undefined, undefined, 'hardware-printer'],
    ['Outlook is not receiving mail', undefined, undefined, 'email'],
    ['I got a suspicious email asking for my password', undefined, undefined, 'security'],
    ['I lost my laptop on the train', undefined, undefined, 'security'],
    ['我收到一封钓鱼邮件', undefined, undefined, 'security'],
    ['please restore a deleted folder on the shared drive', undefined, undefined, 'data-restore'],
    ['误删了文件，能找回吗', undefined, undefined, 'data-restore'],
    ['we have a new hire starting on Monday', undefined, undefined, 'new-hire'],
    ['下周有新员工入职', undefined, undefined, 'new-hire'],
    ['the app crashes', 'software', 'incident', 'general-incident'],
    ['I need a Visio licence', 'software', 'service_request', 'service-request'],
    ['something is wrong', 'network', 'incident', 'network-vpn'],
    ['hello', undefined, undefined, 'general-incident'],
  ] as const)('"%s" (%s, %s) -> %s', (text, category, type, id) => {
    expect(registry.select(text, category, type).id).toBe(id);
  });

  it('finds a dialog by id', () => {
    expect(registry.get('security')?.urgentPath).toBe(true);
    expect(registry.get('nope')).toBeUndefined();
  });
});
