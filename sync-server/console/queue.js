// The review queue: filters kept in the address (#/queue?form=..&place=..), newest first, pages
// by the server's keyset cursor ("after"), so a bookmark or the back button finds the same page.
import { get, query } from './api.js';
import { h, replace } from './dom.js';
import { currentLanguage, formatNumber, formatTime, t } from './i18n.js';

const states = ['new', 'returned', 'corrected', 'approved', 'rejected'];
const filterNames = ['form', 'state', 'place', 'from', 'to', 'author'];

function option(value, label, selected) {
  return h('option', { value, selected: value === selected }, label);
}

// Province, district and commune as three linked selects; `place` is the most precise code chosen.
async function placeSelects(place, onChange) {
  const levels = [['province', 2], ['district', 4], ['commune', 6]];
  const selects = [];
  const fill = async (index, parent) => {
    const select = selects[index];
    const chosen = place.length >= levels[index][1] ? place.slice(0, levels[index][1]) : '';
    const { places } = await get('/places' + query({ parent }));
    replace(select, option('', t('queue.any'), chosen), places.map((p) => option(p.code, p.name, chosen)));
    select.disabled = places.length === 0;
  };
  for (const [level] of levels) {
    // "Any" from the start: a select not filled yet (no province chosen) is not a blank box.
    const select = h(`select#filter-${level}`, { name: level }, option('', t('queue.any'), ''));
    selects.push(select);
  }
  selects.forEach((select, index) => select.addEventListener('change', async () => {
    for (let later = index + 1; later < selects.length; ++later) replace(selects[later], option('', t('queue.any'), ''));
    if (select.value && index + 1 < selects.length) await fill(index + 1, select.value);
    onChange();
  }));
  await fill(0, '');
  for (let index = 1; index < levels.length; ++index) {
    if (place.length >= levels[index - 1][1]) await fill(index, place.slice(0, levels[index - 1][1]));
    else selects[index].disabled = true;
  }
  const value = () => [...selects].reverse().find((s) => s.value)?.value || '';
  return { selects, value, labels: levels.map(([level]) => t('queue.' + level)) };
}

export async function showQueue(view, params, me) {
  const current = Object.fromEntries(filterNames.map((name) => [name, params.get(name) || '']));
  const [{ forms }, page] = await Promise.all([
    get('/forms'),
    get('/records' + query({ ...current, after: params.get('after') || '', lang: document.documentElement.lang })),
  ]);
  const formSelect = h('select#filter-form', { name: 'form' }, option('', t('queue.any'), current.form),
    [...new Set(forms.map((f) => f.formId))].map((id) => option(id, forms.find((f) => f.formId === id).title || id, current.form)));
  const stateSelect = h('select#filter-state', { name: 'state' }, option('', t('queue.any'), current.state),
    states.map((s) => option(s, t('state.' + s), current.state)));
  const from = h('input#filter-from', { type: 'date', value: current.from });
  const to = h('input#filter-to', { type: 'date', value: current.to });
  const author = h('input#filter-author', { value: current.author, size: 12 });
  let places;
  const filters = () => ({ form: formSelect.value, state: stateSelect.value, place: places.value(),
    from: from.value, to: to.value, author: author.value.trim() });
  const apply = () => { location.hash = '#/queue' + query(filters()); };
  places = await placeSelects(current.place, () => {});
  const sensitive = h('input#export-sensitive', { type: 'checkbox' });
  const exportButton = h('button#export', {
    type: 'button',
    onclick: () => {
      location.href = '/v1/console/export' + query({ ...filters(), lang: currentLanguage(),
        sensitive: sensitive.checked ? '1' : '' });
    },
  }, t('queue.export'));

  // The filters wrap as the window allows; the buttons keep a row of their own below them, Filter
  // on the left and the export with its option together on the right.
  const form = h('form.filters.split.card#filters', { onsubmit: (e) => { e.preventDefault(); apply(); } },
    h('div.filter-fields', {},
      h('label', {}, t('queue.form'), formSelect),
      h('label', {}, t('queue.state'), stateSelect),
      places.selects.map((select, i) => h('label', {}, places.labels[i], select)),
      h('label', {}, t('queue.from'), from),
      h('label', {}, t('queue.to'), to),
      h('label', {}, t('queue.author'), author)),
    h('div.filter-actions', {},
      h('button.primary#apply-filters', { type: 'submit' }, t('queue.apply')),
      h('span.spacer'),
      me.role === 'administrator' || me.role === 'reviewer'
        // Only a reviewer's role may read sensitive answers (the server refuses the others).
        ? h('span.export', {}, exportButton, me.role === 'reviewer'
          ? h('label.inline', {}, sensitive, t('queue.exportSensitive')) : null)
        : null));

  const rows = page.records.map((r) => h('tr.row', {
    dataset: { uuid: r.uuid },
    onclick: () => { location.hash = `#/record/${r.uuid}`; },
  },
  h('td', {}, formatTime(r.receivedAtMs)),
  h('td', {}, r.formTitle || r.formId),
  h('td', {}, r.placeName || r.locationCode),
  h('td', {}, r.author),
  h('td', {}, formatNumber(r.revision)),
  h('td', {}, h(`span.state.${r.state}`, {}, t('state.' + r.state)))));
  const table = page.records.length
    ? h('table#queue', {}, h('thead', {}, h('tr', {},
      [t('queue.received'), t('queue.form'), t('queue.place'), t('queue.author'), t('queue.revision'), t('queue.state')].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows))
    : h('p.card#queue-empty', {}, t('queue.none'));
  const pager = h('div.pager', {},
    params.get('after') ? h('a#first-page', { href: '#/queue' + query(current) }, t('queue.first')) : null,
    page.next ? h('a#next-page', { href: '#/queue' + query({ ...current, after: page.next }) }, t('queue.next')) : null);
  replace(view, h('h1', {}, t('queue.title')), form, table, pager);
}
