/**
 * A person's typing in the playground runs the add-on's onEdit, as Sheets does: an SOP tab's marker
 * keeps counting its 群发 rows where they now are.
 */
import { startPlayground, type Playground } from '../../src/local/playground';

let playground: Playground;
let origin: string;

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
  origin = playground.url.replace(/\/$/, '');
});
afterAll(() => playground.close());

async function post(path: string, body: unknown): Promise<{ ok?: boolean }> {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-SOP-Token': playground.token, Origin: origin },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok?: boolean };
}

test('a 群发 row re-dated by typing moves in the SOP tab’s marker; typing elsewhere leaves it', async () => {
  expect((await post('/api/generateSop', [{ template: 'conversion-7d', anchor: '2026-12-14', groups: 'A群', cohort: '第1期' }])).ok).toBe(true);
  const tab = 'SOP·A群·第1期';
  const pushes = (): Array<[string, number]> => JSON.parse(playground.ctx.workbook.tab(tab).marker?.about?.pushes ?? 'null');
  const grid = playground.ctx.workbook.readTab(tab);
  const row = grid.findIndex((line) => line[grid[0].indexOf('渠道')] === '群发');
  const before = pushes();
  expect(before).toHaveLength(1);
  expect(before[0][0]).not.toBe('2026-12-25');

  expect(await post('/edit', { tab, row, col: grid[0].indexOf('事项'), value: '改了措辞' })).toEqual({ ok: true });
  expect(pushes()).toEqual(before);
  expect(await post('/edit', { tab, row, col: grid[0].indexOf('日期'), value: '2026-12-25' })).toEqual({ ok: true });
  expect(pushes()).toEqual([['2026-12-25', 1]]);
});
