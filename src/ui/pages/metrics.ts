/**
 * The Conversion metrics sidebar: pick the data (the selection, a tab, or a paste box), compute,
 * see the result line; raw mode reads three lists (members, attendance, orders) from tabs or pastes.
 * Unreadable cells come back listed with their row and column, next to the button that sent them.
 */
import type { MetricsOutcome, MetricsSource, MetricsState, RawListSource } from '../../app/metrics';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';
import type { PageTranslate } from '../i18n';
import { openInTwoSteps, type PageEnv } from '../page';
import { showPrintLinks } from '../print';
import { ApiError, server } from '../rpc';

const PASTE = 'paste';
const SELECTION = 'selection';
const NONE = 'none';
const TAB_PREFIX = 'tab:';

type ListKind = 'members' | 'attendance' | 'orders';
const LISTS: readonly ListKind[] = ['members', 'attendance', 'orders'];

function field(label: string, control: HTMLElement, ...rest: HTMLElement[]): HTMLElement {
  return h('label', { className: 'field' }, h('span', {}, label), control, ...rest);
}

function option(value: string, label: string): HTMLOptionElement {
  return h('option', { value }, label);
}

function pasteBox(id: string, label: string): HTMLTextAreaElement {
  // Full width like the inputs: a pasted table is wide, and the sidebar is only 300 px.
  return h('textarea', { id, rows: 6, spellcheck: 'false', wrap: 'off', 'aria-label': label });
}

/** The outcome in the result line, and the parse report's notes under it. */
function showOutcome(outcome: MetricsOutcome, result: HTMLElement, notes: HTMLElement): void {
  result.className = 'result';
  result.textContent = outcome.message;
  clear(notes);
  for (const note of outcome.notes) notes.appendChild(h('div', { className: 'hint note' }, note));
}

/** Every problem on its own line ("第 3 行 C 列（到课人数）：…"), under the button that sent the data. */
function showError(error: unknown, result: HTMLElement, notes: HTMLElement): void {
  clear(notes);
  const problems = error instanceof ApiError ? error.problems : [];
  result.className = 'result error';
  if (problems.length === 0) {
    result.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  result.textContent = problems[0].text;
  for (const problem of problems.slice(1)) {
    notes.appendChild(h('div', { className: 'error problem', 'data-row': problem.row, 'data-column': problem.column }, problem.text));
  }
}

function optionalNumber(input: HTMLInputElement): number | null {
  return input.value.trim() === '' ? null : Number(input.value);
}

export function mountMetricsPage({ root, tr }: PageEnv<'metrics'>): void {
  const source = h('select', { id: 'metrics-source' });
  const paste = pasteBox('metrics-paste', tr('metrics.sidebar.paste'));
  const compute = h('button', { className: 'action', id: 'metrics-compute', type: 'button' }, tr('metrics.sidebar.compute'));
  const result = h('div', { className: 'result', id: 'metrics-result', role: 'status' });
  const printLinks = h('div', { id: 'metrics-print' });
  const rawPrintLinks = h('div', { id: 'metrics-raw-print' });
  const notes = h('div', { id: 'metrics-notes' });

  const lists = LISTS.map((kind) => ({
    kind,
    select: h('select', { id: `metrics-${kind}-source` }),
    paste: pasteBox(`metrics-${kind}-paste`, tr(`metrics.raw.list.${kind}`)),
  }));
  const classMinutes = h('input', { id: 'metrics-class-minutes', type: 'number', min: 1, max: 1440 });
  const completionShare = h('input', { id: 'metrics-completion-share', type: 'number', min: 0.05, max: 1, step: 0.05 });
  const computeRaw = h('button', { className: 'secondary', id: 'metrics-compute-raw', type: 'button' }, tr('metrics.sidebar.computeRaw'));
  const rawResult = h('div', { className: 'result', id: 'metrics-raw-result', role: 'status' });
  const rawNotes = h('div', { id: 'metrics-raw-notes' });

  // Pasting into a box means "use what I pasted".
  paste.addEventListener('input', () => {
    if (paste.value.trim() !== '') source.value = PASTE;
  });
  // A list's paste box shows only while the list is to be pasted.
  const showListBoxes = (): void => lists.forEach((list) => (list.paste.hidden = list.select.value !== PASTE));
  for (const list of lists) list.select.addEventListener('change', showListBoxes);

  /** `first`: the sidebar's first state; the whole list arriving after it keeps what was chosen and typed. */
  function fillSources(state: MetricsState, first = true): void {
    const keep = (select: HTMLSelectElement, fallback: string): void => {
      const chosen = select.value;
      select.value = !first && Array.from(select.options).some((o) => o.value === chosen) ? chosen : fallback;
    };
    const chosenSource = first ? '' : source.value;
    clear(source);
    source.append(option(SELECTION, tr('metrics.sidebar.source.selection')));
    for (const tab of state.tabs) source.append(option(TAB_PREFIX + tab, tr('metrics.sidebar.source.tab', { tab })));
    source.append(option(PASTE, tr('metrics.sidebar.source.paste')));
    source.value = chosenSource || (state.activeTab !== null && state.tabs.includes(state.activeTab) ? TAB_PREFIX + state.activeTab : PASTE);
    if (source.value === '') source.value = PASTE;
    for (const list of lists) {
      const chosen = list.select.value;
      clear(list.select);
      if (list.kind !== 'members') list.select.append(option(NONE, tr('metrics.sidebar.list.none')));
      list.select.append(option(PASTE, tr('metrics.sidebar.list.paste')));
      for (const tab of state.tabs) list.select.append(option(TAB_PREFIX + tab, tab));
      list.select.value = chosen;
      keep(list.select, list.kind === 'members' ? PASTE : NONE);
    }
    showListBoxes();
    if (!first) return;
    classMinutes.value = String(state.classMinutes);
    completionShare.value = String(state.completionShare);
  }

  function chosenSource(): MetricsSource {
    const value = source.value;
    if (value === SELECTION) return { kind: 'selection' };
    if (value.startsWith(TAB_PREFIX)) return { kind: 'tab', tab: value.slice(TAB_PREFIX.length) };
    return { kind: 'paste', text: paste.value };
  }

  function listSource(list: (typeof lists)[number]): RawListSource | null {
    const value = list.select.value;
    if (value === NONE) return null;
    if (value.startsWith(TAB_PREFIX)) return { kind: 'tab', tab: value.slice(TAB_PREFIX.length) };
    return { kind: 'paste', text: list.paste.value };
  }

  compute.addEventListener('click', () => {
    result.textContent = '';
    clear(notes);
    showPrintLinks(printLinks, [], tr);
    void withBusy(compute, tr('metrics.sidebar.computing'), () => server.computeMetrics(chosenSource())).then(
      (outcome) => {
        showOutcome(outcome, result, notes);
        showPrintLinks(printLinks, [outcome.tab], tr);
      },
      (error: unknown) => showError(error, result, notes),
    );
  });

  computeRaw.addEventListener('click', () => {
    rawResult.textContent = '';
    clear(rawNotes);
    showPrintLinks(rawPrintLinks, [], tr);
    const [members, attendance, orders] = lists.map(listSource);
    const request = {
      members: members ?? { kind: 'paste' as const, text: '' },
      attendance,
      orders,
      classMinutes: optionalNumber(classMinutes),
      completionShare: optionalNumber(completionShare),
    };
    void withBusy(computeRaw, tr('metrics.sidebar.computing'), () => server.computeRawMetrics(request)).then(
      (outcome) => {
        showOutcome(outcome, rawResult, rawNotes);
        showPrintLinks(rawPrintLinks, [outcome.tab], tr);
      },
      (error: unknown) => showError(error, rawResult, rawNotes),
    );
  });

  root.append(
    h('p', { className: 'hint' }, tr('metrics.sidebar.hint')),
    field(tr('metrics.sidebar.source'), source),
    field(tr('metrics.sidebar.paste'), paste),
    h('div', { className: 'buttons' }, compute),
    result,
    notes,
    printLinks,
    rawSection(tr, lists, classMinutes, completionShare, computeRaw, rawResult, rawNotes, rawPrintLinks),
  );
  root.append(helpLink(tr('help.link'), 'metrics'));

  void openInTwoSteps(
    (request) => server.getMetricsState(request),
    fillSources,
    (error: unknown) => showError(error, result, notes),
  );
}

function rawSection(
  tr: PageTranslate<'metrics'>,
  lists: ReadonlyArray<{ kind: ListKind; select: HTMLSelectElement; paste: HTMLTextAreaElement }>,
  classMinutes: HTMLInputElement,
  completionShare: HTMLInputElement,
  computeRaw: HTMLButtonElement,
  rawResult: HTMLElement,
  rawNotes: HTMLElement,
  rawPrintLinks: HTMLElement,
): HTMLElement {
  return h(
    'details',
    { id: 'metrics-raw', className: 'section' },
    h('summary', {}, tr('metrics.sidebar.raw')),
    h('p', { className: 'hint' }, tr('metrics.sidebar.rawHint')),
    ...lists.map((list) => field(tr(`metrics.raw.list.${list.kind}`), list.select, list.paste)),
    field(tr('settings.classMinutes'), classMinutes),
    field(tr('settings.completionShare'), completionShare),
    h('div', { className: 'buttons' }, computeRaw),
    rawResult,
    rawNotes,
    rawPrintLinks,
  );
}
