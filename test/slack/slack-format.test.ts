import { renderForSlack } from '../../channels/slack/slack-blocks';
import { SLACK_CHUNK_CHARS, splitForSlack, toMrkdwn } from '../../channels/slack/slack-format';

describe('toMrkdwn', () => {
  it.each([
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['~~gone~~', '~gone~'],
    ['[Reset guide](https://kb.acme.test/reset?a=1&b=2)', '<https://kb.acme.test/reset?a=1&amp;b=2|Reset guide>'],
    ['<https://status.acme.test>', '<https://status.acme.test>'],
    ['# Connect to the VPN', '*Connect to the VPN*'],
    ['## Steps **now**', '*Steps now*'],
    ['- first\n* second\n  - nested', '• first\n• second\n  • nested'],
    ['1. Open Settings\n2. Click **Wi-Fi**', '1. Open Settings\n2. Click *Wi-Fi*'],
    ['> quoted **text**', '>quoted *text*'],
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['run `rm **x**` now', 'run `rm **x**` now'],
    ['```\n**not bold** <tag>\n```', '```\n**not bold** &lt;tag&gt;\n```'],
    ['```\n<@U0CAROL> <!here> R&D\n```', '```\n&lt;@U0CAROL&gt; &lt;!here&gt; R&amp;D\n```'],
    ['[x](!channel) [y](@U0CAROL) [z](javascript:alert(1))', '[x](!channel) [y](@U0CAROL) [z](javascript:alert(1))'],
    ['[mail us](mailto:it@acme.test)', '<mailto:it@acme.test|mail us>'],
    ['R&D <lab> <@U0CAROL> <!channel>', 'R&amp;D &lt;lab&gt; &lt;@U0CAROL&gt; &lt;!channel&gt;'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['file_name_here', 'file_name_here'],
  ])('%j -> %j', (markdown, mrkdwn) => {
    expect(toMrkdwn(markdown)).toBe(mrkdwn);
  });
});

describe('splitForSlack', () => {
  it('keeps a short text whole', () => {
    expect(splitForSlack('hello')).toEqual(['hello']);
  });

  it('cuts at paragraph boundaries and never exceeds the limit', () => {
    // Arrange
    const text = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(900)).join('\n\n');
    // Act
    const chunks = splitForSlack(text);
    // Assert
    expect(chunks.every((c) => c.length <= SLACK_CHUNK_CHARS)).toBe(true);
    expect(chunks.every((c) => /^(\d)\1*(\n\n(\d)\3*)*$/.test(c))).toBe(true);
    expect(chunks.join('\n\n')).toBe(text);
  });

  it('does not cut inside a link', () => {
    // Arrange: a link straddling the limit with no spaces around.
    const link = '<https://kb.acme.test/a-very-long-article-address|the guide>';
    const text = 'x'.repeat(SLACK_CHUNK_CHARS - 20) + link;
    // Act
    const chunks = splitForSlack(text);
    // Assert
    expect(chunks[1]).toBe(link);
  });

  it('hard-cuts a text with no spaces at the limit', () => {
    expect(splitForSlack('y'.repeat(SLACK_CHUNK_CHARS * 2 + 5)).map((c) => c.length)).toEqual([SLACK_CHUNK_CHARS, SLACK_CHUNK_CHARS, 5]);
  });
});

describe('renderForSlack', () => {
  it('renders a card: header, text with links, fields, buttons', () => {
    // Act
    const [post] = renderForSlack({
      kind: 'card', title: 'INC-000042 · VPN', text: 'We are **on it**.',
      fields: [{ label: 'Priority', value: 'P2' }], links: [{ label: 'Status page', url: 'https://status.acme.test' }],
      choices: [{ value: 'ok', label: 'Thanks' }],
    });
    // Assert
    const blocks = post.blocks as Array<Record<string, any>>;
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(blocks[0].text.text).toBe('INC-000042 · VPN');
    expect(blocks[1].text.text).toBe('We are *on it*.\n• <https://status.acme.test|Status page>');
    expect(blocks[2].fields[0].text).toBe('*Priority*\nP2');
    expect(blocks[3].elements[0]).toMatchObject({ action_id: 'fd_choice_0', value: 'ok' });
    expect(post.text).toContain('INC-000042');
  });

  it('puts the buttons of a long question on its last post only', () => {
    // Act
    const posts = renderForSlack({ kind: 'choice', text: `${'Long context. '.repeat(400)}Which one?`, choices: [{ value: 'a', label: 'A' }] });
    // Assert
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.slice(0, -1).every((p) => p.blocks === undefined)).toBe(true);
    expect(JSON.stringify(posts.at(-1)!.blocks)).toContain('fd_choice_0');
  });

  it('truncates button labels to Block Kit\'s 75 characters', () => {
    const [post] = renderForSlack({ kind: 'choice', text: 'Pick', choices: [{ value: 'v', label: 'L'.repeat(120) }] });
    const button = (post.blocks![1] as any).elements[0];
    expect(button.text.text).toHaveLength(75);
  });
});
