/**
 * What the hosts' senders share (Apps Script's UrlFetchApp, Node's fetch): the order in which they
 * post, how they turn a robot's reply into an outcome, and how they keep webhook secrets out of it.
 *
 * Posts go in rounds: round n holds the n-th post to each webhook, so the parts of a split message
 * reach their chat in order and a pause between rounds spaces the posts to one robot (its rate
 * limit), while different robots are served in the same round. Once a post to a webhook fails, the
 * later posts to it are not sent (they would arrive out of order): they fail as "not sent", and a
 * retry starts from the first failed part.
 */
import { readPlatformReply } from './reply';
import { webhookChannel, type ChatChannel } from './settings';

/** The outcome of one post (the shape of the ports' SendOutcome). */
export interface PostOutcome {
  ok: boolean;
  /** The HTTP status; null when no answer came (a network failure) or the post was not sent. */
  status: number | null;
  /** The platform's code and message, or the network error; never the URL or a secret. */
  detail: string;
}

/** The detail of a post left unsent because an earlier post to its webhook failed. */
export const NOT_SENT_AFTER_FAILURE = 'not sent: an earlier message to this webhook failed';

/**
 * The outcome of one post: its HTTP status and body, or (status null) the network error's message.
 * The channel reads the platform's fields; without one it is told by the webhook's address, and an
 * address of none of them is read as WeCom's {errcode, errmsg}, which DingTalk shares.
 */
export function postOutcome(url: string, channel: ChatChannel | undefined, status: number | null, body: string): PostOutcome {
  const reply = readPlatformReply(channel ?? webhookChannel(url) ?? 'wecom', status, body);
  return { ok: reply.ok, status, detail: withoutSecrets(reply.detail, secretsOfUrl(url)) };
}

export class PostSchedule {
  private readonly results: (PostOutcome | null)[];
  private readonly failed = new Set<string>();
  private round = 0;
  /** Each webhook's posts, by index, in the order given. */
  private readonly queues = new Map<string, number[]>();

  constructor(private readonly urls: readonly string[]) {
    this.results = urls.map(() => null);
    urls.forEach((url, index) => this.queues.set(url, [...(this.queues.get(url) ?? []), index]));
  }

  /** The posts to send now (indices into the urls given), or null when none is left. */
  nextRound(): number[] | null {
    for (;;) {
      const due = [...this.queues.values()].map((queue) => queue[this.round]).filter((index): index is number => index !== undefined);
      if (due.length === 0) return null;
      this.round++;
      const sendable = due.filter((index) => {
        if (!this.failed.has(this.urls[index])) return true;
        this.results[index] = { ok: false, status: null, detail: NOT_SENT_AFTER_FAILURE };
        return false;
      });
      if (sendable.length > 0) return sendable;
    }
  }

  record(index: number, outcome: PostOutcome): void {
    this.results[index] = outcome;
    if (!outcome.ok) this.failed.add(this.urls[index]);
  }

  /** One outcome per post, in the order given (each has one once nextRound has returned null). */
  outcomes(): PostOutcome[] {
    return this.results.map((outcome) => outcome ?? { ok: false, status: null, detail: 'not sent' });
  }
}

/**
 * The parts of a webhook URL that let anyone post to the chat: the URL itself and every long path
 * segment or query value (WeCom's key, Feishu's hook token, DingTalk's access_token and sign).
 */
export function secretsOfUrl(url: string): string[] {
  const parts = url.split(/[/?&=#]/).filter((part) => part.length >= 16);
  const decoded = parts.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return [url, url.replace(/^https?:\/\//, ''), ...parts, ...decoded];
}

/** `text` with every secret replaced by "…" (longest first, so a URL goes before the key inside it). */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of [...new Set(secrets)].filter(Boolean).sort((a, b) => b.length - a.length)) clean = clean.split(secret).join('…');
  return clean;
}
