import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** Hardware and printers: which device, where it is (for desk-bound devices), and the printer name or asset tag where it helps. */
export const hardwarePrinterDialog = defineDialog({
  id: 'hardware-printer',
  version: 2,
  category: 'hardware',
  type: 'incident',
  title: { en: 'Hardware or printer problem', zh: '硬件或打印机问题' },
  // Not plain "screen" / 屏幕: "share my screen" / 共享屏幕 is a Teams or Zoom question, not a broken monitor.
  triggers: {
    en: ['printer', 'printing', 'print', 'scanner', 'copier', 'photocopier', 'mfp', 'scan to email', 'scan to e-mail', 'scan to folder', 'laptop', 'monitor', 'black screen', 'blank screen', 'screen is black', 'screen stays black', 'screen flickers', 'flickering screen', 'cracked screen', 'broken screen', 'second screen', 'external screen', 'keyboard', 'mouse', 'docking station', 'headset', 'webcam', 'battery', "won't turn on", 'paper jam', 'toner'],
    zh: ['打印机', '打印', '扫描仪', '复印机', '扫描到邮箱', '笔记本', '显示器', '黑屏', '花屏', '闪屏', '屏幕不亮', '屏幕黑', '屏幕闪', '屏幕碎', '屏幕坏', '外接屏幕', '键盘', '鼠标', '扩展坞', '耳机', '摄像头', '电池', '开不了机', '卡纸', '墨盒', '硒鼓'],
  },
  slots: [
    {
      id: 'device', type: 'text', extract: 'device',
      label: { en: 'Device', zh: '设备' },
      prompt: { en: 'Which device is it (laptop, printer, monitor ...)?', zh: '是哪台设备（笔记本、打印机、显示器……）？' },
      retry: { en: 'Please name the device, e.g. "printer" or "laptop".', zh: '请说明设备，例如“打印机”或“笔记本”。' },
    },
    commonSlots.problem(),
    {
      // Only a printer has a queue name worth asking for, and only while nobody named its spot ("the big HP
      // near reception" tells the technician which one; "on the 3rd floor" does not), and only about one
      // printer: "all the printers on 3 are down" has no single name.
      id: 'printer_name', type: 'text', optional: true,
      when: [{ fact: 'device', in: ['printer'], ifUnknown: false }, { fact: 'spot', known: false }, { fact: 'devices', known: false }],
      label: { en: 'Printer name', zh: '打印机名称' },
      prompt: { en: 'What is the printer name? It is on a sticker on the printer (e.g. PRN-3F-02).', zh: '打印机名称是什么？通常贴在打印机上（例如 PRN-3F-02）。' },
      retry: { en: 'Please type the name, e.g. "PRN-3F-02", or say "skip".', zh: '请输入名称，例如“PRN-3F-02”，不清楚可回复“跳过”。' },
    },
    {
      // An asset tag helps find a desk-bound device; a laptop or phone travels with its owner, who is known. Forty PCs have no one tag.
      id: 'asset', type: 'text', optional: true, when: [{ fact: 'device', in: ['desktop', 'monitor', 'peripheral', 'other'], ifUnknown: false }, { fact: 'devices', known: false }],
      label: { en: 'Asset tag', zh: '资产编号' },
      prompt: { en: 'What is the asset tag? It is on a sticker on the device.', zh: '设备的资产编号是什么？通常贴在设备上。' },
      retry: { en: 'Please type the tag, e.g. "PC-04512", or say "skip".', zh: '请输入编号，例如“PC-04512”，不清楚可回复“跳过”。' },
    },
    {
      // Nobody visits a home or a hotel, and a mobile device is wherever its owner is.
      id: 'location', type: 'text', extract: 'location',
      when: [{ fact: 'location', notIn: ['home', 'travelling'] }, { fact: 'device', notIn: ['laptop', 'phone', 'tablet'] }],
      label: { en: 'Location', zh: '位置' },
      prompt: { en: 'Where is it? Building, floor and room or desk.', zh: '设备在哪里？楼栋、楼层和房间或工位。' },
      retry: { en: 'Please give a location, e.g. "HQ, 3rd floor, room 312".', zh: '请给出位置，例如“总部 3 楼 312 室”。' },
    },
    commonSlots.error(),
    commonSlots.since(),
    commonSlots.impact(),
    commonSlots.urgency(),
    commonSlots.contact(),
  ],
  summary: { en: '{device}: {problem}[ ({location})][, {impact}]', zh: '{device}：{problem}[（{location}）][，{impact}]' },
});
