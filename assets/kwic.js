// The concordance (KWIC): one row per occurrence, the left context
// right-aligned against the keyword, then the right context and the place.

import { el, clear, safeText, place } from './dom.js';

/** A context cell; the inner span lets CSS clip the far end, not the near. */
function contextCell(side, text) {
  return el('td', { class: side }, el('span', { class: 'clip' }, el('span', { dir: 'ltr' }, safeText(text))));
}

/** One concordance row. */
function kwicRow(line) {
  return el(
    'tr',
    { class: line.translation ? 'kwic-line in-translation' : 'kwic-line', tabindex: '0', 'data-passage-id': line.passage_id },
    contextCell('left', line.left),
    el('td', { class: 'keyword' }, el('mark', { dir: 'auto' }, safeText(line.keyword))),
    contextCell('right', line.right),
    el(
      'td',
      { class: 'place', title: `${line.path}:${line.line}` },
      el('span', { class: 'clip' }, place(line.path, line.line), line.translation ? el('span', { class: 'tag' }, '译 EN') : null),
    ),
  );
}

/** Show the concordance `lines` in `tbody`. */
export function renderKwic(tbody, lines) {
  clear(tbody);
  for (const line of lines) tbody.appendChild(kwicRow(line));
  if (!lines.length) tbody.appendChild(el('tr', { class: 'empty' }, el('td', { colspan: '4' }, '没有结果 No matches')));
}
