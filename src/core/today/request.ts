/** The Today board's requests, as they arrive over the wire, checked for shape before a use case runs. */
import { AppError } from '../errors';
import { parseObjectRequest } from '../request';

export interface TodayRequest {
  /** Days after today whose items are listed too (0–14); the setting when not given. */
  daysAhead?: number;
}

/** Largest look-ahead the board and the settings accept. */
export const MAX_DAYS_AHEAD = 14;

/** A request from the menu (nothing), a sidebar or the playground ({daysAhead}). */
export function parseTodayRequest(raw: unknown): TodayRequest {
  if (raw === undefined || raw === null) return {};
  return parseObjectRequest('today.error.request', raw, (fields) => {
    const request: TodayRequest = {};
    const daysAhead = fields.optionalNumber('daysAhead');
    if (daysAhead !== undefined && daysAhead !== null) request.daysAhead = checkDaysAhead(daysAhead);
    return request;
  });
}

/** A whole number of days from 0 to 14, or an AppError saying what was given. */
export function checkDaysAhead(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS_AHEAD) throw new AppError({ code: 'today.error.daysAhead', params: { value: String(value) } });
  return n;
}
