/** The review's request, as it arrives over the wire, checked for shape before the use case runs. */
import { parseObjectRequest } from '../request';

export interface ReviewRequest {
  /** The template id the SOP tabs were generated from; the most used one when not given. */
  template?: string;
  /** Cohort names (第10期, 11期…); the last 6 of the template when not given. */
  cohorts?: string[];
  /**
   * Cohort spellings the user confirmed name the same cohort: the SOP tabs' label and the metrics
   * data's (第12期 = 12期). The sidebar sends the proposed pairs it showed that are ticked: they replace
   * what was confirmed before for those pairs. Absent (the menu, the CLI without --map): the pairs
   * confirmed before, kept in the review tabs' markers, apply.
   */
  confirmedCohorts?: CohortPair[];
}

/** One cohort as the SOP tabs write it and as the metrics data writes it. */
export interface CohortPair {
  sop: string;
  metrics: string;
}

export function parseReviewRequest(raw: unknown): ReviewRequest {
  if (raw === undefined || raw === null) return {};
  return parseObjectRequest('review.error.request', raw, (fields) => {
    const request: ReviewRequest = {};
    const template = fields.optionalText('template');
    // '' names the SOP tabs whose template is not known (a sidebar lists them as one choice).
    if (template !== undefined) request.template = template;
    const cohorts = fields.optionalTextList('cohorts');
    if (cohorts && cohorts.length) request.cohorts = cohorts;
    const confirmed = fields.optionalObjectList('confirmedCohorts', (pair) => ({ sop: pair.text('sop'), metrics: pair.text('metrics') }));
    // Kept when empty: the sidebar sends every pair it showed, and an empty list un-confirms them all.
    if (confirmed) request.confirmedCohorts = confirmed;
    return request;
  });
}
