/** A sidebar page: mounts itself into the root, in the boot language, with the boot's messages. */
import type { SidebarBoot, SidebarPage } from '../app/boot';
import type { PageTranslate } from './i18n';

export interface PageEnv<P extends SidebarPage> {
  root: HTMLElement;
  /** Accepts only the keys this page receives (its feature's pageMessages, app/features/). */
  tr: PageTranslate<P>;
  boot: SidebarBoot;
  /** Mounts the page again, e.g. in another language after the settings changed. */
  remount(boot: SidebarBoot): void;
}

export type PageMount<P extends SidebarPage> = (env: PageEnv<P>) => void;
