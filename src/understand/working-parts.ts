import { withoutClauses } from './clauses';

// A clause that only says something else works, or is not in use: "Internet and Teams work fine", "email is OK though", "Internet + email fine",
// "not on the VPN", "网络和Teams都正常", "没开VPN". What it names is not what the problem is about. "It still works",
// "目前还正常" are about the same thing, and "others are fine", "别人都正常" about who is affected: they stay.
const WORKS_EN = /^(?:but |and |though |although |while |whereas )?(?!(?:it|this|that|everything|all|things|stuff|otherwise|others|other people|everyone|everybody|colleagues|the rest)\b)(?:the |my |our )?[\w.&/+-]+(?:(?:,| and| &| \+| or) (?:the |my |our )?[\w.&/+-]+){0,4} (?:(?:works?|is|are|seems?|seem) (?:(?:all |still |totally |perfectly |completely |absolutely )?(?:fine|ok|okay|normal|normally|good)|(?:still )?working(?: fine| normally| ok| okay)?)|(?:all |both )?(?:fine|ok|okay))(?: (?:though|too|for me|for us|as well|at least))?$/i;
const WORKS_ZH = /^(?:但是?|不过|而且)?(?!目前|现在|暂时|还|都|也|一切|其他|别的|其它|别人|同事|大家|它|这)[^，。；！？、\s]{2,16}?(?:都|也|还)?(?:是)?(?:正常|没问题|好好的|能用|可以用)(?:的)?$/;
const NOT_IN_USE = /\b(?:not (?:on|using|connected to|through)|without|off) (?:the |a )?vpn\b|(?:没(?:有)?|不|未)(?:开|连|用|连接)(?:了)?\s*vpn/gi;

/**
 * The text without its clauses that say something works or is not used: the classifier and the application
 * reading should not take "Teams" from "Internet and Teams work fine, so it's between us and the servers".
 * The whole text when nothing else is left ("works fine now" is a message of its own).
 */
export function withoutWorkingParts(text: string): string {
  return withoutClauses(text.replace(NOT_IN_USE, ' '), (clause) => WORKS_EN.test(clause) || WORKS_ZH.test(clause));
}
