/**
 * The 复盘 / Review sidebar: choose a template and its cohorts, confirm the cohorts the metrics data
 * spells differently (「第12期」 = 「12期」), see what the review will compare, then generate the tab.
 * The matching is previewed (debounced) after every change; nothing is written until Generate.
 */
import type { ReviewState } from '../../app/review';
import type { ReviewJson } from '../../core/review/compute';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';
import { openInTwoSteps, type PageEnv } from '../page';
import { ApiError, server } from '../rpc';

/** The cohorts "last N" ticks, as the server's default. */
const LAST = 6;
const DEBOUNCE_MS = 400;

interface Pair {
  sop: string;
  metrics: string;
}

const pairKey = (pair: Pair): string => `${pair.sop}\u0000${pair.metrics}`;

function checkbox(attrs: Record<string, string>): HTMLInputElement {
  // The stylesheet sizes inputs to the full width; a checkbox keeps its own size beside its label.
  return h('input', { type: 'checkbox', style: 'width:auto;margin:0 6px 0 0;vertical-align:-2px', ...attrs });
}

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.problems.length) return error.problems.map((problem) => problem.text).join('\n');
  return error instanceof Error ? error.message : String(error);
}

export function mountReviewPage({ root, tr }: PageEnv<'review'>): void {
  const source = h('p', { className: 'hint', id: 'review-source' });
  const template = h('select', { id: 'review-template', 'aria-label': tr('review.sidebar.template') });
  const cohortBoxes = h('div', { id: 'review-cohorts', style: 'display:flex;flex-wrap:wrap;gap:2px 12px;max-height:160px;overflow:auto' });
  const small = 'padding:1px 8px;margin-left:4px;font-size:12px';
  const allButton = h('button', { className: 'secondary', id: 'review-all', type: 'button', style: small }, tr('review.sidebar.all'));
  const lastButton = h('button', { className: 'secondary', id: 'review-last', type: 'button', style: small }, tr('review.sidebar.last', { count: LAST }));
  const matching = h('div', { id: 'review-matching' });
  const errors = h('div', { className: 'error', id: 'review-errors', role: 'alert' });
  const generate = h('button', { className: 'action', id: 'review-generate', type: 'button' }, tr('review.sidebar.generate'));
  const result = h('div', { className: 'result', id: 'review-result', role: 'status' });
  const warnings = h('ul', { className: 'hint', id: 'review-warnings', style: 'padding-left:18px;margin:4px 0' });
  const main = h(
    'div',
    { id: 'review-main', hidden: true },
    source,
    h('label', { className: 'field' }, h('span', {}, tr('review.sidebar.template')), template),
    h(
      'div',
      { className: 'field', style: 'margin-bottom:10px' },
      h(
        'div',
        { className: 'hint', style: 'display:flex;align-items:center' },
        h('span', { style: 'flex:1' }, tr('review.sidebar.cohorts')),
        allButton,
        lastButton,
      ),
      cohortBoxes,
    ),
    h('h2', {}, tr('review.sidebar.matching')),
    matching,
    errors,
    h('div', { className: 'buttons' }, generate),
    result,
    warnings,
  );
  const empty = h('p', { className: 'hint', id: 'review-empty', hidden: true }, tr('review.sidebar.empty'));

  let state: ReviewState | null = null;
  /** The person's ticks on proposed pairs; an untouched pair keeps what the server or the saved choices say. */
  const ticks = new Map<string, boolean>();
  const saved = new Map<string, Pair>();
  const proposed = new Map<string, Pair>();
  let busy = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const chosenCohorts = (): string[] => Array.from(cohortBoxes.querySelectorAll<HTMLInputElement>('input:checked')).map((box) => box.value);

  function confirmedCohorts(): Pair[] {
    const pairs = new Map<string, Pair>();
    for (const [key, pair] of [...saved, ...proposed]) if (ticks.get(key) ?? saved.has(key)) pairs.set(key, pair);
    return [...pairs.values()];
  }

  const request = () => ({ template: template.value, cohorts: chosenCohorts(), confirmedCohorts: confirmedCohorts() });

  function showCohorts(checked: readonly string[]): void {
    clear(cohortBoxes);
    const choice = state?.templates.find((t) => t.id === template.value);
    for (const cohort of choice?.cohorts ?? []) {
      const box = checkbox({ value: cohort, 'data-cohort': cohort });
      box.checked = checked.includes(cohort);
      cohortBoxes.appendChild(h('label', { style: 'white-space:nowrap' }, box, cohort));
    }
  }

  function lastCohorts(): string[] {
    return (state?.templates.find((t) => t.id === template.value)?.cohorts ?? []).slice(-LAST);
  }

  function showPreview(review: ReviewJson): void {
    clear(matching);
    const matched = review.cohorts.filter((cohort) => cohort.results).length;
    const ranking = review.ranked >= LAST ? tr('review.sidebar.canRank', { ranked: review.ranked }) : tr('review.sidebar.tooFew', { ranked: review.ranked });
    matching.appendChild(h('p', { className: 'hint', id: 'review-counts' }, tr('review.sidebar.counts', { count: review.cohorts.length, matched, ranking })));
    proposed.clear();
    if (review.proposed.length) {
      const list = h('div', { id: 'review-pairs' }, h('div', { className: 'hint' }, tr('review.sidebar.matchingHint')));
      for (const { sop, metrics, confirmed } of review.proposed) {
        const key = pairKey({ sop, metrics });
        proposed.set(key, { sop, metrics });
        // Confirmed by the server (saved earlier): sent again with every request until unticked.
        if (confirmed && !saved.has(key)) saved.set(key, { sop, metrics });
        const box = checkbox({ className: 'review-pair', 'data-sop': sop, 'data-metrics': metrics });
        box.checked = ticks.get(key) ?? saved.has(key);
        box.addEventListener('change', () => {
          ticks.set(key, box.checked);
          schedule();
        });
        list.appendChild(
          h(
            'label',
            { className: 'field', style: 'display:flex;align-items:flex-start;margin-bottom:4px' },
            box,
            h('span', { style: 'color:inherit' }, tr('review.sidebar.pair', { sop, metrics })),
          ),
        );
      }
      matching.appendChild(list);
    }
    for (const side of ['Sop', 'Metrics'] as const) {
      const labels = review.unmatched[side === 'Sop' ? 'sop' : 'metrics'];
      const id = `review-unmatched-${side.toLowerCase()}`;
      if (labels.length) matching.appendChild(h('p', { className: 'hint', id }, tr(`review.sidebar.unmatched${side}`, { list: labels.join('、') })));
    }
  }

  /** One preview at a time (it holds the Generate button); a change meanwhile previews again after it. */
  function preview(): void {
    timer = undefined;
    if (busy) {
      again = true;
      return;
    }
    if (!chosenCohorts().length) {
      clear(matching);
      matching.appendChild(h('p', { className: 'hint' }, tr('review.sidebar.noCohorts')));
      generate.disabled = true;
      return;
    }
    run(
      tr('review.sidebar.checking'),
      () => server.previewReview(request()),
      (shown) => showPreview(shown.review),
      (error) => {
        clear(matching);
        matching.appendChild(h('p', { className: 'hint' }, tr('review.sidebar.previewFailed', { message: errorText(error) })));
      },
    );
  }

  /** A call that holds the Generate button; a preview asked for meanwhile runs after it. */
  function run<T>(label: string, call: () => Promise<T>, done: (value: T) => void, failed: (error: unknown) => void): void {
    busy = true;
    const settle = (): void => {
      busy = false;
      if (again) {
        again = false;
        preview();
      }
    };
    void withBusy(generate, label, call).then(done, failed).then(settle, settle);
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    // Until the preview answers, Generate would send what is on screen; keep it for the previewed choice.
    generate.disabled = true;
    timer = setTimeout(preview, DEBOUNCE_MS);
  }

  function showSource(current: ReviewState): void {
    source.textContent = current.metricsTab
      ? tr('review.sidebar.metricsTab', { tab: current.metricsTab })
      : current.complete
        ? tr('review.sidebar.noMetrics')
        : '…';
  }

  function applyState(current: ReviewState, first = true): void {
    if (!first && state) {
      // The whole state differs from the quick one by the metrics tab only (both read the same markers).
      state = current;
      showSource(current);
      return;
    }
    state = current;
    if (!current.templates.length) {
      empty.hidden = false;
      return;
    }
    for (const pair of current.confirmedCohorts) saved.set(pairKey(pair), pair);
    showSource(current);
    for (const choice of current.templates) {
      template.appendChild(h('option', { value: choice.id }, tr('review.sidebar.templateOption', { name: choice.name, count: choice.tabs })));
    }
    template.value = current.template ?? current.templates[0].id;
    showCohorts(current.template === template.value ? current.cohorts : lastCohorts());
    main.hidden = false;
    preview();
  }

  template.addEventListener('change', () => {
    showCohorts(lastCohorts());
    schedule();
  });
  cohortBoxes.addEventListener('change', schedule);
  allButton.addEventListener('click', () => {
    showCohorts(state?.templates.find((t) => t.id === template.value)?.cohorts ?? []);
    schedule();
  });
  lastButton.addEventListener('click', () => {
    showCohorts(lastCohorts());
    schedule();
  });

  generate.addEventListener('click', () => {
    if (busy || timer !== undefined) return;
    errors.textContent = '';
    result.textContent = '';
    clear(warnings);
    run(
      tr('review.sidebar.generating'),
      () => server.generateReview(request()),
      (done) => {
        result.textContent = done.message;
        for (const warning of done.warnings) warnings.appendChild(h('li', {}, warning));
        showPreview(done.review);
      },
      (error) => (errors.textContent = errorText(error)),
    );
  });

  root.append(h('p', { className: 'hint' }, tr('review.sidebar.intro')), empty, main);
  root.append(helpLink(tr('help.link'), 'review'));

  void openInTwoSteps(
    (request) => server.getReviewState(request),
    applyState,
    (error: unknown) => {
      empty.className = 'error';
      empty.textContent = errorText(error);
      empty.hidden = false;
    },
  );
}
