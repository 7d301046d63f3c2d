/** The sidebars' requests for a calendar file, checked for shape before a use case runs. */
import { parseObjectRequest } from '../request';

/** An SOP tab, by its name as the sidebar lists it. */
export interface SopIcsRequest {
  tab: string;
}

export interface CalendarIcsRequest {
  /** "2026-12" (the use case reads it and names what is wrong). */
  month: string;
  /** The activity list tab; the default list when not given. */
  list?: string;
}

export function parseSopIcsRequest(raw: unknown): SopIcsRequest {
  return parseObjectRequest('sop.error.request', raw, (fields) => ({ tab: fields.text('tab') }));
}

export function parseCalendarIcsRequest(raw: unknown): CalendarIcsRequest {
  return parseObjectRequest('calendar.error.request', raw, (fields) => {
    const request: CalendarIcsRequest = { month: fields.text('month') };
    const list = fields.optionalText('list');
    if (list !== undefined) request.list = list;
    return request;
  });
}
