// "复制链接 / Copy link": the address (which holds the search, the view and the
// open article, see url-state.js) to the clipboard. Where the clipboard is
// refused, the link is shown in a read-only field, selected, to copy by hand.

/**
 * @param {HTMLElement} container `[data-testid="share"]`
 * @param {object} hub
 * @param {() => string} currentUrl
 */
export function mountCopyLink(container, hub, currentUrl) {
  const button = container.querySelector('[data-testid="copy-link"]');
  const message = container.querySelector('[data-testid="copy-link-message"]');
  const fallback = container.querySelector('[data-testid="copy-link-fallback"]');
  const field = container.querySelector('[data-testid="copy-link-url"]');

  button.addEventListener("click", async () => {
    const url = currentUrl();
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      fallback.hidden = true;
      message.textContent = "已复制链接 / Link copied";
    } catch {
      field.value = url;
      fallback.hidden = false;
      message.textContent = "无法访问剪贴板，请手动复制 / Copy the link below";
      field.focus();
      field.select();
    }
  });
  void hub;
}
