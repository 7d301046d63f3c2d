import { formatError } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import {
  DEFAULT_REMINDER_SETTINGS,
  maskedReminderSettings,
  maskSecret,
  maskWebhook,
  parseReminderSettings,
  webhookChannel,
} from '../../../src/core/remind/settings';

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa3f2a';
const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd';
const LARK = 'https://open.larksuite.com/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd';
const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=ff6cd723bdb4455fe18a9f6b5d0e9c04e2b4f8e3b1c1a30dbeff007f5a1b2c3d';

/** The refusal as the person reads it, in both languages. */
function refusal(raw: unknown): { zh: string; en: string } {
  const read = (lang: 'zh-CN' | 'en') => {
    try {
      parseReminderSettings(raw, lang);
    } catch (error) {
      return formatError(error, translator(lang));
    }
    throw new Error('accepted');
  };
  return { zh: read('zh-CN'), en: read('en') };
}

describe('reminder settings', () => {
  test('what is left out takes the defaults: off, WeCom, 08:30, today and overdue, @ people', () => {
    expect(parseReminderSettings({}, 'zh-CN')).toEqual(DEFAULT_REMINDER_SETTINGS);
  });

  test('each platform’s webhook is accepted for its channel, Lark’s for Feishu, a local simulator for any', () => {
    const on = (channel: string, webhook: string, secret = '') => parseReminderSettings({ enabled: true, channel, webhook, secret }, 'zh-CN');
    expect(on('wecom', WECOM).webhook).toBe(WECOM);
    expect(on('feishu', FEISHU, 'nIMtb7r3N9pkXyXdtAbx6e').secret).toBe('nIMtb7r3N9pkXyXdtAbx6e');
    expect(on('feishu', LARK).channel).toBe('feishu');
    expect(on('dingtalk', DINGTALK, 'SEC1f6b5d0e9c04e2b4f8e3b1c1a3').channel).toBe('dingtalk');
    expect(on('wecom', ' http://127.0.0.1:40123/cgi-bin/webhook/send?key=abc-123 ').webhook).toBe('http://127.0.0.1:40123/cgi-bin/webhook/send?key=abc-123');
    expect(on('dingtalk', 'http://localhost:8080/robot/send?access_token=abc123').channel).toBe('dingtalk');
    expect(webhookChannel('http://127.0.0.1:9/open-apis/bot/v2/hook/x-1')).toBe('feishu');
  });

  test('a webhook of another site is refused, naming the field in the person’s language', () => {
    const { zh, en } = refusal({ enabled: true, channel: 'wecom', webhook: 'https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=abc' });
    expect(zh).toContain('「Webhook 地址」不是企业微信群机器人的 Webhook 地址');
    expect(zh).toContain('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…');
    expect(en).toContain('"Webhook URL" is not a WeCom group robot webhook');
    expect(refusal({ enabled: true, channel: 'feishu', webhook: 'https://open.feishu.cn/open-apis/bot/v1/hook/abc' }).zh).toContain(
      '不是飞书自定义机器人的 Webhook 地址',
    );
    expect(refusal({ enabled: true, channel: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc#x' }).zh).toContain('钉钉');
  });

  test('a webhook of the other platform says which one it is', () => {
    expect(refusal({ enabled: true, channel: 'wecom', webhook: FEISHU }).zh).toBe(
      '「Webhook 地址」是飞书自定义机器人的地址，但发送渠道选的是企业微信群机器人：请改选渠道，或换成企业微信群机器人的地址。',
    );
  });

  test('plain http is refused except on this machine', () => {
    expect(refusal({ enabled: true, channel: 'wecom', webhook: WECOM.replace('https', 'http') }).en).toContain('must start with https://');
    expect(refusal({ enabled: true, channel: 'wecom', webhook: 'http://192.168.1.5:80/cgi-bin/webhook/send?key=a' }).en).toContain('must start with https://');
  });

  test('turning a chat channel on needs its webhook; while off it may be blank', () => {
    expect(refusal({ enabled: true, channel: 'dingtalk' }).zh).toBe('请填写「Webhook 地址」：在钉钉自定义机器人的设置里复制机器人的 Webhook 地址粘贴到这里。');
    expect(parseReminderSettings({ enabled: false, channel: 'dingtalk' }, 'zh-CN').webhook).toBe('');
  });

  test('secrets: DingTalk’s start with SEC, WeCom robots have none, and none has spaces', () => {
    expect(refusal({ enabled: true, channel: 'dingtalk', webhook: DINGTALK, secret: 'abc' }).zh).toContain('以 SEC 开头');
    expect(refusal({ enabled: true, channel: 'wecom', webhook: WECOM, secret: 'abc' }).en).toBe(
      'A WeCom group robot takes no "Signing secret": please leave it empty.',
    );
    expect(refusal({ enabled: true, channel: 'feishu', webhook: FEISHU, secret: 'ab cd' }).en).toContain('contains spaces');
  });

  test('email keeps no webhook or secret', () => {
    expect(parseReminderSettings({ enabled: true, channel: 'email', webhook: WECOM, secret: 'x' }, 'en')).toMatchObject({
      channel: 'email',
      webhook: '',
      secret: '',
    });
  });

  test('the time is within a day; numbers may come as text from a form', () => {
    expect(parseReminderSettings({ hour: '7', minute: '05' }, 'en')).toMatchObject({ hour: 7, minute: 5 });
    expect(parseReminderSettings({ hour: 18 }, 'en')).toMatchObject({ hour: 18, minute: 0 });
    expect(refusal({ hour: 24, minute: 0 }).zh).toBe('「发送时间」应在 00:00 到 23:59 之间，收到的是 24:0。');
    expect(refusal({ hour: 8.5 }).en).toContain('"Time to send" must be between 00:00 and 23:59');
  });

  test('at least one kind of item is included', () => {
    expect(refusal({ include: { today: false, overdue: false, tomorrow: false } }).en).toBe(
      '"What to include" needs at least one choice: today\'s items, overdue items or tomorrow\'s preview.',
    );
    expect(parseReminderSettings({ include: { tomorrow: true } }, 'en').include).toEqual({ today: true, overdue: true, tomorrow: true });
  });

  test('every wrong field is named at once, as the form names it; unknown fields are refused', () => {
    const { zh, en } = refusal({ enabled: 'yes', channel: 'wechat', include: { today: 1 }, extra: true });
    expect(zh.split('\n')).toEqual([
      '提醒设置的“开启提醒”不对：应为 boolean，收到的是 "yes"。请关闭侧边栏后重新打开再试。',
      '提醒设置的“发送渠道”不对：应为 wecom | feishu | dingtalk | email，收到的是 "wechat"。请关闭侧边栏后重新打开再试。',
      '提醒设置的“提醒内容”不对：应为 boolean，收到的是 1。请关闭侧边栏后重新打开再试。',
      '提醒设置的“extra”不对：应为 absent，收到的是 true。请关闭侧边栏后重新打开再试。',
    ]);
    expect(en).toContain('The reminder settings sent a wrong "Channel"');
  });
});

describe('credentials shown masked', () => {
  test('a webhook shows its host, the end of its path and the last four characters of its key', () => {
    expect(maskWebhook(WECOM)).toBe('https://qyapi.weixin.qq.com/…send?key=••••3f2a');
    expect(maskWebhook(FEISHU)).toBe('https://open.feishu.cn/…hook/••••86fd');
    expect(maskWebhook(DINGTALK)).toBe('https://oapi.dingtalk.com/…send?access_token=••••2c3d');
    expect(maskWebhook('')).toBe('');
    expect(maskWebhook('not a url with a secret-looking-token-1234567890')).toBe('••••');
  });

  test('a secret shows its last four characters only when long', () => {
    expect(maskSecret('SEC1f6b5d0e9c04e2b4f8e3b1c1a3')).toBe('••••c1a3');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret('')).toBe('');
  });

  test('masked settings carry no part of the credentials but their ends', () => {
    const settings = parseReminderSettings({ enabled: true, channel: 'dingtalk', webhook: DINGTALK, secret: 'SEC1f6b5d0e9c04e2b4f8e3b1c1a3' }, 'en');
    const shown = JSON.stringify(maskedReminderSettings(settings));
    expect(shown).not.toContain('ff6cd723bdb4455fe18');
    expect(shown).not.toContain('1f6b5d0e9c04');
  });
});
