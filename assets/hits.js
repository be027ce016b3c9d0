// The hit list: one `<li class="hit">` per hit, source and translation side
// by side, the matches marked. All data goes in through dom.js (text only).

import { el, clear, highlighted, safeText, place, bdi } from './dom.js';

/** How a word matched, in both languages (the API's `matched[].how`). */
const HOW = {
  text: '原文 text',
  variant: '异体 variant',
  translation: '译文 translation',
  glossary: '词表 glossary',
  dictionary: '词典 dictionary',
  pinyin: '拼音 pinyin',
};

/** "Title › Section", either part optional. */
function where(hit) {
  const parts = [];
  if (hit.title) parts.push(bdi(hit.title, 'title'));
  if (hit.title && hit.section && hit.section !== hit.title) parts.push(el('span', { 'aria-hidden': 'true' }, ' › '));
  if (hit.section && hit.section !== hit.title) parts.push(bdi(hit.section, 'section'));
  return parts.length ? el('span', { class: 'where' }, parts) : null;
}

/** The head line: rank, FILE:LINE, title and section, notes, copy button. */
function head(hit) {
  return el(
    'div',
    { class: 'hit-head' },
    el('span', { class: 'rank' }, `${hit.rank}.`),
    place(hit.file ?? hit.path, hit.line),
    where(hit),
    hit.kind === 'heading' ? el('span', { class: 'tag' }, '标题 heading') : null,
    hit.near ? el('span', { class: 'tag near' }, '近似 near match') : null,
    el(
      'button',
      { type: 'button', class: 'copy', 'data-action': 'copy', 'aria-label': `复制引文 Copy citation ${hit.file ?? hit.path}:${hit.line}` },
      '复制引文 Copy citation',
    ),
  );
}

/** The source snippet, and the translation beside it when there is one. */
function body(hit) {
  const source = el('p', { class: 'source', dir: 'auto' }, highlighted(hit.snippet ?? hit.text, hit.highlights));
  const translated = hit.translation_snippet ?? hit.translation;
  if (translated === null || translated === undefined) return el('div', { class: 'hit-body' }, source);
  const translation = el(
    'p',
    { class: 'translation', lang: 'en', dir: 'auto' },
    highlighted(translated, hit.translation_snippet ? hit.translation_highlights : []),
  );
  return el('div', { class: 'hit-body bilingual' }, source, translation);
}

/** "匹配 matched: 衛 (异体 variant) …" and "also at FILE:LINE …". */
function foot(hit) {
  const notes = [];
  const matched = hit.matched || [];
  if (matched.length) {
    notes.push(
      el(
        'span',
        { class: 'matched' },
        '匹配 matched: ',
        matched.map((m, i) => [i ? ', ' : '', bdi(m.word, 'word'), ` (${HOW[m.how] ?? m.how})`]),
      ),
    );
  }
  const dups = hit.duplicates || [];
  if (dups.length) {
    notes.push(
      el('span', { class: 'dups' }, '重复 also at: ', dups.map((d, i) => [i ? ', ' : '', place(d.path, d.line)])),
    );
  }
  return notes.length ? el('div', { class: 'hit-foot' }, notes) : null;
}

/** One hit. */
function hitItem(hit) {
  return el(
    'li',
    { class: hit.near ? 'hit near' : 'hit', tabindex: '0', 'data-passage-id': hit.passage_id },
    head(hit),
    body(hit),
    foot(hit),
  );
}

/** Show `hits` in the list `ol`; keeps the hit data for copy and open. */
export function renderHits(ol, hits) {
  clear(ol);
  const byId = new Map();
  for (const hit of hits) {
    byId.set(hit.passage_id, hit);
    ol.appendChild(hitItem(hit));
  }
  return byId;
}

/** The citation copied for a hit: `FILE:LINE  text`, FILE as the CLI prints it. */
export function citation(hit) {
  return `${hit.file ?? hit.path}:${hit.line}  ${hit.text}`;
}

/** A short line for an empty result. */
export function emptyNote(ol, text) {
  clear(ol);
  ol.appendChild(el('li', { class: 'empty' }, safeText(text)));
}
