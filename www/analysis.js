// The analysis views — concordance, dispersion, frequencies, collocates,
// keywords, trends, figures — with the lexicon form, the words found in the
// corpus with the segmented export, the shared "count reposts once" checkbox
// (story-option.js) and the service that
// answers them (analysis-service.js). Search needs none of this, so the app
// (app/analysis-loader.js) loads this module with import() the first time an
// analysis view is shown (a tab, or an address such as #concordance), and the
// first load fetches only what search needs.
//
// Mounted late, the views have missed what the hub said before they existed;
// the loader hands mountAnalysis a hub whose `late` replays the last "corpus:loaded",
// the last search with a query and the view shown, once every view is mounted.

import { provideAnalysis } from "./analysis-service.js";
import { mountCollocatesView } from "./components/collocates-view.js";
import { mountConcordanceView } from "./components/concordance-view.js";
import { mountDispersionView } from "./components/dispersion-view.js";
import { mountFiguresView } from "./components/figures-view.js";
import { mountFoundWords } from "./components/found-words.js";
import { mountFrequencyView } from "./components/frequency-view.js";
import { mountKeywordsView } from "./components/keywords-view.js";
import { mountLexiconForm } from "./components/lexicon-form.js";
import { mountStoryOption } from "./components/story-option.js";
import { mountTrendsView } from "./components/trends-view.js";

/**
 * Mounts every analysis view on its panel and starts answering their requests.
 *
 * @param {(testid: string) => Element} byTestId finds a container in the app's root
 * @param {{ on: Function, emit: Function, provide: Function, request: Function }} hub
 * @param {{ whenEngine: Promise<object>, storage: Storage | null }} options
 *   `whenEngine` resolves to the engine once the corpus is loaded (rejects when
 *   it could not be); `storage` remembers the user lexicon
 */
export function mountAnalysis(byTestId, hub, { whenEngine, storage }) {
  // The remembered user lexicon goes into the core before any word statistic is asked for.
  let restoreWords = null;
  const ready = whenEngine.then(async (engine) => {
    const words = await restoreWords(engine);
    hub.emit("words:user", { words });
    return engine;
  });
  ready.catch(() => {}); // a failed load is reported by the status line; views say it too
  restoreWords = provideAnalysis(hub, () => ready, storage);

  mountConcordanceView(byTestId("view-concordance"), hub);
  mountDispersionView(byTestId("view-dispersion"), hub);
  mountFrequencyView(byTestId("view-frequencies"), hub);
  mountCollocatesView(byTestId("view-collocates"), hub);
  mountKeywordsView(byTestId("view-keywords"), hub);
  mountTrendsView(byTestId("view-trends"), hub);
  mountFiguresView(byTestId("view-figures"), hub);
  mountLexiconForm(byTestId("lexicon"), hub);
  mountFoundWords(byTestId("lexicon"), hub);
  mountStoryOption(byTestId("story-option"), hub);
}
