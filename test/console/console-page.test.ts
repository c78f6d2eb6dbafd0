import { CONSOLE_PAGE, loginPage } from '../../src/console/console.page';
import { CONSOLE_SCRIPT } from '../../src/console/console.script';

describe('console page and script', () => {
  test('the script is valid JavaScript and never writes HTML', () => {
    expect(() => new Function(CONSOLE_SCRIPT)).not.toThrow();
    expect(CONSOLE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  test('the pages carry no inline script or event handler (the CSP allows scripts from this origin only)', () => {
    for (const html of [CONSOLE_PAGE, loginPage(null), loginPage('locked')]) {
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toMatch(/\son[a-z]+=/);
    }
  });

  test('every form control has a label', () => {
    const ids = [...CONSOLE_PAGE.matchAll(/<(?:input|textarea)[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(4);
    for (const id of ids) expect(CONSOLE_PAGE).toContain(`<label for="${id}">`);
  });
});
