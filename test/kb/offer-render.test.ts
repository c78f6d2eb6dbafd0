import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { composeReply } from '../../channels/email/compose-reply';
import { renderForSlack } from '../../channels/slack/slack-blocks';
import { adaptiveCardOf } from '../../channels/teams/teams-render';
import { WEBCHAT_PAGE, WEBCHAT_SCRIPT } from '../../channels/webchat/webchat.page';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { buildKbOffer } from '../../src/kb/offer-message';
import { offerSearch } from '../../src/kb/offer-search';
import { launchChromium } from '../helpers/browser';

jest.setTimeout(60_000);

// A real offer: the real articles, the chat's kbSearch and the card builder, rendered by every channel.
const kb = KnowledgeBase.load(join(__dirname, '..', '..', 'kb-articles'));
const url = (id: string, lang: string) => `https://desk.example.com/kb/${id}?lang=${lang}`;
const card = buildKbOffer(offerSearch(kb, 'cant print, printer shows offline on windows 11', 'en', url), 'en');
const article = 'https://desk.example.com/kb/printer-offline?lang=en';
const inlineLink = 'https://desk.example.com/kb/printer-add?lang=en';

describe('the knowledge-base card in every channel', () => {
  it('is the Windows steps of printer-offline, with a link inside step 6', () => {
    expect(card.text).toMatch(/\*\*Steps: Windows\*\*\n1\. [^\n]+\n2\. [^\n]+\n3\. /);
    expect(card.text).toContain(`](${inlineLink})`);
    expect(card.links[0].url).toBe(article);
  });

  it('Slack: one section whose steps stay numbered lines, links as <url|label>, and the yes/no buttons', () => {
    const [post] = renderForSlack(card);
    const section = post.blocks!.find((b) => b.type === 'section') as { text: { text: string } };

    expect(section.text.text).toMatch(/\*Steps: Windows\*\n1\. [^\n]+\n2\. /);
    expect(section.text.text).toContain(`<${inlineLink}|Add a printer>`);
    expect(section.text.text).toContain(`<${article}|Full article: Printer shows offline or print jobs are stuck>`);
    expect(post.blocks!.some((b) => b.type === 'actions')).toBe(true);
  });

  it('Teams: the steps stay one numbered list (single newlines), the article opens from a button', () => {
    const content = adaptiveCardOf(card).content as { body: { type: string; text?: string }[]; actions: { type: string; url?: string }[] };
    const text = content.body.map((b) => b.text ?? '').join('\n');

    expect(text).toMatch(/\*\*Steps: Windows\*\*\n1\. [^\n]+\n2\. [^\n]+\n3\. /);
    expect(text).toMatch(/Did this solve it\?$/m);
    expect(content.actions).toContainEqual(expect.objectContaining({ type: 'Action.OpenUrl', url: article }));
  });

  it('Mail: the steps are bullets in both parts (numbers are kept for the choices you answer with) and the article is a real link', () => {
    const ref = { channel: 'email' as const, conversationId: 'c@x', userId: 'alice@example.com' };
    const sender = { address: 'helpdesk@example.com', name: 'IT', domain: 'example.com', threadSecret: 'render-secret-0123456789' };
    const mail = composeReply(ref, card, 1, sender);

    expect(mail.html).toMatch(/<strong>Steps: Windows<\/strong><br>\n• [^\n]+<br>\n• /);
    expect(mail.text).toMatch(/Steps: Windows\n• [^\n]+\n• /);
    expect(mail.html).toContain(`<a href="${article.replace(/&/g, '&amp;')}">`);
    expect(mail.html).toContain(`<a href="${inlineLink}">Add a printer</a>`);
    expect(mail.text).toContain(`Add a printer <${inlineLink}>`);
  });

  describe('web chat in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it('shows the steps line by line, with working links and bold headings, not raw Markdown', async () => {
      const page = await browser.newPage();
      const event = `id: 1\nevent: message\ndata: ${JSON.stringify({ message: card })}\n\n`;
      await page.route('http://chat.test/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/webchat.js') return route.fulfill({ contentType: 'text/javascript', body: WEBCHAT_SCRIPT });
        if (path === '/api/chat/events') return route.fulfill({ contentType: 'text/event-stream', body: event });
        return route.fulfill({ contentType: 'text/html', body: WEBCHAT_PAGE });
      });
      await page.goto('http://chat.test/');
      const bubble = page.locator('.msg.bot').first();
      await bubble.waitFor();

      const text = (await bubble.innerText()).replace(/\r/g, '');
      expect(text).toMatch(/Steps: Windows\n1\. [^\n]+\n2\. /);
      expect(text).not.toMatch(/\]\(https?:|\*\*/);
      expect(await bubble.locator('a', { hasText: 'Add a printer' }).getAttribute('href')).toBe(inlineLink);
      expect(await bubble.locator('strong', { hasText: 'Steps: Windows' }).count()).toBe(1);
      await page.close();
    });
  });
});
