// End-to-end test of the page `yuanwen serve` serves, in headless Chromium.
//
//   cd tests/browser && npm ci
//   node e2e.mjs http://127.0.0.1:PORT/ /tmp/yuanwen-page.png
//
// Environment: CHROMIUM (default /usr/bin/chromium); YUANWEN_E2E_EDIT, a
// corpus file the test may append to (the server must run with --watch), for
// the live-update check, which is skipped without it.
//
// The server's corpus must hold the shipped corpus (国际劳工局 and ICFTU
// both hit, the English translation beside the Chinese) and a hostile file
// named `<img src=x onerror=alert(1)>.txt` whose passages contain
// `<script>alert(1)</script>`, `<img src=x onerror=alert(1)>` and U+202E.
//
// Prints one `ok` line per passed check; on the first failure prints `FAIL`
// with the reason, saves SCREENSHOT_PATH with `.failure.png` appended, and
// exits 1 (2 for bad usage).

import { readFile, writeFile, appendFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [BASE, SHOT] = process.argv.slice(2);
if (!BASE || !SHOT) {
  console.error('usage: node e2e.mjs BASE_URL SCREENSHOT_PATH');
  process.exit(2);
}
const HOSTILE_FILE = '<img src=x onerror=alert(1)>.txt';
const TIMEOUT = 10_000;
/** Longer than the page's 150 ms search-as-you-type debounce. */
const DEBOUNCE_WAIT = 400;

class CheckFailed extends Error {}

/** Fail the current check with `message` unless `condition`. */
function expect(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

// ---- problems the page reports on its own: console errors, page errors, dialogs ----

const problems = [];
/** Console errors that one step expects (a 400 the page asked for), by pattern. */
let expectedConsole = [];

function watchProblems(page) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (expectedConsole.some((re) => re.test(text))) return;
    problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog fired (${dialog.type()}): ${dialog.message()}`);
    await dialog.dismiss();
  });
}

function noProblems(where) {
  expect(problems.length === 0, `${where}: ${problems.join('; ')}`);
}

// ---- waiting for the page ----

/** Wait until the page shows the answer for URL parameter `q` (not busy). */
async function settled(page, q) {
  await page.waitForFunction(
    (want) =>
      new URLSearchParams(location.search).get('q') === want &&
      !document.getElementById('main').hasAttribute('aria-busy'),
    q,
    { timeout: TIMEOUT },
  );
}

/** Replace the query with `q` in one input event, and wait for the answer. */
async function search(page, q) {
  await page.fill('#q', q);
  await settled(page, q);
}

/** Parameter `name` of the page's URL. */
async function param(page, name) {
  return new URL(page.url()).searchParams.get(name);
}

/** The summary's counts (data attributes set by the page). */
async function counts(page) {
  return page.$eval('#summary', (s) => ({
    passages: Number(s.dataset.passages),
    places: Number(s.dataset.places),
    shown: Number(s.dataset.shown),
    text: s.textContent,
  }));
}

async function visible(page, selector) {
  return page.locator(selector).first().isVisible();
}

/** Is the focused element `selector`? Returns its data-passage-id or id. */
async function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return { id: a && a.id, cls: a ? String(a.className) : '', pid: a && a.dataset ? a.dataset.passageId : undefined };
  });
}

// ---- accessibility: axe-core ----

/**
 * axe-core's source, evaluated in the page. The page's CSP (script-src
 * 'self') blocks page.addScriptTag: Playwright inserts an inline <script> (or
 * one from a file:// URL, for {path}), which the browser refuses and reports
 * as a console error. page.evaluate runs through the DevTools protocol, which
 * CSP does not govern, so the page keeps its real policy for the whole run
 * (bypassCSP would hide CSP violations of the page itself).
 */
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axeCheck(page, where) {
  const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.length === 0,
    `axe (${where}): ${bad.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`).join('; ')}`,
  );
  return result.length;
}

// ---- the checks ----

async function checkHighlights(page) {
  await page.click('#q');
  await page.keyboard.type('国际劳工局', { delay: 40 });
  await settled(page, '国际劳工局');
  const hits = await page.$$eval('#results .hit', (hs) =>
    hs.map((h) => ({
      cite: h.querySelector('.hit-head .cite')?.textContent ?? '',
      marks: Array.from(h.querySelectorAll('.source mark'), (m) => m.textContent),
    })),
  );
  expect(hits.length > 0, 'no hits for 国际劳工局');
  for (const h of hits) expect(/:\d+$/.test(h.cite), `hit head without FILE:LINE: "${h.cite}"`);
  const marks = hits.flatMap((h) => h.marks);
  expect(marks.length > 0, 'no <mark> in the source column');
  const query = new Set('国际劳工局');
  const stray = marks.filter((m) => !Array.from(m).every((c) => query.has(c)));
  expect(stray.length === 0, `marks not part of 国际劳工局: ${stray.join(', ')}`);
  return `${hits.length} hits, ${marks.length} marks, first at ${hits[0].cite}`;
}

async function checkTranslation(page) {
  await search(page, 'ICFTU');
  const pair = await page.$$eval('#results .hit', (hs) => {
    for (const h of hs) {
      const src = h.querySelector('.source');
      const tr = h.querySelector('.translation');
      const mark = tr && Array.from(tr.querySelectorAll('mark')).find((m) => /icftu/i.test(m.textContent));
      if (!src || !mark) continue;
      const a = src.getBoundingClientRect();
      const b = tr.getBoundingClientRect();
      return { zh: /[\u4e00-\u9fff]/.test(src.textContent), side: b.left >= a.right - 1 && Math.abs(a.top - b.top) < 40 };
    }
    return null;
  });
  expect(pair, 'no hit with ICFTU highlighted in a .translation column');
  expect(pair.zh, 'the source beside the translation is not Chinese');
  expect(pair.side, 'source and translation are not side by side at 1280 px');
  return 'Chinese source beside English translation, ICFTU marked';
}

async function checkStale(page) {
  // Hold back the answer for "ICFTU", then type another query: the slow
  // answer must be cancelled or dropped, never shown over the newer one.
  const slow = (url) => url.pathname === '/api/search' && url.searchParams.get('q') === 'ICFTU';
  let held = 0;
  await page.route(slow, async (route) => {
    held++;
    await new Promise((r) => setTimeout(r, 800));
    await route.continue().catch(() => {});
  });
  try {
    await page.fill('#q', 'ICFTU');
    await page.waitForTimeout(DEBOUNCE_WAIT);
    await search(page, '国际劳工局');
    const fresh = await page.textContent('#summary');
    await page.waitForTimeout(1200);
    const later = await page.textContent('#summary');
    const marks = await page.$$eval('#results .source mark', (ms) => ms.map((m) => m.textContent));
    expect(held > 0, 'the page never asked for ICFTU (debounce longer than expected?)');
    expect(later === fresh, `the late ICFTU answer replaced the newer one: "${fresh}" → "${later}"`);
    expect(marks.length > 0 && marks.every((m) => m !== '国际自由工联'), 'ICFTU hits shown for 国际劳工局');
  } finally {
    await page.unroute(slow);
  }
  return 'a slow earlier answer is not shown over a newer one';
}

async function checkScreenshot(page) {
  await page.screenshot({ path: SHOT, fullPage: true });
  return SHOT;
}

async function checkCopy(page) {
  const cite = await page.$eval('#results .hit .cite', (c) => c.textContent);
  await page.click('#results .hit .copy');
  await page.waitForFunction(() => /已复制|Copied/.test(document.getElementById('status').textContent), null, { timeout: TIMEOUT });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(`${cite}  `), `clipboard holds "${copied.slice(0, 60)}", not "${cite}  …"`);
  return `"${copied.slice(0, 40)}…", status announced`;
}

async function checkPassage(page) {
  const first = page.locator('#results .hit').first();
  const id = await first.getAttribute('data-passage-id');
  await first.locator('.source').click();
  await page.waitForSelector('#passage .passage-doc.current', { state: 'visible', timeout: TIMEOUT });
  const view = await page.$eval('#passage', (p) => ({
    current: p.querySelector('.passage-doc.current')?.dataset.passageId,
    marked: p.querySelector('.passage-doc.current')?.getAttribute('aria-current'),
    neighbours: p.querySelectorAll('.passage-doc.before, .passage-doc.after').length,
  }));
  expect(view.current === id, `passage view shows ${view.current}, the hit was ${id}`);
  expect(view.marked === 'true', 'the hit passage is not marked (aria-current)');
  expect(view.neighbours > 0, 'no neighbouring passages (.before/.after)');
  expect((await param(page, 'p')) === id, 'the open passage is not in the URL (p=)');
  expect(!(await visible(page, '#results')), 'the hit list is still showing under the passage view');

  await page.keyboard.press('Escape');
  await page.waitForSelector('#passage', { state: 'hidden', timeout: TIMEOUT });
  expect(await visible(page, '#results .hit'), 'Escape did not bring the hit list back');
  expect((await param(page, 'p')) === null, 'p= still in the URL after Escape');
  expect((await focused(page)).pid === id, 'focus did not return to the hit after Escape');

  await first.locator('.source').click();
  await page.waitForSelector('#passage .passage-doc.current', { state: 'visible', timeout: TIMEOUT });
  await page.goBack();
  await page.waitForSelector('#passage', { state: 'hidden', timeout: TIMEOUT });
  expect(await visible(page, '#results .hit'), 'the back button did not close the passage view');
  return `${id} with ${view.neighbours} neighbours; Escape and Back return`;
}

async function checkPassageAxe(page) {
  await page.locator('#results .hit .source').first().click();
  await page.waitForSelector('#passage .passage-doc.current', { state: 'visible', timeout: TIMEOUT });
  const minor = await axeCheck(page, 'passage view');
  await page.click('#passage-back');
  await page.waitForSelector('#passage', { state: 'hidden', timeout: TIMEOUT });
  return `no serious/critical violations (${minor} minor/moderate)`;
}

async function checkKwic(page) {
  await page.click('#view-kwic');
  await page.waitForSelector('#kwic .kwic-line', { state: 'visible', timeout: TIMEOUT });
  await settled(page, await param(page, 'q'));
  expect((await param(page, 'view')) === 'kwic', 'view=kwic not in the URL');
  const rows = await page.$$eval('#kwic .kwic-line', (rs) =>
    rs.map((r) => ({
      keyword: r.querySelector('.keyword')?.textContent.trim(),
      place: r.querySelector('.place .cite')?.textContent ?? '',
      leftAlign: getComputedStyle(r.querySelector('.left .clip')).justifyContent,
    })),
  );
  expect(rows.length > 0, 'no concordance lines');
  expect(rows.every((r) => r.keyword), 'a concordance line without a keyword');
  expect(rows.every((r) => /:\d+$/.test(r.place)), 'a concordance line without FILE:LINE');
  expect(rows[0].leftAlign === 'flex-end', `left context not right-aligned (${rows[0].leftAlign})`);
  await page.selectOption('#ksort', 'right');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('ksort') === 'right', null, { timeout: TIMEOUT });
  await settled(page, await param(page, 'q'));
  const minor = await axeCheck(page, 'concordance');
  await page.click('#view-hits');
  await page.waitForSelector('#results .hit', { state: 'visible', timeout: TIMEOUT });
  return `${rows.length} lines, first keyword "${rows[0].keyword}"; sort select works; axe clean (${minor} minor)`;
}

async function checkFacet(page) {
  await search(page, '工会');
  const before = await counts(page);
  const facet = page.locator('#facets .facet[data-section]').first();
  const want = Number(await facet.locator('.count').textContent().then((t) => t.replace(/,/g, '')));
  const section = await facet.getAttribute('data-section');
  await facet.click();
  await page.waitForFunction((s) => new URLSearchParams(location.search).get('section') === s, section, { timeout: TIMEOUT });
  await settled(page, '工会');
  const after = await counts(page);
  expect(await visible(page, '#chips .chip'), 'no chip for the active filter');
  expect(after.places <= before.places, `places grew from ${before.places} to ${after.places}`);
  expect(
    after.places === want || after.passages < before.passages,
    `the section facet said ${want} places; the list now has ${after.places} (was ${before.places})`,
  );
  const sections = await page.$$eval('#results .hit .hit-head .section', (s) => s.map((e) => e.textContent));
  expect(sections.every((s) => s === section), `a hit outside section "${section}"`);
  return `section "${section}": ${before.places} → ${after.places} places (facet said ${want})`;
}

async function checkExact(page) {
  await page.check('#exact');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('exact') === 'true', null, { timeout: TIMEOUT });
  await settled(page, '工会');
  expect(await visible(page, '#results .hit'), 'no hits with 字形精确 exact on');
  return 'exact=true in the URL, list re-run';
}

async function checkReload(page) {
  const url = page.url();
  const before = await counts(page);
  await page.reload();
  await settled(page, '工会');
  const after = await counts(page);
  expect(page.url() === url, `URL changed on reload: ${url} → ${page.url()}`);
  expect((await page.inputValue('#q')) === '工会', 'query box not restored');
  expect(await page.isChecked('#exact'), 'exact checkbox not restored');
  expect(await visible(page, '#chips .chip'), 'filter chip not restored');
  expect(after.places === before.places && after.shown === before.shown, `counts differ after reload: ${before.text} / ${after.text}`);
  return decodeURIComponent(new URL(url).search);
}

async function checkBack(page) {
  await page.goBack(); // undo exact
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('exact'), null, { timeout: TIMEOUT });
  expect(!(await page.isChecked('#exact')), 'exact checkbox still on after Back');
  await page.goBack(); // undo the section filter
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('section'), null, { timeout: TIMEOUT });
  await settled(page, '工会');
  expect(!(await visible(page, '#chips .chip')), 'filter chip still shown after Back');
  await page.goBack(); // the query before 工会
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') !== '工会', null, { timeout: TIMEOUT });
  const q = await param(page, 'q');
  await settled(page, q);
  expect((await page.inputValue('#q')) === q, `query box shows "${await page.inputValue('#q')}", URL has "${q}"`);
  await page.goForward();
  await settled(page, '工会');
  return `exact, then the filter, then the query (back to "${q}") undone`;
}

/**
 * Queries likely to fill more than one page: of hits (10 a page) in a large
 * corpus, else of concordance lines (100 a page) in the small shipped one.
 */
const PAGING = [
  ['hits', '工会', 10],
  ['hits', 'trade', 10],
  ['kwic', '工会 OR 国际', 100],
  ['kwic', '工会', 100],
];

/** Show `view` (hits or kwic) for query `q`. */
async function showView(page, view, q) {
  if ((await param(page, 'view')) !== (view === 'kwic' ? 'kwic' : null)) await page.click(`#view-${view}`);
  await search(page, q);
}

async function checkPaging(page) {
  let found = null;
  for (const [view, q, size] of PAGING) {
    await showView(page, view, q);
    if ((await visible(page, '#pager')) && !(await page.isDisabled('#next'))) {
      found = { view, q, size };
      break;
    }
  }
  if (!found) return `skipped: none of ${PAGING.map((p) => p[1]).join(', ')} fills two pages`;
  const { view, q, size } = found;
  expect(await page.isDisabled('#prev'), 'Previous enabled on the first page');
  await page.click('#next');
  await page.waitForFunction((n) => new URLSearchParams(location.search).get('offset') === String(n), size, { timeout: TIMEOUT });
  await settled(page, q);
  const range = await page.textContent('#summary');
  expect(range.startsWith(`${size + 1}–`), `summary after Next: "${range}"`);
  expect(!(await page.isDisabled('#prev')), 'Previous disabled on page 2');
  await page.click('#prev');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('offset'), null, { timeout: TIMEOUT });
  await settled(page, q);
  expect((await page.textContent('#summary')).startsWith('1–'), 'Previous did not return to the first page');
  if (view !== 'hits') await showView(page, 'hits', q);
  return `${view} "${q}": "${range.split(' — ')[0]}"`;
}

async function checkKeyboard(page) {
  await search(page, '国际劳工局');
  await page.click('h1');
  await page.keyboard.press('/');
  expect((await focused(page)).id === 'q', '/ did not focus the search box');
  expect((await page.inputValue('#q')) === '国际劳工局', '/ was typed into the box');
  await page.keyboard.press('ArrowDown');
  const one = await focused(page);
  const ids = await page.$$eval('#results .hit', (hs) => hs.map((h) => h.dataset.passageId));
  expect(one.cls.includes('hit') && one.pid === ids[0], 'ArrowDown did not focus the first hit');
  if (ids.length > 1) {
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).pid === ids[1], 'ArrowDown did not move to the second hit');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).pid === ids[0], 'ArrowUp did not move back to the first hit');
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('#passage .passage-doc.current', { state: 'visible', timeout: TIMEOUT });
  expect((await param(page, 'p')) === ids[0], 'Enter opened a different passage');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#passage', { state: 'hidden', timeout: TIMEOUT });
  return '/ focuses, ↓/↑ move, Enter opens, Escape closes';
}

async function checkIme(page) {
  // An input method composing pinyin (gong → 工会) must not search for the
  // half-typed letters; the committed characters are searched.
  await search(page, 'ICFTU');
  await page.fill('#q', '');
  const asked = [];
  const onRequest = (r) => {
    if (r.url().includes('/api/search')) asked.push(new URL(r.url()).searchParams.get('q'));
  };
  page.on('request', onRequest);
  try {
    const cdp = await page.context().newCDPSession(page);
    await page.focus('#q');
    await cdp.send('Input.imeSetComposition', { selectionStart: 4, selectionEnd: 4, text: 'gong' });
    await page.waitForTimeout(DEBOUNCE_WAIT);
    expect(asked.length === 0, `searched while composing: ${asked.join(', ')}`);
    await cdp.send('Input.insertText', { text: '工会' });
    await settled(page, '工会');
    await cdp.detach();
  } finally {
    page.off('request', onRequest);
  }
  expect(asked.length > 0 && asked.every((q) => q === '工会'), `searched for ${asked.join(', ')}, not only 工会`);
  return 'nothing asked while composing "gong"; 工会 searched once committed';
}

async function checkNear(page) {
  // 国际老工局 is a typo for 国际劳工局: nothing matches exactly, near matches do.
  await search(page, '国际老工局');
  const near = await page.$$eval('#results .hit', (hs) =>
    hs.map((h) => ({ near: h.classList.contains('near'), note: h.querySelector('.tag.near')?.textContent ?? '' })),
  );
  expect(near.length > 0, 'no near matches for 国际老工局');
  expect(near.every((h) => h.near && h.note.includes('近似 near match')), 'a near match without the note 近似 near match');
  const summary = await page.textContent('#summary');
  expect(/near/.test(summary), `summary does not say the hits are near matches: "${summary}"`);
  return `${near.length} near matches noted; "${summary.split(' · ')[0]}"`;
}

async function checkError(page) {
  const q = '"unbalanced';
  const message = await page.evaluate(async (query) => {
    const r = await fetch(`/api/search?q=${encodeURIComponent(query)}`);
    return r.ok ? null : (await r.json()).error.message;
  }, q);
  expect(message, 'the server accepted an unbalanced quote');
  await search(page, q);
  await page.waitForSelector('#alert', { state: 'visible', timeout: TIMEOUT });
  const shown = await page.textContent('#alert');
  expect(shown.includes(message), `alert says "${shown}", the server said "${message}"`);
  return `"${message}"`;
}

async function checkHostile(page) {
  await search(page, 'alert');
  await page.waitForSelector('#results .hit', { timeout: TIMEOUT });
  const seen = await page.evaluate((file) => {
    const results = document.getElementById('results');
    const text = results.textContent;
    const names = Array.from(document.querySelectorAll('#facets .facet .name, #results .hit-head .cite'), (e) => e.textContent);
    return {
      script: text.includes('<script>alert(1)</script>'),
      img: text.includes('<img src=x onerror=alert(1)>'),
      injected: document.querySelectorAll('#results img, #results script, #facets img, #facets script, #summary *').length,
      rlo: text.includes('\u202e'),
      escapedRlo: Array.from(results.querySelectorAll('.ctl'), (e) => e.textContent).includes('\\u{202e}'),
      file: names.some((n) => n.includes(file)),
    };
  }, HOSTILE_FILE);
  await page.waitForTimeout(300); // give any injected handler time to fire a dialog
  expect(seen.script, 'the literal text <script>alert(1)</script> is not visible in the results');
  expect(seen.img, 'the literal text <img src=x onerror=alert(1)> is not visible in the results');
  expect(seen.injected === 0, `${seen.injected} element(s) injected into the results/facets`);
  expect(!seen.rlo && seen.escapedRlo, 'U+202E is not shown escaped as \\u{202e}');
  expect(seen.file, `the file name ${HOSTILE_FILE} is not shown as text`);
  noProblems('hostile text');
  return 'markup shown as text, nothing injected, no dialog, U+202E escaped, file name as text';
}

async function checkLive(page) {
  const file = process.env.YUANWEN_E2E_EDIT;
  if (!file) return 'skipped: YUANWEN_E2E_EDIT not set';
  const word = `yw${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
  const original = await readFile(file, 'utf8');
  try {
    await search(page, word);
    expect((await page.$$('#results .hit')).length === 0, `"${word}" already hits`);
    const start = Date.now();
    await appendFile(file, `\n\n实时更新测试词 ${word}\n`);
    await page
      .waitForFunction((w) => Array.from(document.querySelectorAll('#results .hit .source')).some((s) => s.textContent.includes(w)), word, {
        timeout: 5000,
      })
      .catch(() => {
        throw new CheckFailed(`no hit for "${word}" within 5 s of appending it to ${file}`);
      });
    return `"${word}" appeared ${Date.now() - start} ms after the edit, without retyping`;
  } finally {
    await writeFile(file, original);
  }
}

// ---- running them ----

const CHECKS = [
  ['1 highlighted hits with FILE:LINE (国际劳工局)', checkHighlights],
  ['stale responses dropped', checkStale],
  ['2 source beside translation (ICFTU)', checkTranslation],
  ['13 screenshot', checkScreenshot],
  ['9a axe: hit list', async (p) => `no serious/critical violations (${await axeCheck(p, 'hit list')} minor/moderate)`],
  ['copy citation', checkCopy],
  ['3 passage in context, Escape and Back return', checkPassage],
  ['9b axe: passage view', checkPassageAxe],
  ['4 concordance (KWIC)', checkKwic],
  ['5 facet narrows the list', checkFacet],
  ['exact toggle', checkExact],
  ['6 reload restores the state', checkReload],
  ['7 back button walks the history', checkBack],
  ['paging', checkPaging],
  ['12 keyboard', checkKeyboard],
  ['input method composition', checkIme],
  ['near matches noted', checkNear],
  ['API error shown in the alert', checkError],
  ['10 hostile corpus text and file names', checkHostile],
  ['11 live update from the corpus', checkLive],
  ['8 no console errors, page errors or dialogs', async () => (noProblems('during the run'), 'none')],
];

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE).origin });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchProblems(page);
  let failed = false;
  let current = 'opening the page';
  try {
    await page.goto(BASE);
    await page.waitForFunction(() => /files/.test(document.getElementById('stats').textContent), null, { timeout: TIMEOUT });
    for (const [name, check] of CHECKS) {
      current = name;
      expectedConsole = check === checkError ? [/status of 400/] : [];
      const detail = await check(page);
      console.log(`ok   ${name}: ${detail}`);
    }
    console.log(`all checks passed; screenshot: ${SHOT}`);
  } catch (err) {
    failed = true;
    const why = err instanceof CheckFailed ? err.message : err.stack || String(err);
    console.error(`FAIL ${current}: ${why}`);
    if (problems.length) console.error(`     also: ${problems.join('; ')}`);
    await page.screenshot({ path: `${SHOT}.failure.png`, fullPage: true }).catch(() => {});
    console.error(`     page at failure: ${page.url()} (screenshot ${SHOT}.failure.png)`);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

await main();
