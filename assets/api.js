// Talking to `yuanwen serve`. Each kind of request is a Channel: a new request
// aborts the one still running, and a response that arrives after a newer
// request was made is dropped, so typing fast never shows stale results.

import { authHeaders } from './auth.js';

/** An error from the server (its own message) or from the network. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The message of a non-2xx response: the server's `{"error":{"message"}}`. */
async function failure(response) {
  let message = `HTTP ${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && body.error && typeof body.error.message === 'string') message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return new ApiError(message, response.status);
}

/** GET `url` as JSON; throws ApiError (AbortError passes through). */
export async function getJSON(url, signal) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json', ...authHeaders() } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('无法连接服务器 Cannot reach the server', 0);
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** Requests of one kind, newest wins. */
export class Channel {
  constructor() {
    this.seq = 0;
    this.controller = null;
  }

  /**
   * Fetch `url`. Resolves to `{ok: true, data}` or `{ok: false, error}`, or
   * to null when a newer request superseded this one (drop it).
   */
  async get(url) {
    this.cancel();
    const seq = ++this.seq;
    const controller = new AbortController();
    this.controller = controller;
    try {
      const data = await getJSON(url, controller.signal);
      return seq === this.seq ? { ok: true, data } : null;
    } catch (error) {
      if (error.name === 'AbortError' || seq !== this.seq) return null;
      return { ok: false, error };
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Abort the running request, and drop any answer still to come. */
  cancel() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    this.seq++;
  }
}

export const endpoints = {
  search: (params) => `/api/search?${params}`,
  kwic: (params) => `/api/kwic?${params}`,
  passage: (id, context) => `/api/passage/${encodeURIComponent(id)}?context=${context}`,
  stats: () => '/api/stats',
};
