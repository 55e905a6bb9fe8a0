// The view tabs: 检索 / Search, 索引行 / Concordance, … A real tablist (WAI-ARIA
// Authoring Practices, "tabs with manual activation"): one tab in the Tab
// order, arrow keys, Home and End move between tabs, Enter or Space (a click)
// shows one. Manual, because showing some views computes statistics and
// loads the word list; arrowing past them should not.
//
// Emits "view:show" { view, previous }; the views and the reader follow it.
// "view:open" { view } (a view asking for another) shows that view too. The
// address fragment (#concordance) names the tab, so a view can be linked;
// main.js writes it (url-state.js), with the rest of the page's state.

import { h } from "../dom.js";
import { viewFromHash, VIEWS } from "../views.js";

/**
 * @param {HTMLElement} list the `role="tablist"` element, empty
 * @param {{ on: Function, emit: Function }} hub
 * @param {{ root?: Document | ShadowRoot, hash?: boolean }} options `root`
 *   holds the tabs (for its focused element); `hash: false` (an embedded
 *   explorer) neither reads the tab from the address nor follows its changes
 * @returns {{ show: (view: string) => void, current: () => string }}
 */
export function mountTabs(list, hub, { root = document, hash = true } = {}) {
  let current = null;
  const tabs = VIEWS.map(({ id, zh, en }) =>
    h(
      "button",
      {
        type: "button",
        id: `ce-tab-${id}`,
        class: "ce-tab",
        role: "tab",
        "aria-controls": `ce-view-${id}`,
        "aria-selected": "false",
        tabIndex: -1,
        data: { testid: `tab-${id}`, view: id },
        on: { click: () => show(id, { focus: false }) },
      },
      zh,
      h("span", { class: "ce-tab-en", lang: "en", text: en }),
    ),
  );
  list.replaceChildren(...tabs);

  list.addEventListener("keydown", (event) => {
    const at = tabs.indexOf(root.activeElement);
    if (at === -1) return;
    let to = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") to = (at + 1) % tabs.length;
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") to = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = tabs.length - 1;
    if (to === null) return;
    event.preventDefault();
    for (const tab of tabs) tab.tabIndex = tab === tabs[to] ? 0 : -1;
    tabs[to].focus();
  });

  function show(view, { focus = false, updateAddress = true } = {}) {
    const previous = current;
    current = view;
    for (const tab of tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) tab.focus();
    }
    // main.js writes the address (url-state.js) when it hears "view:show".
    void updateAddress;
    hub.emit("view:show", { view, previous });
  }

  // After every other listener has heard the request: the view asked for takes
  // its settings from "view:open" before it is shown, whichever was mounted
  // first (the analysis views mount after the tabs, when one is first shown).
  hub.on("view:open", ({ view }) => queueMicrotask(() => show(view)));
  if (hash) globalThis.addEventListener?.("hashchange", () => {
    const view = viewFromHash(location.hash);
    if (view !== current) show(view, { updateAddress: false });
  });

  return {
    show,
    current: () => current,
    start() {
      show(viewFromHash(hash ? globalThis.location?.hash ?? "" : ""), { updateAddress: false });
    },
  };
}
