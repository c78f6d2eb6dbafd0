import { incidentSay, resolvedParams } from '../../src/incidents/incident-messages';

describe('the "known problem fixed" sentence quotes only what is in the reader\'s language', () => {
  const bilingual = 'VPN（深信服）华东接入节点故障 / VPN (Sangfor) East China gateway down';

  test('a Chinese reader gets the Chinese half of a bilingual title and no English resolution note', () => {
    const text = incidentSay('zh', 'resolvedAsk', { mi: 'MI-000001', ticket: 'INC-000001', ...resolvedParams('zh', bilingual, 'The service is restored.') });
    expect(text).toBe('已知问题 MI-000001（VPN（深信服）华东接入节点故障）已修复。您的工单 INC-000001 随之解决。您这边恢复正常了吗？');
  });

  test('an English reader gets the English half and the note', () => {
    const text = incidentSay('en', 'resolvedNote', { mi: 'MI-000001', ticket: 'INC-000001', ...resolvedParams('en', bilingual, 'The gateway was restarted.') });
    expect(text).toMatch(/^The known problem MI-000001 \(VPN \(Sangfor\) East China gateway down\) has been fixed: The gateway was restarted\. Your ticket/);
  });

  test('a title wholly in the other language is left out, the number stays', () => {
    expect(resolvedParams('zh', 'Zoom fails with error 5003', '已恢复')).toEqual({ about: ' ', resolution: '：已恢复' });
    expect(resolvedParams('en', '邮件服务器故障', '')).toEqual({ about: '', resolution: '' });
  });

  // Held-out batch 13 (#16, seen in passing): the fixed notice quoted "… are investigating; next update 08:30 UTC".
  test('the old status text after the headline is left out', () => {
    const title = 'Rotterdam DC handheld scanners cannot reach the WMS: Infrastructure and the vendor are investigating; next update 08:30 UTC.';
    expect(resolvedParams('en', title, 'The service is restored.').about).toBe(' (Rotterdam DC handheld scanners cannot reach the WMS)');
  });
});
