/** The sample month (December 2026) as the tests read it: the list grid from the copied fixture. */
import sampleTsv from './fixtures/activities-2026-12.tsv';
import teamTsv from './fixtures/team.tsv';
import type { CellValue } from '../../../src/core/tab/spec';
import { readActivityGrid } from '../../../src/core/calendar/activities';
import { serialFromYmd } from '../../../src/core/dates';

export function tsvGrid(text: string): CellValue[][] {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t').map((cell) => (cell === '' ? null : cell)));
}

export const sampleGrid = (): CellValue[][] => tsvGrid(sampleTsv);
export const teamGrid = (): CellValue[][] => tsvGrid(teamTsv);
export const sampleActivities = () => readActivityGrid(sampleGrid(), { tab: '活动清单' }).activities;

/** 2026-12-05 → its serial, for readable expectations. */
export const d = (iso: string): number => {
  const [y, m, day] = iso.split('-').map(Number);
  return serialFromYmd(y, m, day);
};
