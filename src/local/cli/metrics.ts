/** CLI commands of the metrics feature. */
import type { CliCommands } from './types';

export const metricsCommands: CliCommands = {};
