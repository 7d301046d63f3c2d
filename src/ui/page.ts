/** A sidebar page: mounts itself into the root, in the boot language. */
import type { SidebarBoot } from '../app/boot';
import type { Translate } from '../core/i18n';

export interface PageEnv {
  root: HTMLElement;
  tr: Translate;
  boot: SidebarBoot;
  /** Mounts the page again, e.g. in another language after the settings changed. */
  remount(boot: SidebarBoot): void;
}

export type PageMount = (env: PageEnv) => void;
