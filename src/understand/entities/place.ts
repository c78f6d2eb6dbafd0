import type { LocationKind } from '../types';

const HOME = /\b(?:from home|at home|working from home|work from home|wfh|home office|remote(?:ly)? from home|my house|my flat|my apartment)\b|在家|居家|家里|家中/i;
const TRAVEL = /\b(?:travell?ing|on (?:a )?(?:business )?trip|at (?:the )?airport|in (?:a |my |the )?hotel|on the road|abroad|at a client(?:'s)? site|on the train)\b|出差|在外地|酒店|机场|高铁上|在路上|国外/i;
const SITE = /\b(?:(?:room|rm|desk|floor|level|building|bldg)\s*#?\s*[a-z]?\d{1,4}[a-z]?|\d{1,2}(?:st|nd|rd|th) floor|ground floor|meeting room [a-z0-9]+|warehouse|factory|plant|(?:contact|call|distribution|logistics|fulfil?ment) cent(?:er|re)|branch|reception|front desk|mail ?room|post ?room|print ?room|copy ?room|goods[- ](?:in|out)|loading (?:dock|bay)|dispatch|despatch|stock ?room|store ?room|boardroom|canteen|lobby)\b|\d{1,3}\s*(?:楼|层|号楼|栋|室)|[一二三四五六七八九十]{1,3}(?:楼|层|号楼)(?!下)|[A-Za-z]座|会议室|前台|仓库|工厂|[\u4e00-\u9fff]{1,5}(?:路|街|广场|中心|商场|机场)[\u4e00-\u9fff]{0,3}(?:店|分店|门店)|旗舰店|门店|分公司|呼叫中心|客服中心|机房|收发室|文印室|茶水间|收货区|发货区|大厅|食堂/i;
const OFFICE = /\b(?:(?:[A-Z][a-z]+ )?(?:office|hq|headquarters|campus)|at (?:the )?office|in (?:the )?office|at work)\b|(?:[\u4e00-\u9fff]{2}(?:办公室|办事处|总部|分部))|办公室|公司里|在公司|总部/;

/** Where the user or the device is: home, travelling, a particular floor or room, or an office. */
export function findLocation(text: string): { kind: LocationKind; text: string } | undefined {
  const t = text.slice(0, 5_000);
  for (const [kind, re] of [['home', HOME], ['travelling', TRAVEL], ['site', SITE], ['office', OFFICE]] as [LocationKind, RegExp][]) {
    const m = re.exec(t);
    // "the whole office is down" names the scope, not where the user sits; a named office ("London office") still counts.
    if (m && !(kind === 'office' && /^(?:office|in the office|at the office)$/i.test(m[0]) && /\b(?:whole|entire|all)\s+(?:the\s+)?office\b/i.test(t))) {
      return { kind, text: m[0].trim() };
    }
  }
  return undefined;
}

// A place you can walk to and find one device by: a room, a desk, a landmark; not a floor or a building.
const SPOT = /\b(?:reception|front desk|kitchen|pantry|lobby|entrance|canteen|cafeteria|mail ?room|print ?room|copy ?room|(?:meeting |board |conference )?room [a-z0-9]+|desk \d+|boardroom)\b|前台|茶水间|大厅|门口|食堂|会议室|文印室|\d{3,4}\s*(?:室|房间)/i;

/** Whether the place named pins one spot ("near reception", "room 4.12", "茶水间旁边"), not just a floor. */
export function isSpot(placeText: string): boolean {
  return SPOT.test(placeText);
}

// A device pinned by the team it belongs to: "人事部那台惠普打印机", "the finance printer", "our HR team's copier".
const TEAM_DEVICE = /(?:[\u4e00-\u9fff]{1,4}(?:部|组|科|处)|前台|财务|人事|行政)(?:门口|旁边)?(?:的|那台|那个|这台)[\u4e00-\u9fffA-Za-z]{0,6}?(?:打印机|复印机|扫描仪)|\b(?:the|our) (?:hr|finance|accounts|accounting|legal|sales|marketing|reception|dispatch|warehouse|payroll)(?: team| dept| department)?(?:'s)? (?:[\w-]+ )?(?:printer|copier|scanner)\b/i;

/** The words that pin a device by whose it is ("人事部那台惠普打印机"): as good as its spot for finding it. */
export function findTeamDevice(text: string): string | undefined {
  return TEAM_DEVICE.exec(text.slice(0, 5_000))?.[0];
}
