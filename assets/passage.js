// The passage view: the passage a hit is in, with its neighbours before and
// after (from /api/passage), the hit passage marked.

import { el, clear, safeText, place, bdi } from './dom.js';

/** "Title › Section" of a passage, when it has them. */
function where(doc) {
  const parts = [];
  if (doc.title) parts.push(bdi(doc.title, 'title'));
  if (doc.section && doc.section !== doc.title) parts.push(el('span', { 'aria-hidden': 'true' }, ' › '), bdi(doc.section, 'section'));
  return parts.length ? el('span', { class: 'where' }, parts) : null;
}

/** One passage: its place, and source beside translation. */
function docItem(doc, role) {
  const current = role === 'current';
  const text = el('p', { class: 'source', dir: 'auto' }, safeText(doc.text));
  const has = doc.translation !== null && doc.translation !== undefined;
  const translation = has ? el('p', { class: 'translation', lang: 'en', dir: 'auto' }, safeText(doc.translation)) : null;
  return el(
    'li',
    { class: `passage-doc ${role}`, 'data-passage-id': doc.passage_id, 'aria-current': current ? 'true' : null },
    el(
      'div',
      { class: 'doc-head' },
      place(doc.file ?? doc.path, doc.line),
      where(doc),
      current ? el('span', { class: 'tag hit-tag' }, '命中 hit') : null,
    ),
    el('div', { class: has ? 'doc-body bilingual' : 'doc-body' }, text, translation),
  );
}

/** Show a /api/passage response; returns the hit passage's element. */
export function renderPassage(els, data) {
  clear(els.docs);
  const before = data.before || [];
  const after = data.after || [];
  before.forEach((d) => els.docs.appendChild(docItem(d, 'before')));
  const current = docItem(data.passage, 'current');
  els.docs.appendChild(current);
  after.forEach((d) => els.docs.appendChild(docItem(d, 'after')));
  clear(els.place);
  els.place.appendChild(place(data.passage.file ?? data.passage.path, data.passage.line));
  return current;
}

/** Show a failure in place of the passages. */
export function renderPassageError(els, message) {
  clear(els.docs);
  clear(els.place);
  els.docs.appendChild(el('li', { class: 'empty' }, safeText(message)));
}
