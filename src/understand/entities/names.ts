import type { Lang } from '../../types/conversation';
import type { DeviceKind } from '../types';
import { withoutWorkingParts } from '../working-parts';

/** A thing users name in many ways, with the name the bot writes back in each language. */
type Named = { en: string; zh: string; re: RegExp; kind?: DeviceKind };

// Specific names come before generic ones ("iPhone" before "phone") because the first match wins.
const DEVICES: Named[] = [
  { en: 'iPhone', zh: 'iPhone', re: /\biphone\b/i, kind: 'phone' },
  { en: 'iPad', zh: 'iPad', re: /\bipad\b/i, kind: 'tablet' },
  { en: 'MacBook', zh: 'MacBook', re: /\bmacbook\b/i, kind: 'laptop' },
  { en: 'Android phone', zh: '安卓手机', re: /\bandroid\b|安卓/i, kind: 'phone' },
  { en: 'docking station', zh: '扩展坞', re: /\bdocking station\b|(?<!\b(?:at|to|from) the |loading )\bdock\b(?! (?:doors?|bays?|workers?|staff))|扩展坞|拓展坞/i, kind: 'peripheral' },
  { en: 'laptop', zh: '笔记本电脑', re: /\blaptops?\b|\bnotebook\b|\bthinkpad\b|\bsurface\b|\b(?:elitebook|probook|latitude|zenbook|chromebook|x1 carbon|lenovo x1)\b|笔记本/i, kind: 'laptop' },
  { en: 'desktop', zh: '台式机', re: /\bdesktop( pc| computer)?\b|\bworkstation\b|台式机|台式电脑|台式|主机/i, kind: 'desktop' },
  { en: 'printer', zh: '打印机', re: /\bprinters?\b|\bprinting\b|\bprint\b|\bcopier\b|打印机|打印|复印机/i, kind: 'printer' },
  { en: 'scanner', zh: '扫描仪', re: /\bscanner\b|扫描仪/i, kind: 'printer' },
  // "share my screen" / "screen sharing" / 共享屏幕 name no device.
  { en: 'monitor', zh: '显示器', re: /\bmonitors?\b|(?<!\bshar(?:e|ing)\s(?:my\s|the\s|your\s|a\s)?)\bscreen\b(?!\s?shar)|\bdisplay\b|显示器|(?<!共享|分享)屏幕(?!共享|分享)/i, kind: 'monitor' },
  { en: 'keyboard', zh: '键盘', re: /\bkeyboard\b|键盘/i, kind: 'peripheral' },
  { en: 'mouse', zh: '鼠标', re: /\bmouse\b|鼠标/i, kind: 'peripheral' },
  { en: 'headset', zh: '耳机', re: /\bheadset\b|\bheadphones?\b|耳机|耳麦/i, kind: 'peripheral' },
  { en: 'webcam', zh: '摄像头', re: /\bwebcam\b|\bcamera\b|摄像头/i, kind: 'peripheral' },
  { en: 'projector', zh: '投影仪', re: /\bprojector\b|投影仪|投影/i, kind: 'other' },
  { en: 'tablet', zh: '平板', re: /\btablet\b|平板/i, kind: 'tablet' },
  { en: 'phone', zh: '手机', re: /\b(mobile|cell|smart)?phone\b|\bmobile\b|手机/i, kind: 'phone' },
  { en: 'computer', zh: '电脑', re: /\bcomputer\b|\bpc\b|电脑/i, kind: 'other' },
];

const APPLICATIONS: Named[] = [
  { en: 'GlobalProtect', zh: 'GlobalProtect', re: /\bglobal ?protect\b/i },
  { en: 'AnyConnect', zh: 'AnyConnect', re: /\banyconnect\b/i },
  { en: 'VPN', zh: 'VPN', re: /\bvpn\b/i },
  { en: 'Outlook', zh: 'Outlook', re: /\boutlook\b/i },
  { en: 'Teams', zh: 'Teams', re: /(?<!\b(?:other|both|all|several|many|multiple|two|three|some)\s)\bteams\b/i },
  { en: 'Excel', zh: 'Excel', re: /\bexcel\b/i },
  { en: 'Word', zh: 'Word', re: /\b(?:ms|microsoft) word\b|\bWord\b|word文档/ },
  { en: 'PowerPoint', zh: 'PowerPoint', re: /\bpowerpoint\b|\bppt\b/i },
  { en: 'OneDrive', zh: 'OneDrive', re: /\bone ?drive\b/i },
  { en: 'SharePoint', zh: 'SharePoint', re: /\bsharepoint\b/i },
  { en: 'SAP', zh: 'SAP', re: /\bsap\b/i },
  { en: 'ERP', zh: 'ERP', re: /\berp\b/i },
  { en: 'CRM', zh: 'CRM', re: /\bcrm\b/i },
  { en: 'OA', zh: 'OA', re: /\boa\b|OA系统/ },
  { en: 'Zoom', zh: 'Zoom', re: /\bzoom\b/i },
  { en: 'Slack', zh: 'Slack', re: /\bslack\b/i },
  { en: 'Salesforce', zh: 'Salesforce', re: /\bsalesforce\b/i },
  { en: 'MySQL', zh: 'MySQL', re: /\bmysql\b/i },
  { en: 'PostgreSQL', zh: 'PostgreSQL', re: /\bpostgres(?:ql)?\b/i },
  { en: 'SQL Server', zh: 'SQL Server', re: /\b(?:sql server|mssql)\b/i },
  { en: 'Oracle', zh: 'Oracle', re: /\boracle\b/i },
  { en: 'Jira', zh: 'Jira', re: /\bjira\b/i },
  { en: 'Confluence', zh: 'Confluence', re: /\bconfluence\b/i },
  { en: 'Citrix', zh: 'Citrix', re: /\bcitrix\b/i },
  { en: 'Remote Desktop', zh: '远程桌面', re: /\bremote desktop\b|\brdp\b|远程桌面/i },
  { en: 'Chrome', zh: 'Chrome', re: /\bchrome\b/i },
  { en: 'Edge', zh: 'Edge', re: /\bedge\b(?= browser|浏览器)|\bmicrosoft edge\b/i },
  { en: 'Windows', zh: 'Windows', re: /\bwindows\b/i },
  { en: 'WeCom', zh: '企业微信', re: /\bwecom\b|企业微信/i },
  { en: 'DingTalk', zh: '钉钉', re: /\bdingtalk\b|钉钉/i },
  { en: 'Feishu', zh: '飞书', re: /\bfeishu\b|\blark\b|飞书/i },
  { en: 'Wi-Fi', zh: 'Wi-Fi', re: /\bwi-?fi\b|\bwireless\b|无线网|无线/i },
  { en: 'ADP', zh: 'ADP', re: /\badp\b/i },
  { en: 'Workday', zh: 'Workday', re: /\bworkday\b/i },
  { en: 'ServiceNow', zh: 'ServiceNow', re: /\bservice ?now\b/i },
  { en: 'Okta', zh: 'Okta', re: /\bokta\b/i },
  { en: 'GitLab', zh: 'GitLab', re: /\bgitlab\b/i },
  { en: 'GitHub', zh: 'GitHub', re: /\bgithub\b/i },
  { en: 'Figma', zh: 'Figma', re: /\bfigma\b/i },
  { en: 'Concur', zh: 'Concur', re: /\bconcur\b/i },
  { en: 'NetSuite', zh: 'NetSuite', re: /\bnetsuite\b/i },
  { en: 'Oracle', zh: 'Oracle', re: /\boracle\b/i },
  { en: 'Tableau', zh: 'Tableau', re: /\btableau\b/i },
  { en: 'Power BI', zh: 'Power BI', re: /\bpower ?bi\b/i },
  { en: 'Webex', zh: 'Webex', re: /\bwebex\b/i },
  { en: 'DocuSign', zh: 'DocuSign', re: /\bdocusign\b/i },
  { en: 'Adobe Acrobat', zh: 'Adobe Acrobat', re: /\b(?:adobe )?acrobat\b/i },
  { en: 'Kingdee', zh: '金蝶', re: /\bkingdee\b|金蝶/i },
  { en: 'Yonyou', zh: '用友', re: /\byonyou\b|用友/i },
];

// "报销系统", "考勤系统": the company's own system, named by what it is for.
const ZH_SYSTEM = /([\u4e00-\u9fff]{2})系统/;
const ZH_NOT_A_NAME = /^(?:我们|公司|电脑|操作|登录|登陆|一下|什么|内部|业务|管理|整套|新的)$|[的个了是在这那哪些]/;
const ZH_SYSTEM_EN: Record<string, string> = {
  报销: 'expense system', 考勤: 'attendance system', 财务: 'finance system', 人事: 'HR system', 审批: 'approval system',
  采购: 'purchasing system', 合同: 'contract system', 仓库: 'warehouse system', 订单: 'order system', 工资: 'payroll system', 薪资: 'payroll system',
};

/** "报销系统" as the application (in English "expense system" where known). */
function companySystem(text: string, lang: Lang): string | undefined {
  const m = ZH_SYSTEM.exec(text);
  if (!m) return undefined;
  const name = m[1];
  if (ZH_NOT_A_NAME.test(name)) return undefined;
  return lang === 'zh' ? `${name}系统` : ZH_SYSTEM_EN[name] ?? `${name}系统`;
}

function findNamed(table: Named[], text: string, lang: Lang): string | undefined {
  return table.find((n) => n.re.test(text))?.[lang];
}

/** The first device named in the text: its kind and the name the bot writes in `lang`. */
export function findDevice(text: string, lang: Lang): { kind: DeviceKind; text: string } | undefined {
  const hit = DEVICES.find((n) => n.re.test(text));
  return hit ? { kind: hit.kind ?? 'other', text: hit[lang] } : undefined;
}

/** The first device named in the text, as the bot writes it in `lang` ("笔记本" -> laptop / 笔记本电脑). */
export function extractDevice(text: string, lang: Lang): string | undefined {
  return findNamed(DEVICES, text, lang);
}

/**
 * The first application or service named in the text (Outlook, Teams, VPN, SAP, 企业微信 ...). One named as
 * working or not in use ("Internet and Teams work fine", "公司wifi 没开VPN") is no application of the problem.
 */
export function extractApplication(text: string, lang: Lang): string | undefined {
  const used = withoutWorkingParts(text);
  return findNamed(APPLICATIONS, used, lang) ?? companySystem(used, lang);
}

// "all the printers on 3", "all the zebra label printers", "none of the PCs", "三楼的打印机全都…", "所有电脑": several devices, not one.
const MANY_DEVICES = /\b(?:all|every|none of)(?: of)? (?:the |our |my )?(?:[\w-]+ ){0,2}(?:printers|pcs|computers|laptops|machines|desktops|monitors|screens|phones|devices)\b|所有(?:的)?(?:打印机|电脑|设备|显示器|手机)|(?:打印机|电脑|设备|显示器)(?:全都|全部|都不|一台都)|(?:[2-9]|[1-9]\d+|[两三四五六七八九十几]+)台(?:电脑|笔记本|打印机|机器|显示器|设备)|(?:电脑|机器|设备)[^，。！？\n]{0,12}(?:全部|全都)/i;

/** Whether the text is about several devices at once (no "which printer?" then). */
export function saysManyDevices(text: string): boolean {
  return MANY_DEVICES.test(text.slice(0, 5_000));
}
