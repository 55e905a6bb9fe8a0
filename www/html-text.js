// Turns an HTML file into plain text before the core reads it: the <title>
// first, then the body's text, one block element per line. No DOM: it runs in
// the worker, where there is no DOMParser, and its output only ever reaches
// the page through textContent. It is a stripper, not a browser: it drops
// every tag, the contents of script, style and friends, and comments, and
// decodes character references; nothing of the markup survives to run.
//
// Legacy encodings (GBK, GB18030, Big5) are handled without decoding them: all
// the markup is ASCII, and no byte of a multi-byte character in those
// encodings is "<", ">", "&", a quote or whitespace, so the same stripper
// works on the bytes read one per character, and the core then detects the
// encoding of what is left as it would for a .txt file.

/** Elements whose content is not text a reader sees. */
const HIDDEN = ["script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head"];

/** Elements that start a new line. */
const BLOCK = new Set(
  ("address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 " +
    "header hr li main nav ol p pre section table tbody td th thead tfoot tr ul title body html")
    .split(" "),
);

const NAMED = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  mdash: "—", ndash: "–", hellip: "…", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’",
  middot: "·", bull: "•", copy: "©", reg: "®", trade: "™", times: "×", divide: "÷", yen: "¥",
  laquo: "«", raquo: "»", deg: "°", shy: "",
};

/** True for a name that looks like an HTML file. */
export function isHtmlName(name) {
  return /\.html?$/i.test(String(name ?? ""));
}

/**
 * Plain text of an HTML document: the title on the first line (when there
 * is one and the body does not start with it), a blank line, then the body
 * text with one line per block element and no blank lines.
 *
 * @param {string} html
 * @param {{ asciiOnly?: boolean }} options `asciiOnly` leaves character
 *   references above U+007F as they are (for the byte path, where the
 *   document's encoding is not known)
 */
export function htmlToText(html, { asciiOnly = false } = {}) {
  let source = String(html ?? "");
  // Comments, CDATA, doctype and processing instructions first: they may hold anything.
  source = source.replace(/<!--[\s\S]*?(?:-->|$)/g, " ").replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, " ");
  source = source.replace(/<[!?][^>]*>?/g, " ");

  // The title is RCDATA: its content is text, whatever it looks like.
  let title = "";
  source = source.replace(/<title\b[^>]*>([\s\S]*?)(?:<\/title\s*>|$)/i, (_, inner) => {
    title = cleanLine(decodeEntities(inner, asciiOnly));
    return "\n";
  });

  for (const name of HIDDEN) {
    const element = new RegExp(`<${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*>[\\s\\S]*?(?:<\\/${name}\\s*>|$)`, "gi");
    source = source.replace(element, "\n");
  }

  // Every remaining tag, quoted attribute values (which may hold ">") included.
  source = source.replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>?/g, (_, name) =>
    BLOCK.has(name.toLowerCase()) ? "\n" : "",
  );
  // A "<" that opened no tag stays as the text it is.

  const lines = [];
  for (const raw of decodeEntities(source, asciiOnly).split(/\r\n|\r|\n/)) {
    const line = cleanLine(raw);
    if (line !== "") lines.push(line);
  }

  if (title !== "" && lines[0] !== title) lines.unshift(title, "");
  return lines.join("\n");
}

/**
 * The text of an HTML file as bytes for `addDocument`: UTF-8 when the file
 * is UTF-8 (or UTF-16 with a BOM), otherwise the original encoding with the
 * markup taken out byte by byte.
 *
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function htmlBytesToText(bytes) {
  const text = decodeUnicode(bytes);
  if (text !== null) return new TextEncoder().encode(htmlToText(text));
  // One character per byte, 0–255, and back: the markup is ASCII either way.
  let latin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    latin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  const stripped = htmlToText(latin, { asciiOnly: true });
  const out = new Uint8Array(stripped.length);
  for (let i = 0; i < stripped.length; i += 1) {
    const code = stripped.charCodeAt(i);
    out[i] = code <= 0xff ? code : 0x3f; // only named references above 0xFF; never in asciiOnly output
  }
  return out;
}

/** The text if the bytes are UTF-8 or BOM-marked UTF-16, else null. */
function decodeUnicode(bytes) {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  try {
    return new TextDecoder(utf16 ?? "utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeEntities(text, asciiOnly) {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, body) => {
    if (body[0] !== "#") {
      const value = NAMED[body.toLowerCase()];
      if (value === undefined) return whole;
      return asciiOnly && value.charCodeAt(0) > 0x7f ? (body.toLowerCase().endsWith("sp") ? " " : whole) : value;
    }
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (asciiOnly && code > 0x7f) return whole;
    if (!(code > 0) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
    return String.fromCodePoint(code);
  });
}

function cleanLine(line) {
  return line.replace(/[\t\f\v \u00a0]+/g, " ").trim();
}
