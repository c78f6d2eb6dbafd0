import type { Lang } from '../types/conversation';

/** The runner's own sentences, in both languages; dialog definitions hold the questions. */
export const MESSAGES = {
  understood: { en: 'Here is what I understood:', zh: '我目前了解到的信息：' },
  skipNotAllowed: {
    en: "I need this one to help you. Please answer it, or say 'talk to a human'.",
    zh: '这一项是必需的，请回答；或者回复“转人工”。',
  },
  nothingToGoBack: { en: 'This is the first question.', zh: '这已经是第一个问题了。' },
  goingBack: { en: "OK, let's go back.", zh: '好的，回到上一步。' },
  formChanged: { en: 'The questions changed a little since your last answer.', zh: '问题有所更新。' },
  optionalHint: { en: "(optional: say 'skip' to leave it out)", zh: '（可选，回复“跳过”即可略过）' },
  numberHint: { en: 'Reply with the number or the answer.', zh: '请回复编号或选项内容。' },
  skipLabel: { en: 'Skip', zh: '跳过' },
  yes: { en: 'Yes', zh: '是' },
  no: { en: 'No', zh: '否' },
  formIntro: {
    en: 'To get this to the right person, please answer these questions in one reply, keeping the numbers:',
    zh: '为了尽快转给合适的同事处理，请在一封回复中回答以下问题，保留编号：',
  },
  formOptional: { en: 'optional', zh: '可选' },
  formOptions: { en: 'Options', zh: '选项' },
  formExample: { en: 'For example:', zh: '例如：' },
  formUnparsed: {
    en: "I couldn't read all the answers. Please answer these, keeping the numbers:",
    zh: '有些回答没能识别，请回答以下问题并保留编号：',
  },
} satisfies Record<string, Record<Lang, string>>;

/** One of the runner's sentences in a language. */
export function say(key: keyof typeof MESSAGES, lang: Lang): string {
  return MESSAGES[key][lang];
}
