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

/**
 * Opens a sidebar in two steps: the quick state (what the markers and the active tab say: a few
 * reads, however many tabs the workbook has) is shown at once, then the whole state (every tab in the
 * pickers) replaces it when it arrives. `show(state, first)`: first is true for the quick state only.
 */
export function openInTwoSteps<S extends { complete: boolean }>(
  load: (request?: { quick?: boolean }) => Promise<S>,
  show: (state: S, first: boolean) => void,
  fail: (error: unknown) => void,
): Promise<void> {
  return load({ quick: true })
    .then((quick) => {
      show(quick, true);
      if (!quick.complete) return load({}).then((whole) => show(whole, false));
    })
    .catch(fail);
}
