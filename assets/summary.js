// The count line ("11–20 of 3,086 passages · 3,101 places") and the pager.

import { num } from './dom.js';

/** "11–20" for a page, "0" when it is empty. */
function range(offset, shown) {
  return shown ? `${num(offset + 1)}–${num(offset + shown)}` : '0';
}

/** " · 3.9 ms", or nothing. */
function took(ms) {
  return typeof ms === 'number' ? ` · ${ms.toFixed(1)} ms` : '';
}

/**
 * The summary line of a search response. Near matches come only when
 * nothing matched exactly, so they get a line of their own.
 */
export function hitsSummary(data) {
  const s = data.summary || {};
  const offset = s.offset ?? 0;
  const shown = s.shown ?? (data.hits || []).length;
  const passages = s.passages ?? 0;
  const places = s.places ?? 0;
  let text;
  if (!passages && s.near) {
    text = `没有完全匹配，${num(s.near)} 条近似 — no exact match; ${num(s.near)} near matches`;
  } else {
    text = `${range(offset, shown)} of ${num(passages)} passages · ${num(places)} places`;
    text += ` — 共 ${num(passages)} 段 · ${num(places)} 处`;
  }
  text += took(s.elapsed_ms);
  return { text, offset, shown, total: Math.max(passages, offset + shown), passages, places };
}

/** The summary line of a concordance response. */
export function kwicSummary(data, offset) {
  const shown = (data.lines || []).length;
  let text = `${range(offset, shown)} of ${num(data.total)} lines · ${num(data.passages)} passages · ${num(data.places)} places`;
  text += ` — 共 ${num(data.total)} 行`;
  text += took(data.elapsed_ms);
  return { text, offset, shown, total: data.total ?? 0, passages: data.passages ?? 0, places: data.places ?? 0 };
}

/** Update the pager for a page `{offset, shown, total}`. */
export function renderPager(els, page) {
  const { pager, prev, next, pageRange } = els;
  const more = page.offset + page.shown < page.total;
  pager.hidden = !(page.offset > 0 || more);
  prev.disabled = page.offset <= 0;
  next.disabled = !more;
  pageRange.textContent = page.shown ? `${range(page.offset, page.shown)} / ${num(page.total)}` : '';
}
