/** The metrics feature's entries: the functions its sidebar calls and its menu items. */
import type { AppContext } from '../../ports';
import type { MenuItem } from '../menu';
import { computeMetricsHere, computeMetricsTab, computeRawMetricsTab, getMetricsState, type MetricsSource, type RawMetricsRequest } from '../metrics';

export const metricsApi = {
  getMetricsState: (ctx: AppContext) => getMetricsState(ctx),
  computeMetrics: (ctx: AppContext, source: MetricsSource) => computeMetricsTab(ctx, source),
  computeRawMetrics: (ctx: AppContext, request: RawMetricsRequest) => computeRawMetricsTab(ctx, request),
};

export const metricsMenu: MenuItem[] = [
  { label: 'metrics.menu.sidebar', fn: 'showMetricsSidebar', page: 'metrics' },
  { label: 'metrics.menu.computeHere', fn: 'computeMetricsHere', action: computeMetricsHere },
];
