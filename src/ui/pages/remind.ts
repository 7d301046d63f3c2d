/**
 * The daily reminders sidebar: where to send (a work chat's robot or email), when, what, and whether
 * to @ people; save (which turns the daily trigger on or off), preview today's messages, send a test.
 * The stored webhook and secret come back masked: the fields stay empty and say what is kept, so a
 * credential never travels back to the page.
 */
import type { ReminderPreview, ReminderRunResult, ReminderState } from '../../app/remind';
import type { ReminderChannel } from '../../core/remind/settings';
import { clear, h, withBusy } from '../dom';
import { helpLink } from '../help-link';
import type { PageEnv } from '../page';
import { ApiError, server } from '../rpc';

const CHANNELS: readonly ReminderChannel[] = ['wecom', 'feishu', 'dingtalk', 'email'];

function checkbox(id: string): HTMLInputElement {
  // The stylesheet sizes inputs to the full width; a checkbox keeps its own size beside its label.
  return h('input', { type: 'checkbox', id, style: 'width:auto;margin:0 6px 0 0;vertical-align:-2px' });
}

function checkLine(input: HTMLInputElement, label: string): HTMLElement {
  return h(
    'label',
    { className: 'field', style: 'display:flex;align-items:flex-start;margin-bottom:4px' },
    input,
    h('span', { style: 'color:inherit' }, label),
  );
}

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.problems.length) return error.problems.map((problem) => problem.text).join('\n');
  return error instanceof Error ? error.message : String(error);
}

export function mountRemindPage({ root, tr }: PageEnv<'remind'>): void {
  const enabled = checkbox('remind-enabled');
  const channel = h('select', { id: 'remind-channel', 'aria-label': tr('remind.sidebar.channel') });
  for (const key of CHANNELS) channel.appendChild(h('option', { value: key }, tr(`remind.channel.${key}`)));
  const webhook = h('input', {
    id: 'remind-webhook',
    type: 'url',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: tr('remind.sidebar.webhookPlaceholder'),
  });
  const webhookStored = h('div', { className: 'hint', id: 'remind-webhook-stored' });
  const secret = h('input', { id: 'remind-secret', type: 'password', autocomplete: 'off', placeholder: tr('remind.sidebar.secretPlaceholder') });
  const secretStored = h('div', { className: 'hint', id: 'remind-secret-stored' });
  const clearSecret = checkbox('remind-clear-secret');
  const clearSecretLine = checkLine(clearSecret, tr('remind.sidebar.clearSecret'));
  const time = h('input', { id: 'remind-time', type: 'time', step: 60 });
  const timeHint = h('div', { className: 'hint', id: 'remind-time-hint' });
  const includeToday = checkbox('remind-include-today');
  const includeOverdue = checkbox('remind-include-overdue');
  const includeTomorrow = checkbox('remind-include-tomorrow');
  const mention = checkbox('remind-mention');
  const mentionLine = checkLine(mention, tr('remind.sidebar.mention'));
  const teamHint = h('div', { className: 'hint', id: 'remind-team-hint' });
  const testTo = h('input', { id: 'remind-test-to', type: 'email', autocomplete: 'email', placeholder: tr('remind.sidebar.testToPlaceholder') });
  const errors = h('div', { className: 'error', id: 'remind-errors', role: 'alert' });
  const saveButton = h('button', { className: 'action', id: 'remind-save', type: 'button' }, tr('remind.sidebar.save'));
  const previewButton = h('button', { className: 'secondary', id: 'remind-preview', type: 'button' }, tr('remind.sidebar.preview'));
  const testButton = h('button', { className: 'secondary', id: 'remind-test', type: 'button' }, tr('remind.sidebar.test'));
  const result = h('div', { className: 'result', id: 'remind-result', role: 'status' });
  const status = h('div', { className: 'hint', id: 'remind-status' });
  const preview = h('div', { id: 'remind-preview-box' });
  const cannotSend = h('p', { className: 'hint', id: 'remind-cannot-send', hidden: true }, tr('remind.sidebar.cannotSend'));

  const chatFields = h(
    'div',
    { id: 'remind-chat-fields' },
    h('label', { className: 'field' }, h('span', {}, tr('remind.sidebar.webhook')), webhook, webhookStored),
    h('label', { className: 'field', id: 'remind-secret-field' }, h('span', {}, tr('remind.sidebar.secret')), secret, secretStored),
    clearSecretLine,
    mentionLine,
  );
  const emailFields = h('div', { id: 'remind-email-fields' }, h('label', { className: 'field' }, h('span', {}, tr('remind.sidebar.testTo')), testTo));
  let state: ReminderState | null = null;

  /** What the form holds, as the server reads it; blank credentials keep the stored ones. */
  function form(): Record<string, unknown> {
    const [hour, minute] = (time.value || '08:30').split(':');
    return {
      enabled: enabled.checked,
      channel: channel.value,
      webhook: webhook.value.trim(),
      secret: secret.value.trim(),
      clearSecret: clearSecret.checked,
      hour,
      minute,
      include: { today: includeToday.checked, overdue: includeOverdue.checked, tomorrow: includeTomorrow.checked },
      mention: mention.checked,
    };
  }

  /** The fields that belong to the chosen channel, and what the Team tab allows for it. */
  function showChannel(): void {
    const chosen = channel.value as ReminderChannel;
    const chat = chosen !== 'email';
    chatFields.hidden = !chat;
    emailFields.hidden = chat;
    // WeCom group robots have no signing: no secret to give.
    (document.getElementById('remind-secret-field') as HTMLElement).hidden = chosen === 'wecom';
    const sameAsStored = state !== null && state.settings.channel === chosen;
    webhookStored.textContent = sameAsStored && state?.hasWebhook ? tr('remind.sidebar.webhookStored', { masked: state.settings.webhook }) : '';
    secretStored.textContent = sameAsStored && state?.hasSecret ? tr('remind.sidebar.secretStored', { masked: state.settings.secret }) : '';
    clearSecretLine.hidden = !(sameAsStored && state?.hasSecret && chosen !== 'wecom');
    if (!state) return;
    const { people, withEmail, mentionable } = state.team;
    teamHint.textContent =
      people === 0
        ? tr('remind.sidebar.noTeam')
        : chat
          ? tr('remind.sidebar.mentionHint', {
              count: mentionable[chosen as Exclude<ReminderChannel, 'email'>],
              people,
              channel: tr(`remind.channel.${chosen}`),
            })
          : tr('remind.sidebar.emailHint', { count: withEmail, people });
  }

  function showStatus(current: ReminderState): void {
    clear(status);
    const trigger = current.trigger;
    status.appendChild(
      h(
        'div',
        {},
        trigger
          ? tr('remind.sidebar.triggerOn', { time: `${String(trigger.hour).padStart(2, '0')}:${String(trigger.minute).padStart(2, '0')}` })
          : tr('remind.sidebar.triggerOff'),
      ),
    );
    const last = current.lastSend;
    if (last) {
      status.appendChild(
        h(
          'div',
          { id: 'remind-last-send' },
          tr('remind.sidebar.lastSend', { time: last.time, status: tr(`remind.log.status.${last.status}`), detail: last.detail }),
        ),
      );
    }
  }

  function applyState(current: ReminderState): void {
    state = current;
    const s = current.settings;
    enabled.checked = s.enabled;
    channel.value = s.channel;
    webhook.value = '';
    secret.value = '';
    clearSecret.checked = false;
    time.value = `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;
    timeHint.textContent = tr('remind.sidebar.timeHint', { zone: current.timeZone });
    includeToday.checked = s.include.today;
    includeOverdue.checked = s.include.overdue;
    includeTomorrow.checked = s.include.tomorrow;
    mention.checked = s.mention;
    testButton.hidden = !current.canSend;
    cannotSend.hidden = current.canSend;
    saveButton.disabled = !current.available;
    showChannel();
    showStatus(current);
  }

  function showPreview(shown: ReminderPreview): void {
    clear(preview);
    preview.appendChild(h('div', { className: 'hint', id: 'remind-preview-summary' }, shown.summary));
    for (const warning of shown.warnings) preview.appendChild(h('div', { className: 'hint note' }, warning));
    for (const message of shown.messages) {
      const heading = message.subject ? `${message.to} · ${message.subject}` : message.to;
      const size = message.bytes ? ` · ${tr('remind.sidebar.bytes', { bytes: message.bytes })}` : '';
      preview.appendChild(h('div', { className: 'hint', style: 'margin-top:8px;font-weight:500' }, heading + size));
      // The message as its chat shows it, line by line, as text (never as HTML).
      preview.appendChild(
        h(
          'pre',
          {
            className: 'remind-message',
            style: 'white-space:pre-wrap;font:inherit;font-size:12px;margin:2px 0;padding:6px;background:#f8f9fa;border-radius:4px',
          },
          message.text,
        ),
      );
    }
  }

  function showResult(done: ReminderRunResult): void {
    result.className = done.status === 'sent' || done.status === 'empty' ? 'result' : 'result error';
    result.textContent = done.message;
    void server.getReminderState().then(showStatus, () => undefined);
  }

  function fail(error: unknown): void {
    errors.textContent = errorText(error);
  }

  function start(): void {
    errors.textContent = '';
    result.className = 'result';
    result.textContent = '';
  }

  channel.addEventListener('change', showChannel);

  saveButton.addEventListener('click', () => {
    start();
    void withBusy(saveButton, tr('remind.sidebar.saving'), () => server.saveReminderSettings(form())).then((saved) => {
      applyState(saved.state);
      result.textContent = saved.message;
    }, fail);
  });

  previewButton.addEventListener('click', () => {
    start();
    clear(preview);
    void withBusy(previewButton, tr('remind.sidebar.previewing'), () => server.previewReminders({ settings: form() })).then(showPreview, fail);
  });

  testButton.addEventListener('click', () => {
    start();
    void withBusy(testButton, tr('remind.sidebar.testing'), () => server.sendTestReminder({ settings: form(), testTo: testTo.value.trim() })).then(
      showResult,
      fail,
    );
  });

  root.append(
    h('p', { className: 'hint' }, tr('remind.sidebar.intro')),
    checkLine(enabled, tr('remind.sidebar.enabled')),
    h('label', { className: 'field' }, h('span', {}, tr('remind.sidebar.channel')), channel),
    chatFields,
    emailFields,
    teamHint,
    h('label', { className: 'field' }, h('span', {}, tr('remind.sidebar.time')), time, timeHint),
    h(
      'fieldset',
      { className: 'field', style: 'border:0;padding:0;margin:0 0 8px' },
      h('legend', { style: 'font-size:12px;color:#5f6368;padding:0;margin-bottom:4px' }, tr('remind.sidebar.include')),
      checkLine(includeToday, tr('remind.sidebar.includeToday')),
      checkLine(includeOverdue, tr('remind.sidebar.includeOverdue')),
      checkLine(includeTomorrow, tr('remind.sidebar.includeTomorrow')),
    ),
    errors,
    h('div', { className: 'buttons' }, saveButton, previewButton, testButton),
    result,
    cannotSend,
    status,
    preview,
    h('p', { className: 'hint' }, tr('remind.sidebar.privacy')),
    h('p', { className: 'hint' }, tr('remind.sidebar.permissions')),
  );
  root.append(helpLink(tr('help.link'), 'remind'));

  void server.getReminderState().then(applyState, fail);
}
