/** `demo --out FILE.xlsx`: the demo workbook. */
import { createDemoContext } from '../demo';
import { option, saveWorkbook } from './io';
import type { CliCommands } from './types';

export const demoCommands: CliCommands = {
  demo: {
    summary: { 'zh-CN': '生成演示工作簿（团队、活动列表、推进表、群数据）', en: 'Write the demo workbook (team, activities, push plan, group funnel)' },
    usage: 'demo --out FILE.xlsx [--lang zh|en]',
    async run(args, { io, lang, tr }) {
      const out = option(args, 'out');
      if (!out) {
        io.stderr(tr('cli.error.missingOption', { option: '--out FILE.xlsx' }));
        return 1;
      }
      const ctx = createDemoContext({ locale: lang === 'en' ? 'en_US' : 'zh_CN' });
      await saveWorkbook(ctx, out);
      io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((t) => t.spec.name).join(', ') }));
      return 0;
    },
  },
};
