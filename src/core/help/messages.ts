/**
 * The help page (src/ui/pages/help.ts): per feature, a three-step quick start, what each setting does,
 * where the data lives and which guide to read — written for the people who use the sidebars, from
 * the guides in docs/. A `settings` or `data` text holds one point per line; the page shows them as a list.
 */
import { defineMessages } from '../i18n/define';

export const helpMessages = defineMessages(
  {
    'help.link': '帮助',
    'help.intro':
      '每个功能一节：三步上手、每项设置的作用、数据放在哪里、详细指南。点标题展开。生成的标签页分两层：插件的列、公式和格式归插件；你填的状态、证明链接、备注、自己加的列和行归你。重新生成只改插件那一层，你的内容随行保留；放不下的进隐藏的旧版标签页（「… · 旧版 12-03」），结果行会写明“0 项丢失”。你自己建的标签页永远不会被覆盖。',
    'help.heading.quickStart': '三步上手',
    'help.heading.settings': '设置',
    'help.heading.data': '数据在哪里',
    'help.heading.guide': '详细指南',
    'help.guideWhere': '指南在插件的代码仓库里（docs 文件夹），也随 README 一起提供：',
    'help.error.request': '帮助页收到的“{field}”不对：应为 {expected}，收到的是 {value}。',

    'help.sop.title': '社群SOP排期',
    'help.sop.step1':
      '菜单「扩展程序 ▸ 社群SOP助手 ▸ 社群SOP排期…」，选模板（7 个内置：引流群7天转化、28天大课、3天训练营、直播公开课、节气/节日促销、朋友圈节奏、留存/校友群月度节奏，或你自己的模板标签页）。',
    'help.sop.step2':
      '填锚定日期（开营日 / 直播日 / 建群日 / 活动日）、群名（一行一个或逗号分隔）和期次；表单下方的一行预览会显示“60 行 · 日期范围 · 执行人数”。',
    'help.sop.step3': '点「生成」：每个群一个标签页（如 SOP·Java引流5群·第12期）。在表里改状态、贴证明截图链接；改了日期就再生成一次。',
    'help.sop.settings':
      '模板：决定有哪些事项、话术和角色；「另存为模板」复制出一个可以在表格里编辑的模板标签页。\n锚定日期：每行日期 = 锚定日 + 该行的天数偏移。\n执行人：每个角色一个下拉，默认来自「团队」标签页，多个群时同角色的人轮流分配。\n标注节日/节气/休/班：多加一列「节日/节气」。\n采用模板新文字：模板改过后，用新话术替换你没改过的文字。\n导出到日历 (.ics)：见“导出到日历”一节。',
    'help.sop.data':
      '每个群一个 SOP 标签页，插件靠隐藏标记认它，改名也找得到。\n插件的一层：日期、星期、时间、阶段、渠道、事项、话术、下拉、条件格式和汇总块。\n你的一层：状态、证明链接、备注、手改的执行人、自己加的列与行、改写过的话术（旁边有批注显示模板原文）。\n移动锚定日后再生成：日期跟着移动，你填的内容保留（“+0 行 · 60 行改期 · 0 项丢失”）。',
    'help.sop.guide': 'docs/sop.md（SOP 排期）、docs/layers.md（重新生成时保留什么）',

    'help.gantt.title': '推进表甘特图',
    'help.gantt.step1':
      '菜单「推进表甘特图…」，点「新建空白推进表」，或直接粘贴你自己的推进表（阶段、事项、要求、参与人、负责人、开始/结束日期或工期、前置事项、进度、状态）。',
    'help.gantt.step2': '在侧边栏选推进表标签页；预览行显示任务数、起止日期和人数，排不出来时（循环依赖、未知前置事项）会列出每个问题和行号。',
    'help.gantt.step3': '点「生成甘特图」。之后在推进表或甘特图上改负责人、日期、进度，色条立即重画，不用再生成。',
    'help.gantt.settings':
      '按工作日计算工期：跳过周末和法定节假日，计入调休上班日；默认值来自「团队与设置」的“工期计算”。\n工期 0 是里程碑（◆），1 天的任务是一格色条。\n负责人不在团队表里时色条为灰色，并在甘特图底部列出提醒。',
    'help.gantt.data':
      '推进表是你的标签页，插件只读不写（「新建空白推进表」每次新建一个，不覆盖已有的）。\n甘特图标签页（「甘特图」或「甘特图·推进表名」）归插件：色条、周末/节假日阴影、今天标记都是条件格式，下方有每人的工作量和任务清单。\n在甘特图上直接改的负责人、日期、进度，下次生成时保留。',
    'help.gantt.guide': 'docs/gantt.md',

    'help.calendar.title': '月度活动日历',
    'help.calendar.step1':
      '菜单「月度活动日历…」，点「新建活动清单」（或粘贴你自己的清单）：每行一个活动，写名称、类型、开始/结束日期、负责人、目标社群、状态。',
    'help.calendar.step2': '选月份、范围（一个月 / 整个季度 / 连续几个月）、每周第一天和活动清单。',
    'help.calendar.step3': '点「生成日历」：「2026-12 活动日历」标签页打开，每天显示节气、节日、休/班和当天的活动，按类型着色；下方列出冲突和节奏提醒。',
    'help.calendar.settings':
      '每周第一天：周一或周日，默认来自「团队与设置」。\n范围：一个月一个标签页；季度合在一个标签页；多个月每月一个（最多 12 个）。\n起草本月：提议训练营（避开节假日）、每周一次直播课、节气/节日促销（卖定金、抵扣券或体验课，随后三天顾问 1V1 跟进）和每周朋友圈，按角色从团队里分配负责人（没人时写“未分配”），以灰色斜体的“草稿”显示，落在促销日或法定假日上会提醒；不动已有的行，确认后把状态改成“计划中”。\n刷新活动日历（菜单项）：按清单重算所有日历标签页。',
    'help.calendar.data':
      '活动清单是你的：插件建的「活动清单」带类型、状态和负责人下拉；你粘贴的清单只读不写。\n日历标签页归插件，单元格是引用清单的公式，改清单日历就跟着变。\n提醒：同一群同一天两场营销课/促销、某人超负荷、14 天没有课或营、营期落在法定假日、同一群一天多于一次企业微信群发（从 SOP 标签页统计）。',
    'help.calendar.guide': 'docs/calendar.md',

    'help.metrics.title': '转化指标',
    'help.metrics.step1': '把企业微信、小鹅通、QQ 群统计或手工表的数据粘到任意标签页（标题行、合计行可以留着），或粘进侧边栏的文本框。',
    'help.metrics.step2': '选中数据后点菜单「计算当前表/选区的指标」，或打开「转化指标…」选数据来源。',
    'help.metrics.step3':
      '点「计算指标」：「转化指标」标签页打开，有每个群的输入、各项比率（公式）、合计行、色带、图表和漏斗。改了数据再算一次，更新同一个标签页。',
    'help.metrics.settings':
      '色带（在「团队与设置」）：活动参与率、完课率、付费转化率低于红线标红、达到绿线标绿（默认 10%/20%、30%/60%、1%/3%）。\n完课标准：课长和观看比例（默认 90 分钟课看满 80%），原始名单模式按它判断完课。\n原始名单模式：给成员、到课、订单三份名单，按人去重计数，退款不计收入。\n自定义函数：=SOP_RATE(部分, 整体)、=SOP_POOLED_RATE(部分们, 整体们)、=SOP_ROI(收入, 成本)。',
    'help.metrics.data':
      '粘贴的数据是你的，只读不写；读不懂的单元格会带行列号列出来，这时什么都不写。\n「转化指标」标签页归插件，按来源标签页标记；指标都是引用输入的公式，合计是分子之和除以分母之和，不是比率的平均。\n缺失的数（空白、-、N/A）算“未知”，不算 0。',
    'help.metrics.guide': 'docs/metrics.md',

    'help.today.title': '今日看板',
    'help.today.step1': '先生成至少一个 SOP 标签页或甘特图标签页。',
    'help.today.step2': '菜单「今日看板」：「今日看板」标签页打开，按执行人列出逾期（红）、今天到期（黄）和之后几天到期的事项。',
    'help.today.step3': '点事项跳到来源表的那一行，在那里改状态；看板是公式，立刻更新，不用再生成。',
    'help.today.settings': '提前天数（「团队与设置」，0–14，默认 1）：今天之后再列出几天的事项。\n每周第一天：决定“本周完成 / 本周计划”从哪天算起。',
    'help.today.data':
      '看板归插件，完全由引用各 SOP 标签页和甘特图标签页的公式组成；状态列只读，状态在来源表里改。\n右侧汇总按执行人、按群 · 期次统计今日、逾期、本周完成、本周计划和完成率。\n你在看板旁边加的列和批注，下次生成时保留。',
    'help.today.guide': 'docs/today.md',

    'help.review.title': '复盘',
    'help.review.step1':
      '菜单「复盘…」：选 SOP 模板和要复盘的期次（默认最近 6 期）。结果取自一个有「群」和「期次」两列的标签页（群名称、期次、群人数、到课、完课、成单、收入…），侧边栏会写明用的是哪一个。',
    'help.review.step2':
      '核对期次：同一期在两边写法不同时（SOP 表是「第12期」，结果表是「12期」）列成一对，勾选确认一次，之后就记住了；只在一边出现的期次也会列出来。',
    'help.review.step3':
      '点「生成复盘」：「复盘」标签页打开，每个群 · 期次一行，执行情况和转化结果并排，下方是步骤对比和图表。之后改状态，执行数马上跟着变；结果表有了新数字，再生成一次。',
    'help.review.settings':
      '模板：只比较用同一个模板生成的 SOP 表（每行靠行 ID 对齐）；默认是 SOP 表最多的那个模板。\n期次：默认最近 6 期，也可以自己勾选或选全部；勾选的期次在侧边栏里马上核对，生成前就知道哪些有结果。\n期次对应：写法一样的（不计空格、大小写、全半角）自动对上；只是数字相同的（第12期、12期、2026-12）要你确认一次，因为“2026-12”也可能是 12 月。\n步骤对比：按转化率把各期分成较好的一半和较差的一半，比较每一步的按时率，并写出每边的期数 n。有结果的期数不到 6 期、某一步在所有期次里按时率 ≥ 90% 或 ≤ 10%、或某一半里这一步还没到期，都写“看不出”，不硬排名次。这是对比，不是因果。',
    'help.review.data':
      '执行情况读自各 SOP 表（靠隐藏标记认出群和期次，改名也找得到）：有日期和事项的行才算；已完成算完成，取消、已移除算跳过，其余日期已过的算逾期。\n“按时”= 已完成且日期已到：表格记不下状态是哪天改的，提前勾选的要到当天才算。按时率 = 按时 ÷ 已到期。\n结果表是你粘贴的标签页，只读不写；列名和转化指标一样认常见写法，合计行跳过。参与率、完课率、转化率、收入、ROI 的算法与转化指标相同。\n「复盘」标签页归插件：执行数是对各 SOP 表的实时公式（COUNTIFS），结果是生成时的数值；Δ上期、Δ均值与同一群的上一期、与所选各期的合并均值相比。确认过的期次对应记在这个标签页的隐藏标记里。\n重新生成在原处改写同一个标签页，你在旁边写的内容保留。\n命令行：review --workbook 文件.xlsx [--template ID] [--cohorts 10期,11期] [--map 第12期=12期] [--json | --out 文件.xlsx]；.xlsx 不带隐藏标记里的确认，期次对应用 --map 给出。',
    'help.review.guide': 'docs/review.md',

    'help.remind.title': '每日提醒',
    'help.remind.step1': '在企业微信群、飞书群或钉钉群里添加群机器人，复制它的 Webhook 地址（开了加签/签名校验的，也复制密钥）；或者选择按邮件发给每位执行人。',
    'help.remind.step2': '菜单「每日提醒…」，粘贴 Webhook，选发送时间、发送内容、是否 @ 执行人，先点「预览今天的消息」看看。',
    'help.remind.step3': '点「保存」开启提醒（谷歌会请求额外权限），再点「立即发送测试消息」确认机器人收得到。',
    'help.remind.settings':
      '渠道：企业微信群机器人、飞书自定义机器人、钉钉自定义机器人或邮件。\n发送时间：每天在表格时区的这个小时内发送（谷歌在这一小时内运行）。\n内容：今天的事项、逾期事项，可选明天的预告；内容和今日看板一致。\n@ 执行人：用「团队」标签页的手机号、企业微信 userid、飞书 open_id、钉钉 userid 列。\n关闭提醒会删除每日触发器。',
    'help.remind.data':
      'Webhook 地址和签名密钥保存在你自己账号的用户属性里，只显示遮盖后的样子，从不写进标签页或日志。\n每次发送记在「提醒记录」标签页：时间、渠道、接收人、结果。\n只有开启提醒时才请求额外权限（定时运行、访问机器人地址、发邮件、从定时任务打开这个表格）；其他功能都不需要。',
    'help.remind.guide': 'README 的“每日提醒”一节、docs/reminders-permissions.md（权限说明）',

    'help.team.title': '团队与设置',
    'help.team.step1': '菜单「团队与设置…」，逐个添加成员：姓名、角色（社群运营、课程顾问、讲师IP、班主任、助教、设计、其他）、邮箱、颜色。',
    'help.team.step2': '点「保存团队」：写入「团队」标签页，颜色自动分配，可以在侧边栏或表里改。',
    'help.team.step3': '在下方设置语言、每周第一天、完课标准等，点「保存设置」。之后生成的执行人/负责人下拉都来自团队表。',
    'help.team.settings':
      '语言：自动（跟随谷歌账号）、简体中文或 English。\n每周第一天：周一或周日（日历、今日看板）。\n课长和完课标准：默认 90 分钟课看满 80% 算完课。\n工期计算：按日历日，或按中国工作日（跳过周末和法定节假日，计入调休）。\n超负荷阈值：某人某天任务多于这个数就标出。\n提前天数：今日看板和提醒多列出几天。\n指标色带：活动参与率、完课率、付费转化率的红线和绿线。',
    'help.team.data':
      '成员在「团队」标签页；颜色跟着人进入甘特图和日历。提醒要 @ 人时，在这里填手机号、企业微信 userid、飞书 open_id、钉钉 userid。\n设置存在表格的文档属性里，整个团队共用。\n已有一个不是插件建的「团队」标签页时，插件另建「团队 (2)」，不会覆盖。',
    'help.team.guide': 'README 的“团队与设置”一节',

    'help.ics.title': '导出到日历 (.ics)',
    'help.ics.step1': '打开「社群SOP排期…」（每个 SOP 标签页一个文件）或「月度活动日历…」（所选月份的活动，全天事件）。',
    'help.ics.step2': '点「导出到日历 (.ics)」，下载文件。',
    'help.ics.step3': '导入：谷歌日历「设置 ▸ 导入和导出」、飞书日历「设置 ▸ 导入日历」、Outlook「添加日历 ▸ 从文件上传」。',
    'help.ics.settings':
      'SOP 行有时间就按时间（默认 30 分钟，或写明的时段如 19:30-21:00，提前 15 分钟提醒），没有时间就是全天事件。\n已取消的行是取消的事件，草稿是暂定的事件。\n时间按表格时区换算成 UTC 写入，在哪里打开都一样。',
    'help.ics.data':
      '文件在你的电脑上，插件不保存。\n每个事件的 UID 在多次导出之间不变、序号递增：改动后再导出、再导入，日历里的事件会被更新，而不是重复。\n每个事件写明状态、执行人、文字和它来自哪个标签页哪一行。',
    'help.ics.guide': 'docs/sop.md 和 docs/calendar.md 的“导出到日历”一节',

    'help.print.title': '打印 / 导出 PDF',
    'help.print.step1': '在 SOP、甘特图、日历或指标侧边栏生成之后，结果下方每个标签页有一个「打印 / 导出 PDF」链接。',
    'help.print.step2': '点它，打开谷歌表格对这个标签页的 PDF 导出，设置已经填好。',
    'help.print.step3': '或者用「文件 ▸ 打印」：选 A4、标签页的方向、“适合宽度”，并在页眉页脚里勾选“重复冻结行”。',
    'help.print.settings':
      'A4，一页宽（按页宽缩小，向下分页），表头行每页重复。\n宽表（SOP、甘特图、日历、指标、模板）横向、窄边距；团队表纵向。\n脚本不能改谷歌表格的打印设置，所以用链接或手动设置。',
    'help.print.data':
      '下载的 .xlsx（命令行的 --out / --update）自带这些打印设置，Excel、WPS、LibreOffice 按它打印。\n本地演示环境没有谷歌表格可以导出，所以侧边栏不显示打印链接。',
    'help.print.guide': 'README 的“打印”一节',
  },
  {
    'help.link': 'Help',
    'help.intro':
      'One section per feature: three steps to start, what each setting does, where the data lives, and the full guide. Click a title to open it. A generated tab has two layers: its columns, formulas and formats are the add-on’s; the statuses, proof links, notes, columns and rows you add are yours. Generating again rewrites only the add-on’s layer and your work stays with its row; whatever cannot stay goes to a hidden old version of the tab (“… · 旧版 12-03”), and the result line counts “0 lost”. A tab you made yourself is never overwritten.',
    'help.heading.quickStart': 'Quick start',
    'help.heading.settings': 'Settings',
    'help.heading.data': 'Where the data lives',
    'help.heading.guide': 'Guide',
    'help.guideWhere': 'The guides are in the add-on’s repository (the docs folder), beside its README:',
    'help.error.request': 'The help page received a wrong "{field}": expected {expected}, got {value}.',

    'help.sop.title': 'SOP schedules',
    'help.sop.step1':
      'Extensions ▸ SOP Planner ▸ SOP schedule…, then pick a template: seven built in (7-day lead-group conversion, 28-day main course, 3-day camp, live open class, festival flash sale, Moments rhythm, alumni group monthly rhythm) or one of your own template tabs.',
    'help.sop.step2':
      'Enter the anchor date (camp start, live day, group day or event day), the groups (one per line or separated by commas) and the cohort; the line under the form previews “60 rows · dates · 6 executors”.',
    'help.sop.step3':
      'Click Generate: one tab per group (e.g. SOP·Java引流5群·第12期). Set statuses and paste proof links in the tab; when the date moves, generate again.',
    'help.sop.settings':
      'Template: the items, scripts (话术) and roles; Save as template copies one into a tab you can edit in the sheet.\nAnchor date: each row’s date is the anchor plus the row’s day offset.\nOwners: one dropdown per role, from the Team tab by default; with several groups, the people of a role take turns.\nMark holidays, solar terms and make-up days: adds a 节日/节气 column.\nUse the template’s new texts: after the template changed, takes its new texts where you did not rewrite them.\nExport to calendar (.ics): see that section.',
    'help.sop.data':
      'One SOP tab per group, found by a hidden marker, so renaming it is fine.\nThe add-on’s layer: date, weekday, time, phase, channel, item, script, dropdowns, conditional formats and the summary block.\nYours: statuses, proof links, notes, owners changed by hand, your own columns and rows, scripts you rewrote (a note shows the template’s text).\nMove the anchor and generate again: the dates move, your work stays (“+0 rows · 60 re-dated · 0 lost”).',
    'help.sop.guide': 'docs/sop.md (SOP schedules), docs/layers.md (what regenerating keeps)',

    'help.gantt.title': 'Push plan Gantt',
    'help.gantt.step1':
      'Push plan Gantt…: click Create empty plan tab, or paste your own plan (phase, task, requirement, participants, owner, start/end or duration, predecessors, progress, status).',
    'help.gantt.step2':
      'Pick the plan tab in the sidebar; the preview line shows tasks, dates and people, or every problem (a cycle, an unknown predecessor) with its row.',
    'help.gantt.step3':
      'Click Generate Gantt. Afterwards, change an owner, a date or the progress in the plan or on the Gantt and the bar is redrawn at once, without generating again.',
    'help.gantt.settings':
      'Count durations in working days: skips weekends and legal holidays and counts make-up working days; the default is the Durations setting in Team & settings.\nA duration of 0 is a milestone (◆); a 1-day task is one coloured cell.\nAn owner not on the Team tab gets a grey bar and a warning under the Gantt.',
    'help.gantt.data':
      'The plan is your tab: the add-on reads it and never writes to it (Create empty plan tab always makes a new one).\nThe Gantt tab (甘特图, or 甘特图·<plan>) is the add-on’s: bars, weekend and holiday shading and the today mark are conditional formats; workload and a task list per owner sit below.\nOwners, dates and progress changed on the Gantt tab survive the next run.',
    'help.gantt.guide': 'docs/gantt.md',

    'help.calendar.title': 'Monthly calendar',
    'help.calendar.step1':
      'Monthly calendar…: click Create activity list (or paste your own): one activity per row with name, type, start/end, owner, target groups and status.',
    'help.calendar.step2': 'Pick the month, the range (one month, its quarter, several months), the first day of the week and the activity list.',
    'help.calendar.step3':
      'Click Generate calendar: the “2026-12 活动日历” tab opens, each day showing its solar term, festival, day off or make-up day and its activities coloured by type, with warnings below.',
    'help.calendar.settings':
      'First day of the week: Monday or Sunday, by default from Team & settings.\nRange: one tab per month; a quarter on one tab; several months one tab each (up to 12).\nDraft month: proposes camps (avoiding holidays), a weekly live class, promotions on solar terms and festivals (selling a deposit, a voucher or a trial class, then three days of advisors’ 1V1 follow-up) and weekly Moments posts, with owners by role from the team (Unassigned when nobody has the role), shown as grey italic 草稿 (draft) and warned about when they land on a promotion or a legal holiday; existing rows stay as they are; set drafts to 计划中 once agreed.\nRefresh calendars (menu): recomputes every calendar tab from its list.',
    'help.calendar.data':
      'The activity list is yours: the add-on’s 活动清单 has type, status and owner dropdowns; a list you pasted is only read, never written.\nThe calendar tab is the add-on’s; its cells are formulas over the list, so editing the list updates it.\nWarnings: two marketing classes or promotions for one group on a day, an overloaded owner, 14 days without a class or camp, a camp on a legal holiday, more than one WeCom group push a day per group (counted from the SOP tabs).',
    'help.calendar.guide': 'docs/calendar.md',

    'help.metrics.title': 'Conversion metrics',
    'help.metrics.step1':
      'Paste an export (WeCom, 小鹅通, QQ group stats or a hand-kept table; title and total rows may stay) into any tab, or into the sidebar’s box.',
    'help.metrics.step2': 'Select it and choose Compute metrics from this tab/selection in the menu, or open Conversion metrics… and pick the source.',
    'help.metrics.step3':
      'Click Compute: the 转化指标 (Metrics) tab opens with each group’s inputs, the rates as formulas, a pooled total row, colour bands, a chart and a funnel. Fix the data and compute again: the same tab is updated.',
    'help.metrics.settings':
      'Colour bands (in Team & settings): participation, completion and paid conversion rates turn red below one threshold and green from another (defaults 10%/20%, 30%/60%, 1%/3%).\nCompletion rule: class length and the share watched (80% of 90 minutes by default); raw mode uses it.\nRaw mode: members, attendance and order lists; people are counted once, refunds are not revenue.\nCustom functions: =SOP_RATE(part, whole), =SOP_POOLED_RATE(parts, wholes), =SOP_ROI(revenue, cost).',
    'help.metrics.data':
      'Your paste is only read; a cell that cannot be read is listed with its row and column, and then nothing is written.\nThe 转化指标 tab is the add-on’s, marked with its source tab; metrics are formulas over the inputs, and the total pools (sum of numerators over sum of denominators, never an average of rates).\nA missing figure (blank, -, N/A) is unknown, not zero.',
    'help.metrics.guide': 'docs/metrics.md',

    'help.today.title': 'Today board',
    'help.today.step1': 'Generate at least one SOP tab or Gantt tab first.',
    'help.today.step2':
      'Choose Today board in the menu: the 今日看板 tab opens with, per executor, what is overdue (red), due today (yellow) and due in the next days.',
    'help.today.step3': 'Click an item to jump to its row in its source tab and change the status there; the board is formulas and updates at once.',
    'help.today.settings':
      'Days ahead (Team & settings, 0–14, 1 by default): how many days after today are listed too.\nFirst day of the week: where “done this week” and “planned this week” start.',
    'help.today.data':
      'The board is the add-on’s and made only of formulas over the SOP and Gantt tabs; its status column is read-only, statuses are changed in their source tab.\nThe summary on the right counts today, overdue, done and planned this week and the completion rate per executor and per group · cohort.\nColumns and notes you add beside the board stay when it is generated again.',
    'help.today.guide': 'docs/today.md',

    'help.review.title': 'Review (复盘)',
    'help.review.step1':
      'Review…: pick the SOP template and the cohorts to review (the last 6 by default). Results come from a tab with a group column and a cohort column (群名称, 期次, members, attendance, completions, orders, revenue…); the sidebar names the tab it found.',
    'help.review.step2':
      'Check the cohorts: one written differently on each side (第12期 in the SOP tab, 12期 in the results) is shown as a pair; tick it once and it is remembered. Cohorts found on one side only are listed as well.',
    'help.review.step3':
      'Click Generate review: the Review tab (复盘 in Chinese) opens with a line per group · cohort, its execution beside its results, then the steps comparison and a chart. Statuses set later update the execution counts at once; after new results, generate again.',
    'help.review.settings':
      'Template: only SOP tabs generated from one template are compared (their rows line up by row ID); by default the template with the most SOP tabs.\nCohorts: the last 6 by default, or tick your own, or all; the sidebar checks the ticked cohorts at once, so you know which have results before generating.\nCohort matching: labels written alike (ignoring spaces, case and full-width digits) match by themselves; labels that only share a number (第12期, 12期, 2026-12) wait for your tick once, since “2026-12” may as well be December.\nSteps comparison: the cohorts are split by conversion rate into a better half and a worse half, and each step’s on-time rate is compared, with the number of cohorts n on each side. It says it cannot tell, instead of ranking, when fewer than 6 cohorts have results, when a step was on time in ≥ 90% or ≤ 10% of all the cohorts, or when a step is not due yet in one half. A comparison, not a cause.',
    'help.review.data':
      'Execution is read from the SOP tabs (found by their hidden marker, with their group and cohort, whatever their name): a row counts when it has a date and an item; done is done, cancelled or removed is skipped, anything else dated before today is overdue.\nOn time = done and its date has come: a sheet does not record the day a status was set, so a row ticked early counts from its day. On-time rate = on time ÷ due.\nThe results tab is your paste, only read; its headers are read as the metrics read them, total rows skipped. Participation, completion and conversion rates, revenue and ROI are computed as the metrics compute them.\nThe Review tab is the add-on’s: execution counts are live COUNTIFS over the SOP tabs, results are values from when it was generated; Δ previous and Δ average compare with the group’s previous cohort and with the pooled average of the cohorts reviewed. The confirmed cohort pairs are kept in this tab’s hidden marker.\nGenerating again rewrites the same tab in place; what you typed beside it stays.\nCLI: review --workbook F.xlsx [--template ID] [--cohorts 10期,11期] [--map 第12期=12期] [--json | --out F.xlsx]; an .xlsx keeps no confirmed pairs, so give them with --map.',
    'help.review.guide': 'docs/review.md',

    'help.remind.title': 'Daily reminders',
    'help.remind.step1':
      'Add a group robot in your WeCom, Feishu or DingTalk group and copy its webhook (and its signing secret when signing is on), or choose email to each executor.',
    'help.remind.step2': 'Daily reminders…: paste the webhook, pick the hour, what to include and whether to @ each executor, and look at Preview first.',
    'help.remind.step3': 'Click Save to turn reminders on (Google asks for the extra permissions), then Send a test now to see that the robot lets it through.',
    'help.remind.settings':
      'Channel: WeCom group robot, Feishu custom bot, DingTalk custom robot or email.\nHour: sent every day within that hour, in the spreadsheet’s time zone.\nContent: today’s items, overdue items and, if you like, tomorrow’s; the same reading as the Today board.\n@ executors: uses the Team tab’s phone, WeCom userid, Feishu open_id and DingTalk userid columns.\nTurning reminders off removes the daily trigger.',
    'help.remind.data':
      'The webhook and the signing secret are stored in your own account’s user properties, shown masked, never in a tab or a log.\nEvery send is written to the 提醒记录 (Reminder log) tab: time, channel, recipients, result.\nThe extra permissions (running on a schedule, reaching the robot, sending mail, opening this spreadsheet from the schedule) are asked only when you turn reminders on; nothing else needs them.',
    'help.remind.guide': 'the README’s “Daily reminders” section, docs/reminders-permissions.md (permissions)',

    'help.team.title': 'Team & settings',
    'help.team.step1':
      'Team & settings…: add each person: name, role (operator, course advisor, lecturer, class teacher, assistant, designer, other), email and colour.',
    'help.team.step2': 'Click Save team: it is written to the 团队 (Team) tab; colours are assigned for you and can be changed in the sidebar or the tab.',
    'help.team.step3':
      'Set the language, the first day of the week, the completion rule and the rest below, and click Save settings. Every owner dropdown made later comes from the Team tab.',
    'help.team.settings':
      'Language: automatic (your Google account’s), 简体中文 or English.\nWeek starts on: Monday or Sunday (calendars, Today board).\nClass length and completion rule: 80% of a 90-minute class by default.\nDurations count: calendar days, or Chinese working days (weekends and legal holidays skipped, make-up days counted).\nOverload threshold: a day on which one person has more tasks than this is flagged.\nDays ahead: how many more days the Today board and reminders list.\nMetric colour bands: the red and green thresholds of participation, completion and paid conversion.',
    'help.team.data':
      'People are on the 团队 (Team) tab; their colours follow them into Gantt bars and calendars. For reminders that @ people, fill their phone, WeCom userid, Feishu open_id or DingTalk userid here.\nSettings are stored in the spreadsheet’s document properties, shared by the whole team.\nIf a 团队 tab exists that the add-on did not make, it writes 团队 (2) instead and never overwrites yours.',
    'help.team.guide': 'the README’s “Team & settings” section',

    'help.ics.title': 'Export to calendar (.ics)',
    'help.ics.step1': 'Open SOP schedule… (one file per SOP tab) or Monthly calendar… (the chosen month’s activities, as all-day events).',
    'help.ics.step2': 'Click Export to calendar (.ics) and save the file.',
    'help.ics.step3':
      'Import it: Google Calendar (Settings ▸ Import & export), 飞书日历 (Settings ▸ Import calendar) or Outlook (Add calendar ▸ Upload from file).',
    'help.ics.settings':
      'An SOP row with a time is an event at that time (30 minutes, or the span written such as 19:30-21:00, reminder 15 minutes before); without one it is all day.\nCancelled rows are cancelled events, drafts tentative.\nTimes are written in UTC from the spreadsheet’s time zone, so the file means the same wherever it is opened.',
    'help.ics.data':
      'The file is on your computer; the add-on keeps nothing.\nEach event keeps its UID from one export to the next with a higher sequence: export and import again after a change, and events are updated, not duplicated.\nEach event says its status, owner, texts and the tab and row it comes from.',
    'help.ics.guide': 'the “Export to your calendar” sections of docs/sop.md and docs/calendar.md',

    'help.print.title': 'Printing / PDF',
    'help.print.step1': 'After generating in the SOP, Gantt, calendar or metrics sidebar, each tab written has a Print / export PDF link under the result.',
    'help.print.step2': 'Click it: Sheets’ PDF export of that tab opens with the right settings.',
    'help.print.step3': 'Or use File ▸ Print: A4, the tab’s orientation, Fit to width, and Repeat frozen rows under Headers & footers.',
    'help.print.settings':
      'A4, one page wide (scaled to the page’s width, as many pages down as it runs), header rows repeated on every page.\nWide tabs (SOP, Gantt, calendar, metrics, templates) print landscape with narrow margins; the Team tab portrait.\nA script cannot change Sheets’ print settings, hence the link or the manual settings.',
    'help.print.data':
      'A downloaded .xlsx (the CLI’s --out and --update) carries these print settings; Excel, WPS and LibreOffice print it that way.\nThe local playground has no Google spreadsheet to export from, so its sidebars show no print link.',
    'help.print.guide': 'the README’s “Printing” section',
  },
);
