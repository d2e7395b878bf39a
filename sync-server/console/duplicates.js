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

function placeOf(side) {
  return side.placeName || side.locationCode;
}

// One page of pairs, newest first; "before"/"after" in the address are the page's keyset bounds.
export async function showDuplicates(view, params) {
  const state = states.includes(params.get('state')) ? params.get('state') : 'open';
  const bound = (name) => (/^[0-9]+$/.test(params.get(name) || '') ? params.get(name) : undefined);
  const lang = currentLanguage();
  const page = await get('/duplicates' + query({ state, before: bound('before'), after: bound('after'), lang }));
  const picker = h('select#dup-state', {
    onchange: () => { location.hash = '#/duplicates?state=' + picker.value; },
  }, states.map((s) => h('option', { value: s, selected: s === state }, t('dup.state.' + s))));
  const rows = page.pairs.map((pair) => h('tr', { dataset: { pair: pair.id } },
    h('td', {}, `${pair.score}%`),
    h('td', {}, t('dup.form.' + pair.formId)),
    h('td', {}, placeOf(pair.first), ' · ', placeOf(pair.second)),
    h('td', {}, pair.rules.map(ruleLabel).join(', ')),
    h('td', {}, formatTime(pair.foundAtMs),
      pair.changedSinceDecision ? h('span.badge.changed', {}, ' ', t('dup.changedShort')) : null),
    h('td', {}, h('a.compare', { href: `#/duplicates/${pair.id}?state=${state}` }, t('dup.compare')))));
  const pager = h('div.buttons#dup-pager', {},
    page.previous !== null
      ? h('a#dup-previous', { href: '#/duplicates' + query({ state, after: page.previous }) }, t('dup.newer')) : null,
    page.next !== null
      ? h('a#dup-next', { href: '#/duplicates' + query({ state, before: page.next }) }, t('dup.older')) : null);
  replace(view,
    h('h1', {}, t('dup.title')),
    h('p.muted', {}, t('dup.note')),
    h('div.card', {}, h('label', {}, t('queue.state'), picker)),
    page.pairs.length
      ? h('table.queue#duplicates', {},
        h('thead', {}, h('tr', {}, [t('dup.score'), t('queue.form'), t('queue.place'), t('dup.rules'),
          t('dup.found'), ''].map((label) => h('th', {}, label)))),
        h('tbody', {}, rows))
      : h('p.card#duplicates-none', {}, t('dup.none')),
    pager);
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
  // The pair alone: the one page of a single pair below id + 1.
  const { pairs } = await get('/duplicates' + query({ state, before: Number(id) + 1, limit: 1 }));
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
  const changed = pair.changedSinceDecision ? h('p.warning#dup-changed', {}, t('dup.changed')) : null;
  replace(view,
    h('a', { href: '#/duplicates?state=' + state }, t('dup.back')),
    h('h1', {}, t('dup.pairTitle')),
    h('div.card', {},
      h('p', {}, `${t('dup.score')}: ${pair.score}% · ${pair.rules.map(ruleLabel).join(', ')}`),
      decidedBy,
      changed,
      h('div.buttons', {},
        h('button.primary#dup-confirm', { type: 'button', onclick: () => decide('confirm') }, t('dup.confirm')),
        h('button#dup-dismiss', { type: 'button', onclick: () => decide('dismiss') }, t('dup.dismiss')))),
    h('div.card', {}, sideBySide(first, second)));
}
