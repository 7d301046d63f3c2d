/** The SOP sidebar's requests, as they arrive over the wire, checked for shape before a use case runs. */
import { parseObjectRequest, type RequestFields } from '../request';
import { ROLES, type Role } from '../team/team';

/** The sidebar's form, as sent. Dates are ISO strings. */
export interface SopRequest {
  template: string;
  anchor: string;
  /** Group names, one per line or separated by commas (，、;). */
  groups: string;
  cohort?: string;
  /** Role → person chosen in the sidebar; a role left out follows the team. */
  assignments?: Partial<Record<Role, string>>;
  markCalendar?: boolean;
  /**
   * Replace texts edited by hand whose template text has changed since with the template's new texts
   * (the sidebar's "use the template's new texts"); the tab as it was goes to a hidden old version.
   */
  useTemplateTexts?: boolean;
}

/** Save as template: the chosen template, or the rows of an SOP tab (offsets from its anchor). */
export interface SaveTemplateRequest {
  template?: string;
  fromTab?: string;
  /** The anchor date of `fromTab` when its rows do not tell it (ISO). */
  anchor?: string;
}

export function parseSopRequest(raw: unknown): SopRequest {
  return parseObjectRequest('sop.error.request', raw, (fields) => {
    const request: SopRequest = { template: fields.text('template'), anchor: fields.text('anchor'), groups: fields.text('groups') };
    const cohort = fields.optionalText('cohort');
    const assignments = fields.optionalObject('assignments', readAssignments);
    const markCalendar = fields.optionalFlag('markCalendar');
    const useTemplateTexts = fields.optionalFlag('useTemplateTexts');
    if (cohort !== undefined) request.cohort = cohort;
    if (assignments !== undefined) request.assignments = assignments;
    if (markCalendar !== undefined) request.markCalendar = markCalendar;
    if (useTemplateTexts !== undefined) request.useTemplateTexts = useTemplateTexts;
    return request;
  });
}

export function parseSaveTemplateRequest(raw: unknown): SaveTemplateRequest {
  return parseObjectRequest('sop.error.request', raw, (fields) => {
    const request: SaveTemplateRequest = {};
    const template = fields.optionalText('template');
    const fromTab = fields.optionalText('fromTab');
    const anchor = fields.optionalText('anchor');
    if (template !== undefined) request.template = template;
    if (fromTab !== undefined) request.fromTab = fromTab;
    if (anchor !== undefined) request.anchor = anchor;
    return request;
  });
}

function readAssignments(fields: RequestFields): Partial<Record<Role, string>> {
  const assignments: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const person = fields.optionalText(role);
    if (person !== undefined) assignments[role] = person;
  }
  return assignments;
}
