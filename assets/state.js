// The page's state, and its one home: the URL. Reloading or sharing a link
// gives the same page; the back button walks through states (app.js pushes).
//
// URL parameters (defaults are left out):
//   q        the query
//   view     hits | kwic
//   offset   first hit (or concordance line) shown, 0-based
//   exact    true: literal match, no variant folding
//   file     facet filter: exact path
//   section  facet filter: exact section title
//   sort     hits order: relevance | path
//   ksort    concordance order: path | left | right
//   p        the passage open in context (passage_id)
//   ctx      passages of context on each side of it

export const HITS_PER_PAGE = 10;
export const KWIC_PER_PAGE = 100;
export const KWIC_WIDTH = 20;

const DEFAULTS = Object.freeze({
  q: '',
  view: 'hits',
  offset: 0,
  exact: false,
  file: '',
  section: '',
  sort: 'relevance',
  ksort: 'path',
  p: '',
  ctx: 2,
});

const CHOICES = {
  view: ['hits', 'kwic'],
  sort: ['relevance', 'path'],
  ksort: ['path', 'left', 'right'],
};

/** A fresh default state, with `changes` applied. */
export function initial(changes = {}) {
  return { ...DEFAULTS, ...changes };
}

/** A non-negative integer from a parameter, or `fallback`. */
function count(value, fallback, max = Number.MAX_SAFE_INTEGER) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : fallback;
}

/** One of the allowed values for `name`, or the default. */
function choice(name, value) {
  return CHOICES[name].includes(value) ? value : DEFAULTS[name];
}

/** The state a URL search string (`?q=…`) describes. */
export function fromSearch(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') ?? '',
    view: choice('view', p.get('view')),
    offset: count(p.get('offset'), 0),
    exact: p.get('exact') === 'true' || p.get('exact') === '1',
    file: p.get('file') ?? '',
    section: p.get('section') ?? '',
    sort: choice('sort', p.get('sort')),
    ksort: choice('ksort', p.get('ksort')),
    p: p.get('p') ?? '',
    ctx: count(p.get('ctx'), DEFAULTS.ctx, 100),
  };
}

/** The URL search string (`?q=…`, or '' for the default state). */
export function toSearch(state) {
  const p = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS)) {
    if (state[key] !== DEFAULTS[key]) p.set(key, String(state[key]));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Do two states show the same page? */
export function same(a, b) {
  return toSearch(a) === toSearch(b);
}

/** The parameters of the list request (search or concordance) for `state`. */
export function listParams(state) {
  const p = new URLSearchParams({ q: state.q });
  if (state.view === 'kwic') {
    p.set('width', String(KWIC_WIDTH));
    p.set('sort', state.ksort);
    p.set('limit', String(KWIC_PER_PAGE));
  } else {
    p.set('sort', state.sort);
    p.set('limit', String(HITS_PER_PAGE));
    p.set('forms', 'true');
  }
  p.set('offset', String(state.offset));
  p.set('exact', String(state.exact));
  if (state.file) p.set('file', state.file);
  if (state.section) p.set('section', state.section);
  return p;
}

/** Page size of the current view. */
export function pageSize(state) {
  return state.view === 'kwic' ? KWIC_PER_PAGE : HITS_PER_PAGE;
}
