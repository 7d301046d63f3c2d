/** The sop sidebar page. */
import type { PageEnv } from '../page';

export function mountSopPage(_env: PageEnv): void {}
