/** The review's request: good ones round-trip through JSON, bad shapes are refused by field. */
import { parseReviewRequest } from '../../../src/core/review/request';
import { problemsOf } from '../../support/problems';

describe('parseReviewRequest', () => {
  test('the menu’s nothing, a template, cohorts: as sent', () => {
    expect(parseReviewRequest(undefined)).toEqual({});
    const request = { template: 'big-class-28d', cohorts: ['第10期', '11期'] };
    expect(parseReviewRequest(JSON.parse(JSON.stringify(request)))).toEqual(request);
  });

  test('a wrong type or a misspelt field is refused with the review’s code and the field', () => {
    const problems = problemsOf(() => parseReviewRequest({ template: 3, cohort: ['第10期'] }));
    expect(problems.map((p) => [p.code, p.params?.field])).toEqual(
      expect.arrayContaining([
        ['review.error.request', 'template'],
        ['review.error.request', 'cohort'],
      ]),
    );
    expect(problemsOf(() => parseReviewRequest(42))[0].code).toBe('review.error.request');
  });
});
