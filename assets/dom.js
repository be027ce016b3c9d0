// Building DOM from hostile data. Corpus text and file names may hold markup,
// control characters and bidi overrides, so nothing here parses HTML: every
// string becomes a text node, and characters a reader must not have obeyed
// (controls, bidi overrides) are shown escaped, as the CLI's sanitize.rs does.

/** Controls (except tab and newline) and bidi embeddings/overrides/isolates/marks. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** `\u{202e}` for U+202E: what an unsafe character is shown as. */
function escaped(ch) {
  return `\\u{${ch.codePointAt(0).toString(16)}}`;
}

/**
 * Element `tag` with attributes and children. Children are nodes or strings
 * (strings become text nodes). Attribute values are set with setAttribute, so
 * they are never parsed; event-handler attributes are refused outright.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === 'style') throw new Error(`el: refusing attribute ${name}`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) append(node, child);
  return node;
}

/** Append a node, a string (as text) or an array of either; skip null. */
export function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) child.forEach((c) => append(parent, c));
  else if (child instanceof Node) parent.appendChild(child);
  else parent.appendChild(safeText(String(child)));
}

/** Remove every child of `node`. */
export function clear(node) {
  node.replaceChildren();
}

/**
 * A fragment showing `chars` (an array of characters) with unsafe characters
 * as visible escapes in `<span class="ctl">`.
 */
function charsFragment(chars) {
  const frag = document.createDocumentFragment();
  let run = '';
  for (const ch of chars) {
    if (UNSAFE.test(ch)) {
      if (run) frag.appendChild(document.createTextNode(run));
      run = '';
      const ctl = document.createElement('span');
      ctl.className = 'ctl';
      ctl.title = `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      ctl.textContent = escaped(ch);
      frag.appendChild(ctl);
    } else {
      run += ch;
    }
  }
  if (run) frag.appendChild(document.createTextNode(run));
  return frag;
}

/** `text` as safe nodes (a fragment). */
export function safeText(text) {
  return charsFragment(Array.from(text ?? ''));
}

/** Sorted, clamped, merged [start, end) ranges; junk dropped. */
function cleanRanges(ranges, length) {
  const valid = (ranges || [])
    .filter((r) => Array.isArray(r) && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of valid) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/**
 * `text` with `<mark>` around each highlight. Ranges are offsets in Unicode
 * scalar values (what Array.from counts), end exclusive, as the API sends.
 */
export function highlighted(text, ranges) {
  const chars = Array.from(text ?? '');
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of cleanRanges(ranges, chars.length)) {
    frag.appendChild(charsFragment(chars.slice(at, start)));
    const mark = document.createElement('mark');
    mark.appendChild(charsFragment(chars.slice(start, end)));
    frag.appendChild(mark);
    at = end;
  }
  frag.appendChild(charsFragment(chars.slice(at)));
  return frag;
}

/** A file name, line or other datum isolated from the surrounding text. */
export function bdi(text, className) {
  return el('bdi', { class: className, dir: 'auto' }, safeText(text));
}

/** `FILE:LINE`, isolated, in a `<bdi class="cite">`. */
export function place(path, line) {
  return el('bdi', { class: 'cite', dir: 'auto' }, safeText(`${path}:${line}`));
}

const NUMBER = new Intl.NumberFormat('en-US');

/** 3086 → "3,086". */
export function num(n) {
  return NUMBER.format(Number(n) || 0);
}

/** Show or hide `node` (the `hidden` attribute; CSS makes it win). */
export function show(node, visible) {
  node.hidden = !visible;
}
