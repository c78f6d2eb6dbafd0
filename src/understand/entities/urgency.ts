type Urgency = { workStopped: boolean; canWait: boolean; cues: string[] };

// Said first, then removed, so "not urgent" never counts as "urgent" and "不急" never as "急".
const CAN_WAIT_G = /\b(?:not (?:that |so |very |too )?urgent|no rush|no hurry|not in a hurry|whenever (?:you|it'?s) (?:can|convenient|have time)|low priority|(?:it |this )?can wait|not a big deal|not critical|no pressure|when you get a chance|take your time|not time[- ]sensitive)\b|不(?:算|是)?(?:很|太|特别|怎么|那么)?急|没(?:那么|多|啥)急|不着急|不紧急|不赶|不用急|有空(?:的时候|再)|方便的时候|慢慢来|不赶时间|不是很着急/gi;
const WORK_STOPPED = /\b(?:(?:can'?t|cannot|can not|unable to|not able to) (?:do )?(?:any |my )?(?:work|do (?:any|my) (?:work|job)|do anything|get anything done|function)|(?:nobody|no one|noone)(?: (?:in|on|at) (?:my|our|the) \w+)? (?:can|is able to) (?:work|do anything|log ?in|connect|print)|work(?:ing)? (?:has )?(?:stopped|halted)|production (?:is )?down|(?:completely|totally|entirely) (?:down|dead|broken)|(?:is|are|went|'?s) down for (?:everyone|all)|dead in the water|at a standstill|(?:stood|standing|sat|sitting) (?:around|idle)|doing nothing|(?:whole|entire|all)\b[^.!?\n]{0,40}\b(?:lost|has no|have no|without) (?:internet|network|connectivity|power)|blocked completely|completely blocked|totally blocked|can'?t (?:ship|dispatch|invoice|sell|serve customers|take (?:orders|payments)) (?:a thing|anything)?|(?:none of us|nobody|no one|noone)\b[^.!?\n]{0,60}?\b(?:can|could|is able to|are able to)\s+(?:post|process|ship|receive|book|invoice|bill|pay|sell|check ?out|take (?:orders|payments)|dispatch|log ?in|sign ?in|access|open|use|send|save|submit|scan|run))\b|业务停了|业务中断|停工|无法工作|没法工作|不能工作|干不了活|没法干活|工作不了|无法办公|没法办公|全部停了|完全用不了|生产停了|都停了|都连不上|都上不了网|所有人都(?:用不了|连不上|登不上)/i;
const CUES_G = /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|emergency|critical|right now|immediately|right away|straight away|time[- ]sensitive|deadline|high priority|top priority|customer (?:demo|meeting|call|presentation)|client (?:demo|meeting|call|presentation)|board meeting|(?:demo|presentation) (?:this|in|at|tomorrow|today)|before (?:my|the) (?:meeting|call|demo|presentation)|go[- ]live|month[- ]end close|payroll|(?:customer|client) orders?|(?:customers?|clients?) (?:send|place|submit|e-?mail)\w* (?:us )?(?:their |all their |)orders?|(?:trucks?|lorr(?:y|ies)|customers?|clients?|patients?|drivers?|passengers?|guests?|shoppers?)\s+(?:are\s+|is\s+|already\s+|now\s+|all\s+|still\s+)*(?:waiting|queu(?:e|ing)|stuck|stranded|lining up))\b|客户(?:都)?在等|司机(?:都)?在等|车(?:都)?在等|客人(?:都)?在等|病人(?:都)?在等|顾客(?:都)?在(?:等|排队)|十万火急|非常着急|比较着急|很着急|有点着急|着急|急死了|紧急|很急|急用|加急|尽快|马上|赶紧|立刻|立即|火急|客户演示|客户会议|给客户演示|演示|汇报|开会要用|截止|上线|急[!！]*|!{3,}|！{2,}/gi;

/** Urgency in the user's own words: work stopped, "can wait", and cues like "ASAP", "急！！", "客户演示". */
export function findUrgency(text: string): Urgency {
  const t = text.slice(0, 5_000);
  const canWait = CAN_WAIT_G.test(t);
  CAN_WAIT_G.lastIndex = 0;
  const rest = t.replace(CAN_WAIT_G, ' ');
  const cues = [...new Set([...rest.matchAll(CUES_G)].map((m) => m[0].toLowerCase()))].filter((c) => !/^急$/.test(c) || !/不急/.test(t));
  const workStopped = WORK_STOPPED.test(rest);
  return { workStopped, canWait: canWait && !workStopped, cues };
}

/** The urgency slot's value: blocked, workaround or can_wait, from what the user said. */
export function urgencyValue(text: string, u: Urgency = findUrgency(text)): 'blocked' | 'workaround' | 'can_wait' | undefined {
  if (u.workStopped || u.cues.length > 0) return 'blocked';
  if (u.canWait) return 'can_wait';
  if (/\b(?:work ?around|can still work|still able to work|partially working|for now i(?:'m| am) using)\b|可以绕过|临时办法|暂时可以|还能用|凑合|将就/i.test(text.slice(0, 5_000))) return 'workaround';
  return undefined;
}
