/**
 * Signing a robot's webhook call when the robot has a signing secret. The timestamp is a parameter:
 * the host passes the time of the post, and tests pass a fixed one.
 */
import { base64Encode, hmacSha256, utf8Encode } from './crypto';

/**
 * Feishu custom bot, "签名校验": string_to_sign = timestamp + "\n" + secret, used as the HMAC-SHA256
 * KEY over an empty message, then base64; the timestamp is in seconds and must be within an hour of
 * Feishu's clock. Both go into the request body as "timestamp" (a string) and "sign".
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (section on signature verification)
 */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return base64Encode(hmacSha256(utf8Encode(`${timestampSeconds}\n${secret}`), new Uint8Array(0)));
}

/**
 * DingTalk custom robot, "加签": string_to_sign = timestamp + "\n" + secret, signed with HMAC-SHA256
 * using the secret as the key, then base64; the timestamp is in milliseconds, within an hour of
 * DingTalk's clock. The signature is URL-encoded when appended to the webhook (dingtalkSignedUrl).
 * https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
 */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return base64Encode(hmacSha256(utf8Encode(secret), utf8Encode(`${timestampMs}\n${secret}`)));
}

/** The DingTalk webhook with `&timestamp=…&sign=…` appended, as its robot security settings page describes. */
export function dingtalkSignedUrl(webhook: string, secret: string, timestampMs: number): string {
  return `${webhook}&timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSignature(secret, timestampMs))}`;
}
