/** The calendar sidebar page. */
import type { PageEnv } from '../page';

export function mountCalendarPage(_env: PageEnv): void {}
