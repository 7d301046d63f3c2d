/** Conversion metrics (转化指标): the public API of the pure core. */
export { readNumber, isMissingCell, type NumberReading, type NumberProblem, type ReadNumberOptions } from './numbers';
export { INPUT_KEYS, COLUMN_SYNONYMS, METRICS_SCHEMA, MONEY_INPUTS, columnKeyOf, type InputKey, type ColumnKey } from './synonyms';
export {
  METRICS,
  METRIC_KEYS,
  computeRow,
  computeTotal,
  derivedRevenue,
  emptyInputs,
  emptyMetrics,
  metricAvailable,
  metricDefinition,
  type MetricDefinition,
  type MetricInputs,
  type MetricKey,
  type MetricKind,
  type MetricValues,
  type MetricsTotal,
} from './definitions';
export { rowFormula, pooledFormula, sumFormula, copyFormula, shareFormula, deltaFormula, deltaPercentFormula, type FormulaRefs } from './formulas';
export { parseMetricsGrid, isTotalLabel, type ParsedRow, type ParsedTable, type ParseOptions } from './parse';
export { compareRows, periodSortKey, type MetricChange, type RowComparison } from './compare';
export { computeRawMetrics, orderStatus, DEFAULT_CLASS_MINUTES, DEFAULT_COMPLETION_SHARE, type RawLists, type RawOptions, type OrderStatus } from './raw';
export { computeMetrics, metricsToJson, type MetricsResult, type MetricsRow, type MetricsJson, type TotalMethod } from './result';
export type { MetricsReport, MappingEntry, SkippedRow, ExtraColumn, Warning, RawListKind } from './report';
export { buildMetricsTab, warningText, DEFAULT_BENCHMARK_BANDS, type BenchmarkBand, type MetricsTabOptions } from './tab';
export { parseDelimited, parsePastedText, type Delimiter } from './paste';
export { sopRate, sopRoi, sopPooledRate, type CustomArg, type CustomResult, type CustomScalar } from './custom-functions';
