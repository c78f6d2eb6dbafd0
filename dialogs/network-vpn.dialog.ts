import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** Network and VPN problems: where the user connects from matters more than anything else. */
export const networkVpnDialog = defineDialog({
  id: 'network-vpn',
  version: 2,
  category: 'network',
  type: 'incident',
  title: { en: 'Network or VPN problem', zh: '网络或 VPN 问题' },
  triggers: {
    en: ['vpn', 'globalprotect', 'global protect', 'anyconnect', 'wifi', 'wi-fi', 'wireless', 'network', 'internet', 'offline', 'connection', 'disconnects', 'ethernet', 'between us and the servers', 'between us and the server'],
    zh: ['vpn', '网络', '无线', '断网', '上不了网', '连不上', '网速', '掉线', 'wifi'],
  },
  slots: [
    commonSlots.problem(),
    {
      id: 'location', type: 'choice', extract: 'location',
      label: { en: 'Connecting from', zh: '连接地点' },
      prompt: { en: 'Where are you connecting from?', zh: '您是在哪里连接网络的？' },
      retry: { en: 'Please pick one: office, home, or travelling / public Wi-Fi.', zh: '请选择：办公室、家里，或出差/公共 Wi-Fi。' },
      choices: [
        { value: 'office', label: { en: 'Office', zh: '办公室' }, synonyms: ['at the office', 'in the office', 'work', '公司', '在公司'] },
        { value: 'home', label: { en: 'Home', zh: '家里' }, synonyms: ['at home', 'from home', 'wfh', 'working from home', '在家', '居家'] },
        { value: 'travel', label: { en: 'Travelling / public Wi-Fi', zh: '出差 / 公共 Wi-Fi' }, synonyms: ['hotel', 'airport', 'travelling', 'traveling', 'public wifi', 'cafe', '酒店', '机场', '出差', '公共网络'] },
      ],
    },
    {
      id: 'service', type: 'text', extract: 'application', optional: true,
      label: { en: 'Connection type', zh: '连接方式' },
      prompt: { en: 'Is it the VPN, Wi-Fi or a cable connection?', zh: '是 VPN、Wi-Fi 还是有线网络？' },
      retry: { en: 'Please say VPN, Wi-Fi or cable.', zh: '请回复 VPN、Wi-Fi 或有线。' },
    },
    commonSlots.error(),
    commonSlots.since(),
    commonSlots.impact(),
    commonSlots.urgency(),
    commonSlots.contact(),
  ],
  summary: {
    en: '[{service}||Network][ {error}||: {problem}][ {since}][, {impact}]',
    zh: '[{service}||网络][ {error}||：{problem}][，{since}][，{impact}]',
  },
});
