import { readPlatformReply } from '../../../src/core/remind/reply';

describe('reading a robot’s reply', () => {
  test('success as each platform says it, the old Feishu shape too', () => {
    expect(readPlatformReply('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true, detail: 'ok', retryable: false, hint: null });
    expect(readPlatformReply('feishu', 200, '{"code":0,"data":{},"msg":"success"}').ok).toBe(true);
    expect(readPlatformReply('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}').ok).toBe(true);
    expect(readPlatformReply('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
  });

  test('a failure with HTTP 200 is a failure; the detail drops links, hint ids and the caller’s IP', () => {
    const reply = readPlatformReply(
      'wecom',
      200,
      '{"errcode":93000,"errmsg":"invalid webhook url, hint: [1755605200056773468916791], from ip: 172.212.167.87, more info at https://open.work.weixin.qq.com/devtool/query?e=93000"}',
    );
    expect(reply).toEqual({ ok: false, detail: '93000 invalid webhook url', retryable: false, hint: 'remind.reply.badWebhook' });
    expect(readPlatformReply('wecom', 200, '{"errcode":40058,"errmsg":"markdown.content exceed max length 4096. invalid Request Parameter"}').hint).toBe(
      'remind.reply.tooLong',
    );
  });

  test('rate limits and busy servers may be retried', () => {
    expect(readPlatformReply('wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}')).toMatchObject({
      retryable: true,
      hint: 'remind.reply.rateLimited',
    });
    expect(readPlatformReply('feishu', 200, '{"code":11232,"data":{},"msg":"frequency limited"}')).toMatchObject({
      retryable: true,
      hint: 'remind.reply.rateLimited',
    });
    expect(readPlatformReply('dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}')).toMatchObject({ retryable: true });
    expect(readPlatformReply('dingtalk', 502, '<html>502 Bad Gateway</html>')).toEqual({
      ok: false,
      detail: 'HTTP 502 <html>502 Bad Gateway</html>',
      retryable: true,
      hint: null,
    });
    expect(readPlatformReply('feishu', null, 'getaddrinfo ENOTFOUND open.feishu.cn')).toMatchObject({
      ok: false,
      retryable: true,
      detail: 'getaddrinfo ENOTFOUND open.feishu.cn',
    });
  });

  test('what a person can fix gets a hint: signature, keyword, IP list, a removed robot', () => {
    expect(
      readPlatformReply('feishu', 200, '{"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"}'),
    ).toMatchObject({
      ok: false,
      retryable: false,
      hint: 'remind.reply.signature',
      detail: '19021 sign match fail or timestamp is not within one hour from current time',
    });
    expect(readPlatformReply('feishu', 200, '{"code":19001,"data":{},"msg":"param invalid: incoming webhook access token invalid"}').hint).toBe(
      'remind.reply.badWebhook',
    );
    expect(readPlatformReply('dingtalk', 200, '{"errcode":310000,"errmsg":"keywords not in content"}').hint).toBe('remind.reply.keyword');
    expect(
      readPlatformReply('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}'),
    ).toMatchObject({
      hint: 'remind.reply.signature',
      detail: '310000 sign not match, more: […',
    });
    expect(readPlatformReply('dingtalk', 200, '{"errcode":310000,"errmsg":"ip X.X.X.X not in whitelist"}').hint).toBe('remind.reply.ipWhitelist');
    expect(readPlatformReply('dingtalk', 200, '{"errcode":300001,"errmsg":"token is not exist"}').hint).toBe('remind.reply.badWebhook');
  });
});
