/** What both hosts' senders share: the rounds posts go in, outcomes from replies, and keeping secrets out of them. */
import { NOT_SENT_AFTER_FAILURE, PostSchedule, postOutcome, secretsOfUrl, withoutSecrets } from '../../../src/core/remind/sending';

const DINGTALK =
  'https://oapi.dingtalk.com/robot/send?access_token=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0&timestamp=1764820800000&sign=qF3l%2BkN8aYc5t2zq0bqS7o1wQm3yJfL0x9XrGd2V8pE%3D';
const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/2e9b1c4a-58f3-4c2e-9d0e-7a1b3c5d7e9f';

describe('the rounds of posts', () => {
  test('round n holds the n-th post to each webhook, in the order given', () => {
    const schedule = new PostSchedule(['a', 'a', 'b', 'a', 'c']);
    const rounds: number[][] = [];
    for (let round = schedule.nextRound(); round !== null; round = schedule.nextRound()) {
      rounds.push(round);
      for (const index of round) schedule.record(index, { ok: true, status: 200, detail: 'ok' });
    }
    expect(rounds).toEqual([[0, 2, 4], [1], [3]]);
    expect(schedule.outcomes().every((o) => o.ok)).toBe(true);
  });

  test('after a failure, the later posts to that webhook are left unsent; a round of nothing else is skipped', () => {
    const schedule = new PostSchedule(['a', 'a', 'a', 'b']);
    expect(schedule.nextRound()).toEqual([0, 3]);
    schedule.record(0, { ok: false, status: 200, detail: '45009 api freq out of limit' });
    schedule.record(3, { ok: true, status: 200, detail: 'ok' });
    expect(schedule.nextRound()).toBeNull();
    expect(schedule.outcomes()).toEqual([
      { ok: false, status: 200, detail: '45009 api freq out of limit' },
      { ok: false, status: null, detail: NOT_SENT_AFTER_FAILURE },
      { ok: false, status: null, detail: NOT_SENT_AFTER_FAILURE },
      { ok: true, status: 200, detail: 'ok' },
    ]);
  });
});

describe('outcomes and secrets', () => {
  test('a reply is read by the channel told by the webhook’s address', () => {
    expect(postOutcome(FEISHU, undefined, 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}')).toEqual({
      ok: false,
      status: 200,
      detail: '19021 sign match fail or timestamp is not within one hour from current time',
    });
    expect(postOutcome(DINGTALK, 'dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true, status: 200, detail: 'ok' });
  });

  test('a network error naming the webhook keeps neither its token nor its signature', () => {
    const outcome = postOutcome(
      DINGTALK,
      'dingtalk',
      null,
      `connect ETIMEDOUT oapi.dingtalk.com access_token=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 sign=qF3l+kN8aYc5t2zq0bqS7o1wQm3yJfL0x9XrGd2V8pE=`,
    );
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.detail).not.toMatch(/0f1e2d3c|qF3l/);
  });

  test('the secrets of a URL are the URL, its long parts and their decoded forms, replaced longest first', () => {
    const secrets = secretsOfUrl(FEISHU);
    expect(secrets).toEqual(expect.arrayContaining([FEISHU, '2e9b1c4a-58f3-4c2e-9d0e-7a1b3c5d7e9f']));
    expect(withoutSecrets(`POST ${FEISHU} failed (token 2e9b1c4a-58f3-4c2e-9d0e-7a1b3c5d7e9f)`, secrets)).toBe('POST … failed (token …)');
    expect(secretsOfUrl(DINGTALK)).toContain('qF3l+kN8aYc5t2zq0bqS7o1wQm3yJfL0x9XrGd2V8pE=');
  });
});
