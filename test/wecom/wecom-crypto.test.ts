import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { decrypt as packageDecrypt } from '@wecom/crypto';
import { WecomCrypto } from '../../channels/wecom/wecom-crypto';
import { interpret } from '../../channels/wecom/wecom-callback';
import { parseWecomXml } from '../../channels/wecom/wecom-xml';

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'official-vectors.json'), 'utf8'));
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('WeCom callback crypto against the official sample vectors', () => {
  it.each(['urlVerify', 'urlVerifyWw'])('%s: the echostr signature verifies and decrypts to the sample plaintext', (name) => {
    const v = vectors[name];
    const crypto = new WecomCrypto(v.token, v.encodingAesKey, v.corpId);
    expect(crypto.signature(v.timestamp, v.nonce, v.echostr)).toBe(v.msg_signature);
    // The documented recipe by hand: sha1 over the four values sorted and joined.
    expect(createHash('sha1').update([v.token, v.timestamp, v.nonce, v.echostr].sort().join('')).digest('hex')).toBe(v.msg_signature);
    expect(crypto.verify(v.msg_signature, v.timestamp, v.nonce, v.echostr)).toBe(true);
    expect(crypto.decrypt(v.echostr)).toBe(v.plain);
  });

  it('the sample message POST verifies and decrypts to the sample text message', () => {
    const v = vectors.message;
    const crypto = new WecomCrypto(v.token, v.encodingAesKey, v.corpId);
    const encrypted = parseWecomXml(v.body)!.Encrypt;
    expect(crypto.verify(v.msg_signature, v.timestamp, v.nonce, encrypted)).toBe(true);
    const plain = crypto.decrypt(encrypted);
    expect(plain).toBe(v.plain);
    expect(interpret(parseWecomXml(plain)!)).toEqual({ kind: 'text', userId: 'mycreate', msgId: '4561255354251345929', text: 'hello', agentId: '218' });
  });

  it('encrypts so that WeCom (the package\'s decryption) reads it back, with the corp id as receive id', () => {
    const v = vectors.message;
    const crypto = new WecomCrypto(v.token, v.encodingAesKey, v.corpId);
    const encrypted = crypto.encrypt('你好，世界 <xml/>');
    expect(packageDecrypt(v.encodingAesKey, encrypted)).toMatchObject({ message: '你好，世界 <xml/>', id: v.corpId });
    expect(crypto.decrypt(encrypted)).toBe('你好，世界 <xml/>');
  });

  it('refuses what the package would accept: another corp\'s receive id, a wrong signature, bad padding, truncated text', () => {
    const v = vectors.message;
    const crypto = new WecomCrypto(v.token, v.encodingAesKey, v.corpId);
    const other = new WecomCrypto(v.token, v.encodingAesKey, 'wwsomeoneelse');
    expect(() => other.decrypt(crypto.encrypt('x'))).toThrow('receive id');
    expect(crypto.verify(v.msg_signature.replace(/^4/, '5'), v.timestamp, v.nonce, parseWecomXml(v.body)!.Encrypt)).toBe(false);
    expect(crypto.verify('not-hex', v.timestamp, v.nonce, 'x')).toBe(false);
    const blocks = Buffer.from(parseWecomXml(v.body)!.Encrypt, 'base64');
    expect(() => crypto.decrypt(blocks.subarray(0, blocks.length - 16).toString('base64'))).toThrow();
    expect(() => crypto.decrypt(blocks.subarray(0, 32).toString('base64'))).toThrow();
    expect(() => crypto.decrypt('%%%')).toThrow('Base64');
    expect(() => new WecomCrypto('t', 'short', 'c')).toThrow('43');
  });
});

describe('WeCom callback XML', () => {
  it('reads the documented text message and template_card_event', () => {
    expect(interpret(parseWecomXml(fixture('text-message.xml'))!)).toEqual({ kind: 'text', userId: 'fromUser', msgId: '1234567890123456', text: 'this is a test', agentId: '1' });
    expect(interpret(parseWecomXml(fixture('template-card-event.xml'))!)).toEqual({
      kind: 'card_click', userId: 'FromUser', taskId: 'taskid111', eventKey: 'key111', responseCode: 'ResponseCode', createTime: '123456789', agentId: '1',
    });
    expect(interpret(parseWecomXml(fixture('enter-agent-event.xml'))!)).toEqual({ kind: 'ignored', reason: 'event/enter_agent not handled' });
  });

  it('decodes entities outside CDATA, keeps the first of repeated elements, refuses what is not WeCom XML', () => {
    expect(parseWecomXml('<xml><A>a &lt;b&gt; &amp; &#20320;</A><A>x</A></xml>')).toEqual({ A: 'a <b> & 你' });
    expect(parseWecomXml('<?xml version="1.0"?><xml><B><![CDATA[<x>]]></B></xml>')).toEqual({ B: '<x>' });
    expect(parseWecomXml('{"a":1}')).toBeNull();
    expect(parseWecomXml(`<xml>${'<A>x</A>'.repeat(20_000)}</xml>`)).toBeNull();
    expect(parseWecomXml('<xml><__proto__>x</__proto__></xml>')?.constructor).toBeUndefined();
    // Unclosed CDATA sections are skipped (one pass, whatever their number); leaves inside other elements are read.
    expect(parseWecomXml(`<xml>${'<A><![CDATA['.repeat(5000)}<B>ok</B></xml>`)).toEqual({ B: 'ok' });
    expect(parseWecomXml('<xml><A>x<B>y</B></A><C><![CDATA[z]]></C></xml>')).toEqual({ B: 'y', C: 'z' });
  });
});
