import { startDialog, continueDialog } from '../../src/dialog/runner';
import { migrateState } from '../../src/dialog/progress';
import { DialogState, type DialogDefinition } from '../../src/dialog/schema';
import { networkVpnDialog } from '../../dialogs/network-vpn.dialog';
import { commonSlots } from '../../src/dialog/common-slots';

// Version 2 of the VPN dialog as a later deploy might ship it: "location" loses "travel", "service" is
// removed, and a new required "os" question arrives.
const v2: DialogDefinition = {
  ...networkVpnDialog,
  version: networkVpnDialog.version + 1,
  slots: [
    commonSlots.problem(),
    { ...networkVpnDialog.slots[1], choices: networkVpnDialog.slots[1].choices!.filter((c) => c.value !== 'travel') },
    {
      id: 'os', type: 'choice',
      label: { en: 'Operating system', zh: '操作系统' },
      prompt: { en: 'Which system is your computer on?', zh: '您的电脑是什么系统？' },
      retry: { en: 'Windows or Mac?', zh: 'Windows 还是 Mac？' },
      choices: [
        { value: 'windows', label: { en: 'Windows', zh: 'Windows' } },
        { value: 'mac', label: { en: 'Mac', zh: 'Mac' }, synonyms: ['macos', 'macbook'] },
      ],
    },
    ...networkVpnDialog.slots.slice(3),
  ],
  summary: undefined,
};

describe('version migration', () => {
  it('keeps answers whose slots still exist and asks the new ones, mid-dialog', () => {
    // Arrange: a v1 conversation that answered location and is now on the urgency question.
    const first = startDialog(networkVpnDialog, { text: 'my VPN has been failing since this morning with error 809, whole team affected', lang: 'en' });
    const stored = JSON.parse(JSON.stringify(continueDialog(networkVpnDialog, first.state, { text: 'home' }).state));
    expect(stored.cursor).toBe('urgency');
    // Act: the deploy happened; the user answers the pending question.
    const turn = continueDialog(v2, DialogState.parse(stored), { text: "I can't work" });
    // Assert
    expect(turn.state.version).toBe(networkVpnDialog.version + 1);
    expect(turn.state.slots).toMatchObject({ location: 'home', since: 'since this morning', impact: 'team', urgency: 'blocked' });
    expect(turn.state.slots.service).toBeUndefined();
    expect(turn.question!.slot).toBe('os');
  });

  it('drops a choice answer that is no longer offered and asks it again', () => {
    const first = startDialog(networkVpnDialog, { text: 'VPN broken', lang: 'en' });
    const onLocation = continueDialog(networkVpnDialog, first.state, { text: 'it does not connect at all' });
    const afterTravel = continueDialog(networkVpnDialog, onLocation.state, { text: 'hotel' });
    expect(afterTravel.state.slots.location).toBe('travel');
    const { state } = migrateState(v2, afterTravel.state);
    expect(state.slots.location).toBeUndefined();
    expect(state.history).not.toContain('location');
  });

  it('asks the next question when the pending one was removed, without misreading the answer', () => {
    const first = startDialog(networkVpnDialog, { text: 'my VPN keeps dropping since yesterday', lang: 'en' });
    const state = { ...first.state, cursor: 'service' };
    const turn = continueDialog(v2, state, { text: 'GlobalProtect' });
    expect(turn.question).toMatchObject({ slot: 'location', notice: expect.stringContaining('changed') });
    expect(Object.values(turn.state.slots)).not.toContain('GlobalProtect');
  });

  it('refuses a state of another dialog with a message naming the fix', () => {
    const other = { ...startDialog(networkVpnDialog, { text: 'vpn', lang: 'en' }).state, dialogId: 'email' };
    expect(() => migrateState(networkVpnDialog, other)).toThrow(/look the definition up by state.dialogId/);
  });
});
