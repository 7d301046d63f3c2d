/** The review's request, as it arrives over the wire, checked for shape before the use case runs. */
import { parseObjectRequest } from '../request';

export interface ReviewRequest {
  /** The template id the SOP tabs were generated from; the most used one when not given. */
  template?: string;
  /** Cohort names (第10期, 11期…); the last 6 of the template when not given. */
  cohorts?: string[];
}

export function parseReviewRequest(raw: unknown): ReviewRequest {
  if (raw === undefined || raw === null) return {};
  return parseObjectRequest('review.error.request', raw, (fields) => {
    const request: ReviewRequest = {};
    const template = fields.optionalText('template');
    if (template) request.template = template;
    const cohorts = fields.optionalTextList('cohorts');
    if (cohorts && cohorts.length) request.cohorts = cohorts;
    return request;
  });
}
