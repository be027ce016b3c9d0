// The API key of a server that needs one (`serve --api-key`, required off
// loopback): asked for when the API answers 401, sent as a Bearer token, and
// kept for this browser tab only (sessionStorage), never in the URL.

const STORE = 'yuanwen-api-key';

/** The stored key, or '' (storage may be off: then there is none). */
function storedKey() {
  try {
    return sessionStorage.getItem(STORE) || '';
  } catch {
    return '';
  }
}

let key = storedKey();

/** The headers that carry the key, if there is one. */
export function authHeaders() {
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** Use `value` from now on (and for this tab's later pages). */
export function setKey(value) {
  key = value.trim();
  try {
    if (key) sessionStorage.setItem(STORE, key);
    else sessionStorage.removeItem(STORE);
  } catch {
    // No storage: the key lasts until the page is left.
  }
}

/**
 * Wire the key form: shown by `ask()`, it stores the key and calls
 * `onKey()` (to re-run what failed).
 */
export function keyForm(form, input, onKey) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setKey(input.value);
    input.value = '';
    form.hidden = true;
    onKey();
  });
  return {
    ask() {
      form.hidden = false;
      input.focus();
    },
  };
}
