/**
 * A day's reminder as group-chat messages, in each platform's documented request format, split to its
 * size limit, with the spacing its rate limit needs; and the signing of each call at send time.
 *
 * WeCom group robot (https://developer.work.weixin.qq.com/document/path/91770):
 *   {"msgtype":"text","text":{"content":…,"mentioned_list":[userid…],"mentioned_mobile_list":[phone…]}}
 *   content ≤ 2048 bytes UTF-8; {"msgtype":"markdown","markdown":{"content":…}} ≤ 4096 bytes, and
 *   markdown has no @ fields; at most 20 messages a minute per robot.
 * Feishu custom bot (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot):
 *   {"msg_type":"post","content":{"post":{"zh_cn":{"title":…,"content":[[{"tag":"text"|"a"|"at",…}]]}}}}
 *   with {"tag":"at","user_id":"ou_…"} to @ someone; "timestamp" and "sign" in the body when signed;
 *   the request body ≤ 20 KB; 100 requests a minute and 5 a second per bot.
 * DingTalk custom robot (https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages):
 *   {"msgtype":"markdown","markdown":{"title":…,"text":…},"at":{"atMobiles":[…],"atUserIds":[…],"isAtAll":false}},
 *   each @'d mobile or userid also written in the text as "@138…"; signed by `&timestamp=…&sign=…` on
 *   the URL; 20 messages a minute per robot (more are refused for 10 minutes).
 */
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { Contact } from '../team/contacts';
import { utf8ByteLength } from './crypto';
import type { Digest, Line, Segment } from './digest';
import type { OutgoingRequest } from './outgoing';
import type { ChatChannel } from './settings';
import { dingtalkSignedUrl, feishuSignature } from './sign';
import { splitIntoParts, type PartBlock } from './split';

/** How a channel's message is written: WeCom uses text when it must @ people (markdown cannot), else markdown. */
export type ChatFormat = 'wecom-text' | 'wecom-markdown' | 'feishu-post' | 'dingtalk-markdown';

/**
 * Each platform's limits, from the pages cited above. DingTalk states no size limit for a robot
 * message; its parts are kept within WeCom's markdown limit, which also keeps each part readable on a
 * phone. Feishu's 20 KB is taken as 20,000 bytes, the smaller reading.
 */
export const CHAT_LIMITS = {
  'wecom-text': { bytes: 2048, measures: 'content', perMinute: 20 },
  'wecom-markdown': { bytes: 4096, measures: 'content', perMinute: 20 },
  'feishu-post': { bytes: 20000, measures: 'body', perMinute: 100 },
  'dingtalk-markdown': { bytes: 4096, measures: 'content', perMinute: 20 },
} as const satisfies Record<ChatFormat, { bytes: number; measures: 'content' | 'body'; perMinute: number }>;

/** Feishu also limits a bot to 5 requests a second; the per-minute spacing (600 ms) already keeps under it. */
export function minIntervalMs(format: ChatFormat): number {
  return Math.ceil(60000 / CHAT_LIMITS[format].perMinute);
}

export function chatFormat(channel: ChatChannel, mention: boolean): ChatFormat {
  if (channel === 'wecom') return mention ? 'wecom-text' : 'wecom-markdown';
  return channel === 'feishu' ? 'feishu-post' : 'dingtalk-markdown';
}

/** How a person is @'d on a channel: by userid/open_id, or by mobile. */
type MentionTarget = { by: 'userid' | 'mobile'; id: string };

function mentionTarget(channel: ChatChannel, contact: Contact | undefined): MentionTarget | null {
  if (!contact) return null;
  if (channel === 'feishu') return contact.feishuOpenId ? { by: 'userid', id: contact.feishuOpenId } : null;
  const userId = channel === 'wecom' ? contact.wecomUserId : contact.dingtalkUserId;
  if (userId) return { by: 'userid', id: userId };
  return contact.phone ? { by: 'mobile', id: contact.phone } : null;
}

/** One message as sent: its unsigned body, what the chat shows (plain text), its measured size and whom it @s. */
export interface ChatMessage {
  body: Record<string, unknown>;
  preview: string;
  /** The bytes its platform's limit counts (the content, or Feishu's whole body). */
  bytes: number;
  mentioned: string[];
}

export interface ChatPlan {
  channel: ChatChannel;
  format: ChatFormat;
  /** In order; empty when nothing is due (nothing is sent). */
  messages: ChatMessage[];
  /** Everyone with an item in the reminder. */
  executors: string[];
  /** Executors the settings would @ but the Team tab gives no way to (no userid/open_id/phone for this channel). */
  notMentionable: string[];
  /** Wait at least this long between two posts to the same robot (its rate limit). */
  minIntervalMs: number;
}

/** A part as rendered: its title with its number, the summary, its blocks. */
interface RenderedPart {
  title: string;
  summary: string;
  blocks: PartBlock[];
}

/** Renders one part for one channel, resolving @s (each person at most once per message). */
class PartWriter {
  readonly mentioned: string[] = [];
  readonly userIds: string[] = [];
  readonly mobiles: string[] = [];

  constructor(
    private readonly channel: ChatChannel,
    private readonly mention: boolean,
    private readonly contacts: ReadonlyMap<string, Contact>,
  ) {}

  /** The target to @ for a person segment here, or null when it is written as a name. */
  target(segment: Extract<Segment, { kind: 'person' }>): MentionTarget | null {
    if (!this.mention || !segment.mention || this.mentioned.includes(segment.name)) return null;
    const target = mentionTarget(this.channel, this.contacts.get(segment.name));
    if (!target) return null;
    this.mentioned.push(segment.name);
    (target.by === 'userid' ? this.userIds : this.mobiles).push(target.id);
    return target;
  }
}

/** The plain text of a line, as a chat shows it: @ for people who are @'d, a link's text. */
function plainLine(line: Line, writer: PartWriter): string {
  return line
    .map((segment) => {
      if (segment.kind === 'person') return writer.target(segment) ? `@${segment.name}` : segment.name;
      return segment.text;
    })
    .join('');
}

function plainText(part: RenderedPart, writer: PartWriter): string {
  const lines = [part.title, part.summary];
  for (const block of part.blocks) lines.push('', plainLine(block.heading, writer), ...block.items.map((item) => `· ${plainLine(item, writer)}`));
  return lines.join('\n');
}

/** Markdown's link text may not hold brackets; full-width ones read the same. */
function markdownLinkText(text: string): string {
  return text.replace(/\[/g, '［').replace(/\]/g, '］');
}

function markdownLine(line: Line, writer: PartWriter, mentionAsId: boolean): string {
  return line
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      if (segment.kind === 'link') return `[${markdownLinkText(segment.text)}](${segment.url})`;
      const target = writer.target(segment);
      // DingTalk shows "@138…" as the person's name when the same mobile or userid is in `at`.
      return target && mentionAsId ? `@${target.id}` : segment.name;
    })
    .join('');
}

/** A line of a WeCom text message: a link as its text and URL (text messages link URLs), people by name (WeCom appends the @s). */
function wecomTextLine(line: Line, writer: PartWriter): string {
  return line
    .map((segment) => {
      if (segment.kind === 'link') return `${segment.text} ${segment.url}`;
      if (segment.kind === 'person') writer.target(segment);
      return segment.kind === 'person' ? segment.name : segment.text;
    })
    .join('');
}

function wecomText(part: RenderedPart, writer: PartWriter): { body: Record<string, unknown>; measured: string } {
  const lines = [part.title, part.summary];
  for (const block of part.blocks) {
    lines.push('', wecomTextLine(block.heading, writer));
    for (const item of block.items) lines.push(`· ${wecomTextLine(item, writer)}`);
  }
  const content = lines.join('\n');
  const text: Record<string, unknown> = { content };
  // WeCom appends the @s to the message itself; the content names people plainly.
  if (writer.userIds.length) text.mentioned_list = [...writer.userIds];
  if (writer.mobiles.length) text.mentioned_mobile_list = [...writer.mobiles];
  return { body: { msgtype: 'text', text }, measured: content };
}

function wecomMarkdown(part: RenderedPart, writer: PartWriter): { body: Record<string, unknown>; measured: string } {
  const lines = [`**${part.title}**`, `> ${part.summary}`];
  for (const block of part.blocks) {
    lines.push('', `**${markdownLine(block.heading, writer, false)}**`);
    for (const item of block.items) lines.push(`· ${markdownLine(item, writer, false)}`);
  }
  const content = lines.join('\n');
  return { body: { msgtype: 'markdown', markdown: { content } }, measured: content };
}

function feishuElements(line: Line, writer: PartWriter): Array<Record<string, string>> {
  const elements = line.map((segment): Record<string, string> => {
    if (segment.kind === 'text') return { tag: 'text', text: segment.text };
    if (segment.kind === 'link') return { tag: 'a', text: segment.text, href: segment.url };
    const target = writer.target(segment);
    return target ? { tag: 'at', user_id: target.id, user_name: segment.name } : { tag: 'text', text: segment.name };
  });
  // Neighbouring texts as one element: the body is smaller and reads the same.
  return elements.reduce<Array<Record<string, string>>>((merged, element) => {
    const last = merged[merged.length - 1];
    if (last && last.tag === 'text' && element.tag === 'text') merged[merged.length - 1] = { tag: 'text', text: last.text + element.text };
    else merged.push(element);
    return merged;
  }, []);
}

/** A Feishu body is measured whole, with room for the signature fields it may get (timestamp, 44-character sign). */
const FEISHU_SIGNATURE_ROOM = utf8ByteLength(JSON.stringify({ timestamp: '0000000000', sign: 'x'.repeat(44) })) - 1;

function feishuPost(part: RenderedPart, writer: PartWriter, lang: Lang): { body: Record<string, unknown>; measured: string } {
  const content: Array<Array<Record<string, string>>> = [[{ tag: 'text', text: part.summary }]];
  for (const block of part.blocks) {
    content.push(feishuElements(block.heading, writer));
    for (const item of block.items) content.push(feishuElements([{ kind: 'text', text: '· ' }, ...item], writer));
  }
  const body = { msg_type: 'post', content: { post: { [lang === 'en' ? 'en_us' : 'zh_cn']: { title: part.title, content } } } };
  return { body, measured: JSON.stringify(body) };
}

function dingtalkMarkdown(part: RenderedPart, writer: PartWriter): { body: Record<string, unknown>; measured: string } {
  const paragraphs = [`#### ${part.title}`, part.summary];
  for (const block of part.blocks) {
    // The heading is not bold: an "@138…" inside ** would not be shown as the person.
    paragraphs.push([`▶ ${markdownLine(block.heading, writer, true)}`, '', ...block.items.map((item) => `- ${markdownLine(item, writer, true)}`)].join('\n'));
  }
  const text = paragraphs.join('\n\n');
  const body = {
    msgtype: 'markdown',
    markdown: { title: part.title, text },
    at: { atMobiles: [...writer.mobiles], atUserIds: [...writer.userIds], isAtAll: false },
  };
  return { body, measured: text };
}

function render(format: ChatFormat, part: RenderedPart, writer: PartWriter, lang: Lang): { body: Record<string, unknown>; measured: string } {
  switch (format) {
    case 'wecom-text':
      return wecomText(part, writer);
    case 'wecom-markdown':
      return wecomMarkdown(part, writer);
    case 'feishu-post':
      return feishuPost(part, writer, lang);
    case 'dingtalk-markdown':
      return dingtalkMarkdown(part, writer);
  }
}

function measure(format: ChatFormat, measured: string): number {
  return utf8ByteLength(measured) + (format === 'feishu-post' ? FEISHU_SIGNATURE_ROOM : 0);
}

export interface ChatInput {
  digest: Digest;
  channel: ChatChannel;
  mention: boolean;
  contacts: readonly Contact[];
  lang: Lang;
  /** One message even without blocks (the title and summary alone): the test message. */
  evenIfEmpty?: boolean;
}

/**
 * The chat messages of a digest: one message when it fits, else as many as needed, each numbered
 * "（1/3）" in its title, cut between items only. Parts are measured with the widest number they could
 * get, so the numbering written afterwards never makes one too long.
 */
export function composeChatMessages(input: ChatInput): ChatPlan {
  const { digest, channel, mention, lang } = input;
  const format = chatFormat(channel, mention);
  const contacts = new Map(input.contacts.map((contact) => [contact.name, contact]));
  const limit = CHAT_LIMITS[format].bytes;
  const titled = (blocks: PartBlock[], index: number, count: number): RenderedPart => ({
    title: count > 1 ? `${digest.title}${t(lang, 'remind.partNumber', { index, count })}` : digest.title,
    summary: digest.summary,
    blocks,
  });
  const fits = (blocks: PartBlock[]) =>
    measure(format, render(format, titled(blocks, 999, 999), new PartWriter(channel, mention, contacts), lang).measured) <= limit;
  const parts = digest.blocks.length ? splitIntoParts(digest.blocks, fits) : input.evenIfEmpty ? [[]] : [];
  const messages = parts.map((blocks, i): ChatMessage => {
    const part = titled(blocks, i + 1, parts.length);
    const writer = new PartWriter(channel, mention, contacts);
    const { body, measured } = render(format, part, writer, lang);
    return { body, preview: plainText(part, new PartWriter(channel, mention, contacts)), bytes: measure(format, measured), mentioned: writer.mentioned };
  });
  const mentionedAnywhere = new Set(messages.flatMap((message) => message.mentioned));
  return {
    channel,
    format,
    messages,
    executors: digest.executors,
    notMentionable: mention ? digest.executors.filter((name) => !mentionedAnywhere.has(name) && !mentionTarget(channel, contacts.get(name))) : [],
    minIntervalMs: minIntervalMs(format),
  };
}

/**
 * The HTTP call for one message, signed at `timestampMs` (the time of the post) when the robot has a
 * secret: Feishu puts the timestamp (in seconds) and sign into the body, DingTalk onto the URL (in
 * milliseconds); WeCom robots are not signed. Sign just before posting: both platforms refuse a
 * timestamp more than an hour from their clock.
 */
export function signedRequest(channel: ChatChannel, webhook: string, secret: string, body: Record<string, unknown>, timestampMs: number): OutgoingRequest {
  let url = webhook;
  let payload = body;
  if (secret && channel === 'feishu') {
    const seconds = Math.floor(timestampMs / 1000);
    payload = { timestamp: String(seconds), sign: feishuSignature(secret, seconds), ...body };
  } else if (secret && channel === 'dingtalk') url = dingtalkSignedUrl(webhook, secret, timestampMs);
  return { url, payload: JSON.stringify(payload), contentType: 'application/json' };
}

/** Every message of a plan as a request signed at one time (a host that posts slowly signs each with signedRequest instead). */
export function chatRequests(plan: ChatPlan, settings: { webhook: string; secret: string }, timestampMs: number): OutgoingRequest[] {
  return plan.messages.map((message) => signedRequest(plan.channel, settings.webhook, settings.secret, message.body, timestampMs));
}
