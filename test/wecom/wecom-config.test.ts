import { PassThrough } from 'node:stream';
import { parseConfig } from '../../src/config';
import { runWecomManifestCommand } from '../../channels/wecom/manifest.command';
import { wecomConfigFrom } from '../../channels/wecom/wecom.channel';

const FULL = { WECOM_CORP_ID: 'wwcorp', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's3cret-value', WECOM_TOKEN: 'tok3n-value', WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

describe('WeCom settings and the manifest command', () => {
  it('switches WeCom on with all five settings, knows its secrets for redaction, reads the agents list', () => {
    const config = parseConfig({ ...FULL, WECOM_AGENT_USERS: 'wangwu|zhaoliu,sunqi' });
    expect(config.channels.wecom).toBe(true);
    expect(config.secrets).toEqual(expect.arrayContaining(['s3cret-value', 'tok3n-value', FULL.WECOM_ENCODING_AES_KEY]));
    expect(wecomConfigFrom(config)).toMatchObject({ corpId: 'wwcorp', agentId: '1000002', lang: 'zh', agentUsers: ['wangwu', 'zhaoliu', 'sunqi'] });
  });

  it('refuses a partial or malformed WeCom configuration naming the variable', () => {
    expect(() => parseConfig({ WECOM_CORP_ID: 'wwcorp' })).toThrow(/WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY/);
    expect(() => parseConfig({ ...FULL, WECOM_ENCODING_AES_KEY: 'short' })).toThrow(/WECOM_ENCODING_AES_KEY/);
    expect(() => parseConfig({ ...FULL, WECOM_AGENT_ID: 'abc' })).toThrow(/WECOM_AGENT_ID/);
  });

  it('`manifest wecom` prints the callback URL, a fresh Token and EncodingAESKey, the trusted IP and the APIs', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => (out += c));
    const code = await runWecomManifestCommand(['wecom'], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: { PUBLIC_URL: 'https://desk.example.com' }, cwd: '/nonexistent-dir-without-env' });
    expect(code).toBe(0);
    expect(out).toContain('URL:            https://desk.example.com/wecom/callback');
    expect(out).toMatch(/Token:\s+[A-Za-z0-9]{32}\n/);
    const key = /EncodingAESKey: ([A-Za-z0-9]+)\n/.exec(out)?.[1];
    expect(key).toHaveLength(43);
    expect(() => parseConfig({ ...FULL, WECOM_ENCODING_AES_KEY: key })).not.toThrow();
    expect(out).toMatch(/企业可信IP/);
    expect(out).toMatch(/message\/send.*\n.*user\/get/);
  });
});
