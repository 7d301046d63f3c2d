/**
 * The sidebar's start: reads the boot data the server appended (page, language, the page's messages),
 * then mounts the page. The build makes one sidebar file per page (build/build.mjs), each calling
 * startSidebar with its own page, so a sidebar carries only its page's code and no catalogue.
 */
import type { SidebarBoot, SidebarPage } from '../app/boot';
import { clear } from './dom';
import { pageTranslator } from './i18n';
import type { PageMount } from './page';

declare global {
  interface Window {
    __SOP_BOOT__?: SidebarBoot;
  }
}

export function startSidebar<P extends SidebarPage>(mountPage: PageMount<P>): void {
  function mount(boot: SidebarBoot): void {
    const root = document.getElementById('app')!;
    clear(root);
    document.documentElement.lang = boot.lang;
    document.title = boot.title;
    mountPage({ root, tr: pageTranslator<P>(boot.messages), boot, remount: mount });
  }
  // The boot script is appended after this bundle, so wait for the whole document.
  document.addEventListener('DOMContentLoaded', () => {
    const boot = window.__SOP_BOOT__;
    if (boot) mount(boot);
  });
}
