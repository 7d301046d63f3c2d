/** `demo --out FILE.xlsx`: the demo workbook. */
import { createDemoContext } from '../demo';
import { option, saveWorkbook } from './io';
import { defineCommand, type CliCommands } from './types';

const demo = defineCommand({
  summary: { 'zh-CN': '生成演示工作簿（团队、活动列表、推进表、群数据）', en: 'Write the demo workbook (team, activities, push plan, group funnel)' },
  options: {
    out: { value: 'FILE.xlsx', required: true, summary: { 'zh-CN': '写入的 .xlsx 工作簿', en: 'The .xlsx workbook to write' } },
  },
  async run(args, { io, lang, tr }) {
    const out = option(args, 'out')!;
    const ctx = createDemoContext({ locale: lang === 'en' ? 'en_US' : 'zh_CN' });
    await saveWorkbook(ctx, out);
    io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((t) => t.spec.name).join(', ') }));
    return 0;
  },
});

export const demoCommands: CliCommands = { demo };
