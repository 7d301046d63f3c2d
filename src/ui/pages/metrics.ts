/** The metrics sidebar page. */
import type { PageEnv } from '../page';

export function mountMetricsPage(_env: PageEnv): void {}
