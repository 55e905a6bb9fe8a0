// 转载只计一次 / Count reposts once (issue 17): one checkbox shared by every
// analysis view, shown above them. Ticked, each statistic counts one article
// per story — the lead, the copy added first — so a story reposted on ten
// sites is not counted ten times; each view's status line then says so.
// Says "stories:once" on the hub; the analysis service passes `onePerStory`
// to every statistic and the views run again. Hidden on the search view and
// while the core has no stories.

import { h } from "../dom.js";
import { checkbox } from "./view-kit.js";

/**
 * @param {HTMLElement} container the `[data-testid="story-option"]` panel, empty
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountStoryOption(container, hub) {
  const option = checkbox("onePerStory", "转载只计一次", "Count reposts once", false, "one-per-story");
  container.replaceChildren(
    option.element,
    h(
      "p",
      { class: "ce-help-note" },
      "每组转载只统计最早加入的一篇（见文章列表中的“转载”）。 ",
      h("span", { lang: "en", text: "Each story is counted once, by the article added first (see “copies” in the article list)." }),
    ),
  );
  let available = false;
  let view = "search";
  const place = () => {
    container.hidden = !available || view === "search";
  };

  option.input.addEventListener("change", () => hub.emit("stories:once", { onePerStory: option.input.checked }));
  hub.on("corpus:loaded", ({ stories = null }) => {
    available = stories !== null;
    place();
  });
  hub.on("view:show", ({ view: shown }) => {
    view = shown;
    place();
  });
}
