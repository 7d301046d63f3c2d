/** The push-plan sidebar's request, as it arrives over the wire, checked for shape before a use case runs. */
import { parseObjectRequest } from '../request';

/** What the sidebar sends: which plan tab, and how durations count this time (the setting when omitted). */
export interface GanttRequest {
  planTab: string;
  workingDays?: boolean;
}

export function parseGanttRequest(raw: unknown): GanttRequest {
  return parseObjectRequest('gantt.error.request', raw, (fields) => {
    const request: GanttRequest = { planTab: fields.text('planTab') };
    const workingDays = fields.optionalFlag('workingDays');
    if (workingDays !== undefined) request.workingDays = workingDays;
    return request;
  });
}
