// Copying a citation: the async clipboard where the page may use it, else
// the old select-and-copy through an off-screen textarea.

/** Copy with a temporary textarea; true on success. */
function copyByCommand(text) {
  const back = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  if (back && back.focus) back.focus();
  return ok;
}

/** Copy `text` to the clipboard; resolves true on success. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or no focus: try the old way.
    }
  }
  return copyByCommand(text);
}

let clearTimer = 0;

/** Say `message` in the polite live region, then clear it after a while. */
export function announce(status, message) {
  status.textContent = message;
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    status.textContent = '';
  }, 4000);
}
