import { withoutClauses } from './clauses';

/**
 * Self-help steps a person says they already took ("cleared the cache", "Chrome和Edge都试过了", "重启过了"),
 * and whether an article's steps are those: an article that only repeats what they did answers nothing.
 */
type Step = { tried: RegExp; offered: RegExp };

const STEPS: Record<'cache' | 'browser' | 'restart' | 'reinstall', Step> = {
  cache: {
    tried: /\b(?:clear(?:ed)?|deleted|wiped) (?:the |my |all )?(?:browser )?(?:cache|cookies)\b|\bcache (?:is )?cleared\b|清(?:了|除了|理了|空了|过)(?:一下)?(?:浏览器)?(?:的)?(?:缓存|cache|cookie)/i,
    offered: /\bcache\b|\bcookies?\b|缓存/i,
  },
  browser: {
    tried: /\b(?:tried|same (?:in|on|with)|also (?:in|on)|happens (?:in|on)) (?:a |an )?(?:another|other|different|chrome|edge|firefox|safari)\b|\b(?:chrome|edge|firefox|safari)\s*(?:and|&|\/|和|跟)\s*(?:chrome|edge|firefox|safari)\b[^.!?。！？\n]{0,12}(?:都试|试过|tried|same|也一样|都一样)|换(?:了|过)(?:个|其他|别的|一个)?浏览器/i,
    offered: /\b(?:another|different|other) browser\b|换(?:个|一个)?(?:其他|别的|另一个)?浏览器/i,
  },
  restart: {
    // "it restarted by itself", "别演示到一半自己重启了": the machine restarting is no step they took.
    tried: /(?<!\b(?:it|laptop|pc|computer|machine|which|that|windows) )\b(?:restarted|rebooted)\b(?! (?:by itself|on its own|itself|randomly|in the middle))|\btried (?:restarting|rebooting)\b|\bturned it off and on\b|(?<!自己|自动|突然)重启(?:了|过)/i,
    offered: /\brestart|\breboot|重启/i,
  },
  reinstall: {
    tried: /\breinstalled\b|\btried reinstalling\b|重装(?:了|过)|重新安装(?:了|过)/i,
    offered: /\breinstall|重装|重新安装/i,
  },
};

/** Whether an article's shown steps are mostly what the text says was already tried (two of them, or the only one). */
export function repeatsTriedSteps(text: string, articleSteps: string): boolean {
  const tried = Object.values(STEPS).filter((s) => s.tried.test(text));
  if (tried.length === 0) return false;
  const repeated = tried.filter((s) => s.offered.test(articleSteps)).length;
  return repeated >= Math.min(2, tried.length);
}

// A clause telling what was already done: "已经重启过也重新登录过公司账号", "I've already logged out and back in to my account".
const TRIED = /^.{0,30}?(?:(?:已经|也|都).{0,4}(?:重启|重新登录|重新登|重装|重新安装|清(?:了|过)?缓存|退出(?:再|重新)?登录?|注销)(?:过|了)|\b(?:i'?ve|i have|already) (?:already )?(?:restarted|rebooted|reinstalled|logged (?:out and )?(?:back )?in|signed (?:out and )?(?:back )?in|cleared the cache)\b)/i;

/**
 * The text without its clauses about steps already taken: which dialog fits is what is wrong, not what was
 * tried ("已经重启过也重新登录过公司账号" names an account but is no account problem).
 */
export function withoutTriedClauses(text: string): string {
  return withoutClauses(text, (clause) => TRIED.test(clause));
}
