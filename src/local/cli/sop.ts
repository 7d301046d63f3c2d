/**
 * `sop --template ID --anchor YYYY-MM-DD [--team FILE] [--group NAME] [--cohort LABEL] [--lang zh|en]
 * [--update FILE.xlsx] [--json | --out FILE.xlsx]`: an SOP schedule as JSON, as text, or as a workbook;
 * with --update, regenerated into an existing workbook with what people typed kept.
 * `templates [--json]`: the built-in templates.
 */
import { getSopState, planSop, generateSopTabs, splitGroups } from '../../app/sop';
import { saveTeam } from '../../app/team';
import { toIso } from '../../core/dates';
import { listTemplates, sopToJson } from '../../core/sop/json';
import { readTeamList } from '../../core/team/team';
import { createLocalContext, type LocalContext } from '../context';
import { loadWorkbook, option, printJson, readFirstGrid, saveWorkbook } from './io';
import type { CliCommands } from './types';

export const sopCommands: CliCommands = {
  sop: {
    summary: {
      'zh-CN': '社群SOP排期：按模板和锚点日生成（--json 输出 JSON，--out 写入 .xlsx，--update 在已有工作簿中原地更新）',
      en: 'SOP schedule from a template and an anchor date (--json prints JSON, --out writes an .xlsx, --update regenerates in a workbook)',
    },
    usage: 'sop --template ID --anchor YYYY-MM-DD [--team FILE] [--group NAME] [--cohort LABEL] [--update FILE.xlsx [--use-template-texts]] [--json | --out FILE.xlsx]',
    async run(args, { io, lang, tr }) {
      const template = option(args, 'template');
      const anchor = option(args, 'anchor');
      for (const [value, name] of [[template, '--template ID'], [anchor, '--anchor YYYY-MM-DD']] as const) {
        if (!value) {
          io.stderr(tr('cli.error.missingOption', { option: name }));
          return 1;
        }
      }
      const json = args.options.json === true;
      const update = option(args, 'update');
      // --update without --out writes the workbook back where it came from (unless only JSON is asked for).
      const out = option(args, 'out') ?? (update && !json ? update : undefined);
      const teamPath = option(args, 'team');

      const loaded = update ? await loadWorkbook(update) : null;
      const ctx: LocalContext = createLocalContext({ workbook: loaded?.workbook, locale: lang === 'en' ? 'en_US' : 'zh_CN' });
      if (teamPath) saveTeam(ctx, readTeamList((await readFirstGrid(teamPath)).values, teamPath));

      const group = option(args, 'group') ?? getSopState(ctx).templates.find((t) => t.ref === template)?.name ?? '';
      if (splitGroups(group).length > 1) {
        io.stderr(tr('cli.error.badOption', { option: '--group', value: group, expected: tr('sop.cli.oneGroup') }));
        return 1;
      }
      const request = { template: template!, anchor: anchor!, groups: group, cohort: option(args, 'cohort') ?? '', useTemplateTexts: args.options['use-template-texts'] === true };
      const plan = planSop(ctx, request);
      for (const warning of plan.warnings) io.stderr(warning);

      if (out) {
        const result = generateSopTabs(ctx, request);
        await saveWorkbook(ctx, out, loaded?.bytes);
        io.stderr(result.message);
        io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
      }
      const rows = plan.tabs[0].rows;
      if (json) printJson(io, sopToJson(plan.template, plan.anchor, rows));
      else if (!out) {
        for (const row of rows) {
          io.stdout([row.date === null ? '' : toIso(row.date), row.weekday, row.time, row.phase, row.channel, row.item, row.owner, row.status].join('\t'));
        }
      }
      return 0;
    },
  },
  templates: {
    summary: { 'zh-CN': '列出内置的SOP模板（ID、名称、跨度）', en: 'List the built-in SOP templates (ids, names, spans)' },
    usage: 'templates [--json]',
    async run(args, { io, lang, tr }) {
      const templates = listTemplates(lang);
      if (args.options.json === true) printJson(io, templates);
      else {
        for (const t of templates) {
          io.stdout(tr('sop.cli.template', { id: t.id, name: t.name, anchorLabel: t.anchorLabel, first: t.span.first, last: t.span.last, days: t.span.days, rows: t.rows }));
        }
      }
      return 0;
    },
  },
};
