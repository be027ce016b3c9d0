// Facets (places per file and per section), the chips of the active
// filters, and the written forms ("variants found") of a variant-aware search.
// Buttons carry their filter in data-file / data-section; app.js listens.

import { el, clear, bdi, num, show } from './dom.js';

/** A facet button in a list item. */
function facetItem(label, places, data, active) {
  return el(
    'li',
    {},
    el(
      'button',
      { type: 'button', class: 'facet', 'aria-pressed': active ? 'true' : 'false', ...data },
      label,
      el('span', { class: 'count' }, num(places)),
      el('span', { class: 'visually-hidden' }, ' 处 places'),
    ),
  );
}

/** The file facets. */
function fileFacets(ul, files, state) {
  clear(ul);
  for (const f of files) {
    ul.appendChild(facetItem(bdi(f.path, 'name'), f.places, { 'data-file': f.path }, state.file === f.path));
  }
  if (!files.length) ul.appendChild(el('li', { class: 'none' }, '—'));
}

/** The section facets: "section (file)". */
function sectionFacets(ul, sections, state) {
  clear(ul);
  for (const s of sections) {
    const label = el('span', { class: 'name' }, bdi(s.section, 'section'), ' ', bdi(s.path, 'in-file'));
    const active = state.section === s.section && state.file === s.path;
    ul.appendChild(facetItem(label, s.places, { 'data-file': s.path, 'data-section': s.section }, active));
  }
  if (!sections.length) ul.appendChild(el('li', { class: 'none' }, '—'));
}

/** Show the facets of a search response (empty lists for none). */
export function renderFacets(els, facets, state) {
  fileFacets(els.files, (facets && facets.files) || [], state);
  sectionFacets(els.sections, (facets && facets.sections) || [], state);
}

/** A chip for one active filter; its button removes it. */
function chip(kind, label, value) {
  return el(
    'button',
    { type: 'button', class: 'chip', 'data-remove': kind, 'aria-label': `移除筛选 Remove filter: ${label} ${value}` },
    `${label}: `,
    bdi(value, 'name'),
    el('span', { class: 'x', 'aria-hidden': 'true' }, ' ×'),
  );
}

/** The chips for the active file and section filters. */
export function renderChips(div, state) {
  clear(div);
  if (state.file) div.appendChild(chip('file', '文件 File', state.file));
  if (state.section) div.appendChild(chip('section', '章节 Section', state.section));
}

/** The written forms found ("衛 2,735 · 衞 3"); hidden when there are none. */
export function renderForms(els, forms) {
  const list = forms || [];
  clear(els.forms);
  for (const f of list) {
    const canonical = f.canonical && f.canonical !== f.written ? el('span', { class: 'canonical' }, ' → ', bdi(f.canonical, 'form')) : null;
    els.forms.appendChild(el('li', {}, bdi(f.written, 'form'), canonical, el('span', { class: 'count' }, num(f.count))));
  }
  show(els.box, list.length > 0);
}
