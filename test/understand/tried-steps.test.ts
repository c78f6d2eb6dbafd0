import { repeatsTriedSteps } from '../../src/understand/tried-steps';
import { extractApplication } from '../../src/understand/entities/names';

describe('steps already tried', () => {
  // Pending scenario zh-s7-salesforce (#16): "Chrome和Edge都试过了 清了cache也一样" was offered "clear the cache, try another browser".
  const browserSteps = '4. 清除浏览器缓存：Ctrl+Shift+Delete，然后刷新页面。\n5. 换个浏览器试试，判断是不是某个浏览器的问题。';

  it.each([
    ['Salesforce一直跳回登录页 Chrome和Edge都试过了 清了cache也一样', browserSteps],
    ['the portal keeps logging me out, cleared the cache and tried another browser, same thing', '1. Clear your browser cache and cookies.\n2. Try a different browser.'],
    ['laptop freezes every hour, already restarted twice', '1. Restart the laptop.\n2. Close heavy apps.'],
  ])('an article of what they did is no answer: "%s"', (text, steps) => expect(repeatsTriedSteps(text, steps)).toBe(true));

  it.each([
    ['Salesforce一直跳回登录页', browserSteps],
    ['cleared the cache, still failing', '1. Check the date and time.\n2. Connect to the VPN.'],
    ['cleared the cache and restarted, same', '1. Clear the cache.\n2. Check the date and time.'],
  ])('an article with steps they have not tried still is: "%s"', (text, steps) => expect(repeatsTriedSteps(text, steps)).toBe(false));
});

describe('an application named as not in use', () => {
  it.each(['用Okta SSO登的 公司wifi 没开VPN', 'on the office wifi, not on the VPN'])('"%s" names no VPN problem', (text) => expect(extractApplication(text, 'en')).not.toBe('VPN'));
  it('the VPN named as failing still is', () => expect(extractApplication('VPN连不上', 'zh')).toBe('VPN'));
});
