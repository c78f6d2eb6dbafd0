// "honestly this is ridiculous … AGAIN … third time this month", "怎么又坏了 第三次了 太离谱了": the person is fed up.
const FED_UP = /\b(?:this is (?:ridiculous|unacceptable|a joke|insane|getting silly)|ridiculous|unacceptable|fed up|sick of|(?:third|fourth|fifth|3rd|4th|5th) time|again and again|keeps happening|(?:for|is) the (?:third|fourth|fifth|\d+(?:rd|th)) time|(?:yet|once) again)\b|第[二三四五六七八九十\d]+次|又(?:来了|出问题了|坏了|不行了)|怎么又|太离谱|无语|受不了|烦死|气死|什么效率|效率太低|(?<![说克佩制收信征舒衣顺折降])服了|还让不让人(?:干活|工作|上班)|(?:上周|上次|之前|昨天)(?:就|已经)?(?:报|提|反馈)过[^。！？\n]{0,10}(?:没人管|没人理|没下文|没消息)/i;
// Written in capitals to be heard: "showing 'no signal' AGAIN".
const SHOUTED = /\b(?:AGAIN|STILL|NOTHING|NEVER)\b/;

/** Whether the message says the person is fed up with the problem or the wait (a reply should acknowledge it first). */
export function soundsFedUp(text: string): boolean {
  const t = text.slice(0, 5_000);
  return FED_UP.test(t) || SHOUTED.test(t);
}

// An outburst as a sentence of its own: how they feel, not what is wrong ("honestly this is ridiculous.", "这效率也太低了吧").
const OUTBURST = /^(?:honestly,? |seriously,? |ok,? |so,? )?(?:this is (?:ridiculous|unacceptable|a joke|insane)|ridiculous|unacceptable|i can'?t work like this|无语了?|服了|受不了了|还让不让人(?:干活|工作|上班)了?(?:吗)?|(?:这|你们(?:的)?)?效率(?:也)?太(?:低|差)了?(?:吧)?|(?:太|真)(?:离谱|过分)了?(?:吧)?)[\s?!.,？！。，]*$/i;

/** Whether a sentence is only an outburst: a summary skips it, and beside a chase it is no new report. */
export function isOutburst(sentence: string): boolean {
  return OUTBURST.test(sentence.trim());
}
