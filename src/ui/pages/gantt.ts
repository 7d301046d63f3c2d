/**
 * The push-plan Gantt sidebar: pick the plan tab, choose how durations count, see what the plan
 * schedules to, then generate (or update) its Gantt tab; or start from an empty plan tab.
 */
import type { GanttRequest, GanttState, PlanSummary } from '../../app/gantt';
import { openInTwoSteps, type PageEnv } from '../page';
import { ApiError, server } from '../rpc';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';
import { showPrintLinks } from '../print';

export function mountGanttPage({ root, tr }: PageEnv<'gantt'>): void {
  const planSelect = h('select', { id: 'gantt-plan', 'aria-label': tr('gantt.sidebar.planTab') });
  const noPlans = h('p', { className: 'hint', id: 'gantt-no-plans', hidden: true }, tr('gantt.sidebar.noPlanTabs'));
  // The stylesheet sizes inputs to the full width; a checkbox keeps its own size beside its label.
  const workingDays = h('input', { type: 'checkbox', id: 'gantt-working-days', style: 'width:auto;margin:0 6px 0 0;vertical-align:-2px' });
  const preview = h('div', { className: 'hint', id: 'gantt-preview', role: 'status' });
  const errors = h('div', { className: 'error', id: 'gantt-errors', role: 'alert' });
  const warnings = h('div', { className: 'hint', id: 'gantt-warnings' });
  const result = h('div', { className: 'result', id: 'gantt-result', role: 'status' });
  const printLinks = h('div', { id: 'gantt-print' });
  const noTeam = h('p', { className: 'hint', id: 'gantt-no-team', hidden: true }, tr('gantt.sidebar.noTeam'));
  const generateButton = h('button', { className: 'action', id: 'generate-gantt', type: 'button' }, tr('gantt.sidebar.generate'));
  const createButton = h('button', { className: 'secondary', id: 'create-plan', type: 'button' }, tr('gantt.sidebar.createPlan'));
  let previewSequence = 0;

  function request(): GanttRequest {
    return { planTab: planSelect.value, workingDays: workingDays.checked };
  }

  function showSummary(summary: PlanSummary | null): void {
    clear(warnings);
    preview.textContent = summary ? summary.text : '';
    if (!summary || !summary.warnings.length) return;
    warnings.appendChild(h('div', {}, tr('gantt.summary.warnings', { count: summary.warnings.length })));
    const list = h('ul', { style: 'margin:2px 0 0;padding-left:16px' });
    for (const text of summary.warnings.slice(0, 5)) list.appendChild(h('li', {}, text));
    if (summary.warnings.length > 5) list.appendChild(h('li', {}, '…'));
    warnings.appendChild(list);
  }

  /**
   * A plan without tasks yet (a new one, typically) is a normal state, not a mistake: the preview
   * line says how to fill it in. The problem reaches the page as its text only, so it is recognised
   * by the catalogue's text (after the tab it names).
   */
  function isEmptyPlan(error: unknown): boolean {
    return error instanceof ApiError && error.problems.length === 1 && error.problems[0].text.endsWith(tr('gantt.error.noTasks'));
  }

  /** Each problem names its task and row already; they are listed under the plan selector. */
  function showError(error: unknown): void {
    const problems = error instanceof ApiError ? error.problems.map((p) => p.text) : [];
    errors.textContent = problems.length ? problems.join('\n') : error instanceof Error ? error.message : String(error);
  }

  function refreshPreview(): void {
    const sequence = ++previewSequence;
    errors.textContent = '';
    showSummary(null);
    if (!planSelect.value) return;
    preview.textContent = tr('gantt.sidebar.reading');
    void server.previewGantt(request()).then(
      (summary) => {
        if (sequence === previewSequence) showSummary(summary);
      },
      (error: unknown) => {
        if (sequence !== previewSequence) return;
        const empty = isEmptyPlan(error);
        preview.textContent = empty ? tr('gantt.sidebar.emptyPlan') : '';
        if (!empty) showError(error);
      },
    );
  }

  function applyState(state: GanttState, select?: string): void {
    const before = planSelect.value;
    clear(planSelect);
    for (const name of state.planTabs) planSelect.appendChild(h('option', { value: name }, name));
    const wanted = select ?? state.selected;
    if (wanted && state.planTabs.includes(wanted)) planSelect.value = wanted;
    planSelect.hidden = state.planTabs.length === 0;
    // "No plan yet" only once every tab has been looked at.
    noPlans.hidden = state.planTabs.length > 0 || !state.complete;
    generateButton.disabled = state.planTabs.length === 0;
    noTeam.hidden = state.teamTab !== null;
    // The whole list arriving after the quick one keeps the plan shown: its preview stands.
    if (planSelect.value !== before || !preview.textContent) refreshPreview();
  }

  function loadState(select?: string): Promise<void> {
    return server.getGanttState().then((state) => applyState(state, select));
  }

  planSelect.addEventListener('change', refreshPreview);
  workingDays.addEventListener('change', refreshPreview);

  generateButton.addEventListener('click', () => {
    errors.textContent = '';
    result.textContent = '';
    showPrintLinks(printLinks, [], tr);
    void withBusy(generateButton, tr('gantt.sidebar.generating'), () => server.generateGantt(request())).then((generated) => {
      showSummary(generated.summary);
      result.textContent = generated.message;
      showPrintLinks(printLinks, [generated.tab], tr);
    }, showError);
  });

  createButton.addEventListener('click', () => {
    errors.textContent = '';
    result.textContent = '';
    void withBusy(createButton, tr('gantt.sidebar.creating'), () => server.createPlanTab())
      .then((created) => loadState(created.tab).then(() => (result.textContent = created.message)))
      .catch(showError);
  });

  root.append(
    h('label', { className: 'field' }, h('span', {}, tr('gantt.sidebar.planTab')), planSelect, noPlans),
    errors,
    h(
      'label',
      { className: 'field', style: 'display:flex;align-items:flex-start' },
      workingDays,
      h('span', { style: 'color:inherit' }, tr('gantt.sidebar.workingDays')),
    ),
    preview,
    warnings,
    h('div', { className: 'buttons' }, generateButton, createButton),
    result,
    printLinks,
    noTeam,
    h('p', { className: 'hint' }, tr('gantt.sidebar.live')),
  );
  root.append(helpLink(tr('help.link'), 'gantt'));

  void openInTwoSteps(
    (request) => server.getGanttState(request),
    (state, first) => {
      if (first) workingDays.checked = state.workingDays;
      applyState(state, first ? undefined : planSelect.value || undefined);
    },
    showError,
  );
}
