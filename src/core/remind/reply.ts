/**
 * What a robot's reply says: whether the message went through, the platform's own code and text (for
 * the log), whether trying again later may help, and, for the failures a person can fix, what to do.
 * WeCom and DingTalk reply {"errcode":0,"errmsg":"ok"}; Feishu {"code":0,"msg":"success","data":{}}, and
 * older Feishu bots {"StatusCode":0,"StatusMessage":"success"}. A failure may still come with HTTP 200.
 */
import type { MessageKey } from '../i18n';
import type { ChatChannel } from './settings';

export interface PlatformReply {
  ok: boolean;
  /** The platform's code and message ("93000 invalid webhook url"), or the HTTP status or network error; never a URL. */
  detail: string;
  /** Rate limits, busy servers and network errors: the same message may get through a little later. */
  retryable: boolean;
  /** What the person can do about it, for the failures they can fix; null otherwise. */
  hint: MessageKey | null;
}

/** Hints by code and by the words of the message, per platform (the codes they document or send). */
function hintFor(channel: ChatChannel, code: number, message: string): MessageKey | null {
  const text = message.toLowerCase();
  if (channel === 'wecom') {
    // 93000 "invalid webhook url"; 40058 "…content exceed max length"; 45009 "api freq out of limit".
    if (code === 93000) return 'remind.reply.badWebhook';
    if (code === 40058) return 'remind.reply.tooLong';
    if (code === 45009) return 'remind.reply.rateLimited';
    return null;
  }
  if (channel === 'feishu') {
    // 19021 "sign match fail or timestamp is not within one hour from current time"; 11232 flow control.
    if (code === 19021 || text.includes('sign match fail')) return 'remind.reply.signature';
    if (code === 19024 || text.includes('key words')) return 'remind.reply.keyword';
    if (code === 19022 || text.includes('ip not allowed')) return 'remind.reply.ipWhitelist';
    if (code === 11232 || code === 99991400 || text.includes('frequency')) return 'remind.reply.rateLimited';
    if (code === 19001 || text.includes('access token invalid')) return 'remind.reply.badWebhook';
    return null;
  }
  // DingTalk: 310000 covers every security-setting refusal, told apart by its message; 130101 "send too fast".
  if (code === 130101 || text.includes('too fast')) return 'remind.reply.rateLimited';
  if (text.includes('keywords not in content') || text.includes('关键词')) return 'remind.reply.keyword';
  if (text.includes('sign') || text.includes('timestamp') || text.includes('签名')) return 'remind.reply.signature';
  if (text.includes('ip')) return 'remind.reply.ipWhitelist';
  if (text.includes('token') || code === 300001) return 'remind.reply.badWebhook';
  return null;
}

/** WeCom's own rate-limit code, Feishu's flow control and DingTalk's "send too fast", and "system busy" (-1). */
const RETRYABLE_CODES: Record<ChatChannel, readonly number[]> = {
  wecom: [-1, 45009],
  feishu: [-1, 11232, 99991400],
  dingtalk: [-1, 130101],
};

/** A platform's text without what identifies the request or the caller: links, hint ids, the caller's IP. */
export function cleanDetail(text: string): string {
  return text
    .replace(/,?\s*hint:\s*\[[^\]]*\]/gi, '')
    .replace(/,?\s*from ip:\s*[0-9a-f.:]+/gi, '')
    .replace(/,?\s*more info at\s*\S+/gi, '')
    .replace(/https?:\/\/\S+/gi, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * Reads a robot's reply. `status` is the HTTP status, or null when the request never got one (then
 * `body` is the network error's message).
 */
export function readPlatformReply(channel: ChatChannel, status: number | null, body: string): PlatformReply {
  if (status === null) return { ok: false, detail: cleanDetail(body) || 'network error', retryable: true, hint: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  const reply = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  const codeField = channel === 'feishu' ? (reply && 'code' in reply ? 'code' : 'StatusCode') : 'errcode';
  const messageField = channel === 'feishu' ? (reply && 'code' in reply ? 'msg' : 'StatusMessage') : 'errmsg';
  const code = reply && typeof reply[codeField] === 'number' ? (reply[codeField] as number) : null;
  const message = reply && typeof reply[messageField] === 'string' ? (reply[messageField] as string) : '';
  const httpOk = status >= 200 && status < 300;
  if (httpOk && code === 0) return { ok: true, detail: cleanDetail(message) || 'ok', retryable: false, hint: null };
  const retryable = status === 429 || status >= 500 || (code !== null && RETRYABLE_CODES[channel].includes(code));
  const detail = code !== null ? cleanDetail(`${code} ${message}`) : cleanDetail(`HTTP ${status} ${reply ? '' : body}`);
  const hint =
    code !== null ? hintFor(channel, code, message) : status === 429 ? 'remind.reply.rateLimited' : status === 404 ? 'remind.reply.badWebhook' : null;
  return { ok: false, detail, retryable, hint };
}
