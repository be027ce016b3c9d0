// The footer's index statistics, polled about once a second. When the index
// generation changes (`serve --watch` applied an edit to the corpus), the
// page re-runs what it shows, so an edit appears within about a second.

import { getJSON, endpoints } from './api.js';
import { num } from './dom.js';

const POLL_MS = 1000;

/** The footer line for a /api/stats response. */
function statsLine(s) {
  const parts = [`${num(s.files)} 文件 files`, `${num(s.passages)} 段 passages`];
  if (s.documents !== undefined && s.documents !== s.passages) parts.push(`${num(s.documents)} 文档 documents`);
  parts.push(`索引版本 generation ${s.generation}`);
  if (s.built_at) {
    const built = new Date(s.built_at);
    if (!Number.isNaN(built.getTime())) parts.push(`建于 built ${built.toLocaleString('zh-CN', { hour12: false })}`);
  }
  if (s.watching) parts.push('监视中 watching');
  return parts.join(' · ');
}

/**
 * Poll /api/stats into `footer`; call `onChange()` whenever the generation
 * differs from the one seen before (not on the first answer).
 */
export function watchStats(footer, onChange) {
  let generation = null;
  let offline = false;
  async function poll() {
    try {
      const s = await getJSON(endpoints.stats());
      footer.textContent = statsLine(s);
      const changed = generation !== null && s.generation !== generation;
      generation = s.generation;
      if (changed || offline) onChange();
      offline = false;
    } catch (err) {
      offline = true;
      footer.textContent = err.status === 401 ? '需要 API 密钥 API key required' : '服务器无响应 Server not answering';
    }
    setTimeout(poll, POLL_MS);
  }
  poll();
}
