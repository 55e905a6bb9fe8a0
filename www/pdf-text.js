// The text layer of a PDF, through pdf.js (pdfjs-dist, Apache-2.0), loaded
// only the first time a PDF is added: 136 KB + 378 KB gzip that no other page
// view pays for. scripts/build.sh copies its two modules and its CMaps (for
// CJK fonts without embedded ones) to dist/data/pdf/, beside the other
// on-demand files, which the service worker does not precache.
//
// Used by worker.js only: pdf.js's own worker code runs in that thread (a
// "fake worker", given as globalThis.pdfjsWorker), not in a worker of its own,
// and with isEvalSupported: false it compiles nothing, so the strict CSP
// (no 'unsafe-eval') holds.

/** Where the build puts pdf.js, next to the bundled worker.js. */
const PDF_DIR = new URL("./data/pdf/", import.meta.url);

let library = null; // Promise of the pdf.js module, loaded once

function load() {
  library ??= (async () => {
    const lib = await import(new URL("pdf.min.mjs", PDF_DIR).href);
    globalThis.pdfjsWorker = await import(new URL("pdf.worker.min.mjs", PDF_DIR).href);
    return lib;
  })().catch((error) => {
    library = null;
    throw new Error(`the PDF reader could not be loaded (${error?.message ?? error})`);
  });
  return library;
}

/**
 * The text of every page of a PDF, pages separated by a blank line, lines as
 * pdf.js ends them; with the document's title on the first line when its
 * properties state one. An empty string for a PDF without a text layer (a scan).
 * @param {Uint8Array} bytes
 * @returns {Promise<string>}
 */
export async function pdfText(bytes) {
  const lib = await load();
  const task = lib.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: new URL("cmaps/", PDF_DIR).href,
    cMapPacked: true,
    standardFontDataUrl: new URL("standard_fonts/", PDF_DIR).href,
  });
  const doc = await task.promise;
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (typeof item.str !== "string") continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      pages.push(text.trim());
      page.cleanup();
    }
    const body = pages.filter(Boolean).join("\n\n");
    if (!body) return "";
    const title = (await doc.getMetadata().catch(() => null))?.info?.Title?.trim();
    return title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
  } finally {
    await task.destroy();
  }
}
