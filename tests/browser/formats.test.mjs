// Files that are more than one text: a table of 10,000 rows in GBK streamed
// from its File in slices, a ZIP of a folder, a Word document, and a PDF the
// core says it cannot read yet. Each goes through the page's file picker like
// any file; the fixtures are made here, byte by byte.

import assert from "node:assert/strict";
import { test } from "node:test";
import { zip } from "../zip.mjs";
import { scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

const shared = siteAndBrowser();
const scenario = scenarioOn(shared);

// The GBK bytes of every Chinese character the fixtures use (Python's codecs).
const GBK = {"。": [161, 163], "与": [211, 235], "东": [182, 171], "京": [190, 169], "人": [200, 203], "作": [215, 247], "华": [187, 170], "发": [183, 162], "合": [186, 207], "商": [201, 204], "展": [213, 185], "布": [178, 188], "快": [191, 236], "息": [207, 162], "手": [202, 214], "技": [188, 188], "播": [178, 165], "文": [206, 196], "新": [208, 194], "时": [202, 177], "条": [204, 245], "来": [192, 180], "标": [177, 234], "正": [213, 253], "民": [195, 241], "消": [207, 251], "湃": [197, 200], "源": [212, 180], "澎": [197, 236], "电": [181, 231], "的": [181, 196], "直": [214, 177], "科": [191, 198], "第": [181, 218], "篇": [198, 170], "经": [190, 173], "网": [205, 248], "财": [178, 198], "迎": [211, 173], "道": [181, 192], "间": [188, 228], "闻": [206, 197], "频": [198, 181], "题": [204, 226], "，": [163, 172]};

/** `text` in GBK: ASCII as it is, the characters above from the table. */
function gbk(text) {
  const out = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) out.push(c.charCodeAt(0));
    else if (GBK[c]) out.push(...GBK[c]);
    else throw new Error(`no GBK bytes for ${c}`);
  }
  return out;
}

const SOURCES = ["新华网", "人民网", "澎湃新闻"];
const ROWS = 10_000;

/** A scraper's export: 10,000 rows, three sources, dates over 2019–2022, a channel column. */
function gbkCsv() {
  const lines = ["标题,发布时间,来源,正文,频道"];
  for (let i = 0; i < ROWS; i += 1) {
    const year = 2019 + (i % 4);
    const month = String((i % 12) + 1).padStart(2, "0");
    const text = `"快手与京东合作，第${i}条消息，直播电商迎来新的发展${i * 7}。"`;
    lines.push(`第${i}篇,${year}-${month}-15 08:00,${SOURCES[i % 3]},${text},${i % 2 ? "科技" : "财经"}`);
  }
  return Buffer.from(gbk(lines.join("\r\n") + "\r\n"));
}

/** Adds files through the file picker and waits until the page says what became of them. */
async function addFiles(page, files) {
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForSelector('[data-testid="files-message"]:not(:empty)', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached", timeout: 120_000 });
}

const names = (page) =>
  page.getByTestId("article-list").evaluate((list) => [...list.children].map((item) => item.dataset.docName));

const facetValues = (page, group) =>
  page.locator(`[data-testid="facet-group"][data-group="${group}"] li`).allTextContents();

const errors = (page) => page.getByTestId("file-error").allTextContents();

test("a-gbk-csv-of-10000-rows-loads-as-10000-documents-with-dates-and-sources-as-facets", () =>
  scenario(async (page) => {
    await page.getByTestId("replace-corpus").check();
    await page.getByTestId("file-input").setInputFiles([{ name: "export.csv", mimeType: "text/csv", buffer: gbkCsv() }]);
    // The core's guess is shown before anything is loaded, with the first rows.
    const form = page.getByTestId("table-mapping");
    await form.waitFor();
    const field = (name) => form.locator(`[data-testid="table-field"][data-field="${name}"]`).inputValue();
    assert.deepEqual(
      [await field("content"), await field("title"), await field("date"), await field("source"), await field("url")],
      ["正文", "标题", "发布时间", "来源", ""],
    );
    assert.match(await form.getByTestId("table-preview").textContent(), /新华网/);
    await form.getByTestId("table-load").click();
    await page.waitForSelector('[data-testid="files-message"]:not(:empty)', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached", timeout: 120_000 });
    assert.deepEqual(await errors(page), []);
    // The list takes its items a thousand a frame (components/article-list.js): wait for all.
    await page.waitForFunction((rows) => document.querySelector('[data-testid="article-list"]').children.length >= rows, ROWS, { timeout: 30_000 });
    const listed = await names(page);
    assert.equal(listed.length, ROWS);
    assert.equal(listed[0], "export.csv#1");
    await searchFor(page, "快手");
    const sources = await facetValues(page, "source");
    assert.deepEqual(sources.map((s) => s.replace(/\s+/g, " ").trim()).sort(), ["人民网 (3,333)", "新华网 (3,334)", "澎湃新闻 (3,333)"]);
    const years = await facetValues(page, "year");
    assert.equal(years.length, 4);
    assert.ok(years.every((y) => y.includes("2,500")), years.join(" | "));
    const channel = await facetValues(page, "field:频道");
    assert.equal(channel.length, 2, "the extra column is a facet too");
  }));

test("a-zip-of-a-folder-adds-every-text-file-in-it-and-skips-the-mac-furniture", () =>
  scenario(async (page) => {
    const archive = zip([
      { path: "folder/", data: "" },
      { path: "folder/a.txt", data: "京东与快手宣布达成战略合作，压缩包里的第一篇。" },
      { path: "folder/sub/b.md", data: "# 子文件夹\n\n抖音直播带货，压缩包里的第二篇。" },
      { path: "__MACOSX/folder/._a.txt", data: "\u0000\u0005\u0016\u0007" },
      { path: "folder/.DS_Store", data: "\u0000\u0000\u0000\u0001Bud1" },
    ]);
    await page.getByTestId("replace-corpus").check();
    await addFiles(page, [{ name: "crawl.zip", mimeType: "application/zip", buffer: archive }]);
    assert.deepEqual(await errors(page), []);
    assert.deepEqual(await names(page), ["crawl.zip/folder/a.txt", "crawl.zip/folder/sub/b.md"]);
  }));

test("a-docx-shows-its-heading-as-title-and-its-paragraphs-as-text", () =>
  scenario(async (page) => {
    const documentXml =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>直播电商年度报告</w:t></w:r></w:p>' +
      "<w:p><w:r><w:t>快手与京东合作，</w:t></w:r><w:r><w:t>直播电商迎来新的发展。</w:t></w:r></w:p>" +
      "</w:body></w:document>";
    const docx = zip([
      { path: "[Content_Types].xml", data: "<Types/>" },
      { path: "word/document.xml", data: documentXml },
    ]);
    await page.getByTestId("replace-corpus").check();
    await addFiles(page, [{ name: "report.docx", mimeType: "application/octet-stream", buffer: docx }]);
    assert.deepEqual(await errors(page), []);
    assert.deepEqual(await names(page), ["report.docx"]);
    await searchFor(page, "京东");
    const hit = page.getByTestId("hit").first();
    assert.match(await hit.textContent(), /直播电商年度报告/);
  }));

/** A one-page PDF whose page draws `text` in Helvetica (none: an empty page, as a scan without text is). */
function pdf(text, title) {
  const stream = text ? `BT /F1 12 Tf 20 100 Td (${text}) Tj ET` : "";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Title (${title}) >>`,
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

test("a-text-pdf-is-read-through-its-text-layer-and-a-scan-is-refused-saying-so", () =>
  scenario(async (page) => {
    await page.getByTestId("replace-corpus").check();
    await addFiles(page, [
      { name: "report.pdf", mimeType: "application/pdf", buffer: pdf("Kuaishou and JD.com sign a livestream deal.", "Livestream report") },
      { name: "scan.pdf", mimeType: "application/pdf", buffer: pdf("", "Scanned page") },
    ]);
    assert.deepEqual(await names(page), ["report.pdf"]);
    const [message] = await errors(page);
    assert.match(message, /scan\.pdf/);
    assert.match(message, /no text layer/);
    await searchFor(page, "livestream");
    const hit = page.getByTestId("hit").first();
    assert.match(await hit.textContent(), /Livestream report/);
  }));
