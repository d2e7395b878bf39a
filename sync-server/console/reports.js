// Reports over approved records (issue 13): the paper's Tables 2.1-2.4, returnees per crossing
// point per day, trafficking cases, complaints per agency. Each report is a table and a Chart.js
// chart labelled in the reader's language, filtered by dates and place, and downloadable as CSV.
// Counts under 5 arrive already withheld (null) from the server and show as "*".
import { get, post, query } from './api.js';
import { h, replace } from './dom.js';
import { currentLanguage, formatDate, t } from './i18n.js';

const reportKeys = ['table-2.1', 'table-2.2', 'table-2.3', 'table-2.4', 'returnees', 'trafficking', 'complaints'];
const filterNames = ['from', 'to', 'province', 'district', 'commune'];
const palette = ['#1b7f5b', '#c2185b', '#1565c0', '#ef6c00', '#6a1b9a', '#00838f', '#827717', '#5d4037', '#455a64', '#ad1457', '#2e7d32', '#283593'];
const sexColours = { male: '#1565c0', female: '#c2185b', other: '#827717' };
let chartLoading = null;
const charts = [];

// Chart.js is served by phum-server from Debian's libjs-chart.js, loaded once, when a report opens.
function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartLoading) {
    chartLoading = new Promise((resolve, reject) => {
      const script = h('script', { src: '/v1/console/reports/chart.js' });
      script.addEventListener('load', () => resolve(window.Chart));
      script.addEventListener('error', () => reject(new Error(t('reports.noChart'))));
      document.head.append(script);
    });
  }
  return chartLoading;
}

const shown = (value) => (value === null || value === undefined ? '*' : String(value));
const percent = (value, of) => (value === null || of === null || !of ? '*' : (100 * value / of).toFixed(1));

async function placeSelects(params) {
  const levels = [['province', 2], ['district', 4], ['commune', 6]];
  const selects = levels.map(([level]) => h(`select#report-${level}`, { name: level }));
  const fill = async (index, parent) => {
    const chosen = params.get(levels[index][0]) || '';
    const { places } = await get('/places' + query({ parent }));
    replace(selects[index], h('option', { value: '' }, t('queue.any')),
      places.map((p) => h('option', { value: p.code, selected: p.code === chosen }, p.name)));
    selects[index].disabled = places.length === 0;
  };
  selects.forEach((select, index) => select.addEventListener('change', async () => {
    for (let later = index + 1; later < selects.length; ++later) {
      replace(selects[later], h('option', { value: '' }, t('queue.any')));
      selects[later].disabled = true;
    }
    if (select.value && index + 1 < selects.length) await fill(index + 1, select.value);
  }));
  await fill(0, '');
  for (let index = 1; index < levels.length; ++index) {
    const parent = params.get(levels[index - 1][0]);
    if (parent) await fill(index, parent); else selects[index].disabled = true;
  }
  return selects;
}

function sectionTable(section, totalLabel) {
  const flagged = new Set(section.flagged.map((key) => key.split('|')[0]));
  const head = [section.rowHeader, ...section.columns.map((c) => c.label), totalLabel];
  if (section.percent === 'total') head.push('%');
  if (section.percent === 'column') head.push(...section.columns.map((c) => c.label + ' %'), totalLabel + ' %');
  const means = Boolean(section.meanHeader);
  if (means) head.push(section.meanHeader);
  const mean = (value) => (value === null || value === undefined ? '*' : value.toFixed(0));
  const row = (label, cells, total, rowClass, flag, rowMean) => {
    const values = [...cells.map(shown), shown(total)];
    if (section.percent === 'total') values.push(percent(total, section.total));
    if (section.percent === 'column') {
      values.push(...cells.map((v, i) => percent(v, section.columnTotals[i])), percent(total, section.total));
    }
    if (means) values.push(mean(rowMean));
    return h(`tr${rowClass}`, {}, h('th', { scope: 'row' }, label, flag ? h('span.surge-flag', { title: section.note }, ' ⚠ ' + t('reports.surge')) : null),
      values.map((v) => h('td.num', {}, v)));
  };
  return h('div.repeat-wrap', {}, h(`table.report-table#table-${section.key}`, {},
    h('thead', {}, h('tr', {}, head.map((text) => h('th', {}, text)))),
    h('tbody', {},
      section.rows.map((r, i) => row(r.label, r.cells, r.total, flagged.has(r.key) ? '.surge' : '', flagged.has(r.key), section.rowMeans[i])),
      row(totalLabel, section.columnTotals, section.total, '.total', false, section.totalMean))));
}

// Days (the returnees' 92) would print 92 labels on top of each other: one a week then, always
// the first; every row keeps its bar.
function xTicks(section, font) {
  if (section.rows.length <= 31) return { font };
  const labels = section.rows.map((r) => r.label);
  return { font, autoSkip: false, maxRotation: 0, callback: (value, index) => (index % 7 === 0 ? labels[index] : '') };
}

function sectionChart(Chart, section, canvas) {
  const stacked = section.columns.some((c) => c.stack);
  const datasets = section.columns.map((column, index) => {
    const sex = column.key.split('|').pop();
    const colour = stacked ? palette[[...new Set(section.columns.map((c) => c.stack))].indexOf(column.stack) % palette.length]
      : sexColours[column.key] || palette[index % palette.length];
    return {
      label: column.label,
      data: section.rows.map((r) => r.cells[index]),
      backgroundColor: stacked && sex === 'female' ? colour + '99' : colour,
      stack: column.stack || 'all',
    };
  });
  const font = { family: "'Khmer OS', 'Noto Sans Khmer', 'Khmer OS System', sans-serif", size: 13 };
  charts.push(new Chart(canvas, {
    type: 'bar',
    data: { labels: section.rows.map((r) => r.label), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        title: { display: true, text: section.title, font: { ...font, size: 15 } },
        legend: { labels: { font } },
        subtitle: { display: true, text: t('reports.withheldNote'), font: { ...font, size: 11 } },
      },
      scales: {
        x: { stacked: true, title: { display: true, text: section.rowHeader, font }, ticks: xTicks(section, font) },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: t('reports.people'), font }, ticks: { font, precision: 0 } },
      },
    },
  }));
}

// Complaints per agency: each agency of the report (and any already watched) with its watch flag,
// raised or cleared with a reason; the flag reaches the tablets as a reference-data change.
function watchCard(report, watch, reshow) {
  const names = new Map();
  for (const section of report.sections) for (const r of section.rows) names.set(r.key, r.label);
  // Watched agencies, and those whose flag changed, stay listed even without approved complaints.
  for (const licence of [...watch.watched, ...watch.history.map((c) => c.licence)]) if (!names.has(licence)) names.set(licence, licence);
  const last = new Map();
  for (const change of watch.history) if (!last.has(change.licence)) last.set(change.licence, change);
  const row = (licence, label) => {
    const watched = watch.watched.includes(licence);
    const reason = h('input.watch-reason', { id: `watch-reason-${licence}`, type: 'text', placeholder: t('watch.reason'), required: true });
    const status = h('span.muted', {});
    const form = h('form.watch-form', {
      hidden: true,
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await post(`/reports/agencies/${encodeURIComponent(licence)}/watch`, { watch: !watched, reason: reason.value });
          await reshow();
        } catch (e) { status.textContent = e.message; }
      },
    }, reason, h('button.primary', { type: 'submit', id: `watch-confirm-${licence}` }, watched ? t('watch.clear') : t('watch.raise')), status);
    const change = last.get(licence);
    return h(`tr${watched ? '.watched' : ''}`, { id: `watch-row-${licence}` },
      h('th', { scope: 'row' }, label),
      h('td', {}, watched ? '⚠ ' + t('watch.on') : t('watch.off')),
      h('td.muted', {}, change ? `${change.reason} (${change.reviewer}, ${formatDate(change.atMs)})` : ''),
      h('td', {}, h('button', { type: 'button', id: `watch-toggle-${licence}`, onclick: () => { form.hidden = false; reason.focus(); } },
        watched ? t('watch.clear') : t('watch.raise')), form));
  };
  return h('section.card.report-section#watch-list', {}, h('h2', {}, t('watch.title')), h('p.muted', {}, t('watch.note')),
    h('table.report-table', {}, h('thead', {}, h('tr', {}, [t('watch.agency'), t('watch.state'), t('watch.last'), ''].map((text) => h('th', {}, text)))),
      h('tbody', {}, [...names].map(([licence, label]) => row(licence, label)))));
}

export async function showReport(view, key, params) {
  if (!reportKeys.includes(key)) key = reportKeys[0];
  while (charts.length) charts.pop().destroy();
  const lang = currentLanguage();
  const filter = {};
  for (const name of filterNames) filter[name] = params.get(name) || '';
  const [report, Chart] = await Promise.all([get(`/reports/${key}` + query({ ...filter, lang })), loadChart()]);
  const from = h('input#report-from', { type: 'date', name: 'from', value: filter.from });
  const to = h('input#report-to', { type: 'date', name: 'to', value: filter.to });
  const selects = await placeSelects(params);
  const form = h('form.filters.card#report-filters', {
    onsubmit: (event) => {
      event.preventDefault();
      const next = { from: from.value, to: to.value };
      selects.forEach((s) => { next[s.name] = s.disabled ? '' : s.value; });
      location.hash = `#/reports/${key}` + query(next);
    },
  },
  h('label', {}, t('reports.from'), from), h('label', {}, t('reports.to'), to),
  selects.map((s) => h('label', {}, t('queue.' + s.name), s)),
  h('button.primary#report-apply', { type: 'submit' }, t('queue.apply')),
  h('a.button#report-csv', { href: `/v1/console/reports/${key}` + query({ ...filter, lang, format: 'csv' }), download: `phum-${key}.csv` }, t('reports.csv')),
  key === 'trafficking' ? h('a.button#report-htcds', { href: '/v1/console/reports/htcds.csv' + query({ province: filter.province, district: filter.district, commune: filter.commune }), download: 'phum-trafficking-htcds.csv' }, t('reports.htcds')) : null);
  const tabs = h('nav.report-tabs', {}, reportKeys.map((k) => h(`a${k === key ? '.active' : ''}`, { href: `#/reports/${k}` + query(filter), id: `report-tab-${k.replace(/\./g, '-')}` }, t('reports.' + k))));
  const sections = report.sections.map((section) => {
    const canvas = h('canvas', { 'aria-label': section.title, role: 'img' });
    const holder = h('div.chart-box', {}, canvas);
    return { section, canvas, element: h('section.card.report-section', { id: `section-${section.key}` },
      h('h2', {}, section.title), section.note ? h('p.muted', {}, section.note) : null,
      section.rows.length ? holder : h('p.muted', {}, t('reports.empty')),
      sectionTable(section, report.totalLabel)) };
  });
  const means = report.meanAge.length
    ? h('p#report-mean-age', {}, t('reports.meanAge') + ': ' + report.meanAge.map((m) => `${m.label} ${m.mean === null ? '*' : m.mean.toFixed(1)}`).join(' · '))
    : null;
  const watch = key === 'complaints' ? watchCard(report, await get('/reports/agencies/watch'), () => showReport(view, key, params)) : null;
  replace(view, h('h1', {}, report.title), tabs,
    h('p.approved-only#report-notice', {}, report.notice), form, means, sections.map((s) => s.element), watch);
  for (const { section, canvas } of sections) if (section.rows.length) sectionChart(Chart, section, canvas);
}
