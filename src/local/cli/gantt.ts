/** CLI commands of the gantt feature. */
import type { CliCommands } from './types';

export const ganttCommands: CliCommands = {};
