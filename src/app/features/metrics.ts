/**
 * The conversion-metrics feature: its sidebar page, its menu items, the functions its sidebar calls,
 * and the custom functions people use in their own sheets. The JSDoc above each custom function is
 * what Sheets shows as its help: the build copies it, with the parameter names, onto the function's
 * top-level declaration in Code.js.
 */
import { PRINT_PAGE_MESSAGES } from '../../core/tab/print-messages';
import { sopPooledRate, sopRate, sopRoi, type CustomArg } from '../../core/metrics/custom-functions';
import { parseMetricsSource, parseRawMetricsRequest } from '../../core/metrics/request';
import { defineFeature, withRequest, withStateRequest } from '../feature';
import { computeMetricsHere, computeMetricsTab, computeRawMetricsTab, getMetricsState } from '../metrics';

export const metricsFeature = defineFeature({
  page: 'metrics',
  pageMessages: ['metrics.sidebar', 'metrics.raw.list', 'settings.classMinutes', 'settings.completionShare', ...PRINT_PAGE_MESSAGES],
  menu: [
    { label: 'metrics.menu.sidebar', fn: 'showMetricsSidebar', page: 'metrics' },
    { label: 'metrics.menu.computeHere', fn: 'computeMetricsHere', action: computeMetricsHere },
  ],
  api: {
    getMetricsState: withStateRequest('metrics.error.request', getMetricsState),
    computeMetrics: withRequest(parseMetricsSource, computeMetricsTab),
    computeRawMetrics: withRequest(parseRawMetricsRequest, computeRawMetricsTab),
  },
  customFunctions: {
    /**
     * A rate: part ÷ whole, e.g. 到课人数 ÷ 群人数 = 活动参与率. Blank when the whole is blank or zero,
     * never an error. Give one cell each, or two ranges of the same size for a rate per row.
     *
     * @param {number|Array<Array<number>>} part The count on top, e.g. attendees (到课人数), or a range of them.
     * @param {number|Array<Array<number>>} whole The count below, e.g. members (群人数), or a range of the same size.
     * @return The rate (format the cell as a percentage), or blank.
     * @customfunction
     */
    SOP_RATE: (part: CustomArg, whole: CustomArg) => sopRate(part, whole),

    /**
     * The total rate of several groups: Σ parts ÷ Σ wholes over the rows where both are numbers —
     * never the average of the groups' rates. Blank when nothing pairs up or the wholes add up to zero.
     *
     * @param {Array<Array<number>>} parts The counts on top, e.g. the attendees (到课人数) column.
     * @param {Array<Array<number>>} wholes The counts below, e.g. the members (群人数) column, the same size.
     * @return The pooled rate (format the cell as a percentage), or blank.
     * @customfunction
     */
    SOP_POOLED_RATE: (parts: CustomArg, wholes: CustomArg) => sopPooledRate(parts, wholes),

    /**
     * Return on investment: revenue ÷ cost (收入 ÷ 投放成本). Blank when the cost is blank or zero.
     *
     * @param {number|Array<Array<number>>} revenue The revenue (收入/GMV), or a range of it.
     * @param {number|Array<Array<number>>} cost The cost (投放成本), or a range of the same size.
     * @return The ROI as a ratio (3 means revenue is three times the cost), or blank.
     * @customfunction
     */
    SOP_ROI: (revenue: CustomArg, cost: CustomArg) => sopRoi(revenue, cost),
  },
});
