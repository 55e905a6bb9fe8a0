// Builds the benchmark corpora from the `chinese-poetry` npm package: poems
// concatenated into documents of a few KB, mostly Traditional (全唐詩, then
// 全宋詩, both Traditional in the data) with a Simplified share (宋词, 元曲 —
// Simplified in the data), so that Traditional/Simplified folding matters.
//
// Every document starts with one header line carrying Latin and number tokens
// (`source: quantangshi/poet.tang.3000.json part 2 #01234`), so the query list
// can include Latin/number queries with known answers.
//
// Output per corpus, in `outDir`:
//   <name>.txt   all documents' UTF-8 bytes, back to back
//   <name>.json  { name, bytes, docs, traditionalBytes, simplifiedBytes,
//                  offsets: [start of each doc…, end] , sources: {...} }
// Deterministic: the same package version gives byte-identical files.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DOC_BYTES = 4000; // a document closes once it reaches this many bytes

function numbered(dir, prefix) {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && /\.\d+\.json$/.test(f))
    .sort((a, b) => Number(a.match(/(\d+)\.json$/)[1]) - Number(b.match(/(\d+)\.json$/)[1]))
    .map((f) => join(dir, f));
}

/** Poems of one source, in file order, as { file, text } with `text` a poem block. */
function* poems(files, root) {
  for (const file of files) {
    const rel = file.slice(root.length + 1);
    for (const p of JSON.parse(readFileSync(file, "utf8"))) {
      const title = p.title ?? p.rhythmic ?? "";
      const lines = (p.paragraphs ?? []).join("\n");
      if (!lines.trim()) continue;
      yield { file: rel, text: `${title}\n${p.author ?? ""}\n${lines}\n` };
    }
  }
}

/** Groups poems into documents of ≥ DOC_BYTES until `budget` bytes; returns document bodies. */
function documents(source, budget) {
  const out = [];
  let used = 0;
  let body = "";
  let file = null;
  let part = 0;
  for (const poem of source) {
    if (file !== poem.file) {
      if (body) out.push({ file, part, body });
      body = "";
      file = poem.file;
      part = 0;
    }
    body += (body ? "\n" : "") + poem.text;
    if (Buffer.byteLength(body) >= DOC_BYTES) {
      out.push({ file, part: part++, body });
      used += Buffer.byteLength(body);
      body = "";
      if (used >= budget) return out;
    }
  }
  if (body) out.push({ file, part, body });
  return out;
}

/**
 * Writes corpus `name` of about `totalBytes`, `simplifiedShare` of it Simplified.
 * @returns the metadata object (also written as <name>.json)
 */
export function buildCorpus({ poetryDir, outDir, name, totalBytes, simplifiedShare = 0.2 }) {
  const dist = join(poetryDir, "dist");
  const trad = [
    ...numbered(join(dist, "quantangshi"), "poet.tang."),
    ...numbered(join(dist, "quantangshi"), "poet.song."),
  ];
  const simp = [...numbered(join(dist, "songci"), "ci.song."), join(dist, "yuanqu", "yuanqu.json")];
  const simpDocs = documents(poems(simp, dist), totalBytes * simplifiedShare);
  const simpBytes = simpDocs.reduce((n, d) => n + Buffer.byteLength(d.body), 0);
  const tradDocs = documents(poems(trad, dist), totalBytes - simpBytes);

  // Interleave so both scripts are spread through the corpus (and its ids).
  const merged = [];
  const ratio = simpDocs.length / Math.max(1, tradDocs.length + simpDocs.length);
  let s = 0;
  let t = 0;
  while (s < simpDocs.length || t < tradDocs.length) {
    const wantSimp = s < simpDocs.length && (t >= tradDocs.length || s < ratio * (s + t + 1));
    merged.push(wantSimp ? { ...simpDocs[s++], script: "simplified" } : { ...tradDocs[t++], script: "traditional" });
  }

  const chunks = [];
  const offsets = [0];
  let bytes = 0;
  let traditionalBytes = 0;
  merged.forEach((d, i) => {
    const header = `source: ${d.file.replace(/\\/g, "/")} part ${d.part} #${String(i).padStart(5, "0")}\n`;
    const buf = Buffer.from(header + d.body, "utf8");
    chunks.push(buf);
    bytes += buf.length;
    if (d.script === "traditional") traditionalBytes += buf.length;
    offsets.push(bytes);
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.txt`), Buffer.concat(chunks));
  const meta = {
    name,
    bytes,
    docs: merged.length,
    traditionalBytes,
    simplifiedBytes: bytes - traditionalBytes,
    offsets,
  };
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(meta));
  return meta;
}

/** Reads a corpus written by buildCorpus: { meta, data: Buffer, text(i): string }. */
export function readCorpus(outDir, name) {
  const meta = JSON.parse(readFileSync(join(outDir, `${name}.json`), "utf8"));
  const data = readFileSync(join(outDir, `${name}.txt`));
  return {
    meta,
    data,
    text: (i) => data.toString("utf8", meta.offsets[i], meta.offsets[i + 1]),
  };
}

export function corpusExists(outDir, name) {
  return existsSync(join(outDir, `${name}.json`)) && existsSync(join(outDir, `${name}.txt`));
}
