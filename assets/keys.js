// Keyboard: `/` focuses the search box, ArrowDown/ArrowUp move between hits
// (or concordance lines), Enter opens the focused one, Escape closes the
// passage view.

/** Is the user typing somewhere `/` and arrows belong to? */
function typing(target) {
  if (!(target instanceof Element)) return false;
  return target.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

/** The item (hit or concordance line) `target` is, or null. */
function itemOf(target) {
  return target instanceof Element ? target.closest('.hit, .kwic-line') : null;
}

/**
 * Install the keyboard handler. `page` supplies:
 *   box           the search input
 *   items()       the focusable items of the current view, in order
 *   open(item)    open an item's passage
 *   passageOpen() is the passage view showing?
 *   close()       close the passage view
 */
export function installKeys(page) {
  document.addEventListener('keydown', (event) => {
    // While an input method composes (pinyin → 汉字), its keys are its own.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const handled = onKey(page, event);
    if (handled) event.preventDefault();
  });
}

/** Handle one key; true when it was ours. */
function onKey(page, event) {
  const target = event.target;
  if (event.key === 'Escape' && page.passageOpen()) {
    page.close();
    return true;
  }
  if (page.passageOpen()) return false;
  if (event.key === '/' && !typing(target)) {
    page.box.focus();
    page.box.select();
    return true;
  }
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') return move(page, target, event.key === 'ArrowDown' ? 1 : -1);
  if (event.key === 'Enter' && itemOf(target) === target) {
    page.open(target);
    return true;
  }
  return false;
}

/** Move focus by `step` items from `target` (from the box: to the first). */
function move(page, target, step) {
  const items = page.items();
  if (target === page.box) {
    if (step < 0 || !items.length) return false;
    items[0].focus();
    return true;
  }
  const item = itemOf(target);
  if (!item) return false;
  const at = items.indexOf(item);
  const next = at + step;
  if (next < 0) page.box.focus();
  else if (next < items.length) items[next].focus();
  return true;
}
