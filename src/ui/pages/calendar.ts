/**
 * The Monthly calendar sidebar: pick a month (or a quarter, or several months), the week start and
 * the activity list, then generate; create our activity list; Draft month from a rhythm. Problems
 * of the list (row and column) show under the list picker, nothing being written.
 */
import type { CalendarSpan, CalendarState, DraftMonthInput, DraftMonthResult } from '../../app/calendar';
import { openInTwoSteps, type PageEnv } from '../page';
import { splitList } from '../../core/text/split-list';
import { ApiError, server } from '../rpc';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';
import { downloadText, ICS_TYPE } from '../download';
import { showPrintLinks } from '../print';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function mountCalendarPage({ root, tr }: PageEnv<'calendar'>): void {
  const field = (label: string, control: HTMLElement, error?: HTMLElement) => h('label', { className: 'field' }, h('span', {}, label), control, error ?? null);
  const select = (id: string, options: Array<[string, string]>) => {
    const el = h('select', { id });
    for (const [value, label] of options) el.appendChild(h('option', { value }, label));
    return el;
  };
  const weekdayOptions = (): Array<[string, string]> => ([1, 2, 3, 4, 5, 6, 0] as const).map((n) => [String(n), tr(`calendar.weekday.${n}`)]);

  const month = h('input', { id: 'calendar-month', type: 'month', required: true });
  const monthError = h('div', { className: 'error', id: 'calendar-month-error' });
  const span = select('calendar-span', [
    ['month', tr('calendar.sidebar.span.month')],
    ['quarter', tr('calendar.sidebar.span.quarter')],
    ['months', tr('calendar.sidebar.span.months')],
  ]);
  const count = h('input', { id: 'calendar-count', type: 'number', min: 2, max: 12, value: 3 });
  const countField = field(tr('calendar.sidebar.count'), count);
  const weekStart = select('calendar-week-start', [
    ['mon', tr('settings.weekStart.mon')],
    ['sun', tr('settings.weekStart.sun')],
  ]);
  const list = select('calendar-list', []);
  const listErrors = h('div', { className: 'error', id: 'calendar-list-errors', role: 'alert' });
  const calendars = h('p', { className: 'hint', id: 'calendar-existing' });
  const result = h('div', { className: 'result', id: 'calendar-result', role: 'status' });
  const draftPreview = h('div', { id: 'calendar-draft-preview', hidden: true });
  const printLinks = h('div', { id: 'calendar-print' });

  const generate = h('button', { className: 'action', id: 'calendar-generate', type: 'button' }, tr('calendar.sidebar.generate'));
  const createList = h('button', { className: 'secondary', id: 'calendar-create-list', type: 'button' }, tr('calendar.sidebar.createList'));
  const exportIcs = h('button', { className: 'secondary', id: 'calendar-export-ics', type: 'button' }, tr('calendar.sidebar.exportIcs'));
  const draftToggle = h(
    'button',
    { className: 'secondary', id: 'calendar-draft-toggle', type: 'button', 'aria-expanded': 'false' },
    tr('calendar.sidebar.draft'),
  );

  // Draft month: the rhythm fields.
  const campEveryWeeks = h('input', { id: 'rhythm-campEveryWeeks', type: 'number', min: 0, max: 8 });
  const campWeekday = select('rhythm-campWeekday', weekdayOptions());
  const campDays = h('input', { id: 'rhythm-campDays', type: 'number', min: 1, max: 14 });
  const weeklyLive = select('rhythm-weeklyLiveWeekday', [...weekdayOptions(), ['none', tr('calendar.sidebar.none')]]);
  // The shared stylesheet makes inputs full width; a checkbox sits before its label instead.
  const checkboxStyle = 'width:auto;margin:0 6px 0 0;vertical-align:middle';
  const promo = h('input', { id: 'rhythm-promoOnFestivals', type: 'checkbox', style: checkboxStyle });
  const moments = h('input', { id: 'rhythm-dailyMoments', type: 'checkbox', style: checkboxStyle });
  const groups = h('input', { id: 'rhythm-targetGroups', type: 'text' });
  const draftRun = h('button', { className: 'secondary', id: 'calendar-draft-run', type: 'button' }, tr('calendar.sidebar.draftRun'));
  const confirmBox = h('div', {
    className: 'confirm',
    id: 'calendar-convert',
    hidden: true,
    style: 'border-left:3px solid #f9ab00;padding:4px 8px;background:#fef7e0',
  });
  const check = (control: HTMLInputElement, label: string) => h('label', { className: 'field check' }, control, h('span', { style: 'display:inline' }, label));
  const draftBox = h(
    'div',
    { className: 'draft', id: 'calendar-draft', hidden: true },
    h('p', { className: 'hint' }, tr('calendar.sidebar.rhythm')),
    field(tr('calendar.sidebar.campEveryWeeks'), campEveryWeeks),
    field(tr('calendar.sidebar.campWeekday'), campWeekday),
    field(tr('calendar.sidebar.campDays'), campDays),
    field(tr('calendar.sidebar.weeklyLive'), weeklyLive),
    check(promo, tr('calendar.sidebar.promo')),
    check(moments, tr('calendar.sidebar.moments')),
    field(tr('calendar.sidebar.targetGroups'), groups),
    h('div', { className: 'buttons' }, draftRun),
    confirmBox,
    draftPreview,
  );

  function renderState(loaded: CalendarState, keepSelection: boolean): void {
    const chosen = keepSelection ? list.value : '';
    clear(list);
    // "No list yet" only once every tab has been looked at.
    if (!loaded.lists.length) list.appendChild(h('option', { value: '' }, loaded.complete ? tr('calendar.sidebar.noList') : '…'));
    for (const info of loaded.lists)
      list.appendChild(h('option', { value: info.name }, info.ours ? info.name : `${info.name} ${tr('calendar.sidebar.pasted')}`));
    list.value = loaded.lists.some((info) => info.name === chosen) ? chosen : (loaded.defaultList ?? '');
    generate.disabled = !loaded.lists.length;
    exportIcs.disabled = !loaded.lists.length;
    calendars.textContent = loaded.calendars.length
      ? tr('calendar.sidebar.calendars', { tabs: loaded.calendars.map((c) => c.name).join(tr('calendar.joiner')) })
      : '';
    if (keepSelection) return;
    month.value = loaded.defaultMonth;
    weekStart.value = loaded.weekStart;
    const rhythm = loaded.rhythm;
    campEveryWeeks.value = String(rhythm.campEveryWeeks);
    campWeekday.value = String(rhythm.campWeekday);
    campDays.value = String(rhythm.campDays);
    weeklyLive.value = rhythm.weeklyLiveWeekday === null ? 'none' : String(rhythm.weeklyLiveWeekday);
    promo.checked = rhythm.promoOnFestivals;
    moments.checked = rhythm.dailyMoments;
  }

  function reload(): Promise<void> {
    return server.getCalendarState().then((loaded) => renderState(loaded, true));
  }

  function clearMessages(): void {
    monthError.textContent = '';
    listErrors.textContent = '';
    result.textContent = '';
    result.className = 'result';
    showPrintLinks(printLinks, [], tr);
    clear(draftPreview);
    draftPreview.hidden = true;
  }

  /** The month typed, or null after showing why it cannot be used. */
  function chosenMonth(): string | null {
    if (MONTH.test(month.value.trim())) return month.value.trim();
    monthError.textContent = tr('calendar.error.month', { value: month.value });
    return null;
  }

  /** Problems with a row belong to the list (shown under it); the rest go to the result line. */
  function showError(error: unknown): void {
    const problems = error instanceof ApiError ? error.problems : [];
    const listed = problems.filter((p) => p.row !== undefined).map((p) => p.text);
    const other = problems.filter((p) => p.row === undefined).map((p) => p.text);
    if (!problems.length) other.push(error instanceof Error ? error.message : String(error));
    listErrors.textContent = listed.join('\n');
    result.textContent = other.join('\n');
    result.className = other.length ? 'result error' : 'result';
  }

  /** Shows the result line and reloads the lists; `selectList` becomes the chosen list (a new or converted one). */
  function done(message: string, selectList?: string | null): void {
    result.textContent = message;
    result.className = 'result';
    void reload().then(() => {
      if (selectList) list.value = selectList;
    });
  }

  // The stylesheet shows every label.field as a block, so the hidden attribute alone would not hide it.
  const showCount = (): void => {
    countField.style.display = span.value === 'months' ? '' : 'none';
  };
  span.addEventListener('change', showCount);
  showCount();

  generate.addEventListener('click', () => {
    clearMessages();
    const chosen = chosenMonth();
    if (!chosen) return;
    const input = {
      month: chosen,
      span: span.value as CalendarSpan,
      count: Number(count.value),
      weekStart: weekStart.value as 'mon' | 'sun',
      list: list.value || undefined,
    };
    void withBusy(generate, tr('calendar.sidebar.generating'), () => server.generateCalendar(input)).then((r) => {
      done(r.message);
      showPrintLinks(printLinks, r.tabs, tr);
    }, showError);
  });

  exportIcs.addEventListener('click', () => {
    clearMessages();
    const chosen = chosenMonth();
    if (!chosen) return;
    const input = { month: chosen, list: list.value || undefined };
    void withBusy(exportIcs, tr('calendar.sidebar.exportingIcs'), () => server.exportCalendarIcs(input)).then((file) => {
      downloadText(file.filename, file.text, ICS_TYPE);
      result.textContent = file.message;
      result.className = 'result';
    }, showError);
  });

  createList.addEventListener('click', () => {
    clearMessages();
    void withBusy(createList, tr('calendar.sidebar.creating'), () => server.createActivityList()).then((r) => done(r.message, r.tab), showError);
  });

  draftToggle.addEventListener('click', () => {
    draftBox.hidden = !draftBox.hidden;
    draftToggle.setAttribute('aria-expanded', String(!draftBox.hidden));
    if (!draftBox.hidden) draftBox.scrollIntoView({ block: 'nearest' });
  });

  function draftInput(convert: boolean): DraftMonthInput | null {
    const chosen = chosenMonth();
    if (!chosen) return null;
    return {
      month: chosen,
      list: list.value || undefined,
      weekStart: weekStart.value as 'mon' | 'sun',
      convert,
      rhythm: {
        campEveryWeeks: campEveryWeeks.value,
        campWeekday: campWeekday.value,
        campDays: campDays.value,
        weeklyLiveWeekday: weeklyLive.value,
        promoOnFestivals: promo.checked,
        dailyMoments: moments.checked,
        targetGroups: splitList(groups.value),
      },
    };
  }

  function runDraft(button: HTMLButtonElement, convert: boolean): void {
    clearMessages();
    const input = draftInput(convert);
    if (!input) return;
    void withBusy(button, tr('calendar.sidebar.drafting'), () => server.draftMonth(input)).then((r) => {
      if (r.needsConversion) {
        askToConvert(r.message);
        return;
      }
      confirmBox.hidden = true;
      done(r.message, r.listTab);
      showDraftPreview(r.preview);
    }, showError);
  }

  /**
   * The drafts just added, in the draft style of the tabs (grey italics on light grey, here with a
   * dashed edge), each followed by its warnings: a promotion or a public holiday on its days.
   */
  function showDraftPreview(lines: DraftMonthResult['preview']): void {
    clear(draftPreview);
    draftPreview.hidden = !lines.length;
    if (!lines.length) return;
    draftPreview.append(h('p', { className: 'hint' }, tr('calendar.sidebar.preview')));
    for (const line of lines) {
      draftPreview.append(
        h(
          'div',
          {
            className: 'draft-line',
            style: 'font-style:italic;color:#80868b;background:#f5f5f5;border:1px dashed #bdc1c6;border-radius:3px;padding:2px 6px;margin:3px 0',
          },
          line.text,
        ),
      );
      for (const warning of line.warnings) {
        draftPreview.append(h('div', { className: 'draft-warning', role: 'note', style: 'color:#b06000;margin:0 0 4px 8px' }, `⚠ ${warning}`));
      }
    }
  }

  /**
   * A pasted list is only copied once the user agrees; the pasted tab itself is never changed. One
   * sentence says what is copied where; the primary button does it, the other leaves everything as is.
   */
  function askToConvert(message: string): void {
    clear(confirmBox);
    const yes = h('button', { className: 'action', id: 'calendar-convert-yes', type: 'button' }, tr('calendar.sidebar.convert'));
    const no = h('button', { className: 'secondary', id: 'calendar-convert-no', type: 'button' }, tr('calendar.sidebar.cancel'));
    yes.addEventListener('click', () => runDraft(yes, true));
    no.addEventListener('click', () => (confirmBox.hidden = true));
    confirmBox.append(h('p', { style: 'margin:4px 0' }, message), h('div', { className: 'buttons' }, yes, no));
    confirmBox.hidden = false;
    confirmBox.scrollIntoView({ block: 'nearest' });
  }

  draftRun.addEventListener('click', () => runDraft(draftRun, false));

  root.append(
    field(tr('calendar.sidebar.month'), month, monthError),
    field(tr('calendar.sidebar.span'), span),
    countField,
    field(tr('settings.weekStart'), weekStart),
    field(tr('calendar.sidebar.list'), list, listErrors),
    h('div', { className: 'buttons' }, generate, createList),
    result,
    printLinks,
    calendars,
    h('div', { className: 'buttons' }, exportIcs),
    h('p', { className: 'hint', id: 'calendar-ics-hint' }, tr('calendar.sidebar.icsHint')),
    h('div', { className: 'buttons' }, draftToggle),
    draftBox,
  );
  root.append(helpLink(tr('help.link'), 'calendar'));

  void openInTwoSteps(
    (request) => server.getCalendarState(request),
    (loaded, first) => renderState(loaded, !first),
    (error: unknown) => showError(error),
  );
}
