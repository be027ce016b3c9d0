// Showing a state: the controls set to match it, the right view visible, and
// the hit list, concordance or passage fetched when what they need changed.

import { Channel, endpoints } from './api.js';
import { listParams } from './state.js';
import { clear, show } from './dom.js';
import { renderHits, emptyNote } from './hits.js';
import { hitsSummary, kwicSummary, renderPager } from './summary.js';
import { renderFacets, renderChips, renderForms } from './facets.js';
import { renderKwic } from './kwic.js';
import { renderPassage, renderPassageError } from './passage.js';

const TITLE = document.title;
const COUNTS = ['passages', 'places', 'shown', 'offset'];

export class Views {
  /** `askKey()` asks for the API key when the server answers 401. */
  constructor(els, { askKey }) {
    this.els = els;
    this.askKey = askKey;
    this.state = null;
    this.list = new Channel();
    this.passage = new Channel();
    this.facets = new Channel();
    this.listKey = null;
    this.passageKey = null;
    this.lastPage = null;
    this.hitsById = new Map();
    this.focusAfterClose = null;
  }

  /** Show `state`; refetch what it needs, everything when `force`. */
  update(state, { force = false, editing = false } = {}) {
    this.state = state;
    this.syncControls(editing);
    this.layout();
    this.refreshList(force);
    this.refreshPassage(force);
  }

  /** The hit shown for passage `id`, if any (for copying its citation). */
  hit(id) {
    return this.hitsById.get(id);
  }

  // ---- controls and layout ----

  /** Controls as the state says; the query box not while it is being typed in. */
  syncControls(editing) {
    const { els, state } = this;
    if (!editing && els.q.value !== state.q) els.q.value = state.q;
    els.exact.checked = state.exact;
    els.sort.value = state.sort;
    els.ksort.value = state.ksort;
    els.ctx.value = String(state.ctx);
    const kwic = state.view === 'kwic';
    els.viewHits.setAttribute('aria-pressed', String(!kwic));
    els.viewKwic.setAttribute('aria-pressed', String(kwic));
    show(els.sortHits, !kwic);
    show(els.sortKwic, kwic);
    renderChips(els.chips, state);
    document.title = state.q ? `${state.q} · ${TITLE}` : TITLE;
  }

  /** Which of intro, hit list, concordance, passage view and pager show. */
  layout() {
    const { els, state } = this;
    const open = Boolean(state.p);
    const query = Boolean(state.q.trim());
    show(els.passage, open);
    show(els.intro, !open && !query);
    show(els.results, !open && query && state.view === 'hits');
    show(els.kwicBox, !open && query && state.view === 'kwic');
    if (open || !query || !this.lastPage) show(els.pager, false);
    else renderPager(els, this.lastPage);
  }

  // ---- the list: hits or concordance ----

  async refreshList(force) {
    const state = this.state;
    const key = state.q.trim() ? `${state.view}?${listParams(state)}` : '';
    if (!force && key === this.listKey) return;
    this.listKey = key;
    if (!key) {
      this.list.cancel();
      this.els.main.removeAttribute('aria-busy');
      this.showNothing();
      return;
    }
    const kwic = state.view === 'kwic';
    const url = kwic ? endpoints.kwic(listParams(state)) : endpoints.search(listParams(state));
    this.els.main.setAttribute('aria-busy', 'true');
    if (kwic) this.refreshKwicFacets(state);
    else this.facets.cancel();
    const result = await this.list.get(url);
    if (!result) return;
    this.els.main.removeAttribute('aria-busy');
    if (!result.ok) {
      this.listKey = null;
      this.showListError(result.error);
      return;
    }
    this.hideAlert();
    const focused = this.focusedId();
    if (kwic) this.showKwic(result.data, state.offset);
    else this.showHits(result.data);
    this.refocus(focused);
  }

  showHits(data) {
    const hits = data.hits || [];
    this.hitsById = renderHits(this.els.results, hits);
    if (!hits.length) emptyNote(this.els.results, '没有结果 No matches');
    this.showPage(hitsSummary(data));
    this.showFacets(data);
    this.showForms(data.forms);
  }

  showKwic(data, offset) {
    renderKwic(this.els.kwicLines, data.lines || []);
    this.showPage(kwicSummary(data, offset));
    this.showForms(data.forms);
  }

  /** The concordance answer has no facets: ask the search for them (one hit). */
  async refreshKwicFacets(state) {
    const params = listParams({ ...state, view: 'hits', offset: 0 });
    params.set('limit', '1');
    params.delete('forms');
    const result = await this.facets.get(endpoints.search(params));
    if (result) this.showFacets(result.ok ? result.data : null);
  }

  /** The summary line, its counts as data attributes, and the pager. */
  showPage(page) {
    this.lastPage = page;
    const summary = this.els.summary;
    summary.textContent = page.text;
    for (const key of COUNTS) summary.dataset[key] = String(page[key]);
    this.layout();
  }

  showFacets(data) {
    const { els } = this;
    renderFacets({ files: els.facetFiles, sections: els.facetSections }, data ? data.facets : null, this.state);
  }

  showForms(forms) {
    renderForms({ forms: this.els.forms, box: this.els.formsBox }, forms);
  }

  showNothing() {
    const { els } = this;
    clear(els.results);
    clear(els.kwicLines);
    els.summary.textContent = '';
    for (const key of COUNTS) delete els.summary.dataset[key];
    this.hitsById = new Map();
    this.lastPage = null;
    show(els.pager, false);
    this.facets.cancel();
    this.showFacets(null);
    this.showForms([]);
    this.hideAlert();
  }

  showListError(error) {
    this.showNothing();
    this.els.alert.textContent = `错误 Error: ${error.message}`;
    show(this.els.alert, true);
    if (error.status === 401) this.askKey();
  }

  hideAlert() {
    this.els.alert.textContent = '';
    show(this.els.alert, false);
  }

  // ---- the passage view ----

  async refreshPassage(force) {
    const state = this.state;
    const key = state.p ? `${state.p}/${state.ctx}` : '';
    if (!force && key === this.passageKey) return;
    const opening = key !== this.passageKey;
    this.passageKey = key;
    const els = { docs: this.els.passageDocs, place: this.els.passagePlace };
    if (!key) {
      this.passage.cancel();
      clear(els.docs);
      this.returnFocus();
      return;
    }
    const result = await this.passage.get(endpoints.passage(state.p, state.ctx));
    if (!result) return;
    if (!result.ok) {
      this.passageKey = null;
      renderPassageError(els, `错误 Error: ${result.error.message}`);
      if (result.error.status === 401) this.askKey();
      return;
    }
    const current = renderPassage(els, result.data);
    if (opening) this.land(current);
  }

  /** Focus the hit passage and scroll to it (a tall one from its start). */
  land(current) {
    current.setAttribute('tabindex', '-1');
    current.focus({ preventScroll: true });
    const tall = current.getBoundingClientRect().height > window.innerHeight * 0.8;
    current.scrollIntoView({ block: tall ? 'start' : 'center' });
  }

  // ---- focus ----

  /** The focusable items of the visible list, in order. */
  items() {
    const { els } = this;
    const list = this.state.view === 'kwic' ? els.kwicLines.querySelectorAll('.kwic-line') : els.results.querySelectorAll('.hit');
    return Array.from(list);
  }

  /** The passage id of the focused hit or line, if any. */
  focusedId() {
    const active = document.activeElement;
    const item = active && active.closest ? active.closest('.hit, .kwic-line') : null;
    return item ? item.dataset.passageId : null;
  }

  /** Focus the item showing passage `id` (after a re-render), if it is there. */
  refocus(id) {
    if (!id) return;
    const item = this.items().find((i) => i.dataset.passageId === id);
    if (item) item.focus({ preventScroll: true });
  }

  /** After the passage view closes: focus the item it was opened from. */
  returnFocus() {
    const id = this.focusAfterClose;
    this.focusAfterClose = null;
    this.refocus(id);
  }
}
