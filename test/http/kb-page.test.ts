import { renderArticleBody } from '../../src/http/kb-page';

describe('article pages', () => {
  it('opens a Chinese article link on the Chinese page', () => {
    const html = renderArticleBody('1. 密码过期：见 [重置密码](kb:password-reset?lang=zh)。');

    expect(html).toContain('<a href="/kb/password-reset?lang=zh" rel="noopener">重置密码</a>');
  });

  it('opens a plain kb link on the English page', () => {
    expect(renderArticleBody('See [Reset your password](kb:password-reset).')).toContain('href="/kb/password-reset"');
  });
});
