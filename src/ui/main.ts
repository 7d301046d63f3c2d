/** The sidebar entry: reads the boot data the server appended, then mounts the requested page. */
import type { SidebarBoot, SidebarPage } from '../app/boot';
import { translator } from '../core/i18n';
import { clear } from './dom';
import type { PageMount } from './page';
import { mountCalendarPage } from './pages/calendar';
import { mountGanttPage } from './pages/gantt';
import { mountMetricsPage } from './pages/metrics';
import { mountSopPage } from './pages/sop';
import { mountTeamPage } from './pages/team';

declare global {
  interface Window {
    __SOP_BOOT__?: SidebarBoot;
  }
}

const PAGES: Record<SidebarPage, PageMount> = {
  team: mountTeamPage,
  sop: mountSopPage,
  gantt: mountGanttPage,
  calendar: mountCalendarPage,
  metrics: mountMetricsPage,
};

function mount(boot: SidebarBoot): void {
  const root = document.getElementById('app')!;
  clear(root);
  document.documentElement.lang = boot.lang;
  document.title = boot.title;
  PAGES[boot.page]({ root, tr: translator(boot.lang), boot, remount: mount });
}

// The boot script is appended after this bundle, so wait for the whole document.
document.addEventListener('DOMContentLoaded', () => {
  mount(window.__SOP_BOOT__ ?? { page: 'team', lang: 'zh-CN', title: '' });
});
