/**
 * The SOP schedule sidebar: pick a template, the anchor date, the groups, the cohort and who acts in
 * each role; see the line before generating; generate one tab per group (or update it in place);
 * save the template as a tab to edit in the sheet.
 */
import type { ExistingSopTab, SopPreview, SopRequest, SopState, SopTemplateChoice, SopField } from '../../app/sop';
import type { Role } from '../../core/team/team';
import { openInTwoSteps, type PageEnv } from '../page';
import { splitList } from '../../core/text/split-list';
import { ApiError, server } from '../rpc';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';
import { showPrintLinks } from '../print';
import { downloadText, ICS_TYPE } from '../download';

const PREVIEW_DELAY_MS = 250;
const FIELD_STYLE = 'font:inherit;border:1px solid #dadce0;border-radius:4px;padding:5px 6px;width:100%;resize:vertical';
const SMALL_LINK = 'font-size:12px;color:#1a73e8;padding:0 4px';

export function mountSopPage({ root, tr, boot }: PageEnv<'sop'>): void {
  const join = boot.lang === 'zh-CN' ? '、' : ', ';
  const templateSelect = h('select', { id: 'sop-template', 'aria-label': tr('sop.sidebar.template') });
  const templateInfo = h('div', { className: 'hint', id: 'sop-template-info', style: 'margin:-6px 0 10px;font-size:12px' });
  const templateError = h('div', { className: 'error', id: 'sop-template-error' });
  const anchorLabelText = h('span', {}, '');
  const anchorInput = h('input', { type: 'date', id: 'sop-anchor' });
  const anchorError = h('div', { className: 'error', id: 'sop-anchor-error' });
  const groupsInput = h('textarea', { id: 'sop-groups', rows: 3, style: FIELD_STYLE, placeholder: tr('sop.sidebar.groupsPlaceholder') });
  const groupsError = h('div', { className: 'error', id: 'sop-groups-error' });
  const cohortInput = h('input', { type: 'text', id: 'sop-cohort', placeholder: tr('sop.sidebar.cohortPlaceholder') });
  const cohortError = h('div', { className: 'error', id: 'sop-cohort-error' });
  const ownersBox = h('div', { id: 'sop-owners' });
  // The stylesheet sizes inputs to the full width; a checkbox keeps its own size beside its label.
  const markCalendar = h('input', { type: 'checkbox', id: 'sop-mark-calendar', style: 'width:auto;margin:0 6px 0 0;vertical-align:-2px' });
  const preview = h('div', { className: 'hint', id: 'sop-preview', role: 'status' });
  const updates = h('div', { className: 'hint', id: 'sop-updates' });
  const warnings = h('div', { className: 'hint', id: 'sop-warnings' });
  const generateButton = h('button', { className: 'action', id: 'generate-sop', type: 'button' }, tr('sop.sidebar.generate'));
  const saveButton = h('button', { className: 'secondary', id: 'save-sop-template', type: 'button' }, tr('sop.sidebar.saveTemplate'));
  const result = h('div', { className: 'result', id: 'sop-result', role: 'status' });
  const printLinks = h('div', { id: 'sop-print' });
  const errors = h('div', { className: 'error', id: 'sop-errors', role: 'alert' });
  const existingBox = h('div', { id: 'sop-existing' });
  const noTeam = h('p', { className: 'hint', id: 'sop-no-team', hidden: true }, tr('sop.sidebar.noTeam'));

  const fieldErrors: Record<SopField, HTMLElement> = { template: templateError, anchor: anchorError, groups: groupsError, cohort: cohortError };
  let state: SopState | null = null;
  /** The person picked per role, kept while the template changes. */
  const assignments: Partial<Record<Role, string>> = {};
  /** Whether the error line holds a failed preview's message (the next good preview clears it). */
  let previewFailed = false;
  /**
   * The fields the user typed in or left, and whether they tried to generate: a field's mistake is
   * shown only then, so an empty form on opening is not met with errors.
   */
  const touched = new Set<SopField>();
  let attempted = false;

  function selectedTemplate(): SopTemplateChoice | undefined {
    return state?.templates.find((t) => t.ref === templateSelect.value);
  }

  function request(): SopRequest {
    const roles = selectedTemplate()?.roles ?? [];
    const chosen: Partial<Record<Role, string>> = {};
    for (const role of roles) if (assignments[role]) chosen[role] = assignments[role];
    return {
      template: templateSelect.value,
      anchor: anchorInput.value,
      groups: groupsInput.value,
      cohort: cohortInput.value,
      assignments: chosen,
      markCalendar: markCalendar.checked,
    };
  }

  function groupCount(): number {
    return splitList(groupsInput.value).length;
  }

  function renderTemplates(): void {
    clear(templateSelect);
    const groups: Array<[string, SopTemplateChoice[]]> = [
      [tr('sop.sidebar.builtIn'), state!.templates.filter((t) => t.source === 'builtIn')],
      [tr('sop.sidebar.sheetTemplates'), state!.templates.filter((t) => t.source === 'sheet')],
    ];
    for (const [label, choices] of groups) {
      if (!choices.length) continue;
      const group = h('optgroup', { label });
      for (const choice of choices)
        group.appendChild(h('option', { value: choice.ref }, choice.errors.length ? `${choice.name} ${tr('sop.sidebar.broken')}` : choice.name));
      templateSelect.appendChild(group);
    }
  }

  /** The template's line, its errors, the anchor's label and one owner control per role it uses. */
  function renderTemplateDetails(): void {
    const choice = selectedTemplate();
    templateInfo.textContent = choice?.info ?? '';
    templateError.textContent =
      choice && choice.errors.length ? [tr('sop.sidebar.templateBroken', { tab: choice.tab ?? choice.name }), ...choice.errors].join('\n') : '';
    const label = choice?.anchorLabel ?? '';
    anchorLabelText.textContent = label.charAt(0).toUpperCase() + label.slice(1);
    renderOwners();
  }

  function renderOwners(): void {
    clear(ownersBox);
    const choice = selectedTemplate();
    if (!state || !choice) return;
    const several = groupCount() > 1;
    for (const role of choice.roles) {
      const info = state.roles.find((r) => r.key === role);
      const people = info?.people ?? [];
      const auto =
        people.length === 0
          ? tr('sop.sidebar.nobody')
          : several && people.length > 1
            ? tr('sop.sidebar.autoRoundRobin', { names: people.join(join) })
            : tr('sop.sidebar.auto', { names: people[0] });
      let control: HTMLInputElement | HTMLSelectElement;
      if (state.people.length) {
        control = h('select', { id: `sop-owner-${role}`, 'data-role': role });
        control.appendChild(h('option', { value: '' }, auto));
        for (const name of state.people) control.appendChild(h('option', { value: name }, name));
        control.value = assignments[role] && state.people.includes(assignments[role]!) ? assignments[role]! : '';
        control.addEventListener('change', () => {
          assignments[role] = control.value || undefined;
          schedulePreview();
        });
      } else {
        // Without a Team tab there is nobody to pick from: the name is typed.
        control = h('input', { type: 'text', id: `sop-owner-${role}`, 'data-role': role, placeholder: auto, value: assignments[role] ?? '' });
        control.addEventListener('input', () => {
          assignments[role] = control.value.trim() || undefined;
          schedulePreview();
        });
      }
      ownersBox.appendChild(h('label', { className: 'field' }, h('span', {}, info?.label ?? role), control));
    }
  }

  function renderExisting(): void {
    clear(existingBox);
    if (!state || !state.sopTabs.length) return;
    existingBox.appendChild(h('h2', {}, tr('sop.sidebar.existing')));
    existingBox.appendChild(h('p', { className: 'hint' }, tr('sop.sidebar.existingHint')));
    for (const tab of state.sopTabs) {
      const pick = h(
        'button',
        { type: 'button', className: 'secondary sop-tab', 'data-tab': tab.tab, style: 'display:block;width:100%;text-align:left;margin:0 0 2px' },
        tab.tab,
      );
      pick.addEventListener('click', () => {
        fillFrom(tab);
        // The person filled the whole form at once: whatever is still wrong in it is theirs to see.
        for (const field of Object.keys(fieldErrors) as SopField[]) touched.add(field);
        schedulePreview();
      });
      const save = h('button', { type: 'button', className: 'link sop-tab-save', 'data-tab': tab.tab, style: SMALL_LINK }, tr('sop.sidebar.saveTemplate'));
      save.addEventListener('click', () => saveTemplate(save, { fromTab: tab.tab, anchor: tab.anchor ?? anchorInput.value }));
      const texts = h(
        'button',
        { type: 'button', className: 'link sop-tab-texts', 'data-tab': tab.tab, style: SMALL_LINK },
        tr('sop.sidebar.useTemplateTexts'),
      );
      texts.addEventListener('click', () => {
        if (!window.confirm(tr('sop.sidebar.useTemplateTextsConfirm', { tab: tab.tab }))) return;
        fillFrom(tab);
        generate(texts, { useTemplateTexts: true });
      });
      const ics = h('button', { type: 'button', className: 'link sop-tab-ics', 'data-tab': tab.tab, style: SMALL_LINK }, tr('sop.sidebar.exportIcs'));
      ics.addEventListener('click', () => exportIcs(ics, tab.tab));
      existingBox.appendChild(
        h('div', { style: 'margin-bottom:8px' }, pick, h('span', { className: 'hint', style: 'font-size:12px' }, tab.line), save, texts, ics),
      );
    }
    existingBox.appendChild(h('p', { className: 'hint', id: 'sop-ics-hint' }, tr('sop.sidebar.icsHint')));
  }

  function exportIcs(button: HTMLButtonElement, tab: string): void {
    result.textContent = '';
    errors.textContent = '';
    void withBusy(button, tr('sop.sidebar.exportingIcs'), () => server.exportSopIcs({ tab })).then(
      (file) => {
        downloadText(file.filename, file.text, ICS_TYPE);
        result.textContent = file.message;
      },
      (error: unknown) => (errors.textContent = messageOf(error)),
    );
  }

  function fillFrom(tab: ExistingSopTab): void {
    if (tab.templateRef && state?.templates.some((t) => t.ref === tab.templateRef)) templateSelect.value = tab.templateRef;
    if (tab.anchor) anchorInput.value = tab.anchor;
    groupsInput.value = tab.group;
    cohortInput.value = tab.cohort;
    renderTemplateDetails();
  }

  /**
   * Shows a state from the server, keeping the template on show unless `selectRef` names another. A
   * rebuilt picker falls back to its first option, so without this the next "Save as template" would
   * quietly save that one instead of the template the person sees.
   */
  function applyState(loaded: SopState, selectRef?: string | null): void {
    const previous = templateSelect.value;
    state = loaded;
    renderTemplates();
    const wanted = [selectRef, previous].find((ref) => ref && loaded.templates.some((t) => t.ref === ref));
    if (wanted) templateSelect.value = wanted;
    noTeam.hidden = loaded.teamTab !== null;
    renderTemplateDetails();
    renderExisting();
  }

  // The line before generating: debounced, and never more than one call in flight (the last form wins).
  let timer: ReturnType<typeof setTimeout> | null = null;
  let previewRunning = false;
  let previewWanted = false;

  function schedulePreview(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(runPreview, PREVIEW_DELAY_MS);
  }

  function runPreview(): void {
    timer = null;
    if (previewRunning) {
      previewWanted = true;
      return;
    }
    previewRunning = true;
    previewWanted = false;
    preview.classList.add('busy');
    void server
      .previewSop(request())
      .then(showPreview, (error: unknown) => {
        preview.textContent = '';
        errors.textContent = messageOf(error);
        previewFailed = true;
      })
      .finally(() => {
        previewRunning = false;
        preview.classList.remove('busy');
        if (previewWanted) runPreview();
      });
  }

  function showPreview(loaded: SopPreview): void {
    // A generate that failed on the form is explained field by field now; any other failure stays said.
    if (previewFailed || Object.keys(loaded.problems).length > 0) errors.textContent = '';
    previewFailed = false;
    let hidden = false;
    for (const field of Object.keys(fieldErrors) as SopField[]) {
      // The template's own errors (a malformed template tab) stay under the picker as rendered.
      if (field === 'template' && !loaded.problems.template) continue;
      // A template's problems are the template tab's, not something the person has yet to type.
      const shown = field === 'template' || attempted || touched.has(field);
      if (!shown && loaded.problems[field]) hidden = true;
      fieldErrors[field].textContent = shown ? (loaded.problems[field] ?? '') : '';
    }
    preview.textContent = loaded.line || (hidden ? tr('sop.sidebar.previewPending') : '');
    updates.textContent = loaded.updates.length ? tr('sop.sidebar.updates', { tabs: loaded.updates.map((t) => `「${t}」`).join(join) }) : '';
    clear(warnings);
    for (const text of loaded.warnings) warnings.appendChild(h('div', {}, text));
  }

  generateButton.addEventListener('click', () => generate(generateButton));

  function generate(button: HTMLButtonElement, extra: Partial<SopRequest> = {}): void {
    attempted = true;
    result.textContent = '';
    showPrintLinks(printLinks, [], tr);
    errors.textContent = '';
    void withBusy(button, tr('sop.sidebar.generating'), () => server.generateSop({ ...request(), ...extra })).then(
      (generated) => {
        result.textContent = generated.message;
        showPrintLinks(
          printLinks,
          generated.tabs.map((outcome) => outcome.tab),
          tr,
        );
        clear(warnings);
        for (const text of generated.warnings) warnings.appendChild(h('div', {}, text));
        return server.getSopState().then((loaded) => {
          applyState(loaded);
          schedulePreview();
        });
      },
      (error: unknown) => {
        errors.textContent = messageOf(error);
        schedulePreview();
      },
    );
  }

  function saveTemplate(button: HTMLButtonElement, what: { template?: string; fromTab?: string; anchor?: string }): void {
    result.textContent = '';
    errors.textContent = '';
    void withBusy(button, tr('sop.sidebar.saving'), () => server.saveSopTemplate(what))
      .then((saved) =>
        server.getSopState().then((loaded) => {
          applyState(loaded, saved.ref);
          result.textContent = saved.message;
          schedulePreview();
        }),
      )
      .catch((error: unknown) => (errors.textContent = messageOf(error)));
  }

  saveButton.addEventListener('click', () => saveTemplate(saveButton, { template: templateSelect.value }));
  templateSelect.addEventListener('change', () => {
    renderTemplateDetails();
    schedulePreview();
  });
  /** Typing in a field, or leaving it, lets its mistakes show. */
  function watchField(field: SopField, control: HTMLElement, onInput?: () => void): void {
    const touch = () => {
      touched.add(field);
      onInput?.();
      schedulePreview();
    };
    control.addEventListener('input', touch);
    control.addEventListener('change', touch);
    control.addEventListener('blur', touch);
  }
  watchField('anchor', anchorInput);
  watchField('groups', groupsInput, renderOwners);
  watchField('cohort', cohortInput);
  markCalendar.addEventListener('change', schedulePreview);

  const field = (label: HTMLElement | string, control: HTMLElement, error?: HTMLElement) =>
    h('label', { className: 'field' }, typeof label === 'string' ? h('span', {}, label) : label, control, error);
  root.append(
    field(tr('sop.sidebar.template'), templateSelect, templateError),
    templateInfo,
    field(anchorLabelText, anchorInput, anchorError),
    field(tr('sop.sidebar.groups'), groupsInput, groupsError),
    field(tr('sop.sidebar.cohort'), cohortInput, cohortError),
    h('h2', {}, tr('sop.sidebar.owners')),
    h('p', { className: 'hint' }, tr('sop.sidebar.ownersHint')),
    ownersBox,
    noTeam,
    h('h2', {}, tr('sop.sidebar.options')),
    h(
      'label',
      { className: 'field', style: 'display:flex;align-items:flex-start' },
      markCalendar,
      h('span', { style: 'color:inherit' }, tr('sop.sidebar.markCalendar')),
    ),
    preview,
    updates,
    warnings,
    h('div', { className: 'buttons' }, generateButton, saveButton),
    result,
    printLinks,
    errors,
    existingBox,
    h('p', { className: 'hint' }, tr('sop.sidebar.live')),
  );
  root.append(helpLink(tr('help.link'), 'sop'));

  void openInTwoSteps(
    (request) => server.getSopState(request),
    (loaded, first) => {
      // The whole state (every tab listed) keeps the form as the quick one filled it, or as the person changed it since.
      if (!first) {
        // Same templates (no saved template tab beyond the active one): only the list of SOP tabs is new,
        // and the form's controls are left alone (one being typed in keeps its focus).
        if (state && JSON.stringify(state.templates) === JSON.stringify(loaded.templates)) {
          state = loaded;
          return renderExisting();
        }
        return applyState(loaded);
      }
      applyState(loaded, loaded.startTemplate);
      const active = loaded.sopTabs.find((t) => t.tab === loaded.activeSopTab);
      if (active) fillFrom(active);
      else anchorInput.value = loaded.suggestedAnchor;
      runPreview();
    },
    (error: unknown) => (errors.textContent = messageOf(error)),
  );
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.problems.length) return error.problems.map((p) => p.text).join('\n');
  return error instanceof Error ? error.message : String(error);
}
