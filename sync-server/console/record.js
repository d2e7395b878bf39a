// One record: its answers labelled by the server from the record's own form version, photos,
// the GPS position with a map link, the history of revisions and reviews, a diff between two
// revisions, and the review actions.
import { get, post, query } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { currentLanguage, formatNumber, formatTime, t } from './i18n.js';

const base = (uuid) => `/records/${uuid}`;

function valueCell(item) {
  if (item.hidden) return h('span.muted', {}, t('record.hidden'));
  if (item.geopoint) {
    const { latitude, longitude, accuracyM } = item.geopoint;
    const map = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
    return h('span', {}, `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`,
      accuracyM ? ` ±${Math.round(accuracyM)} m ` : ' ',
      h('a', { href: map, target: '_blank', rel: 'noopener noreferrer' }, t('record.map')));
  }
  if (item.attachment) {
    if ((item.attachment.contentType || '').startsWith('image/')) {
      return h('a', { href: item.attachment.url, target: '_blank' },
        h('img.photo', { src: item.attachment.url, alt: item.display, loading: 'lazy' }));
    }
    return h('a', { href: item.attachment.url }, item.display);
  }
  return item.display === '' || item.display === undefined ? h('span.muted', {}, t('record.noAnswer')) : item.display;
}

function answersTable(record, notes, canReview) {
  const rows = [];
  for (const item of record.items) {
    if (item.kind === 'group') {
      rows.push(h('tr.group', {}, h('td', { colSpan: 2 }, item.label)));
    } else if (item.kind === 'repeat') {
      const table = h('table.repeat-table', { dataset: { repeat: item.name } },
        h('thead', {}, h('tr', {}, h('th', {}, '#'), item.columns.map((c) => h('th', {}, c.label)))),
        h('tbody', {}, item.rows.map((row, i) => h('tr', {}, h('td', {}, i + 1), row.map((cell) => h('td', {}, valueCell(cell)))))));
      rows.push(h('tr.group', {}, h('td', { colSpan: 2 }, item.label)));
      rows.push(h('tr', {}, h('td', { colSpan: 2 }, h('div.repeat-wrap', {}, table))));
    } else {
      const noteButton = canReview ? h('button.link.note-toggle', {
        type: 'button', dataset: { field: item.name },
        onclick: () => notes.add(item.name, item.label),
      }, t('record.addNote')) : null;
      rows.push(h('tr', { dataset: { field: item.name } },
        h('td.label', {}, item.label, noteButton), h('td.value', {}, valueCell(item))));
    }
  }
  return h('table.answers#answers', {}, h('tbody', {}, rows));
}

// Per-question notes the reviewer adds before returning the record.
function notesEditor() {
  const list = h('div#review-notes');
  const notes = new Map();
  return {
    element: list,
    add(field, label) {
      if (notes.has(field)) return notes.get(field).focus();
      const input = h('textarea', { dataset: { field }, rows: 2 });
      notes.set(field, input);
      list.append(h('label', {}, label, input));
      input.focus();
    },
    values: () => [...notes].map(([field, input]) => ({ field, text: input.value.trim() })).filter((n) => n.text),
  };
}

function reviewPanel(record, notes, reload) {
  if (!record.canReview) return h('div.card', {}, h('p.muted', {}, t('review.notAllowed')));
  const comment = h('textarea#review-comment', { rows: 3 });
  const reason = h('textarea#review-reason', { rows: 2 });
  const decide = async (decision) => {
    const body = { revision: record.revision, decision, comment: comment.value.trim(),
      reason: reason.value.trim(), notes: notes.values() };
    if (decision === 'return' && !body.comment && !body.notes.length) return showMessage(t('review.needComment'));
    if (decision === 'reject' && !body.reason) return showMessage(t('review.needReason'));
    try {
      await post(base(record.uuid) + '/reviews', body);
      await reload();
      showMessage(t('review.done.' + decision), true);
    } catch (error) {
      showMessage(error.message);
    }
  };
  return h('div.card.actions#review', {},
    h('h2', {}, t('review.title')),
    h('label', {}, t('review.comment'), comment),
    h('div', {}, h('span.muted', {}, t('review.notes')), notes.element),
    h('label', {}, t('review.reason'), reason),
    h('div.buttons', {},
      h('button.primary#approve', { type: 'button', onclick: () => decide('approve') }, t('review.approve')),
      h('button#return', { type: 'button', onclick: () => decide('return') }, t('review.return')),
      h('button.danger#reject', { type: 'button', onclick: () => decide('reject') }, t('review.reject'))));
}

function history(record) {
  const events = [
    ...record.revisions.map((r) => ({ at: r.receivedAtMs, text: t('record.revisionBy', { revision: formatNumber(r.revision), author: r.author, when: formatTime(r.receivedAtMs) }), revision: r.revision })),
    ...record.reviews.map((r) => ({ at: r.decidedAtMs, text: t('record.reviewBy', { decision: t('decision.' + r.decision), reviewer: r.reviewer, when: formatTime(r.decidedAtMs), revision: formatNumber(r.revision) }), review: r })),
  ].sort((a, b) => a.at - b.at);
  return h('ol.history#history', {}, events.map((e) => h('li', {},
    e.revision && e.revision !== record.revision
      ? h('a', { href: `#/record/${record.uuid}?revision=${e.revision}` }, e.text) : e.text,
    e.review && e.review.comment ? h('div.muted', {}, e.review.comment) : null,
    e.review && e.review.reason ? h('div.muted', {}, e.review.reason) : null,
    e.review ? e.review.notes.map((n) => h('div.muted', {}, `${n.label || n.field}: ${n.text}`)) : null)));
}

async function diffSection(record) {
  if (record.revisions.length < 2) return null;
  const others = record.revisions.map((r) => r.revision).filter((r) => r !== record.revision);
  const select = h('select#diff-with', {}, others.map((r) => h('option', { value: r }, formatNumber(r))));
  const result = h('div.diff#diff');
  const show = async () => {
    const from = Math.min(Number(select.value), record.revision);
    const to = Math.max(Number(select.value), record.revision);
    const { changes } = await get(base(record.uuid) + '/diff' + query({ from, to, lang: currentLanguage() }));
    replace(result, changes.length ? h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('record.question')), h('th', {}, `${t('record.before')} (${formatNumber(from)})`), h('th', {}, `${t('record.after')} (${formatNumber(to)})`))),
      h('tbody', {}, changes.map((c) => h('tr', {}, h('td', {}, c.label), h('td.before', {}, c.before), h('td.after', {}, c.after)))))
      : h('p.muted', {}, t('record.noChanges')));
  };
  select.addEventListener('change', show);
  await show();
  return h('div.card', {}, h('h2', {}, t('record.compare'), ' ', select), result);
}

export async function showRecord(view, uuid, params) {
  const load = async () => {
    const record = await get(base(uuid) + query({ revision: params.get('revision') || '', lang: currentLanguage() }));
    const notes = notesEditor();
    const field = (label, value) => h('div', {}, h('span', {}, label), value);
    const head = h('div.card.record-head#record-head', {},
      field(t('record.form'), `${record.formTitle || record.formId} (${record.formVersion})`),
      field(t('record.place'), record.placeName || record.locationCode),
      field(t('record.author'), record.author),
      field(t('record.device'), record.deviceId),
      field(t('record.created'), formatTime(record.createdAtMs)),
      field(t('record.received'), formatTime(record.receivedAtMs)),
      field(t('record.revision'), formatNumber(record.revision)),
      field(t('queue.state'), h(`span.state.${record.state}#record-state`, {}, t('state.' + record.state))));
    const old = record.revision !== record.newestRevision
      ? h('p.card', {}, t('record.oldRevision', { revision: formatNumber(record.revision), newest: formatNumber(record.newestRevision) })) : null;
    const canReview = record.canReview && record.revision === record.newestRevision;
    replace(view,
      h('a', { href: '#/queue' }, t('record.back')),
      h('h1', {}, record.formTitle || record.formId),
      head, old,
      h('div.layout', {},
        h('div', {}, h('div.card', {}, h('h2', {}, t('record.answers')), answersTable(record, notes, canReview)), await diffSection(record)),
        h('div', {}, canReview ? reviewPanel(record, notes, load) : null,
          h('div.card', {}, h('h2', {}, t('record.history')), history(record)))));
  };
  await load();
}
