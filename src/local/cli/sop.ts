/** CLI commands of the sop feature. */
import type { CliCommands } from './types';

export const sopCommands: CliCommands = {};
