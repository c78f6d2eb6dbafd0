import type { PersonRole } from '../types';

type Person = { name: string; role?: PersonRole };

// A Latin name: one to three capitalised words ("Jane Doe", "Mary-Ann O'Neil").
const EN_NAME = "([A-Z][a-z'’-]{1,20}(?: [A-Z][a-z'’-]{1,20}){0,2})";
// A Chinese name: a common surname and one or two characters, or 小/老 + surname.
const ZH_NAME = '((?:[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤][\\u4e00-\\u9fff]{1,2}|[小老][\\u4e00-\\u9fff]))';

const EN_RULES: [PersonRole, RegExp][] = [
  ['manager', new RegExp(`\\b(?:my |our |the )?(?:line |direct )?(?:manager|boss|supervisor|team lead|lead)(?: is|,|:)? ${EN_NAME}`, 'g')],
  ['approver', new RegExp(`\\b(?:approved by|approver(?: is|:)?|sign-?off from|signed off by) ${EN_NAME}`, 'g')],
  ['approver', new RegExp(`${EN_NAME}(?: \\([^()\\n]{1,30}\\))? (?:has |had )?(?:already )?(?:approved|signed off|okayed|ok'?d|gave (?:the )?(?:approval|go-ahead|ok))`, 'g')],
  ['assistant', new RegExp(`\\b(?:my |our )?(?:assistant|pa|secretary|ea)(?: is|,|:)? ${EN_NAME}`, 'g')],
  ['new_hire', new RegExp(`\\b(?:new (?:hire|starter|joiner|employee|colleague)|newcomer|intern)(?: is|,|:)? (?:called |named )?${EN_NAME}`, 'g')],
  ['new_hire', new RegExp(`${EN_NAME} (?:is )?(?:starts|starting|joins|joining|will start|will join)\\b`, 'g')],
  ['colleague', new RegExp(`\\b(?:my |our )?(?:colleague|coworker|co-worker|teammate)(?: is|,|:)? ${EN_NAME}`, 'g')],
];
const ZH_RULES: [PersonRole, RegExp][] = [
  ['manager', new RegExp(`(?:经理|领导|主管|老板|上级)(?:是|：|:)?\\s*${ZH_NAME}`, 'g')],
  ['approver', new RegExp(`(?:审批人|批准人)(?:是|：|:)?\\s*${ZH_NAME}`, 'g')],
  // "部门总监周蕾已经在邮件里审批同意了": the title before the name, the approval after it.
  ['approver', new RegExp(`(?:总监|部长|经理|领导|主管|老板|上级)?\\s*${ZH_NAME}(?:已经|已)?(?:在[^，。！？\\n]{0,8})?(?:审批同意|审批通过|批准|同意了|批了)`, 'g')],
  ['approver', new RegExp(`${ZH_NAME}(?:已经|已)?(?:批准|审批通过|同意|批)`, 'g')],
  ['assistant', new RegExp(`(?:助理|秘书)(?:是|：|:)?\\s*${ZH_NAME}`, 'g')],
  ['new_hire', new RegExp(`(?:新员工|新同事|新人|实习生|新来的同事)(?:是|叫|：|:)?\\s*${ZH_NAME}`, 'g')],
  ['new_hire', new RegExp(`${ZH_NAME}(?:下周[一二三四五六日天]?|明天|周[一二三四五六日天])?(?:入职|报到)`, 'g')],
  ['colleague', new RegExp(`(?:同事)(?:是|：|:)?\\s*${ZH_NAME}`, 'g')],
];
const NOT_NAMES = /^(?:I|It|The|This|That|He|She|They|We|My|Our|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Outlook|Teams|VPN|Please|Thanks|Hi|Hello|New|Next|Already|Also|Just)$/;

const NOT_ZH_NAMES = /^(?:周[一二三四五六日天末]|明天|今天|后天|下周|月底|周末|同事|经理|小时|小组|老板|老师)/;

/** Named people with the role the sentence gives them ("my manager Jane Doe", "经理王芳", "new hire Tom Lee starts Monday"). */
export function findPeople(text: string): Person[] {
  const t = text.slice(0, 5_000);
  const people: Person[] = [];
  const add = (name: string, role: PersonRole) => {
    const clean = name.trim().replace(/[’']s$/, '');
    const words = clean.split(' ').filter((w) => !NOT_NAMES.test(w));
    const kept = /[\u4e00-\u9fff]/.test(clean) ? clean.replace(/(?:已经|已|下周|明天)$/, '') : words.join(' ');
    if (kept.length < 2 || NOT_ZH_NAMES.test(kept) || people.some((p) => p.name === kept)) return;
    people.push({ name: kept, role });
  };
  for (const [role, re] of [...EN_RULES, ...ZH_RULES]) for (const m of t.matchAll(re)) add(m[1], role);
  return people;
}

const APPROVAL_GIVEN = /\b(?:already |has |have |had )?(?:approved|signed off|okayed|ok['’]?d|oked|gave (?:the )?(?:approval|go-ahead|ok|green light)|said (?:it'?s )?(?:ok|okay|fine|yes))\b|\b(?:manager|boss|supervisor|lead|head|director|owner|he|she|they)(?: [a-z]+){0,2} (?:is|was|are) (?:fine|ok|okay|happy) with (?:it|this|that)\b|approval (?:is |was )?(?:given|granted|done)|已经?(?:批准|审批通过|同意|批了)|审批(?:已经)?通过|(?:领导|经理|主管|老板|总监|部长|总)(?:已经)?(?:同意|批)了|已经?[^，。！？\n]{0,8}审批(?:同意|通过|过)了?|审批同意了/i;
const APPROVAL_PENDING = /\b(?:not (?:yet )?approved|waiting for (?:the )?approval|pending approval|needs? (?:an? )?approval|will approve|to approve|awaiting approval)\b|还没(?:有)?(?:批|审批|同意)|待审批|等(?:待)?审批|需要审批/i;

/** Whether the message says the approval is already given, or still pending. */
export function findApproval(text: string): 'given' | 'pending' | undefined {
  const t = text.slice(0, 5_000);
  if (APPROVAL_PENDING.test(t)) return 'pending';
  if (APPROVAL_GIVEN.test(t)) return 'given';
  return undefined;
}
