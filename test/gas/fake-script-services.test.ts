/**
 * The fake's ScriptApp, UrlFetchApp, MailApp and Utilities.sleep behave as Apps Script documents them
 * where reminders depend on it, and every call through them is checked against the typings.
 */
import { gasSignatures, overloadText } from './gas-signatures';
import { FakeGas, installFakeGas } from './fake-spreadsheet';

/** Lets a test make a call the typings refuse, as untyped code (or a cast) would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = <T>(value: T): any => value;

const SCRIPTAPP = 'https://www.googleapis.com/auth/script.scriptapp';
const URL = 'https://example.com/hook';

let fake: FakeGas;
beforeEach(() => {
  fake = installFakeGas();
});
afterEach(() => fake.uninstall());

describe('the signature table', () => {
  const overloads = (key: string): string[] => {
    const [api, method] = key.split('.');
    return (gasSignatures().interfaces.get(api)?.get(method) ?? []).map(overloadText);
  };

  test('reads ScriptApp, UrlFetchApp and MailApp from the typings, and the granular-consent members the project declares', () => {
    expect(overloads('ScriptApp.requireScopes')).toEqual(['(authMode: AuthMode, oAuthScopes: array)']);
    expect(overloads('ScriptApp.getAuthorizationInfo')).toEqual(['(authMode: AuthMode)', '(authMode: AuthMode, oAuthScopes: array)']);
    expect(overloads('AuthorizationInfo.getAuthorizedScopes')).toEqual(['()']);
    expect(overloads('ClockTriggerBuilder.atHour')).toEqual(['(hour: number)']);
    expect(overloads('UrlFetchApp.fetchAll')).toEqual(['(requests: array)']);
    expect(overloads('MailApp.sendEmail')).toHaveLength(4);
  });

  test('a call the typings refuse fails at the call', () => {
    expect(() => loose(ScriptApp).newTrigger(5)).toThrow(/^ScriptApp\.newTrigger: .*argument 1 \(functionName\) is number 5/);
    expect(() => loose(ScriptApp.newTrigger('f').timeBased()).atHour('8')).toThrow(/^ClockTriggerBuilder\.atHour: .*argument 1 \(hour\) is string "8"/);
    expect(() => loose(ScriptApp).getAuthorizationInfo('FULL', [SCRIPTAPP], 1)).toThrow(/^ScriptApp\.getAuthorizationInfo: 3 arguments/);
    expect(() => loose(ScriptApp).requireScopes('EVERYTHING', [SCRIPTAPP])).toThrow(/not a AuthMode/);
    expect(() => loose(UrlFetchApp).fetchAll(URL)).toThrow(/^UrlFetchApp\.fetchAll: .*argument 1 \(requests\) is string/);
    expect(() => loose(Utilities).sleep('1000')).toThrow(/^Utilities\.sleep: /);
  });
});

describe('ScriptApp', () => {
  test('a clock trigger needs a schedule Apps Script accepts', () => {
    const clock = () => ScriptApp.newTrigger('f').timeBased();
    expect(() => clock().create()).toThrow('ClockTriggerBuilder.create: a clock trigger needs one of everyDays and everyHours');
    expect(() => clock().everyHours(3)).toThrow('ClockTriggerBuilder.everyHours: 3 is not 1, 2, 4, 6, 8 or 12');
    expect(() => clock().everyHours(2).atHour(8).create()).toThrow('atHour needs everyDays');
    expect(() => clock().everyDays(1).nearMinute(5).create()).toThrow('nearMinute needs atHour');
    expect(() => clock().everyDays(1).atHour(8).inTimezone('Mars/Olympus')).toThrow('Mars/Olympus is not a time zone');
    expect(fake.triggers).toEqual([]);
  });

  test('one time-driven trigger per user and document; each user sees only their own', () => {
    const trigger = ScriptApp.newTrigger('sendDailyReminders').timeBased().everyDays(1).atHour(8).nearMinute(30).inTimezone('Asia/Shanghai').create();
    expect(trigger.getHandlerFunction()).toBe('sendDailyReminders');
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(trigger.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(() => ScriptApp.newTrigger('other').timeBased().everyHours(1).create()).toThrow(/one of each type per user per document/);
    expect(ScriptApp.getUserTriggers(fake.spreadsheet).map((t) => t.getUniqueId())).toEqual([trigger.getUniqueId()]);
    fake.userEmail = 'colleague@example.com';
    expect(ScriptApp.getProjectTriggers()).toEqual([]);
    expect(() => ScriptApp.deleteTrigger(trigger)).toThrow(/no trigger .* of this user/);
    fake.userEmail = 'operator@example.com';
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(fake.triggers).toEqual([]);
  });

  test('authorization: asked about FULL and declared scopes only; a missing scope is reported and prompted for', () => {
    expect(() => loose(ScriptApp).getAuthorizationInfo('LIMITED')).toThrow('ask about AuthMode.FULL, not LIMITED');
    expect(() => ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['https://www.googleapis.com/auth/drive'])).toThrow(
      "https://www.googleapis.com/auth/drive not declared in appsscript.json's oauthScopes",
    );
    const all = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    expect(all.getAuthorizationStatus()).toBe(ScriptApp.AuthorizationStatus.NOT_REQUIRED);
    expect(all.getAuthorizationUrl()).toBeNull();
    fake.grantedScopes.delete(SCRIPTAPP);
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, [SCRIPTAPP, 'https://www.googleapis.com/auth/script.container.ui']);
    expect(info.getAuthorizationStatus()).toBe(ScriptApp.AuthorizationStatus.REQUIRED);
    expect(info.getAuthorizedScopes()).toEqual(['https://www.googleapis.com/auth/script.container.ui']);
    expect(info.getAuthorizationUrl()).toMatch(/^https:\/\/script\.google\.com\//);
    expect(() => ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [SCRIPTAPP])).toThrow('Authorization is required to perform that action.');
    expect(fake.consentPrompts).toEqual([[SCRIPTAPP]]);
    expect(() => ScriptApp.getProjectTriggers()).toThrow(`You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: ${SCRIPTAPP}`);
  });
});

describe('UrlFetchApp', () => {
  test('answers each request with the test’s handler; unmuted HTTP errors throw with the URL, as Apps Script does', () => {
    fake.fetchHandler = (request) => ({ status: request.payload === 'bad' ? 404 : 200, body: `{"seen":${JSON.stringify(request.payload)}}` });
    const [ok, notFound] = UrlFetchApp.fetchAll([
      { url: URL, method: 'post', payload: 'good', muteHttpExceptions: true },
      { url: URL, method: 'post', payload: 'bad', muteHttpExceptions: true },
    ]);
    expect([ok.getResponseCode(), ok.getContentText()]).toEqual([200, '{"seen":"good"}']);
    expect(notFound.getResponseCode()).toBe(404);
    expect(() => UrlFetchApp.fetch(URL, { method: 'post', payload: 'bad' })).toThrow(`Request failed for ${URL} returned code 404.`);
    expect(UrlFetchApp.fetchAll([URL])[0].getResponseCode()).toBe(200);
    expect(fake.fetches.map((r) => [r.method, r.payload])).toEqual([
      ['post', 'good'],
      ['post', 'bad'],
      ['post', 'bad'],
      ['get', null],
    ]);
  });

  test('a network failure of one request fails the whole fetchAll; unknown options and bad URLs are refused', () => {
    fake.fetchHandler = (request) => {
      if (request.url.includes('down')) throw new Error('Address unavailable: https://down.example.com/');
      return { status: 200, body: '{}' };
    };
    expect(() => UrlFetchApp.fetchAll([URL, 'https://down.example.com/'])).toThrow('Address unavailable');
    expect(() => UrlFetchApp.fetchAll([loose({ url: URL, mute: true })])).toThrow('UrlFetchApp.fetchAll: unknown request options mute');
    expect(() => UrlFetchApp.fetch('not a url')).toThrow('Invalid argument: not a url');
  });
});

describe('MailApp and Utilities.sleep', () => {
  test('mail is recorded in each of the typings’ forms, within the quota', () => {
    MailApp.sendEmail('a@example.com', 'subject', 'body');
    MailApp.sendEmail('b@example.com', 'subject', 'body', { name: 'SOP', htmlBody: '<b>body</b>' });
    MailApp.sendEmail('c@example.com', 'reply@example.com', 'subject', 'body');
    MailApp.sendEmail({ to: 'd@example.com,e@example.com', subject: 'subject', body: 'body' });
    expect(fake.mails.map((m) => [m.to, m.replyTo, m.name, m.htmlBody])).toEqual([
      ['a@example.com', null, null, null],
      ['b@example.com', null, 'SOP', '<b>body</b>'],
      ['c@example.com', 'reply@example.com', null, null],
      ['d@example.com,e@example.com', null, null, null],
    ]);
    expect(MailApp.getRemainingDailyQuota()).toBe(95);
    fake.mailQuota = 0;
    expect(() => MailApp.sendEmail('a@example.com', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
  });

  test('sleep records the wait, within Apps Script’s 5 minutes', () => {
    Utilities.sleep(3000);
    expect(fake.sleeps).toEqual([3000]);
    expect(() => Utilities.sleep(300_001)).toThrow('Utilities.sleep: 300001 is not a wait of 0 to 300000 ms');
    expect(() => Utilities.sleep(1.5)).toThrow(/not a wait/);
  });
});
