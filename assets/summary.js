// The count line ("11–20 of 3,086 passages · 3,101 places") and the pager.

import { num } from './dom.js';

/** "11–20" for a page, "0" when it is empty. */
function range(offset, shown) {
  return shown ? `${num(offset + 1)}–${num(offset + shown)}` : '0';
}

/** The summary line of a search response. */
export function hitsSummary(data) {
  const s = data.summary || {};
  const offset = s.offset ?? 0;
  const shown = s.shown ?? (data.hits || []).length;
  let text = `${range(offset, shown)} of ${num(s.passages)} passages · ${num(s.places)} places`;
  text += ` — 共 ${num(s.passages)} 段 · ${num(s.places)} 处`;
  if (s.near) text += ` · 近似 near ${num(s.near)}`;
  if (typeof s.elapsed_ms === 'number') text += ` · ${s.elapsed_ms.toFixed(1)} ms`;
  return { text, offset, shown, total: s.passages ?? 0, passages: s.passages ?? 0, places: s.places ?? 0 };
}

/** The summary line of a concordance response. */
export function kwicSummary(data, offset) {
  const shown = (data.lines || []).length;
  let text = `${range(offset, shown)} of ${num(data.total)} lines · ${num(data.passages)} passages · ${num(data.places)} places`;
  text += ` — 共 ${num(data.total)} 行`;
  if (typeof data.elapsed_ms === 'number') text += ` · ${data.elapsed_ms.toFixed(1)} ms`;
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
