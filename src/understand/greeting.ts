// Greetings, pleasantries and lead-ins ("different thing though -") open many messages and say nothing about the problem.
const GREETING = /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))(?:\s+[\p{L}.'-]+){0,3}?\s*[,，.!！~～]+\s*|(?:hi|hello|hey)\s+(?:there\s+)?(?=(?:i|im|i'm|my|we|our|the|can|could|is|please|pls)\b)|(?:hope (?:you(?:'re| are)|all is) [^.!?\n]*[.!]\s*)|(?:各位)?(?:老师|同事|同学|领导)?(?:们)?(?:你们?好|您好|大家好|早上好|下午好)[，,！!～~。]*\s*|(?:各位)?(?:老师|同事|同学|领导)(?:们)?好[，,！!～~。]*\s*|辛苦(?:了|啦)?[～~！!，,。]*\s*|(?:(?:a )?different (?:thing|issue|problem|question)(?: though)?|(?:one )?more thing|another thing|by the way|btw|另外|还有个事|顺便(?:说一下|问一下)?)[\s,，:：-]+|打扰(?:一下|了)?[，,！!～~。]*\s*)+/iu;

/** The text without its opening greeting ("Hi team, hope you're all well! Since …" -> "Since …"). */
export function withoutGreeting(text: string): string {
  const rest = text.trimStart().replace(GREETING, '');
  return rest.trim() ? rest : text;
}
