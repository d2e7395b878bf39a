// Administrator pages: users, devices and enrolment codes, forms, reference data. The server
// refuses every call here for other roles; the page only hides the links.
import { get, patch, post } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { formatTime, t } from './i18n.js';

const roles = ['enumerator', 'outreach_worker', 'counsellor', 'reviewer', 'administrator'];

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

export async function showUsers(view) {
  const { users } = await get('/users');
  const username = h('input#new-username', { required: true, size: 12 });
  const displayName = h('input#new-display-name', { size: 18 });
  const role = h('select#new-role', {}, roles.map((r) => h('option', { value: r }, t('role.' + r))));
  const scope = h('input#new-scope', { required: true, size: 10, value: 'national' });
  const password = h('input#new-password', { type: 'password', required: true, autocomplete: 'new-password' });
  const form = h('form.card.inline-form#new-user', {
    onsubmit: async (event) => {
      event.preventDefault();
      const created = await guarded(() => post('/users', { username: username.value.trim(), displayName: displayName.value.trim(),
        role: role.value, scope: scope.value.trim(), password: password.value }), () => t('users.created', { username: username.value.trim() }));
      if (created) showUsers(view).then(() => showMessage(t('users.created', { username: created.username }), true));
    },
  },
  h('label', {}, t('signin.username'), username), h('label', {}, t('users.displayName'), displayName),
  h('label', {}, t('users.role'), role), h('label', {}, t('users.scope'), scope),
  h('label', {}, t('signin.password'), password), h('button.primary', { type: 'submit' }, t('users.add')));
  const rows = users.map((u) => h('tr', { dataset: { username: u.username } },
    h('td', {}, u.username), h('td', {}, u.displayName), h('td', {}, t('role.' + u.role)), h('td', {}, u.scope),
    h('td', {}, u.disabled ? t('users.disabled') : h('button.danger', {
      type: 'button', onclick: async () => { if (await guarded(() => patch(`/users/${u.username}`, { disabled: true }))) showUsers(view); },
    }, t('users.disable')))));
  replace(view, h('h1', {}, t('users.title')), form,
    h('table#users', {}, h('thead', {}, h('tr', {}, [t('signin.username'), t('users.displayName'), t('users.role'), t('users.scope'), ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, rows)));
}

export async function showDevices(view) {
  const { devices } = await get('/devices');
  const name = h('input#device-name', { required: true, size: 24 });
  const code = h('div.qr#enrolment-code');
  const form = h('form.card.inline-form#new-code', {
    onsubmit: async (event) => {
      event.preventDefault();
      const issued = await guarded(() => post('/devices/enrolment-codes', { name: name.value.trim() }));
      if (!issued) return;
      const svg = issued.qrSvg
        ? document.importNode(new DOMParser().parseFromString(issued.qrSvg, 'image/svg+xml').documentElement, true)
        : null;
      replace(code, h('p', {}, t('devices.codeHelp', { when: formatTime(issued.expiresAtMs) })),
        svg, h('p', {}, h('code#code-text', {}, issued.code)));
    },
  }, h('label', {}, t('devices.name'), name), h('button.primary', { type: 'submit' }, t('devices.newCode')));
  const rows = devices.map((d) => h('tr', {}, h('td', {}, d.name), h('td', {}, d.deviceId),
    h('td', {}, formatTime(d.enrolledAtMs)),
    h('td', {}, d.revokedAtMs ? `${t('devices.revoked')} ${formatTime(d.revokedAtMs)}` : h('button.danger', {
      type: 'button', onclick: async () => { if (await guarded(() => post(`/devices/${d.deviceId}/revoke`, {}))) showDevices(view); },
    }, t('devices.revoke')))));
  replace(view, h('h1', {}, t('devices.title')), form, code,
    h('table#devices', {}, h('tbody', {}, rows)));
}

export async function showForms(view) {
  const { forms } = await get('/forms');
  const file = h('input#form-file', { type: 'file', accept: '.xlsx' });
  const messages = h('pre.messages#form-messages', { hidden: true });
  const send = async (publish) => {
    if (!file.files[0]) return;
    const result = await guarded(() => post(publish ? '/forms' : '/forms/check', file.files[0],
      { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    if (!result) return;
    messages.hidden = false;
    messages.textContent = [result.summary, ...result.messages].filter(Boolean).join('\n');
    if (publish && result.published) showForms(view).then(() => showMessage(result.summary, true));
  };
  replace(view, h('h1', {}, t('forms.title')),
    h('div.card.inline-form', {}, h('label', {}, t('forms.upload'), file),
      h('button#check-form', { type: 'button', onclick: () => send(false) }, t('forms.check')),
      h('button.primary#publish-form', { type: 'button', onclick: () => send(true) }, t('forms.publish'))),
    messages,
    h('table#forms', {}, h('thead', {}, h('tr', {}, [t('record.form'), t('forms.version'), t('forms.published')].map((c) => h('th', {}, c)))),
      h('tbody', {}, forms.map((f) => h('tr', {}, h('td', {}, `${f.title} (${f.formId})`), h('td', {}, f.version), h('td', {}, formatTime(f.publishedAtMs)))))));
}

export async function showRefdata(view) {
  const { datasets } = await get('/refdata');
  const file = h('input#refdata-file', { type: 'file', accept: '.csv' });
  const dataset = h('input#refdata-dataset', { size: 14, placeholder: 'gazetteer' });
  const result = h('pre.messages#refdata-result', { hidden: true });
  replace(view, h('h1', {}, t('refdata.title')),
    h('div.card.inline-form', {}, h('label', {}, t('refdata.dataset'), dataset), h('label', {}, t('refdata.file'), file),
      h('button.primary', { type: 'button', onclick: async () => {
        if (!file.files[0] || !dataset.value.trim()) return;
        const answer = await guarded(() => post(`/refdata/${encodeURIComponent(dataset.value.trim())}`, file.files[0], { contentType: 'text/csv' }));
        if (answer) { result.hidden = false; result.textContent = answer.summary; }
      } }, t('refdata.import'))),
    result,
    h('table#datasets', {}, h('thead', {}, h('tr', {}, [t('refdata.dataset'), t('refdata.rows')].map((c) => h('th', {}, c)))),
      h('tbody', {}, datasets.map((d) => h('tr', {}, h('td', {}, d.name), h('td', {}, d.rows))))));
}
