/** The gantt sidebar page. */
import type { PageEnv } from '../page';

export function mountGanttPage(_env: PageEnv): void {}
