// yuanwen web page: the entry point. It finds the page's elements, wires the
// controls to the Navigator (history.js: the state lives in the URL) and
// lets Views (views.js) show each state.
//
// Modules, all served from /assets/ (JavaScript as text/javascript):
//   app.js history.js views.js state.js api.js auth.js dom.js hits.js
//   summary.js facets.js kwic.js passage.js keys.js copy.js live.js, style.css
//
// Stable hooks for tests (tests/browser/e2e.mjs) — keep these:
//   #q              search input             #exact        exact checkbox
//   #sort, #ksort   hits / concordance order #view-hits, #view-kwic  view buttons
//   #main           aria-busy while a list request runs
//   #summary        count line (aria-live; data-passages, data-places,
//                   data-shown, data-offset)
//   #alert          API errors (role=alert)  #status       "copied" (aria-live)
//   #results        the hit list (ol)        .hit          one hit (li, focusable,
//                                                          data-passage-id)
//   .hit-head       its head line            .cite         FILE:LINE
//   .source, .translation  the two columns   mark          a highlight
//   .ctl            an escaped control or bidi character, shown as \u{…}
//   .copy           copy-citation button
//   #facets         the facet sidebar        .facet        a facet button
//                   (data-file, data-section; aria-pressed)   .chip  an active filter
//   #forms          variants found           #kwic         concordance table
//   .kwic-line      one row (data-passage-id) .keyword, .left, .right, .place  its cells
//   #passage        passage view             .passage-doc  a passage in it,
//   .before, .after, .current  (the hit passage, aria-current=true)
//   #passage-back   back button              #ctx          context size
//   #prev, #next, #page-range  pager         #stats        footer statistics
//   #key-form, #api-key  asks for the API key after a 401

import { Navigator } from './history.js';
import { Views } from './views.js';
import { keyForm } from './auth.js';
import { pageSize } from './state.js';
import { citation } from './hits.js';
import { installKeys } from './keys.js';
import { copyText, announce } from './copy.js';
import { watchStats } from './live.js';

const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);
const els = {
  form: $('search-form'), q: $('q'), exact: $('exact'), sort: $('sort'), ksort: $('ksort'),
  sortHits: $('sort-hits-box'), sortKwic: $('sort-kwic-box'),
  viewHits: $('view-hits'), viewKwic: $('view-kwic'),
  main: $('main'), alert: $('alert'), summary: $('summary'), intro: $('intro'),
  results: $('results'), kwicBox: $('kwic-box'), kwicLines: $('kwic-lines'),
  passage: $('passage'), passageDocs: $('passage-docs'), passagePlace: $('passage-place'),
  passageBack: $('passage-back'), ctx: $('ctx'),
  pager: $('pager'), prev: $('prev'), next: $('next'), pageRange: $('page-range'),
  facets: $('facets'), chips: $('chips'), facetFiles: $('facet-files'), facetSections: $('facet-sections'),
  forms: $('forms'), formsBox: $('forms-box'), stats: $('stats'), status: $('status'),
  keyForm: $('key-form'), apiKey: $('api-key'),
};

const keys = keyForm(els.keyForm, els.apiKey, () => views.update(nav.state, { force: true }));
const views = new Views(els, { askKey: () => keys.ask() });
let debounceTimer = 0;

const nav = new Navigator((state, { popped }) => {
  if (popped) cancelTyping();
  views.update(state, { editing: Boolean(debounceTimer) });
});

// ---- the query box: search as you type ----

function cancelTyping() {
  clearTimeout(debounceTimer);
  debounceTimer = 0;
}

/** Typed text changed; not while an input method is still composing it. */
function onInput(event) {
  if (event.isComposing) return;
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(commitQuery, DEBOUNCE_MS);
}

let composing = false;

function commitQuery() {
  cancelTyping();
  // compositionend schedules the search of what the input method commits.
  if (!composing) nav.typed(els.q.value);
}

// ---- actions ----

/** Every change of list (query, filter, view, order) starts at its first page. */
function narrow(changes) {
  nav.act({ ...changes, offset: 0, p: '' });
}

function openPassage(item) {
  const id = item.dataset.passageId;
  if (!id) return;
  views.focusAfterClose = id;
  nav.act({ p: id }, { mark: { opened: true } });
}

/** Close the passage view: back to the list entry it was opened from. */
function closePassage() {
  const state = nav.state;
  if (!state.p) return;
  views.focusAfterClose = views.focusAfterClose || state.p;
  if (nav.openedFromList()) history.back();
  else nav.act({ p: '' });
}

async function copyHit(button) {
  const item = button.closest('.hit');
  const hit = item && views.hit(item.dataset.passageId);
  if (!hit) return;
  const ok = await copyText(citation(hit));
  announce(els.status, ok ? `已复制 Copied: ${hit.file ?? hit.path}:${hit.line}` : '复制失败 Copy failed');
}

/** A click in a list: copy, or open the item (unless text was being selected). */
function onListClick(event) {
  const copy = event.target.closest('[data-action="copy"]');
  if (copy) {
    copyHit(copy);
    return;
  }
  if (event.target.closest('button, a') || String(window.getSelection())) return;
  const item = event.target.closest('.hit, .kwic-line');
  if (item) openPassage(item);
}

/** A chip removes its filter; a facet sets its filter, or clears it when on. */
function onFacetClick(event) {
  const chip = event.target.closest('.chip');
  if (chip) {
    narrow({ [chip.dataset.remove]: '' });
    return;
  }
  const facet = event.target.closest('.facet');
  if (!facet) return;
  const { file = '', section } = facet.dataset;
  const on = facet.getAttribute('aria-pressed') === 'true';
  if (section === undefined) narrow({ file: on ? '' : file });
  else narrow(on ? { section: '' } : { file, section });
}

function turnPage(step) {
  const state = nav.state;
  nav.act({ offset: Math.max(0, state.offset + step * pageSize(state)), p: '' });
  els.main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function wire() {
  els.q.addEventListener('input', onInput);
  els.q.addEventListener('compositionstart', () => {
    composing = true;
  });
  els.q.addEventListener('compositionend', (event) => {
    composing = false;
    onInput(event);
  });
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    commitQuery();
    nav.endBurst();
  });
  els.exact.addEventListener('change', () => narrow({ exact: els.exact.checked }));
  els.sort.addEventListener('change', () => narrow({ sort: els.sort.value }));
  els.ksort.addEventListener('change', () => narrow({ ksort: els.ksort.value }));
  els.ctx.addEventListener('change', () => nav.go({ ctx: Number(els.ctx.value) }, { replace: true, mark: history.state }));
  els.viewHits.addEventListener('click', () => narrow({ view: 'hits' }));
  els.viewKwic.addEventListener('click', () => narrow({ view: 'kwic' }));
  els.results.addEventListener('click', onListClick);
  els.kwicLines.addEventListener('click', onListClick);
  els.facets.addEventListener('click', onFacetClick);
  els.prev.addEventListener('click', () => turnPage(-1));
  els.next.addEventListener('click', () => turnPage(1));
  els.passageBack.addEventListener('click', closePassage);
  installKeys({
    box: els.q,
    items: () => views.items(),
    open: openPassage,
    passageOpen: () => Boolean(nav.state.p),
    close: closePassage,
  });
  watchStats(els.stats, () => views.update(nav.state, { force: true, editing: Boolean(debounceTimer) }));
}

wire();
views.update(nav.state);
