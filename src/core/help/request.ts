/** The help page's one request (open it on a section), checked for shape before the use case runs. */
import { parseObjectRequest } from '../request';
import { HELP_SECTIONS, type HelpSection } from './sections';

export interface HelpRequest {
  /** The section to open; the page opens with every section folded when not given. */
  section?: HelpSection;
}

export function parseHelpRequest(raw: unknown): HelpRequest {
  if (raw === undefined || raw === null) return {};
  return parseObjectRequest('help.error.request', raw, (fields) => {
    const section = fields.optionalChoice('section', HELP_SECTIONS);
    return section ? { section } : {};
  });
}
