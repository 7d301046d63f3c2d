/**
 * A local stand-in for the three group-robot platforms, on 127.0.0.1 at a random port, for the CLI and
 * app tests: its paths mimic each platform's webhook, it checks what arrives as each platform documents
 * it, and it replies as the platform does.
 *
 * - WeCom group robot, POST /cgi-bin/webhook/send?key=KEY
 *   (https://developer.work.weixin.qq.com/document/path/91770): msgtype text (content ≤ 2048 bytes,
 *   mentioned_list, mentioned_mobile_list) or markdown (content ≤ 4096 bytes); 20 messages a minute.
 *   Replies {errcode, errmsg}: 93000 invalid webhook url, 40058 invalid parameter / too long,
 *   40008 invalid message type, 45009 api freq out of limit.
 * - Feishu custom bot, POST /open-apis/bot/v2/hook/TOKEN
 *   (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot): msg_type text (<at user_id>)
 *   or post; body ≤ 20 KB; when the bot signs, "timestamp" (seconds, within an hour) and "sign" =
 *   base64(HMAC-SHA256 with key timestamp+"\n"+secret over nothing); 100 a minute and 5 a second.
 *   Replies {code, msg, data}: 19021 sign match fail…, 19001 access token invalid, 11232 frequency
 *   limited, 9499 Bad Request; a bot marked `legacy` replies {StatusCode, StatusMessage} as older ones did.
 * - DingTalk custom robot, POST /robot/send?access_token=TOKEN[&timestamp=MS&sign=SIGN]
 *   (https://open.dingtalk.com/document/orgapp/custom-robot-access, …/customize-robot-security-settings):
 *   msgtype text or markdown, at {atMobiles, atUserIds, isAtAll}; when the robot signs, timestamp in ms
 *   within an hour and sign = urlencode(base64(HMAC-SHA256 with the secret as key over
 *   timestamp+"\n"+secret)); 20 messages a minute. Replies {errcode, errmsg}: 310000 sign not match /
 *   invalid timestamp, 300001 token is not exist, 130101 send too fast.
 *
 * Where a platform would accept a message but do the wrong thing with it (an @ it would drop, an
 * @'d mobile not written in the text), the request is accepted and the mistake is recorded in
 * `problems`, so tests can insist there is none.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Platform = 'wecom' | 'feishu' | 'dingtalk';

export interface ReceivedRequest {
  platform: Platform | null;
  /** The robot's token (key / hook token / access_token), when the path named one. */
  token: string | null;
  path: string;
  query: Record<string, string>;
  contentType: string;
  raw: string;
  /** The parsed body, or undefined when it was not JSON. */
  body: unknown;
  status: number;
  reply: string;
  ok: boolean;
  /** What the platform would have accepted but handled wrongly (see the module comment). */
  problems: string[];
}

export interface RobotOptions {
  /** The robot signs (Feishu "签名校验", DingTalk "加签") with this secret. */
  secret?: string;
  /** Feishu only: reply {StatusCode, StatusMessage} as older bots did. */
  legacy?: boolean;
}

export type Failure = 'rateLimit' | 'serverError';

export interface WebhookSimulator {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** A new robot of that platform and its webhook URL (DingTalk signs by adding to it). */
  robot(platform: Platform, options?: RobotOptions): string;
  /** Everything received, in order. */
  received: ReceivedRequest[];
  /** The next `count` requests fail: as the platform's rate limit (HTTP 200 with its code) or as an HTTP 502. */
  failNext(count: number, failure?: Failure): void;
  /** Moves the simulator's clock (milliseconds), to test stale timestamps and rate windows. */
  setNow(now: () => number): void;
  close(): Promise<void>;
}

/** Documented limits, as the simulator enforces them. */
export const LIMITS = {
  wecomText: 2048,
  wecomMarkdown: 4096,
  feishuBody: 20 * 1024,
  perMinute: { wecom: 20, feishu: 100, dingtalk: 20 },
  feishuPerSecond: 5,
  signatureWindowMs: 3600 * 1000,
};

interface Robot extends RobotOptions {
  platform: Platform;
  token: string;
  /** Times (simulator clock) of the messages it accepted, for the rate limits. */
  sent: number[];
}

interface Reply {
  status: number;
  body: unknown;
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function wecomReply(errcode: number, errmsg: string): Reply {
  return { status: 200, body: { errcode, errmsg } };
}
function feishuReply(robot: Robot | null, code: number, msg: string): Reply {
  if (robot?.legacy) return { status: 200, body: { StatusCode: code, StatusMessage: msg } };
  return { status: 200, body: code === 0 ? { code, msg, data: {} } : { code, data: {}, msg } };
}
const dingtalkReply = wecomReply;

/** A phone number as an @ list takes it: digits, with a leading + for another country. */
const isMobile = (text: string) => /^(\+?\d{5,15})$/.test(text);

class Simulator {
  readonly robots = new Map<string, Robot>();
  readonly received: ReceivedRequest[] = [];
  private failures: Failure[] = [];
  now: () => number = () => Date.now();

  robot(platform: Platform, options: RobotOptions): Robot {
    // As the platforms hand them out: DingTalk a 64-hex access_token, WeCom and Feishu a UUID.
    const token = platform === 'dingtalk' ? randomBytes(32).toString('hex') : randomUuid();
    const robot: Robot = { platform, token, sent: [], ...options };
    this.robots.set(`${platform}:${token}`, robot);
    return robot;
  }

  failNext(count: number, failure: Failure): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  handle(path: string, query: Record<string, string>, contentType: string, raw: string): ReceivedRequest {
    const route = routeOf(path, query);
    const record: ReceivedRequest = {
      platform: route?.platform ?? null,
      token: route?.token ?? null,
      path,
      query,
      contentType,
      raw,
      body: undefined,
      status: 404,
      reply: '',
      ok: false,
      problems: [],
    };
    let reply: Reply;
    try {
      record.body = JSON.parse(raw);
    } catch {
      record.body = undefined;
    }
    if (!/^application\/json\b/i.test(contentType)) record.problems.push(`Content-Type is "${contentType}", not application/json`);
    if (!route) reply = { status: 404, body: { error: 'no such webhook path' } };
    else {
      const robot = this.robots.get(`${route.platform}:${route.token}`) ?? null;
      const failure = this.failures.shift();
      if (failure === 'serverError') reply = { status: 502, body: '<html>502 Bad Gateway</html>' };
      else if (failure === 'rateLimit') reply = rateLimitReply(route.platform, robot);
      else if (route.platform === 'wecom') reply = this.wecom(robot, record);
      else if (route.platform === 'feishu') reply = this.feishu(robot, record);
      else reply = this.dingtalk(robot, record, query);
    }
    record.status = reply.status;
    record.reply = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const body = reply.body as Record<string, unknown>;
    record.ok = reply.status === 200 && isObject(body) && (body.errcode === 0 || body.code === 0 || body.StatusCode === 0);
    this.received.push(record);
    return record;
  }

  /** Within the robot's per-minute (and Feishu's per-second) limits; counts the message when it is. */
  private withinRate(robot: Robot): boolean {
    const now = this.now();
    robot.sent = robot.sent.filter((time) => now - time < 60000);
    if (robot.sent.length >= LIMITS.perMinute[robot.platform]) return false;
    if (robot.platform === 'feishu' && robot.sent.filter((time) => now - time < 1000).length >= LIMITS.feishuPerSecond) return false;
    robot.sent.push(now);
    return true;
  }

  private wecom(robot: Robot | null, record: ReceivedRequest): Reply {
    if (!robot)
      return wecomReply(
        93000,
        'invalid webhook url, hint: [simulator], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000',
      );
    const body = record.body;
    if (!isObject(body)) return wecomReply(40058, 'invalid Request Parameter');
    if (body.msgtype !== 'text' && body.msgtype !== 'markdown') return wecomReply(40008, 'invalid message type');
    const message = body[body.msgtype];
    if (!isObject(message) || typeof message.content !== 'string') return wecomReply(40058, `${body.msgtype}.content missing. invalid Request Parameter`);
    if (message.content === '') return wecomReply(44004, 'empty content');
    const limit = body.msgtype === 'text' ? LIMITS.wecomText : LIMITS.wecomMarkdown;
    if (byteLength(message.content) > limit) return wecomReply(40058, `${body.msgtype}.content exceed max length ${limit}. invalid Request Parameter`);
    for (const field of ['mentioned_list', 'mentioned_mobile_list']) {
      if (message[field] === undefined) continue;
      if (body.msgtype === 'markdown') record.problems.push(`markdown has no ${field}: WeCom would not @ anyone`);
      if (!isStringList(message[field])) return wecomReply(40058, `${field} must be a list of strings. invalid Request Parameter`);
    }
    for (const mobile of (message.mentioned_mobile_list as string[] | undefined) ?? []) {
      if (mobile !== '@all' && !isMobile(mobile)) record.problems.push(`mentioned_mobile_list holds "${mobile}", not a phone number`);
    }
    if (!this.withinRate(robot)) return wecomReply(45009, 'api freq out of limit');
    return wecomReply(0, 'ok');
  }

  private feishu(robot: Robot | null, record: ReceivedRequest): Reply {
    if (!robot) return feishuReply(null, 19001, 'param invalid: incoming webhook access token invalid');
    if (byteLength(record.raw) > LIMITS.feishuBody) return feishuReply(robot, 9499, 'Bad Request: the request body is larger than 20 KB');
    const body = record.body;
    if (!isObject(body)) return feishuReply(robot, 9499, 'Bad Request');
    if (robot.secret) {
      const seconds = Number(body.timestamp);
      const fresh = Number.isFinite(seconds) && Math.abs(this.now() - seconds * 1000) <= LIMITS.signatureWindowMs;
      const expected = createHmac('sha256', `${body.timestamp}\n${robot.secret}`).update(Buffer.alloc(0)).digest('base64');
      if (!fresh || body.sign !== expected) return feishuReply(robot, 19021, 'sign match fail or timestamp is not within one hour from current time');
      if (typeof body.timestamp !== 'string') record.problems.push('timestamp should be a string of seconds, as the documentation writes it');
    }
    const content = body.content;
    if (body.msg_type === 'text') {
      if (!isObject(content) || typeof content.text !== 'string' || content.text === '') return feishuReply(robot, 9499, 'Bad Request: content.text');
      for (const m of content.text.matchAll(/<at user_id="([^"]*)">/g)) {
        if (m[1] !== 'all' && !/^ou_\w+$/.test(m[1])) record.problems.push(`<at user_id="${m[1]}"> is not an open_id`);
      }
    } else if (body.msg_type === 'post') {
      const problem = feishuPostProblem(content);
      if (problem) return feishuReply(robot, 9499, `Bad Request: ${problem}`);
      for (const element of postElements(content)) {
        if (element.tag === 'at' && element.user_id !== 'all' && !/^ou_\w+$/.test(String(element.user_id)))
          record.problems.push(`at user_id "${String(element.user_id)}" is not an open_id`);
      }
    } else return feishuReply(robot, 9499, `Bad Request: msg_type ${String(body.msg_type)} is not simulated`);
    if (!this.withinRate(robot)) return feishuReply(robot, 11232, 'frequency limited');
    return feishuReply(robot, 0, 'success');
  }

  private dingtalk(robot: Robot | null, record: ReceivedRequest, query: Record<string, string>): Reply {
    if (!robot) return dingtalkReply(300001, 'token is not exist');
    if (robot.secret) {
      const timestamp = Number(query.timestamp);
      if (!query.timestamp || !Number.isFinite(timestamp) || Math.abs(this.now() - timestamp) > LIMITS.signatureWindowMs) {
        return dingtalkReply(310000, 'invalid timestamp, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
      }
      const expected = createHmac('sha256', robot.secret).update(`${query.timestamp}\n${robot.secret}`).digest('base64');
      if (query.sign !== expected) return dingtalkReply(310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
    }
    const body = record.body;
    if (!isObject(body)) return dingtalkReply(40035, '缺少参数 json');
    let text: string;
    if (body.msgtype === 'text') {
      if (!isObject(body.text) || typeof body.text.content !== 'string' || body.text.content === '') return dingtalkReply(40035, '缺少参数 text.content');
      text = body.text.content;
    } else if (body.msgtype === 'markdown') {
      const markdown = body.markdown;
      if (!isObject(markdown) || typeof markdown.title !== 'string' || typeof markdown.text !== 'string' || markdown.text === '')
        return dingtalkReply(40035, '缺少参数 markdown');
      text = markdown.text;
    } else return dingtalkReply(40035, `msgtype ${String(body.msgtype)} is not simulated`);
    if (body.at !== undefined) {
      const at = body.at;
      if (!isObject(at)) return dingtalkReply(40035, 'at must be an object');
      for (const field of ['atMobiles', 'atUserIds'] as const) {
        if (at[field] === undefined) continue;
        if (!isStringList(at[field])) return dingtalkReply(40035, `at.${field} must be a list of strings`);
        // The documentation asks for each @'d mobile (and userid) to be written in the text as @…; otherwise the @ is not shown where it belongs.
        for (const id of at[field]) if (!text.includes(`@${id}`)) record.problems.push(`at.${field} holds ${id} but the text has no "@${id}"`);
        if (field === 'atMobiles')
          for (const mobile of at[field]) if (!isMobile(mobile)) record.problems.push(`at.atMobiles holds "${mobile}", not a phone number`);
      }
      if (at.isAtAll !== undefined && typeof at.isAtAll !== 'boolean') return dingtalkReply(40035, 'at.isAtAll must be a boolean');
    }
    if (!this.withinRate(robot)) return dingtalkReply(130101, 'send too fast, exceed 20 times per minute');
    return dingtalkReply(0, 'ok');
  }
}

function randomUuid(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function rateLimitReply(platform: Platform, robot: Robot | null): Reply {
  if (platform === 'wecom') return wecomReply(45009, 'api freq out of limit');
  if (platform === 'feishu') return feishuReply(robot, 11232, 'frequency limited');
  return dingtalkReply(130101, 'send too fast, exceed 20 times per minute');
}

function routeOf(path: string, query: Record<string, string>): { platform: Platform; token: string } | null {
  if (path === '/cgi-bin/webhook/send' && query.key) return { platform: 'wecom', token: query.key };
  const feishu = /^\/open-apis\/bot\/v2\/hook\/([\w-]+)$/.exec(path);
  if (feishu) return { platform: 'feishu', token: feishu[1] };
  if (path === '/robot/send' && query.access_token) return { platform: 'dingtalk', token: query.access_token };
  return null;
}

/** Why a Feishu post's content is not one (content.post.<lang>.content: rows of elements), or null. */
function feishuPostProblem(content: unknown): string | null {
  if (!isObject(content) || !isObject(content.post)) return 'content.post';
  const languages = Object.entries(content.post);
  if (languages.length === 0) return 'content.post has no language';
  for (const [lang, value] of languages) {
    if (!['zh_cn', 'en_us', 'ja_jp'].includes(lang)) return `content.post.${lang}`;
    if (!isObject(value) || !Array.isArray(value.content)) return `content.post.${lang}.content`;
    if (value.title !== undefined && typeof value.title !== 'string') return `content.post.${lang}.title`;
    for (const row of value.content) {
      if (!Array.isArray(row)) return 'a paragraph is not a list of elements';
      for (const element of row) {
        if (!isObject(element)) return 'an element is not an object';
        if (element.tag === 'text' && typeof element.text !== 'string') return 'text element without text';
        else if (element.tag === 'a' && (typeof element.text !== 'string' || typeof element.href !== 'string' || !/^https?:\/\//.test(element.href)))
          return 'a element without text or href';
        else if (element.tag === 'at' && typeof element.user_id !== 'string') return 'at element without user_id';
        else if (!['text', 'a', 'at', 'img', 'media', 'emotion', 'hr', 'code_block', 'md'].includes(String(element.tag)))
          return `unknown tag ${String(element.tag)}`;
      }
    }
  }
  return null;
}

function postElements(content: unknown): Array<Record<string, unknown>> {
  const post = (content as { post: Record<string, { content: Array<Array<Record<string, unknown>>> }> }).post;
  return Object.values(post).flatMap((value) => value.content.flat());
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts the simulator on 127.0.0.1 at a port the system picks. */
export async function startWebhookSimulator(): Promise<WebhookSimulator> {
  const simulator = new Simulator();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void readBody(request).then((raw) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams.entries());
      if (request.method !== 'POST') {
        response.writeHead(405, { 'Content-Type': 'text/plain' }).end('POST only');
        return;
      }
      const record = simulator.handle(url.pathname, query, String(request.headers['content-type'] ?? ''), raw);
      const json = record.reply.startsWith('{');
      response.writeHead(record.status, { 'Content-Type': json ? 'application/json; charset=utf-8' : 'text/html' }).end(record.reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received: simulator.received,
    robot(platform, options = {}) {
      const robot = simulator.robot(platform, options);
      if (platform === 'wecom') return `${origin}/cgi-bin/webhook/send?key=${robot.token}`;
      if (platform === 'feishu') return `${origin}/open-apis/bot/v2/hook/${robot.token}`;
      return `${origin}/robot/send?access_token=${robot.token}`;
    },
    failNext(count, failure = 'serverError') {
      simulator.failNext(count, failure);
    },
    setNow(now) {
      simulator.now = now;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
