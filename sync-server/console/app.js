// The console's shell: session, language switch and a hash router (#/queue, #/record/UUID, ...).
import { ApiError, del, get, post, rememberCsrf } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { currentLanguage, setLanguage, t, translate } from './i18n.js';
import { showQueue } from './queue.js';
import { showRecord } from './record.js';
import { showDevices, showForms, showRefdata, showUsers } from './admin.js';
import { showReport } from './reports.js';
import { showDuplicatePair, showDuplicates } from './duplicates.js';

const view = document.getElementById('view');
let me = null;  // { username, displayName, role, scope }

// Each route renders into a page element of its own: a slow answer for a page the user has already
// left (a language switch, a click on another link) then fills a detached element, never the
// page now shown.
const routes = [
  [/^#\/queue(\?.*)?$/, (m, page) => showQueue(page, new URLSearchParams(m[1] || ''), me)],
  [/^#\/record\/([0-9a-f-]{36})(?:\?(.*))?$/, (m, page) => showRecord(page, m[1], new URLSearchParams(m[2] || ''), me)],
  [/^#\/admin\/users$/, (m, page) => showUsers(page, me)],
  [/^#\/admin\/devices$/, (m, page) => showDevices(page)],
  [/^#\/admin\/forms$/, (m, page) => showForms(page)],
  [/^#\/admin\/refdata$/, (m, page) => showRefdata(page)],
  [/^#\/duplicates(\?.*)?$/, (m, page) => showDuplicates(page, new URLSearchParams(m[1] || ''))],
  [/^#\/duplicates\/([0-9]+)(?:\?(.*))?$/, (m, page) => showDuplicatePair(page, m[1], new URLSearchParams(m[2] || ''))],
  [/^#\/reports(?:\/([a-z0-9.-]+))?(?:\?(.*))?$/, (m, page) => showReport(page, m[1] || '', new URLSearchParams(m[2] || ''))],
];

export function fail(error) {
  if (error instanceof ApiError && error.status === 401) {
    me = null;
    showSignIn(t('signin.expired'));
    return;
  }
  if (error instanceof ApiError && error.code === 'offline') showMessage(t('common.offline'));
  else showMessage(t('common.error', { message: error.message }));
}

async function route() {
  showMessage('');
  if (!me) return showSignIn();
  const hash = location.hash || '#/queue';
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', hash.startsWith(link.getAttribute('href')));
  }
  for (const [pattern, show] of routes) {
    const match = hash.match(pattern);
    if (match) {
      const page = h('div.page');
      replace(view, page);
      try {
        await show(match, page);
      } catch (error) {
        if (page.isConnected) fail(error);
      }
      return;
    }
  }
  location.hash = '#/queue';
}

// The header stays (it holds the language switch); what needs a session shows only with one.
function showShell() {
  for (const element of document.querySelectorAll('[data-session]')) element.hidden = !me;
  if (!me) return;
  document.getElementById('who').textContent = `${me.displayName || me.username} · ${t('role.' + me.role)}`;
  for (const link of document.querySelectorAll('[data-admin]')) link.hidden = me.role !== 'administrator';
  for (const link of document.querySelectorAll('[data-reviewer]')) link.hidden = me.role !== 'reviewer';
}

function showSignIn(notice = '') {
  showShell();
  const username = h('input#username', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input#password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = h('form#signin-form', {
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        const session = await post('/session', { username: username.value, password: password.value });
        signedIn(session);
        if (!location.hash || location.hash === '#/signin') location.hash = '#/queue';
        else route();
      } catch (error) {
        showMessage(error.message);
      }
    },
  },
  h('label', {}, t('signin.username'), username),
  h('label', {}, t('signin.password'), password),
  h('button.primary', { type: 'submit', id: 'signin-submit' }, t('signin.submit')));
  replace(view, h('section.card.signin', {}, h('h1', {}, t('signin.title')), form));
  if (notice) showMessage(notice);
  username.focus();
}

function signedIn(session) {
  me = session.user;
  rememberCsrf(session.csrfToken);
  showShell();
}

function applyLanguage(lang) {
  setLanguage(lang);
  for (const button of document.querySelectorAll('.lang button')) {
    button.classList.toggle('active', button.dataset.lang === currentLanguage());
  }
  translate();
  showShell();
  route();
}

async function start() {
  for (const button of document.querySelectorAll('.lang button')) {
    button.addEventListener('click', () => applyLanguage(button.dataset.lang));
  }
  document.getElementById('sign-out').addEventListener('click', async () => {
    try { await del('/session'); } catch { /* signed out either way */ }
    me = null;
    rememberCsrf('');
    location.hash = '#/signin';
    showSignIn();
  });
  window.addEventListener('hashchange', route);
  try {
    signedIn(await get('/session'));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) fail(error);
  }
  applyLanguage(currentLanguage());
}

start();
