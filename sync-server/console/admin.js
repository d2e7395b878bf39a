// Administrator pages: users, devices and enrolment codes, forms, reference data. The server
// refuses every call here for other roles; the page only hides the links.
import { ApiError, get, patch, post, query } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { formatTime, t } from './i18n.js';

const roles = ['enumerator', 'outreach_worker', 'counsellor', 'reviewer', 'administrator'];
const datasets = ['gazetteer', 'agencies', 'crossing_points', 'referral_directory'];

async function guarded(action, done) {
  try {
    const result = await action();
    if (done) showMessage(done(result), true);
    return result;
  } catch (error) {
    showMessage(error.message);
    return null;
  }
}

// Asks in the page (not window.confirm) before `action`: `cell`'s content is swapped for the
// question and two buttons until one is pressed.
function confirmIn(cell, question, yesLabel, action) {
  const before = [...cell.childNodes];
  replace(cell, h('span.confirm', {}, question, ' ',
    h('button.danger.confirm-yes', { type: 'button', onclick: action }, yesLabel), ' ',
    h('button.confirm-no', { type: 'button', onclick: () => replace(cell, before) }, t('common.cancel'))));
}

function roleSelect(id, chosen) {
  return h(`select${id}`, {}, roles.map((r) => h('option', { value: r, selected: r === chosen }, t('role.' + r))));
}

function newUserForm(view) {
  const username = h('input#new-username', { required: true, size: 12, autocomplete: 'off' });
  const displayName = h('input#new-display-name', { size: 18 });
  const role = roleSelect('#new-role', 'enumerator');
  const scope = h('input#new-scope', { required: true, size: 10, value: 'national' });
  const password = h('input#new-password', { type: 'password', required: true, autocomplete: 'new-password', minlength: 8 });
  return h('form.card.inline-form#new-user', {
    onsubmit: async (event) => {
      event.preventDefault();
      const created = await guarded(() => post('/users', { username: username.value.trim(), displayName: displayName.value.trim(),
        role: role.value, scope: scope.value.trim(), password: password.value }));
      if (created) showUsers(view).then(() => showMessage(t('users.created', { username: created.username }), true));
    },
  },
  h('label', {}, t('signin.username'), username), h('label', {}, t('users.displayName'), displayName),
  h('label', {}, t('users.role'), role), h('label', {}, t('users.scope'), scope),
  h('label', {}, t('signin.password'), password), h('button.primary#add-user', { type: 'submit' }, t('users.add')));
}

// One user's row: role and scope edited in place, password reset and disable/enable asked inline.
function userRow(view, u, me) {
  const role = roleSelect('.user-role', u.role);
  const scope = h('input.user-scope', { value: u.scope, size: 10 });
  const actions = h('td.actions-cell');
  const save = async (changes, done) => {
    if (await guarded(() => patch(`/users/${encodeURIComponent(u.username)}`, changes))) {
      showUsers(view).then(() => showMessage(done, true));
    }
  };
  const resetPassword = () => {
    const password = h('input.new-password', { type: 'password', autocomplete: 'new-password', minlength: 8, size: 12,
      placeholder: t('users.newPassword') });
    confirmIn(actions, password, t('users.setPassword'),
      () => save({ password: password.value }, t('users.passwordReset', { username: u.username })));
    password.focus();
  };
  const self = u.username === me.username;
  replace(actions,
    h('button.save-user', { type: 'button', onclick: () => save({ role: role.value, scope: scope.value.trim() },
      t('users.saved', { username: u.username })) }, t('common.save')), ' ',
    h('button.reset-password', { type: 'button', onclick: resetPassword }, t('users.resetPassword')), ' ',
    u.disabled
      ? h('button.enable-user', { type: 'button', onclick: () => save({ disabled: false }, t('users.enabled', { username: u.username })) }, t('users.enable'))
      : h('button.danger.disable-user', { type: 'button', disabled: self, title: self ? t('users.notSelf') : null,
        onclick: () => confirmIn(actions, t('users.confirmDisable', { username: u.username }), t('users.disable'),
          () => save({ disabled: true }, t('users.disabledDone', { username: u.username }))) }, t('users.disable')));
  return h(`tr${u.disabled ? '.disabled' : ''}`, { dataset: { username: u.username } },
    h('td', {}, u.username), h('td', {}, u.displayName), h('td', {}, role), h('td', {}, scope),
    h('td', {}, u.disabled ? t('users.disabled') : t('users.active')), actions);
}

let signedInUser = {};  // kept for the page's own reloads after a change

export async function showUsers(view, me = signedInUser) {
  signedInUser = me || {};
  const { users } = await get('/users');
  replace(view, h('h1', {}, t('users.title')), newUserForm(view),
    h('table#users', {}, h('thead', {}, h('tr', {}, [t('signin.username'), t('users.displayName'), t('users.role'),
      t('users.scopeShort'), t('users.status'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, users.map((u) => userRow(view, u, signedInUser)))));
}

function qrImage(svgText) {
  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  return svg.nodeName === 'svg' ? document.importNode(svg, true) : null;
}

export async function showDevices(view) {
  const { devices } = await get('/devices');
  const name = h('input#device-name', { required: true, size: 24 });
  const code = h('div.card.qr#enrolment-code', { hidden: true });
  const form = h('form.card.inline-form#new-code', {
    onsubmit: async (event) => {
      event.preventDefault();
      const issued = await guarded(() => post('/devices/enrolment-codes', { name: name.value.trim() }));
      if (!issued) return;
      code.hidden = false;
      replace(code, h('h2', {}, t('devices.codeFor', { name: issued.name })), qrImage(issued.qrSvg),
        h('p', {}, h('code#code-text', {}, issued.code)),
        h('p.muted', {}, t('devices.codeHelp', { when: formatTime(issued.expiresAtMs) })));
    },
  }, h('label', {}, t('devices.name'), name), h('button.primary#create-code', { type: 'submit' }, t('devices.newCode')));
  const rows = devices.map((d) => {
    const actions = h('td.actions-cell');
    if (d.revokedAtMs) replace(actions, `${t('devices.revoked')} ${formatTime(d.revokedAtMs)}`);
    else {
      replace(actions, h('button.danger.revoke', {
        type: 'button',
        onclick: () => confirmIn(actions, t('devices.confirmRevoke', { name: d.name }), t('devices.revoke'), async () => {
          if (await guarded(() => post(`/devices/${encodeURIComponent(d.deviceId)}/revoke`, {}))) {
            showDevices(view).then(() => showMessage(t('devices.revokedDone', { name: d.name }), true));
          }
        }),
      }, t('devices.revoke')));
    }
    return h('tr', { dataset: { device: d.deviceId } }, h('td', {}, d.name), h('td', {}, h('code', {}, d.deviceId)),
      h('td', {}, formatTime(d.enrolledAtMs)), h('td', {}, d.lastContactAtMs ? formatTime(d.lastContactAtMs) : t('devices.never')),
      actions);
  });
  replace(view, h('h1', {}, t('devices.title')), form, code,
    devices.length
      ? h('table#devices', {}, h('thead', {}, h('tr', {}, [t('devices.name'), t('devices.id'), t('devices.enrolled'),
        t('devices.lastContact'), ''].map((c) => h('th', {}, c)))), h('tbody', {}, rows))
      : h('p.card.muted#no-devices', {}, t('devices.none')));
}

// The compiler's lines as phum-admin prints them, errors and warnings marked for the eye.
function messageLines(lines) {
  return lines.map((line) => h(`div.line${/: error: /.test(line) ? '.error' : /: warning: /.test(line) ? '.warning' : ''}`, {}, line));
}

export async function showForms(view) {
  const { forms } = await get('/forms');
  const file = h('input#form-file', { type: 'file', accept: '.xlsx,.md' });
  const messages = h('div.card.messages#form-messages', { hidden: true });
  const show = (result, heading) => {
    messages.hidden = false;
    replace(messages, h('h2', {}, heading), messageLines(result.messages || []),
      result.summary ? h('pre.summary', {}, result.summary) : null);
  };
  const send = async (publish) => {
    const chosen = file.files[0];
    if (!chosen) { showMessage(t('forms.chooseFile')); return; }
    showMessage('');
    try {
      const result = await post((publish ? '/forms' : '/forms/check') + query({ name: chosen.name }), chosen,
        { contentType: chosen.name.endsWith('.md') ? 'text/markdown' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      if (publish) {
        await showForms(view);
        showMessage(result.published ? t('forms.publishedDone', { formId: result.formId, version: result.version })
          : t('forms.alreadyPublished', { formId: result.formId, version: result.version }), true);
        return;
      }
      show(result, result.ok ? t('forms.checkOk') : t('forms.checkFailed'));
    } catch (error) {
      showMessage(error.message);
      if (error instanceof ApiError && error.body?.messages) show(error.body, t('forms.checkFailed'));
    }
  };
  replace(view, h('h1', {}, t('forms.title')),
    h('div.card.inline-form', {}, h('label', {}, t('forms.upload'), file),
      h('button#check-form', { type: 'button', onclick: () => send(false) }, t('forms.check')),
      h('button.primary#publish-form', { type: 'button', onclick: () => send(true) }, t('forms.publish'))),
    messages,
    h('table#forms', {}, h('thead', {}, h('tr', {}, [t('record.form'), t('forms.version'), t('forms.published')].map((c) => h('th', {}, c)))),
      h('tbody', {}, forms.map((f) => h('tr', { dataset: { form: f.formId, version: f.version } },
        h('td', {}, `${f.title} (${f.formId})`), h('td', {}, f.version), h('td', {}, formatTime(f.publishedAtMs)))))));
}

function changedKeys(answer) {
  const rows = [];
  for (const [kind, count] of [['added', answer.addedCount], ['changed', answer.changedCount], ['removed', answer.removedCount]]) {
    for (const key of answer[kind]) rows.push(h(`tr.${kind}`, {}, h('td', {}, t('refdata.' + kind)), h('td', {}, key)));
    if (count > answer[kind].length) rows.push(h('tr', {}, h('td', {}, t('refdata.' + kind)), h('td.muted', {}, t('refdata.more', { count: count - answer[kind].length }))));
  }
  return rows.length ? h('table#refdata-changes', {}, h('tbody', {}, rows)) : null;
}

export async function showRefdata(view) {
  const { datasets: stored } = await get('/refdata');
  const file = h('input#refdata-file', { type: 'file', accept: '.csv' });
  const dataset = h('select#refdata-dataset', {}, datasets.map((d) => h('option', { value: d }, t('dataset.' + d))));
  const result = h('div.card#refdata-result', { hidden: true });
  const upload = async () => {
    const chosen = file.files[0];
    if (!chosen) { showMessage(t('refdata.chooseFile')); return; }
    showMessage('');
    try {
      const answer = await post(`/refdata/${dataset.value}`, chosen, { contentType: 'text/csv' });
      await showRefdata(view);
      const shown = document.getElementById('refdata-result');
      shown.hidden = false;
      replace(shown, h('h2', {}, t('dataset.' + answer.dataset)),
        h('p#refdata-summary', {}, t('refdata.summary', { added: answer.addedCount, changed: answer.changedCount,
          removed: answer.removedCount, rows: answer.rows })), changedKeys(answer));
      showMessage(t('refdata.imported'), true);
    } catch (error) {
      showMessage(error.message);
      if (error instanceof ApiError && error.body?.issues) {
        result.hidden = false;
        replace(result, h('h2', {}, t('refdata.problems')), error.body.issues.map((line) => h('div.line.error', {}, line)));
      }
    }
  };
  replace(view, h('h1', {}, t('refdata.title')),
    h('div.card.inline-form', {}, h('label', {}, t('refdata.dataset'), dataset), h('label', {}, t('refdata.file'), file),
      h('button.primary#import-refdata', { type: 'button', onclick: upload }, t('refdata.import'))),
    result,
    h('table#datasets', {}, h('thead', {}, h('tr', {}, [t('refdata.dataset'), t('refdata.rows'), t('refdata.lastChange')].map((c) => h('th', {}, c)))),
      h('tbody', {}, stored.map((d) => h('tr', {}, h('td', {}, t('dataset.' + d.name)), h('td', {}, d.rows), h('td', {}, d.lastChangeSeq))))));
}
