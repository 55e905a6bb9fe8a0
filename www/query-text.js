// The query text as the page edits it. The search box is the single source of
// truth for what is searched: a facet click does not keep a filter list of its
// own, it adds `script:trad` to the text (or takes it out again), and whether
// a facet shows as pressed is read back from the text.
//
// The lexer here follows the core's (src/query/parse.rs) closely enough to
// find the tokens a person or a facet writes: words, "quoted phrases" (also
// “…” and 「…」), /regular expressions/, OR, -exclusions and field:value
// filters with their Chinese aliases. It never throws: a malformed query is
// the core's to report, and the page only needs the tokens that are there.
// Pure functions: no DOM, no wasm.

/** Field names as typed (lower-cased), to the core's canonical name. */
const FIELD_ALIASES = new Map([
  ["title", "title"],
  ["标题", "title"],
  ["標題", "title"],
  ["source", "source"],
  ["site", "source"],
  ["来源", "source"],
  ["來源", "source"],
  ["script", "script"],
  ["文字", "script"],
  ["date", "date"],
  ["日期", "date"],
  ["entity", "entity"],
  ["实体", "entity"],
  ["實體", "entity"],
]);

/** Every way the core accepts to write a script filter's value, to the short form. */
const SCRIPT_VALUES = new Map([
  ["trad", "trad"],
  ["traditional", "trad"],
  ["繁", "trad"],
  ["繁体", "trad"],
  ["繁體", "trad"],
  ["simp", "simp"],
  ["simplified", "simp"],
  ["简", "simp"],
  ["简体", "simp"],
  ["簡體", "simp"],
  ["mixed", "mixed"],
  ["混", "mixed"],
  ["混合", "mixed"],
]);

/** The script facet's values (as the core reports a document's script) to filter values. */
const SCRIPT_FACETS = { traditional: "trad", simplified: "simp", mixed: "mixed" };

const QUOTES = { '"': '"', "“": "”", "「": "」" };

const isSpace = (c) => /\s/u.test(c);

/**
 * Splits a query into tokens with their place in the text:
 * `{ start, end, kind: "term" | "phrase" | "regex" | "or" | "field", negated, text, field?, value? }`.
 * `start`/`end` are UTF-16 indices into `text` (the query is the user's own
 * text, not corpus text). An unclosed quote or slash runs to the end.
 */
export function tokenize(text) {
  const query = String(text ?? "");
  const chars = [...query];
  // UTF-16 index of each code point, and of the end.
  const at = [];
  let unit = 0;
  for (const c of chars) {
    at.push(unit);
    unit += c.length;
  }
  at.push(unit);

  const tokens = [];
  let pos = 0;

  /** From an opening quote at `pos`: the phrase's content; moves `pos` past the close. */
  const quoted = () => {
    const open = chars[pos];
    const close = QUOTES[open];
    pos += 1;
    let out = "";
    while (pos < chars.length) {
      const c = chars[pos];
      pos += 1;
      if (c === close || (c === '"' && open !== '"')) return out;
      out += c;
    }
    return out;
  };

  while (pos < chars.length) {
    if (isSpace(chars[pos])) {
      pos += 1;
      continue;
    }
    const start = pos;
    const negated = chars[pos] === "-" || chars[pos] === "－";
    if (negated) pos += 1;
    const c = chars[pos] ?? " ";
    const token = { start: at[start], end: 0, kind: "term", negated, text: "" };

    if (QUOTES[c]) {
      token.kind = "phrase";
      token.value = quoted();
    } else if (c === "/") {
      token.kind = "regex";
      pos += 1;
      let pattern = "";
      while (pos < chars.length) {
        const d = chars[pos];
        pos += 1;
        if (d === "\\" && pos < chars.length) {
          pattern += d + chars[pos];
          pos += 1;
        } else if (d === "/") {
          break;
        } else {
          pattern += d;
        }
      }
      token.value = pattern;
    } else {
      const wordStart = pos;
      while (pos < chars.length && !isSpace(chars[pos])) pos += 1;
      const word = chars.slice(wordStart, pos).join("");
      const field = splitField(word);
      if (word === "OR" && !negated) {
        token.kind = "or";
      } else if (field) {
        token.kind = "field";
        token.field = field.name;
        if (QUOTES[field.rest[0]]) {
          // field:"two words": re-read from the quote, spaces included.
          pos = wordStart + [...word].length - [...field.rest].length;
          token.value = quoted();
        } else {
          token.value = field.rest;
        }
      } else {
        token.value = word;
      }
    }
    token.end = at[pos];
    token.text = query.slice(token.start, token.end);
    tokens.push(token);
  }
  return tokens;
}

/** `{ name, rest }` for a `field:value` word (either colon), or null for other words. */
function splitField(word) {
  const match = /^([^:：]*)[:：](.*)$/su.exec(word);
  if (!match) return null;
  const name = FIELD_ALIASES.get(match[1].toLowerCase());
  return name ? { name, rest: match[2] } : null;
}

/** How two filter values are compared: full-width folded, case-insensitive; script aliases unified. */
function comparable(field, value) {
  const folded = String(value).normalize("NFKC").trim().toLowerCase();
  return field === "script" ? (SCRIPT_VALUES.get(folded) ?? folded) : folded;
}

/**
 * The filter a facet value stands for, as `{ field, value }` to write after
 * `field:`, or null when there is none (the script "none" has no filter).
 * Facet groups: source, script, year, entity.
 */
export function facetFilter(group, value) {
  const text = String(value ?? "").trim();
  if (text === "") return null;
  switch (group) {
    case "source":
      return { field: "source", value: text };
    case "script":
      return SCRIPT_FACETS[text] ? { field: "script", value: SCRIPT_FACETS[text] } : null;
    case "year":
      return /^\d{4}$/.test(text) ? { field: "date", value: text } : null;
    case "entity":
      return { field: "entity", value: text };
    default:
      return null;
  }
}

/** Each facet group's filter field. */
const GROUP_FIELDS = { source: "source", script: "script", year: "date", entity: "entity" };

/** The facet value a filter's value stands for (facetFilter backwards), or null. */
function facetValueOf(group, filterValue) {
  const text = String(filterValue).trim();
  if (group === "script") {
    const short = comparable("script", text);
    return Object.keys(SCRIPT_FACETS).find((k) => SCRIPT_FACETS[k] === short) ?? null;
  }
  if (group === "year") return /^\d{4}$/.test(text) ? text : null;
  return text === "" ? null : text;
}

/**
 * What a facet group shows for a query: the core's `[{ value, count }]` as
 * `[{ value, count, filter, active }]`, where `filter` is the filter a click
 * toggles (null when the value has none) and `active` says the query has it.
 * A filter in the query that the answer did not count (date:2019 when no
 * article is from 2019) is added at count 0, so a filter that emptied the
 * results can still be switched off from the panel.
 */
export function facetEntries(group, values, query) {
  const entries = (values ?? []).map(({ value, count }) => {
    const filter = facetFilter(group, value);
    return { value, count, filter, active: filter !== null && hasFilter(query, filter.field, filter.value) };
  });
  const same = (a, b) => a.field === b.field && comparable(a.field, a.value) === comparable(b.field, b.value);
  for (const active of activeFilters(query)) {
    if (active.field !== GROUP_FIELDS[group]) continue;
    const value = facetValueOf(group, active.value);
    const filter = value === null ? null : facetFilter(group, value);
    if (!filter || entries.some((e) => e.filter && same(e.filter, filter))) continue;
    entries.push({ value, count: 0, filter, active: true });
  }
  return entries;
}

/**
 * A value as the lexer will read it back whole: bare when it can be, else
 * quoted with a quote it does not contain. (The core has no escape inside a
 * quote, and `"` closes every kind, so a value holding `"` stays bare.)
 */
export function quoteValue(value) {
  const text = String(value);
  const needsQuotes = text === "" || [...text].some(isSpace) || QUOTES[text[0]] !== undefined;
  if (!needsQuotes || text.includes('"')) return text;
  return `"${text}"`;
}

/** The token a filter is written as: `source:www.heliu2.cn`, `title:"直播 电商"`. */
export function filterToken(field, value) {
  return `${field}:${quoteValue(value)}`;
}

/** The (not excluded) filters in the query: [{ field, value }], value as typed. */
export function activeFilters(text) {
  return tokenize(text)
    .filter((t) => t.kind === "field" && !t.negated)
    .map((t) => ({ field: t.field, value: t.value }));
}

/** Whether the query already has this filter (not excluded), however it was spelled. */
export function hasFilter(text, field, value) {
  const wanted = comparable(field, value);
  return activeFilters(text).some((f) => f.field === field && comparable(field, f.value) === wanted);
}

/** The query with the filter appended (unchanged when it is there already). */
export function addFilter(text, field, value) {
  const query = String(text ?? "");
  if (hasFilter(query, field, value)) return query;
  const kept = query.trimEnd();
  return kept === "" ? filterToken(field, value) : `${kept} ${filterToken(field, value)}`;
}

/** The query with every spelling of the filter taken out; the rest of the text as typed. */
export function removeFilter(text, field, value) {
  const query = String(text ?? "");
  const wanted = comparable(field, value);
  const doomed = tokenize(query).filter(
    (t) => t.kind === "field" && !t.negated && t.field === field && comparable(field, t.value) === wanted,
  );
  let out = query;
  // From the end, so earlier indices stay valid; each cut takes the space before it.
  for (const token of doomed.reverse()) {
    const before = out.slice(0, token.start).replace(/\s+$/u, "");
    const after = out.slice(token.end);
    out = before === "" ? after.replace(/^\s+/u, "") : before + after;
  }
  return out;
}

/** Adds the filter when it is absent, removes it when present. */
export function toggleFilter(text, field, value) {
  return hasFilter(text, field, value) ? removeFilter(text, field, value) : addFilter(text, field, value);
}
