/** The Team & settings sidebar: edit people (name, role, email, colour, @ targets for reminders) and the document settings. */
import type { TeamState } from '../../app/team';
import type { Settings } from '../../core/settings';
import type { ContactColumn, Person } from '../../core/team/team';
import type { PageEnv } from '../page';
import { ApiError, server } from '../rpc';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';

/** The Team tab's contact columns (core/team/team.ts CONTACT_COLUMNS; the sidebar imports the core only as types). */
const CONTACT_COLUMNS = ['phone', 'wecomUserId', 'feishuOpenId', 'dingtalkUserId'] as const satisfies readonly ContactColumn[];

interface Row {
  person: Partial<Person>;
  error: HTMLElement;
}

export function mountTeamPage({ root, tr, boot, remount }: PageEnv<'team'>): void {
  const list = h('div', { className: 'people', id: 'people' });
  const result = h('div', { className: 'result', id: 'team-result', role: 'status' });
  const settingsResult = h('div', { className: 'result', id: 'settings-result', role: 'status' });
  const settingsBox = h('div', { className: 'settings', id: 'settings' });
  let rows: Row[] = [];
  let state: TeamState | null = null;

  const saveButton = h('button', { className: 'action', id: 'save-team', type: 'button' }, tr('team.sidebar.save'));
  const addButton = h('button', { className: 'secondary', id: 'add-person', type: 'button' }, tr('team.sidebar.add'));

  function renderPeople(): void {
    clear(list);
    if (!rows.length) list.appendChild(h('p', { className: 'hint' }, tr('team.sidebar.empty')));
    rows.forEach((row, index) => {
      const p = row.person;
      const name = h('input', {
        type: 'text',
        className: 'name',
        value: p.name ?? '',
        placeholder: tr('team.sidebar.namePlaceholder'),
        'aria-label': tr('team.header.name'),
      });
      name.addEventListener('input', () => (p.name = name.value));
      const role = h('select', { className: 'role', 'aria-label': tr('team.header.role') });
      for (const r of state?.roles ?? []) role.appendChild(h('option', { value: r.key }, r.label));
      role.value = p.role ?? 'operator';
      p.role = role.value as Person['role'];
      role.addEventListener('change', () => (p.role = role.value as Person['role']));
      const color = h('input', { type: 'color', className: 'color', value: p.color || '#4e79a7', 'aria-label': tr('team.header.color') });
      if (!p.color) color.value = '#cccccc';
      color.addEventListener('input', () => (p.color = color.value));
      const email = h('input', {
        type: 'email',
        className: 'email',
        value: p.email ?? '',
        placeholder: tr('team.sidebar.emailPlaceholder'),
        'aria-label': tr('team.header.email'),
      });
      email.addEventListener('input', () => (p.email = email.value));
      const contacts = contactFields(p);
      const remove = h('button', { type: 'button', className: 'link remove', title: tr('team.sidebar.remove') }, '×');
      remove.addEventListener('click', () => {
        rows.splice(index, 1);
        renderPeople();
      });
      list.appendChild(h('div', { className: 'person' }, h('div', { className: 'line' }, name, role, color, remove), email, contacts, row.error));
    });
  }

  /**
   * A person's @ targets for reminders, folded away (most teams never fill them); open when one is
   * filled. A field is sent only once touched or loaded, so saving never erases a contact typed on the tab.
   */
  function contactFields(p: Partial<Person>): HTMLElement {
    const fields = CONTACT_COLUMNS.map((key) => {
      const input = h('input', { type: 'text', className: `contact ${key}`, value: p[key] ?? '', 'aria-label': tr(`team.header.${key}`) });
      input.addEventListener('input', () => (p[key] = input.value));
      return h('label', { className: 'field' }, h('span', {}, tr(`team.header.${key}`)), input);
    });
    const filled = CONTACT_COLUMNS.some((key) => (p[key] ?? '').trim() !== '');
    return h(
      'details',
      { className: 'contacts', open: filled },
      h('summary', {}, tr('team.sidebar.contacts')),
      h('p', { className: 'hint' }, tr('team.sidebar.contactsHint')),
      ...fields,
    );
  }

  function setRows(people: Array<Partial<Person>>): void {
    rows = people.map((person) => ({ person: { ...person }, error: h('div', { className: 'error' }) }));
    renderPeople();
  }

  addButton.addEventListener('click', () => {
    rows.push({ person: { name: '', role: 'operator', email: '', color: '' }, error: h('div', { className: 'error' }) });
    renderPeople();
    const inputs = list.querySelectorAll<HTMLInputElement>('input.name');
    inputs[inputs.length - 1]?.focus();
  });

  saveButton.addEventListener('click', () => {
    rows.forEach((row) => (row.error.textContent = ''));
    result.textContent = '';
    result.className = 'result';
    void withBusy(saveButton, tr('team.sidebar.saving'), () => server.saveTeam(rows.map((r) => r.person))).then(
      (saved) => {
        setRows(saved.people);
        result.textContent = saved.message;
      },
      (error: unknown) => showError(error, result, (row) => nonEmptyRows()[row - 2]?.error),
    );
  });

  /** Server rows count only non-empty people (row 2 = the first person under the header). */
  function nonEmptyRows(): Row[] {
    return rows.filter((r) => (r.person.name ?? '').trim() || (r.person.email ?? '').trim());
  }

  function renderSettings(settings: Settings): void {
    clear(settingsBox);
    const field = (label: string, control: HTMLElement) => h('label', { className: 'field' }, h('span', {}, label), control);
    const select = (id: string, value: string, options: Array<[string, string]>) => {
      const el = h('select', { id });
      for (const [v, label] of options) el.appendChild(h('option', { value: v }, label));
      el.value = value;
      return el;
    };
    const language = select('setting-language', settings.language, [
      ['auto', tr('settings.language.auto')],
      ['zh-CN', '简体中文'],
      ['en', 'English'],
    ]);
    const weekStart = select('setting-weekStart', settings.weekStart, [
      ['mon', tr('settings.weekStart.mon')],
      ['sun', tr('settings.weekStart.sun')],
    ]);
    const classMinutes = h('input', { id: 'setting-classMinutes', type: 'number', min: 1, max: 1440, value: settings.classMinutes });
    const completionShare = h('input', { id: 'setting-completionShare', type: 'number', min: 0.05, max: 1, step: 0.05, value: settings.completionShare });
    const workingDays = select('setting-workingDays', settings.workingDays, [
      ['calendar', tr('settings.workingDays.calendar')],
      ['working', tr('settings.workingDays.working')],
    ]);
    const overload = h('input', { id: 'setting-overloadThreshold', type: 'number', min: 1, max: 100, value: settings.overloadThreshold });
    const todayDaysAhead = h('input', { id: 'setting-todayDaysAhead', type: 'number', min: 0, max: 14, step: 1, value: settings.todayDaysAhead });
    // Bands are shares in settings and percentages on screen.
    const percent = (share: number) => Math.round(share * 1000) / 10;
    const bandInputs = settings.benchmarkBands.map((band) => ({
      metric: band.metric,
      red: h('input', {
        type: 'number',
        min: 0,
        max: 100,
        step: 0.1,
        value: percent(band.redBelow),
        id: `band-${band.metric}-red`,
        'aria-label': tr('settings.bands.redBelow'),
      }),
      green: h('input', {
        type: 'number',
        min: 0,
        max: 100,
        step: 0.1,
        value: percent(band.greenFrom),
        id: `band-${band.metric}-green`,
        'aria-label': tr('settings.bands.greenFrom'),
      }),
    }));
    const bands = h(
      'div',
      { className: 'bands' },
      h('div', { className: 'band-head' }, h('span', {}, ''), h('span', {}, tr('settings.bands.redBelow')), h('span', {}, tr('settings.bands.greenFrom'))),
      ...bandInputs.map((b) => h('div', { className: 'band' }, h('span', {}, tr(`metrics.metric.${b.metric}`)), b.red, b.green)),
    );
    const save = h('button', { className: 'secondary', id: 'save-settings', type: 'button' }, tr('team.sidebar.saveSettings'));
    save.addEventListener('click', () => {
      settingsResult.textContent = '';
      settingsResult.className = 'result';
      const input: Settings = {
        language: language.value as Settings['language'],
        weekStart: weekStart.value as Settings['weekStart'],
        classMinutes: Number(classMinutes.value),
        completionShare: Number(completionShare.value),
        workingDays: workingDays.value as Settings['workingDays'],
        overloadThreshold: Number(overload.value),
        todayDaysAhead: Number(todayDaysAhead.value),
        benchmarkBands: bandInputs.map((b) => ({ metric: b.metric, redBelow: Number(b.red.value) / 100, greenFrom: Number(b.green.value) / 100 })),
      };
      void withBusy(save, tr('team.sidebar.saving'), () => server.saveSettings(input)).then(
        (saved) => {
          settingsResult.textContent = saved.message;
          // The sidebar follows a language change at once, in the title too, with the messages the server sent in that language.
          if (saved.lang !== boot.lang) remount({ ...boot, lang: saved.lang, title: saved.messages['team.sidebar.title'], messages: saved.messages });
        },
        (error: unknown) => showError(error, settingsResult, () => undefined),
      );
    });
    settingsBox.append(
      field(tr('settings.language'), language),
      field(tr('settings.weekStart'), weekStart),
      field(tr('settings.classMinutes'), classMinutes),
      field(tr('settings.completionShare'), completionShare),
      field(tr('settings.workingDays'), workingDays),
      field(tr('settings.overloadThreshold'), overload),
      field(tr('settings.todayDaysAhead'), todayDaysAhead),
      field(tr('settings.bands'), bands),
      h('div', { className: 'buttons' }, save),
      settingsResult,
    );
  }

  root.append(
    h('h2', {}, tr('team.sidebar.team')),
    list,
    h('div', { className: 'buttons' }, saveButton, addButton),
    result,
    h('h2', {}, tr('team.sidebar.settings')),
    settingsBox,
  );
  root.append(helpLink(tr('help.link'), 'team'));

  void server.getTeamState().then(
    (loaded) => {
      state = loaded;
      setRows(loaded.people);
      renderSettings(loaded.settings);
    },
    (error: unknown) => showError(error, result, () => undefined),
  );
}

/** Problems with a row go next to that row; the rest into the result line. */
function showError(error: unknown, fallback: HTMLElement, rowElement: (row: number) => HTMLElement | undefined): void {
  const problems = error instanceof ApiError ? error.problems : [];
  const unplaced: string[] = [];
  for (const problem of problems) {
    const el = problem.row !== undefined ? rowElement(problem.row) : undefined;
    if (el) el.textContent = problem.text;
    else unplaced.push(problem.text);
  }
  if (!problems.length) unplaced.push(error instanceof Error ? error.message : String(error));
  fallback.textContent = unplaced.join('\n');
  fallback.className = unplaced.length ? 'result error' : 'result';
}
