import { sendHtml } from '../../src/http/body';
import type { HttpRouter } from '../../src/http/router';

/** Paths the Teams package names as the app's privacy statement and terms of use (teams-manifest.ts). */
export const LEGAL_PATHS = { privacy: '/privacy', terms: '/terms' } as const;

const PAGES: Record<keyof typeof LEGAL_PATHS, { title: string; en: string[]; zh: string[] }> = {
  privacy: {
    title: 'Privacy statement · 隐私声明',
    en: [
      'This IT service desk assistant is run by your organisation\'s IT department, on its own server.',
      'It stores what you tell it and your name, e-mail address and department as your workplace account shows them, to log and follow up your tickets. Service-desk agents of your organisation read them; nobody else does.',
      'Conversations are kept for the period your IT department has set (one year unless it changed it); ticket numbers, categories and satisfaction scores are kept for reporting without your words.',
      'You can ask the service desk for a copy of everything stored about you, or to erase it.',
    ],
    zh: [
      '本 IT 服务台助手由贵单位的 IT 部门在其自有服务器上运行。',
      '它会保存您告诉它的内容，以及您工作账号中的姓名、电子邮箱和部门，用于登记和跟进您的工单。只有贵单位的服务台工作人员可以查看。',
      '对话记录的保存期限由 IT 部门设定（默认一年）；工单编号、类别和满意度评分会在去除您的原话后保留用于统计。',
      '您可以向服务台索取关于您的全部数据副本，或要求删除。',
    ],
  },
  terms: {
    title: 'Terms of use · 使用条款',
    en: [
      'Use this assistant to report IT problems and request IT services for your work.',
      'Do not send passwords, one-time codes or other secrets: the service desk never needs them.',
      'Answers and articles are offered in good faith; for urgent security incidents also follow your organisation\'s security procedures.',
      'Your organisation\'s IT policies apply to everything you send here.',
    ],
    zh: [
      '请使用本助手报告工作中的 IT 故障或申请 IT 服务。',
      '请勿发送密码、一次性验证码或其他机密信息：服务台从不需要这些信息。',
      '助手提供的答复和文章仅供参考；遇到紧急安全事件时，请同时按照贵单位的安全流程处理。',
      '您在此发送的所有内容均适用贵单位的 IT 政策。',
    ],
  },
};

const list = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');

/** The page at one of LEGAL_PATHS: English and Chinese on one page (Teams links to one URL per app). */
export function legalPage(kind: keyof typeof LEGAL_PATHS): string {
  const page = PAGES[kind];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${page.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${page.title}</h1>
<section lang="en">${list(page.en)}</section>
<section lang="zh">${list(page.zh)}</section>
</body></html>`;
}

/** Serve the privacy statement and the terms of use the Teams package links to. */
export function mountLegalPages(router: HttpRouter): void {
  for (const kind of Object.keys(LEGAL_PATHS) as Array<keyof typeof LEGAL_PATHS>) {
    router.add('GET', LEGAL_PATHS[kind], (_req, res) => sendHtml(res, legalPage(kind)));
  }
}
