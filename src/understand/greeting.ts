// Greetings, pleasantries and lead-ins ("different thing though -") open many messages and say nothing about the problem.
const GREETING = /^(?:(?:hi|hiya|heya|hey there|hello|hey|howdy|dear|good (?:morning|afternoon|evening))(?:\s+[\p{L}.'-]+){0,3}?\s*(?:[,，.!！~～]+|\s[-–—]+\s)\s*|(?:hi|hiya|heya|hello|hey)\s+(?:there\s+)?(?=(?:i|im|i'm|my|we|our|the|can|could|is|please|pls|any|anyone|quick)\b|[\u3400-\u9fff])|(?:hope (?:you(?:'re| are)|all is) [^.!?\n]*[.!]\s*)|(?:各位)?(?:老师|同事|同学|领导)?(?:们)?(?:你们?好|您好|大家好|早上好|下午好)[，,！!～~。]*\s*|(?:各位)?(?:老师|同事|同学|领导)(?:们)?好[，,！!～~。]*\s*|辛苦(?:了|啦)?[～~！!，,。]*\s*|(?:(?:a )?different (?:thing|issue|problem|question)(?: though)?|(?:one )?more thing|another thing|by the way|btw|(?:a )?quick (?:one|question|q)|另外|还有个事|顺便(?:说一下|问一下)?)[\s,，:：-]+|打扰(?:一下|了)?[，,！!～~。]*\s*|在吗[？?，,！!\s]+)+/iu;

/** The text without its opening greeting ("Hi team, hope you're all well! Since …" -> "Since …"). */
export function withoutGreeting(text: string): string {
  const rest = text.trimStart().replace(GREETING, '');
  return rest.trim() ? rest : text;
}

// What a person says about their own paste ("whole stack trace below sorry its long", "日志我全贴上来了 太长了不好意思"):
// about the message, not the problem.
const PASTE_NOTE = /[\s,，]*(?:(?:the |a )?(?:whole|full|entire|complete) (?:stack ?trace|trace|log|logs|error|output)s? (?:is |are )?(?:below|attached|pasted)(?: here)?|sorry[^,.!?\n]*?(?:long|wall of text|spam|paste|the length))[\s,.:：!]*|[\s，,]*(?:(?:日志|报错|错误信息?|截图)(?:我)?(?:全|都)?(?:贴|发)(?:上来|在下面|出来|给你们?)了?|(?:太长了?)?(?:不好意思|抱歉)(?:[，,]?太长了?)?)[\s，,:：。]*/gi;

/** The text without what its writer says about the paste itself ("full log below, sorry it's long"). */
export function withoutPasteNote(text: string): string {
  // The note usually ends the headline before the paste: a full stop keeps the two apart.
  return text.replace(PASTE_NOTE, (note) => (/[\u3400-\u9fff]/.test(note) ? '。' : '. ')).replace(/\.\s*(?:\.\s*)+/g, '. ').replace(/。+/g, '。')
    .replace(/\s{2,}/g, ' ').replace(/^[.。]\s*/, '').trim();
}
