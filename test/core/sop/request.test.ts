/** The SOP sidebar's requests are checked for shape before the use case runs; good ones pass unchanged. */
import { formatProblem } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { parseSaveTemplateRequest, parseSopRequest, type SopRequest } from '../../../src/core/sop/request';
import { problemsOf } from '../../support/problems';

const form: SopRequest = {
  template: 'camp-7day',
  anchor: '2026-12-14',
  groups: 'A群\nB群',
  cohort: '第12期',
  assignments: { operator: '林晓', advisor: '陈默' },
  markCalendar: true,
  useTemplateTexts: false,
};

describe('parseSopRequest', () => {
  test('the sidebar’s form comes back as it was sent, after a trip through JSON', () => {
    expect(parseSopRequest(JSON.parse(JSON.stringify(form)))).toEqual(form);
    expect(parseSopRequest({ template: 'x', anchor: '', groups: '' })).toEqual({ template: 'x', anchor: '', groups: '' });
  });

  test('content is the use case’s to judge: an unreadable date or an unknown template passes the shape check', () => {
    expect(parseSopRequest({ ...form, anchor: 'next tuesday', template: 'nope' })).toMatchObject({ anchor: 'next tuesday', template: 'nope' });
  });

  test('every wrong field is named at once, by its path, with what came instead', () => {
    const problems = problemsOf(() => parseSopRequest({ template: 7, groups: ['A群'], assignments: { operator: 1, boss: 'x' }, markCalendar: 'yes' }));
    expect(problems.map((p) => p.code)).toEqual(Array(6).fill('sop.error.request'));
    expect(problems.map((p) => p.params?.field)).toEqual(['template', 'anchor', 'groups', 'assignments.operator', 'assignments.boss', 'markCalendar']);
    expect(problems[0].params).toEqual({ field: 'template', expected: 'string', value: '7' });
    expect(problems[1].params).toEqual({ field: 'anchor', expected: 'string', value: 'undefined' });
  });

  test('a request that is not an object, or carries a field the form does not have, is refused', () => {
    expect(problemsOf(() => parseSopRequest(null))[0].params).toEqual({ field: 'request', expected: 'object', value: 'null' });
    expect(problemsOf(() => parseSopRequest([form]))[0].params).toMatchObject({ field: 'request', expected: 'object' });
    expect(problemsOf(() => parseSopRequest({ ...form, __proto__x: 1 }))[0].params).toMatchObject({ field: '__proto__x', expected: 'absent' });
  });

  test('the problem reads in the user’s language', () => {
    const [problem] = problemsOf(() => parseSopRequest({ ...form, groups: 3 }));
    expect(formatProblem(problem, translator('zh-CN'))).toBe('排期表单发来的“groups”不对：应为 string，收到的是 3。请关闭侧边栏后重新打开再试。');
    expect(formatProblem(problem, translator('en'))).toBe(
      'The SOP form sent a wrong "groups": expected string, got 3. Close the sidebar, open it again and retry.',
    );
  });

  test('a long value is cut short in the message', () => {
    const [problem] = problemsOf(() => parseSopRequest({ ...form, cohort: { text: 'x'.repeat(500) } }));
    expect(String(problem.params?.value).length).toBe(40);
  });
});

describe('parseSaveTemplateRequest', () => {
  test('a template or a tab with its anchor round-trips; null fields are left out', () => {
    expect(parseSaveTemplateRequest({ template: 'camp-7day' })).toEqual({ template: 'camp-7day' });
    expect(parseSaveTemplateRequest({ fromTab: 'SOP·A群', anchor: '2026-12-14', template: null })).toEqual({ fromTab: 'SOP·A群', anchor: '2026-12-14' });
  });

  test('wrong shapes are refused with the SOP code', () => {
    expect(problemsOf(() => parseSaveTemplateRequest({ fromTab: 5 })).map((p) => p.params?.field)).toEqual(['fromTab']);
    expect(problemsOf(() => parseSaveTemplateRequest('camp-7day'))[0].code).toBe('sop.error.request');
  });
});
