import { defineMessages } from '../i18n/define';

/** Printing a generated tab from Sheets: the export link under a sidebar's result, and what File → Print does. */
export const printMessages = defineMessages(
  {
    'print.link': '打印 / 导出 PDF：{tab}',
    'print.opening': '正在打开 PDF…',
    'print.guidance':
      '链接按这张表的打印设置导出 PDF（A4、适合页面宽度、每页重复表头、不打印网格线），在新窗口中打开或下载。也可以在 Sheets 里点「文件 → 打印」，选同样的设置：纸张 A4、方向按表（日历、甘特图和 SOP 表为横向）、缩放选「适合宽度」、在「页眉和页脚」中勾选「重复冻结行」。',
    'print.blocked': '浏览器拦住了新窗口：请点这里打开 PDF。',
    'print.error.request': '侧边栏发来的“{field}”不对：应为 {expected}，收到的是 {value}。请关闭侧边栏后重新打开再试。',
  },
  {
    'print.link': 'Print / export PDF: {tab}',
    'print.opening': 'Opening the PDF…',
    'print.guidance':
      'The link exports the tab as a PDF with its print settings (A4, fit to page width, the header on every page, no gridlines), opened or downloaded in a new window. In Sheets, File → Print gives the same: paper A4, the tab’s orientation (landscape for the calendar, the Gantt and SOP tabs), scale “Fit to width”, and under “Headers & footers”, “Repeat frozen rows”.',
    'print.blocked': 'The browser blocked the new window: click here to open the PDF.',
    'print.error.request': 'The sidebar sent a wrong "{field}": expected {expected}, got {value}. Close the sidebar, open it again and retry.',
  },
);

/** What a sidebar shows of these: the links and the guidance (the request error reaches it as text). */
export const PRINT_PAGE_MESSAGES = ['print.link', 'print.opening', 'print.guidance', 'print.blocked'] as const;
