// Likely duplicates: the pairs the server found in the reviewer's area, the two registrations side
// by side, and confirm (counted once in the reports) or dismiss. Reviewers only.
import { get, post, query } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { currentLanguage, formatTime, t } from './i18n.js';

const states = ['open', 'confirmed', 'dismissed'];

function ruleLabel(rule) {
  const key = 'dup.rule.' + rule.replaceAll(' ', '_');
  const text = t(key);
  return text.startsWith('⟦') ? rule : text;
}

export async function showDuplicates(view, params) {
  const state = states.includes(params.get('state')) ? params.get('state') : 'open';
  const { pairs } = await get('/duplicates' + query({ state }));
  const picker = h('select#dup-state', {
    onchange: () => { location.hash = '#/duplicates?state=' + picker.value; },
  }, states.map((s) => h('option', { value: s, selected: s === state }, t('dup.state.' + s))));
  const rows = pairs.map((pair) => h('tr', { dataset: { pair: pair.id } },
    h('td', {}, `${pair.score}%`),
    h('td', {}, t('dup.form.' + pair.formId)),
    h('td', {}, pair.first.locationCode, ' · ', pair.second.locationCode),
    h('td', {}, pair.rules.map(ruleLabel).join(', ')),
    h('td', {}, formatTime(pair.foundAtMs)),
    h('td', {}, h('a.compare', { href: `#/duplicates/${pair.id}?state=${state}` }, t('dup.compare')))));
  replace(view,
    h('h1', {}, t('dup.title')),
    h('p.muted', {}, t('dup.note')),
    h('div.card', {}, h('label', {}, t('queue.state'), picker)),
    pairs.length
      ? h('table.queue#duplicates', {},
        h('thead', {}, h('tr', {}, [t('dup.score'), t('queue.form'), t('queue.place'), t('dup.rules'),
          t('dup.found'), ''].map((label) => h('th', {}, label)))),
        h('tbody', {}, rows))
      : h('p.card#duplicates-none', {}, t('dup.none')));
}

// Answers of the two records on one row per question, in the first record's order.
function sideBySide(first, second) {
  const answers = (record) => {
    const out = new Map();
    for (const item of record.items) {
      if (item.kind !== 'group' && item.kind !== 'repeat') out.set(item.name, item);
    }
    return out;
  };
  const a = answers(first);
  const b = answers(second);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  const cell = (item) => {
    if (!item) return h('span.muted', {}, '—');
    if (item.hidden) return h('span.muted', {}, t('record.hidden'));
    return item.display === '' || item.display === undefined ? h('span.muted', {}, '—') : item.display;
  };
  return h('table.answers.side-by-side#side-by-side', {},
    h('thead', {}, h('tr', {}, h('th', {}, t('record.question')),
      h('th', {}, h('a', { href: `#/record/${first.uuid}` }, t('dup.first'))),
      h('th', {}, h('a', { href: `#/record/${second.uuid}` }, t('dup.second'))))),
    h('tbody', {}, names.map((name) => {
      const left = a.get(name);
      const right = b.get(name);
      const differs = (left?.display ?? '') !== (right?.display ?? '');
      return h(differs ? 'tr.differs' : 'tr', { dataset: { field: name } },
        h('td.label', {}, (left || right).label), h('td', {}, cell(left)), h('td', {}, cell(right)));
    })));
}

export async function showDuplicatePair(view, id, params) {
  const state = states.includes(params.get('state')) ? params.get('state') : 'open';
  const { pairs } = await get('/duplicates' + query({ state }));
  const pair = pairs.find((p) => String(p.id) === id);
  if (!pair) {
    replace(view, h('a', { href: '#/duplicates' }, t('dup.back')), h('p.card', {}, t('dup.gone')));
    return;
  }
  const lang = currentLanguage();
  const [first, second] = await Promise.all([
    get(`/records/${pair.first.uuid}` + query({ lang })),
    get(`/records/${pair.second.uuid}` + query({ lang })),
  ]);
  const decide = async (decision) => {
    try {
      const { pair: decided } = await post(`/duplicates/${pair.id}/decision`, { decision });
      location.hash = '#/duplicates?state=' + decided.state;
      showMessage(t('dup.done.' + decision), true);
    } catch (error) {
      showMessage(error.message);
    }
  };
  const decidedBy = pair.state === 'open' ? null
    : h('p.muted#dup-decided', {}, t('dup.decidedBy', { state: t('dup.state.' + pair.state), reviewer: pair.reviewer, when: formatTime(pair.decidedAtMs) }));
  replace(view,
    h('a', { href: '#/duplicates?state=' + state }, t('dup.back')),
    h('h1', {}, t('dup.pairTitle')),
    h('div.card', {},
      h('p', {}, `${t('dup.score')}: ${pair.score}% · ${pair.rules.map(ruleLabel).join(', ')}`),
      decidedBy,
      h('div.buttons', {},
        h('button.primary#dup-confirm', { type: 'button', onclick: () => decide('confirm') }, t('dup.confirm')),
        h('button#dup-dismiss', { type: 'button', onclick: () => decide('dismiss') }, t('dup.dismiss')))),
    h('div.card', {}, sideBySide(first, second)));
}
