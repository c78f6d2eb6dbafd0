import type { Lang } from '../types/conversation';

const HAN_G = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[A-Za-z]{2,}/g;
// Addresses, links, ticket numbers, error codes and numbers say nothing about the language.
// Each alternative starts only at the beginning of a run (lookbehind), which keeps 20,000 characters without a space linear.
const NOT_LANGUAGE = /(?<![^\s\u3400-\u9fff:：,，(（])[^\s@\u3400-\u9fff]*@[^\s\u3400-\u9fff]+|(?<!\S)(?:https?:\/\/|www\.)\S+|\b(?:INC|REQ)-?\d+\b|\b0x[0-9a-f]+\b|\b[A-Z]{2,}[-_]?\d+\b|\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b/gi;
// Product and system names Chinese users type in Latin letters; not a sign of English.
const PRODUCTS = new Set(('vpn outlook teams excel word powerpoint ppt onedrive sharepoint sap erp crm oa zoom slack salesforce jira confluence ' +
  'citrix rdp chrome edge windows mac macos ios android iphone ipad macbook thinkpad wifi wi fi lan it pc usb hdmi mfa otp sso ad pdf ' +
  'globalprotect anyconnect office365 office m365 microsoft google gmail wecom dingtalk feishu lark app api id ok okay bug dns ip server ' +
  // Field labels in front of an address or number ("email: ...", "tel ...").
  'email mail address tel phone mobile number ext').split(' '));
// Products and apps English speakers at Chinese companies name in Chinese.
const ZH_PRODUCTS = /企业微信|微信|飞书|钉钉|用友|金蝶|腾讯会议|泛微/g;
// Everyday English words: a sentence has some, a name or product list has none.
const EN_COMMON = new Set(('a an the i me my mine it is are was be been not no yes and or but to of in on at for with from since by ' +
  'this that just only all can cant cannot dont doesnt didnt wont isnt please thanks thank you we our they their ' +
  'today yesterday morning afternoon ago hours days week when what why how still again some every wait work works working ' +
  'have has had do does did get got need want help fixed broken now there here who where which').split(' '));

function counts(text: string): { han: number; words: string[] } {
  const stripped = text.slice(0, 20_000).replace(NOT_LANGUAGE, ' ');
  const han = stripped.match(HAN_G)?.length ?? 0;
  const words = (stripped.match(/[A-Za-z']{2,}|\bI\b/g) ?? []).map((w) => w.toLowerCase().replace(/'/g, ''));
  return { han, words };
}

/** The language a message is written in, without history: Han characters that outweigh Latin words make it Chinese. */
export function detectLanguage(text: string, fallback: Lang = 'en'): Lang {
  const { han, words } = counts(text);
  const latin = words.filter((w) => !PRODUCTS.has(w)).length;
  if (han === 0 && latin === 0) return han === 0 && words.length > 0 ? 'en' : fallback;
  return han >= Math.max(1, latin) ? 'zh' : 'en';
}

/**
 * The conversation's language after this message: it stays unless the message is a clear sentence in
 * the other language. An address, a code, a number, a product name or a name ("Alex Chen") never switch it.
 */
export function stickyLanguage(text: string, current: Lang | undefined): Lang {
  if (!current) return detectLanguage(text, 'en');
  const { han, words } = counts(text);
  if (current === 'en') {
    const latin = words.filter((w) => !PRODUCTS.has(w)).length;
    // "企业微信 version 4.1.30": a Chinese product name in an English sentence is a name, not Chinese.
    const sentenceHan = han - (text.slice(0, 20_000).match(ZH_PRODUCTS)?.join('').length ?? 0);
    return sentenceHan >= 2 && sentenceHan >= latin ? 'zh' : 'en';
  }
  // Chinese words in a Chinese conversation keep it Chinese, however many product names and codes surround them.
  if (han > 0) return current;
  const plainWords = words.filter((w) => !PRODUCTS.has(w));
  const common = plainWords.filter((w) => EN_COMMON.has(w)).length;
  return (common >= 1 && plainWords.length >= 2) || plainWords.length >= 4 ? 'en' : current;
}

/** Whether the text has enough letters to tell its language (not "1", "ok?" or an emoji). */
export function hasLanguageSignal(text: string): boolean {
  // What the chat app puts for a picture or a voice note ("[图片]") is no words; nor is a cat on the keyboard ("jjjjjjkkkk").
  const words = text.replace(PLACEHOLDER, ' ').replace(/([A-Za-z])\1{2,}/g, '$1');
  return /[\u3400-\u9fff]/.test(words) || /[A-Za-z]{3,}/.test(words);
}

// WeCom, Feishu, Teams and Slack exports write these where a picture, file, voice note or sticker was.
const PLACEHOLDER = /\[(?:图片|文件|语音|表情|视频|动画表情|链接|image|photo|picture|file|sticker|voice|video|gif)\]/gi;
