/**
 * The local hosts' reminder adapters: the setup, the daily trigger and the granted scopes kept in
 * memory (the playground and the CLI have no Google account to keep them in), and a sender that posts
 * with Node's fetch. Replies are read as in Apps Script (core/remind/sending.ts).
 */
import { PostSchedule, postOutcome } from '../core/remind/sending';
import type {
  OutgoingMail,
  OutgoingRequest,
  ReminderPorts,
  ReminderScopes,
  ReminderSender,
  ReminderSenderOptions,
  ReminderStore,
  ReminderTrigger,
  SendOutcome,
} from '../ports';

export class MemoryReminderStore implements ReminderStore {
  constructor(private json: string | null = null) {}
  load(): string | null {
    return this.json;
  }
  save(json: string | null): void {
    this.json = json;
  }
}

/** The daily trigger as a time: nothing fires locally (the CLI's `remind` sends at once). */
export class MemoryReminderTrigger implements ReminderTrigger {
  private time: { hour: number; minute: number } | null = null;
  current(): { hour: number; minute: number } | null {
    return this.time ? { ...this.time } : null;
  }
  install(hour: number, minute: number): void {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour ${hour} is not 0–23`);
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new RangeError(`minute ${minute} is not 0–59`);
    this.time = { hour, minute };
  }
  remove(): void {
    this.time = null;
  }
}

/**
 * Scopes as a person at the playground grants them: all by default; `missing` simulates some left
 * unticked, and require() then grants them (the person accepts the prompt) or, with `decline`, ends
 * the call as Apps Script does when the prompt is not accepted.
 */
export class MemoryReminderScopes implements ReminderScopes {
  /** How many times require() showed the prompt (a scope was missing). */
  prompts = 0;
  private readonly notGranted: string[];
  private readonly decline: boolean;
  constructor(options: { missing?: readonly string[]; decline?: boolean } = {}) {
    this.notGranted = [...(options.missing ?? [])];
    this.decline = options.decline ?? false;
  }
  missing(): string[] {
    return [...this.notGranted];
  }
  require(): void {
    if (this.notGranted.length === 0) return;
    this.prompts++;
    if (this.decline) throw new Error('Authorization is required to perform that action.');
    this.notGranted.length = 0;
  }
}

export interface MemoryReminders extends ReminderPorts {
  store: MemoryReminderStore;
  trigger: MemoryReminderTrigger;
  scopes: MemoryReminderScopes;
}

export function createMemoryReminders(): MemoryReminders {
  // No sender: the playground previews and never posts; the CLI sends with its own FetchReminderSender.
  return { store: new MemoryReminderStore(), trigger: new MemoryReminderTrigger(), scopes: new MemoryReminderScopes(), now: () => Date.now() };
}

export interface FetchSenderOptions extends ReminderSenderOptions {
  /** How long a post may wait for its answer (default 15 s). */
  timeoutMs?: number;
  /** Delivers one mail; without it mails are not sent (this computer has no mail account): the CLI previews them. */
  deliverMail?: (mail: OutgoingMail, senderName: string) => Promise<void>;
  /** Waits between rounds (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
}

/** The detail of a mail the local host could not send. */
export const MAIL_NOT_SENT_LOCALLY = 'email is not sent from this computer';

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause.
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

/**
 * Posts with fetch, in the same rounds as in Apps Script: the n-th post to each webhook together,
 * `spacingMs` between rounds, and nothing more to a webhook after a post to it failed.
 */
export class FetchReminderSender implements ReminderSender {
  constructor(private readonly options: FetchSenderOptions) {}

  async post(requests: readonly OutgoingRequest[]): Promise<SendOutcome[]> {
    const schedule = new PostSchedule(requests.map((request) => request.url));
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    let round = schedule.nextRound();
    while (round !== null) {
      await Promise.all(
        round.map(async (index) => {
          const { url, payload, contentType } = requests[index];
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'Content-Type': contentType },
              body: payload,
              signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
            });
            schedule.record(index, postOutcome(url, this.options.channel, response.status, await response.text()));
          } catch (error) {
            schedule.record(index, postOutcome(url, this.options.channel, null, errorText(error)));
          }
        }),
      );
      round = schedule.nextRound();
      if (round !== null && this.options.spacingMs > 0) await sleep(this.options.spacingMs);
    }
    return schedule.outcomes();
  }

  async mail(mails: readonly OutgoingMail[]): Promise<SendOutcome[]> {
    const deliver = this.options.deliverMail;
    const outcomes: SendOutcome[] = [];
    for (const mail of mails) {
      if (!deliver) {
        outcomes.push({ ok: false, status: null, detail: MAIL_NOT_SENT_LOCALLY });
        continue;
      }
      try {
        await deliver(mail, this.options.senderName);
        outcomes.push({ ok: true, status: null, detail: '' });
      } catch (error) {
        outcomes.push({ ok: false, status: null, detail: errorText(error) });
      }
    }
    return outcomes;
  }
}
