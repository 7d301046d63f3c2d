/** Help: what the add-on does and where things are, in the user's language. */
import type { AppContext } from '../ports';
import { openSession } from './session';

export function showHelp(ctx: AppContext): void {
  const { tr } = openSession(ctx);
  ctx.ui.alert(tr('help.body'), tr('help.title'));
}
