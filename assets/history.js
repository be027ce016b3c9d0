// Moving between states: every change goes through a Navigator, which writes
// the state into the URL (pushState, or replaceState while a query is being
// typed) and reads it back on the back and forward buttons (popstate).

import { fromSearch, toSearch, same } from './state.js';

/** Typing pauses longer than this start a new history entry. */
const BURST_MS = 2000;

export class Navigator {
  /** `onChange(state, {popped})` runs after every change of state. */
  constructor(onChange) {
    this.state = fromSearch(location.search);
    this.onChange = onChange;
    this.inBurst = false;
    this.burstTimer = 0;
    window.addEventListener('popstate', () => {
      this.inBurst = false;
      this.state = fromSearch(location.search);
      this.onChange(this.state, { popped: true });
    });
  }

  /** Move to the state + `changes`; push a history entry unless `replace`. */
  go(changes, { replace = false, mark = null } = {}) {
    const next = { ...this.state, ...changes };
    if (same(next, this.state)) return;
    this.state = next;
    const url = `${location.pathname}${toSearch(next)}`;
    if (replace) history.replaceState(mark, '', url);
    else history.pushState(mark, '', url);
    this.onChange(next, { popped: false });
  }

  /** A discrete action (click, toggle): ends a typing burst and pushes. */
  act(changes, options) {
    this.inBurst = false;
    this.go(changes, options);
  }

  /**
   * The query box settled on `q`: the first change of a typing burst pushes
   * an entry, later ones replace it, so Back skips the half-typed queries.
   */
  typed(q) {
    if (q === this.state.q) return;
    this.go({ q, offset: 0, p: '' }, { replace: this.inBurst });
    this.inBurst = true;
    clearTimeout(this.burstTimer);
    this.burstTimer = setTimeout(() => {
      this.inBurst = false;
    }, BURST_MS);
  }

  /** The next typed query starts a new entry. */
  endBurst() {
    this.inBurst = false;
  }

  /** Was the current entry pushed by opening a passage from the list? */
  openedFromList() {
    return Boolean(history.state && history.state.opened);
  }
}
