import type { ScopeLevel } from '../types';

type Scope = { level: ScopeLevel; count?: number; text: string };

// Checked in this order: the widest scope named wins ("me and the whole team" is the team).
const LEVELS: [ScopeLevel, RegExp][] = [
  ['remote_staff', /\b(?:all|every|everyone|everybody)\s+(?:of\s+(?:the|our)\s+)?(?:remote|home[- ]?(?:office|working)|wfh)\s*(?:staff|workers|users|employees|colleagues|people)?\b|\b(?:everyone|everybody|all staff|all users)\s+(?:working\s+)?(?:from home|remotely|on vpn|on the vpn)\b|(?:所有|全部|全体)?远程(?:办公|工作)?的?(?:同事|员工|人员|用户)|在家办公的(?:同事|人)都/i],
  ['company', /\b(?:(?:everyone|everybody)(?! (?:in|on|at|from) (?!the company))|all (?:users|staff|employees|of us|colleagues)|(?:the )?(?:whole|entire) (?:company|organi[sz]ation|business|firm)|company[- ]wide|(?:nobody|no one|noone) (?:can|is able|at all)|all offices|every office|all sites|all (?:the |our )?(?:stores|shops|branches|restaurants|warehouses|plants|sites|locations|outlets)|every (?:store|shop|branch|restaurant|site|location|outlet)|(?:all (?:the |our )?|every (?:single )?)(?:customers?|clients?|shoppers?))\b|所有人|所有客户|全部客户|(?:所有|全部|每个|每家)(?:的)?(?:门店|店|店铺|分店|网点|餐厅|仓库|工厂|分公司|办公室|站点)|大家都|全公司|整个公司|全员|全体|所有同事|全集团|公司所有人/i],
  ['office', /\b(?:(?:the )?(?:whole|entire|all of the|all the) (?:[A-Z][a-z]+ )?(?:office|building|site|branch|campus)|(?:everyone|everybody|nobody|no one|noone) (?:in|at) (?:the |our )?(?:[A-Z][a-z]+ )?(?:office|building|site|branch))\b|整个(?:[\u4e00-\u9fff]{0,4})?(?:办公室|办公区|大楼|楼层|园区|分公司)|整栋楼|全楼|整个楼|全办公室|整条(?:产线|生产线|流水线)|(?:[两三四五六七八九十几多]|好几)条(?:产线|生产线|流水线)|(?:产线|生产线|流水线)(?:全|都)(?:停|瘫|挂)|全线(?:停|瘫|都)|全厂|整个(?:工厂|车间|厂区)/i],
  ['department', /\b(?:(?:the |my |our )?(?:whole|entire) (?:[a-z]+ )?(?:department|dept|division|floor)|everyone on (?:the |my |our )?floor|all of (?:finance|sales|hr|marketing|engineering|legal|accounting)|(?:finance|sales|hr|marketing|engineering|legal|accounting|it) (?:department|dept|team) (?:all|is all)|everyone in (?:finance|sales|hr|marketing|engineering|legal|accounting|my department|the department))\b|整个部门|全部门|我们部门|部门(?:的人|同事)?都|全科室|整层|这层楼都|整个楼层/i],
  ['team', /\b(?:(?:the |my |our )?(?:whole|entire) (?:[a-z]+ )?(?:team|group)|my team|our team|our (?:group)|team[- ]wide|(?:the )?rest of (?:the|my) team|everyone (?:in|on) (?:my|our|the) team)\b|\b(?:everyone|everybody|the whole (?:[a-z]+ )?(?:office|team|floor)|we all|they all) (?:here )?(?:uses?|relies on|depends on|shares) (?:it|this|that|the)\b|整个团队|整个组|我们组|我们团队|全组|组里(?:的人)?都|团队都|整个[\u4e00-\u9fff]{1,4}都(?:用|在用|靠|要用)|(?:大家|全组|全部门)都(?:在)?(?:用|靠)(?:它|这台|这个)|整个前台|共用的/i],
  ['few', /\b(?:(?:several|many|multiple|a few|some|other|two|three|a couple of) (?:colleagues|people|users|coworkers|co-workers|of us|others)|others (?:too|as well|also)|(?:can'?t|cannot) (?:\w+ )?(?:either)|me and (?:my |a )?(?:colleague|coworker|co-worker|neighbou?r)|not (?:just|only) (?:that|this) one|(?:the|another|our) [\w-]+(?: [\w-]+)? (?:in|on|at) (?:the )?[\w-]+ (?:does|is doing|has|shows) (?:exactly |just )?the same|both (?:of them|printers|machines|computers|scanners|devices|sites)|(?:other|my) colleagues? (?:too|also|as well|have|has))\b|几个同事|好几个人|不只(?:是|有)?这(?:一)?台|(?:另一台|另外一台|那台)[^，。！？\n]{0,12}也(?:一样|是这样|这样)|两台都|多个同事|其他同事|其他人也|别人也|同事(?:们)?也|旁边的同事|几个人/i],
  // "not just me" / "不只有我" say the opposite.
  ['me', /(?<!\b(?:not|isn['’]?t|it['’]?s not|its not)\s)\b(?:(?:just|only) (?:me|my|mine|myself)|nobody else|no one else|only i\b|it'?s just me|others are fine|everyone else is fine)\b|(?<![不并])只有我|(?<![不并])就我|(?<![不并])只是我|仅我|别人(?:都)?(?:没|正常|可以)|其他人(?:都)?(?:正常|没问题|可以)/i],
];

const EN_COUNT = /\b(?:about |around |roughly |over |more than |nearly |almost |~)?(\d{1,5})\+?\s*(?:people|users|colleagues|staff|employees|persons|of us|folks|members|seats|machines)\b/i;
const ZH_COUNT = /(?:大概|大约|差不多|有|近|超过)?(\d{1,5}|[一二两三四五六七八九十百几]{1,4})\s*(?:多)?(?:个)?(?:人|同事|用户|员工|位)/;
const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function zhNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.includes('几')) return s.startsWith('十') || s.endsWith('十') ? 15 : s.includes('百') ? 200 : 5;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '十') { total += (digit || 1) * 10; digit = 0; } else if (ch === '百') { total += (digit || 1) * 100; digit = 0; } else digit = ZH_DIGITS[ch] ?? 0;
  }
  return total + digit || undefined;
}

const LEVEL_ORDER: ScopeLevel[] = ['me', 'few', 'team', 'department', 'office', 'company', 'remote_staff'];

function levelOfCount(n: number): ScopeLevel {
  if (n <= 1) return 'me';
  if (n <= 5) return 'few';
  if (n <= 30) return 'team';
  if (n <= 200) return 'department';
  return 'company';
}

/** Who is affected: me / a few / the team / a department / an office / the company / all remote staff, with a head count if given. */
export function findScope(text: string): Scope | undefined {
  const t = text.slice(0, 5_000);
  const en = EN_COUNT.exec(t);
  const zh = en ? null : ZH_COUNT.exec(t);
  const count = en ? Number(en[1]) : zh ? zhNumber(zh[1]) : undefined;
  for (const [level, re] of LEVELS) {
    const m = re.exec(t);
    if (!m) continue;
    // "十几个人" says "a few people" in words and fifteen in number: the number decides among the small scopes.
    const byCount = count ? levelOfCount(count) : undefined;
    const wider = byCount && (level === 'me' || level === 'few') && LEVEL_ORDER.indexOf(byCount) > LEVEL_ORDER.indexOf(level);
    return { level: wider ? byCount : level, ...(count ? { count } : {}), text: m[0].trim() };
  }
  if (count && count > 1) return { level: levelOfCount(count), count, text: (en ?? zh)![0].trim() };
  return undefined;
}

/** The impact slot's value for a scope: me, team or everyone. */
export function impactOfScope(level: ScopeLevel): 'me' | 'team' | 'everyone' {
  if (level === 'me') return 'me';
  return level === 'office' || level === 'company' || level === 'remote_staff' ? 'everyone' : 'team';
}
