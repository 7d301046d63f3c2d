/** The sidebar entry: reads the boot data the server appended, then mounts the requested page. */
import type { SidebarBoot } from '../app/boot';
import type { TeamState } from '../app/team';
import { translator } from '../core/i18n';
import { clear } from './dom';
import { mountTeamPage } from './pages/team';

declare global {
  interface Window {
    __SOP_BOOT__?: SidebarBoot;
  }
}

function mount(boot: SidebarBoot): void {
  const root = document.getElementById('app')!;
  clear(root);
  document.documentElement.lang = boot.lang;
  const tr = translator(boot.lang);
  document.title = boot.title;
  if (boot.page === 'team') {
    mountTeamPage(root, tr, (state: TeamState) => mount({ ...boot, lang: state.lang, title: translator(state.lang)('team.sidebar.title') }));
  }
}

// The boot script is appended after this bundle, so wait for the whole document.
document.addEventListener('DOMContentLoaded', () => {
  mount(window.__SOP_BOOT__ ?? { page: 'team', lang: 'zh-CN', title: '' });
});
