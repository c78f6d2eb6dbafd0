import { startDialog, continueDialog } from '../../src/dialog/runner';
import { hardwarePrinterDialog } from '../../dialogs/hardware-printer.dialog';
import { generalIncidentDialog } from '../../dialogs/general-incident.dialog';
import { networkVpnDialog } from '../../dialogs/network-vpn.dialog';
import { securityDialog } from '../../dialogs/security.dialog';
import { DialogDefinition } from '../../src/dialog/schema';
import { activeSlots, isActive } from '../../src/dialog/progress';
import { buildResult } from '../../src/dialog/result';
import { commonSlots } from '../../src/dialog/common-slots';
import { walk } from './helpers';

const hardwareAnswers = { problem: 'it does not start', printer_name: 'PRN-1', asset: 'PC-1', location: 'HQ 2nd floor', error: 'skip', since: 'today', impact: '1', urgency: '1', contact: 'a@example.com' };

describe('questions that fit what is known', () => {
  it.each([
    ['my laptop will not start, I am working from home', ['since', 'impact', 'urgency', 'contact']],
    ['laptop screen flickers', ['since', 'impact', 'urgency', 'contact']],
    ['my iPad does not charge', ['since', 'impact', 'urgency', 'contact']],
    ['the printer prints blank pages', ['printer_name', 'location', 'since', 'impact', 'urgency', 'contact']],
    ['my desktop PC beeps and will not boot', ['asset', 'location', 'since', 'impact', 'urgency', 'contact']],
    ['打印机卡纸了，在3楼', ['printer_name', 'since', 'impact', 'urgency', 'contact']],
    // A whole team or floor without printing is not one printer: no "which printer?".
    ['三楼的打印机全都打印不了了，整个财务部都用不了', ['since', 'urgency', 'contact']],
    ['none of the printers on floor 2 work for our whole team', ['since', 'urgency', 'contact']],
    // Issue #16 (held-out en-s7-dispatch-labels-breach, zh-angry-hr-printer-third-time): several words before
    // "printers" still make them several, and the team's own printer is found by asking for the team, not its name.
    ['all the zebra label printers in dispatch stopped, the whole dispatch team is affected', ['since', 'urgency', 'contact']],
    ['人事部那台惠普打印机又卡纸又脱机', ['location', 'since', 'impact', 'urgency', 'contact']],
    ['出差在酒店，笔记本开不了机', ['since', 'impact', 'urgency', 'contact']],
  ])('"%s" asks %j', (text, expected) => {
    const first = startDialog(hardwarePrinterDialog, { text });
    const { asked } = walk(hardwarePrinterDialog, first, hardwareAnswers);
    expect(asked.filter((id) => id !== 'error')).toEqual(expected);
  });

  it('asks the laptop user for no asset tag, printer name or room, and keeps the answers it got out of the ticket', () => {
    const first = startDialog(hardwarePrinterDialog, { text: 'my laptop battery is swollen', lang: 'en' });
    const { turn } = walk(hardwarePrinterDialog, first, hardwareAnswers);
    expect(turn.result!.slots).not.toHaveProperty('asset');
    expect(turn.result!.slots).not.toHaveProperty('printer_name');
    expect(turn.result!.slots).not.toHaveProperty('location');
  });

  it('a device named in a later answer decides too', () => {
    const first = startDialog(hardwarePrinterDialog, { text: 'it makes a strange noise and then turns off', lang: 'en' });
    expect(first.question!.slot).toBe('device');
    const next = continueDialog(hardwarePrinterDialog, first.state, { text: 'my laptop' });
    expect(next.state.facts).toMatchObject({ device: 'laptop' });
    expect(walk(hardwarePrinterDialog, next, hardwareAnswers).asked).not.toContain('location');
  });

  it('a how-to question gets no "since when" and no "what were you doing"', () => {
    const first = startDialog(generalIncidentDialog, { text: 'how do I let my assistant edit my calendar?', lang: 'en' });
    const { asked } = walk(generalIncidentDialog, first, { error: 'skip', impact: '1', urgency: '3', name: 'Ann', department: 'skip', contact: 'ann@example.com' });
    expect(asked).not.toContain('since');
    expect(asked).not.toContain('doing');
  });

  it('reads where the user connects from', () => {
    expect(startDialog(networkVpnDialog, { text: 'VPN drops every few minutes, working from home' }).state.slots.location).toBe('home');
    expect(startDialog(networkVpnDialog, { text: '出差在酒店，VPN连不上' }).state.slots.location).toBe('travel');
  });

  it('the security dialog takes the kind of event and the phone number from the first message', () => {
    const first = startDialog(securityDialog, { text: 'I left my laptop in a taxi, call me on +44 20 7946 0018', lang: 'en' });
    expect(first.state.slots).toMatchObject({ kind: 'lost_device', device: 'laptop', phone: '+44 20 7946 0018' });
    const leak = startDialog(securityDialog, { text: '客户资料发错人了', lang: 'zh' });
    expect(leak.state.slots.kind).toBe('data_leak');
  });
});

describe('`when` on facts', () => {
  const slot = { ...commonSlots.doing(), when: [{ fact: 'device' as const, in: ['printer'] }, { fact: 'location' as const, notIn: ['home'], ifUnknown: true }] };

  it('all conditions must hold; an unknown fact counts as `ifUnknown` (default: applies)', () => {
    expect(isActive(slot, {}, { device: 'printer' })).toBe(true);
    expect(isActive(slot, {}, { device: 'printer', location: 'home' })).toBe(false);
    expect(isActive(slot, {}, { device: 'laptop' })).toBe(false);
    expect(isActive({ ...slot, when: { fact: 'device', in: ['printer'], ifUnknown: false } }, {}, {})).toBe(false);
  });

  it('`known: false` applies only while the fact is unsaid: no printer name once they named its spot', () => {
    expect(isActive({ ...slot, when: { fact: 'spot', known: false } }, {}, {})).toBe(true);
    expect(isActive({ ...slot, when: { fact: 'spot', known: false } }, {}, { spot: 'reception' })).toBe(false);
    const described = startDialog(hardwarePrinterDialog, { text: 'the big HP near reception shows paper jam but nothing is stuck', lang: 'en' });
    expect(described.question?.slot).not.toBe('printer_name');
  });

  it('a caller with the answers only (no facts) keeps every answered slot', () => {
    const first = startDialog(hardwarePrinterDialog, { text: 'the printer prints blank pages', lang: 'en' });
    const named = continueDialog(hardwarePrinterDialog, first.state, { text: 'PRN-3F-02' });
    expect(activeSlots(hardwarePrinterDialog, named.state.slots).map((s) => s.id)).toContain('printer_name');
    expect(buildResult(hardwarePrinterDialog, named.state).slots.printer_name).toBe('PRN-3F-02');
  });

  it('the definition schema accepts fact conditions and rejects unknown facts', () => {
    expect(DialogDefinition.safeParse(hardwarePrinterDialog).success).toBe(true);
    const bad = { ...hardwarePrinterDialog, slots: [...hardwarePrinterDialog.slots, { ...commonSlots.doing(), when: { fact: 'mood', in: ['sad'] } }] };
    expect(DialogDefinition.safeParse(bad).success).toBe(false);
  });
});
