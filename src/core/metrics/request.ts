/**
 * The metrics sidebar's requests, as they arrive over the wire, checked for shape before a use case
 * runs. Whether the pasted text or the tab holds readable counts is the use case's to say.
 */
import { parseObjectRequest, type RequestFields } from '../request';

/**
 * Where a table of counts comes from. `here` is the menu action: the selection when one spans more
 * than a cell, else the active tab. A tab that is itself a metrics tab stands for its source tab.
 */
export type MetricsSource = { kind: 'here' } | { kind: 'selection' } | { kind: 'tab'; tab?: string } | { kind: 'paste'; text: string };

export type RawListSource = { kind: 'tab'; tab: string } | { kind: 'paste'; text: string };

export interface RawMetricsRequest {
  members: RawListSource;
  attendance?: RawListSource | null;
  orders?: RawListSource | null;
  /** Override the settings for this run (the sidebar prefills them from the settings). */
  classMinutes?: number | null;
  completionShare?: number | null;
}

const SOURCE_KINDS = ['here', 'selection', 'tab', 'paste'] as const;
const LIST_KINDS = ['tab', 'paste'] as const;

export function parseMetricsSource(raw: unknown): MetricsSource {
  return parseObjectRequest('metrics.error.request', raw, (fields): MetricsSource => {
    const kind = fields.choice('kind', SOURCE_KINDS);
    if (kind === 'tab') {
      const tab = fields.optionalText('tab');
      return tab === undefined ? { kind } : { kind, tab };
    }
    if (kind === 'paste') return { kind, text: fields.text('text') };
    return { kind };
  });
}

export function parseRawMetricsRequest(raw: unknown): RawMetricsRequest {
  return parseObjectRequest('metrics.error.request', raw, (fields) => {
    const members = fields.optionalObject('members', readListSource);
    if (members === undefined) fields.refuse('members', 'object', fields.any('members'));
    const request: RawMetricsRequest = { members: members ?? { kind: 'paste', text: '' } };
    // A list not chosen arrives as null; a number field left empty as null too (the settings then apply).
    for (const list of ['attendance', 'orders'] as const) {
      const given = fields.any(list);
      if (given === null) request[list] = null;
      else if (given !== undefined) request[list] = fields.optionalObject(list, readListSource);
    }
    for (const share of ['classMinutes', 'completionShare'] as const) {
      const value = fields.optionalNumber(share);
      if (value !== undefined) request[share] = value;
    }
    return request;
  });
}

function readListSource(fields: RequestFields): RawListSource {
  const kind = fields.choice('kind', LIST_KINDS);
  return kind === 'tab' ? { kind, tab: fields.text('tab') } : { kind, text: fields.text('text') };
}
