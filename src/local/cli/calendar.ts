/** CLI commands of the calendar feature. */
import type { CliCommands } from './types';

export const calendarCommands: CliCommands = {};
