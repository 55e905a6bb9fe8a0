// Hostile files, made by the test itself: each is decoded correctly or refused
// with a clear message; the page stays responsive; the articles already loaded
// remain; no payload executes (they would set window.__pwned or open a dialog).

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { assertClean, openPage, searchFor, siteAndBrowser } from "./harness.mjs";

const SENTENCE = "京东与快手宣布达成战略合作，直播电商迎来新的发展。";
// SENTENCE in GBK, and "快手與京東的合作，讓用戶在快手小店購買京東自營商品。" in Big5 (Python's codecs).
const GBK = [190, 169, 182, 171, 211, 235, 191, 236, 202, 214, 208, 251, 178, 188, 180, 239, 179, 201, 213, 189, 194, 212, 186, 207, 215, 247, 163, 172, 214, 177, 178, 165, 181, 231, 201, 204, 211, 173, 192, 180, 208, 194, 181, 196, 183, 162, 213, 185, 161, 163];
const BIG5 = [167, 214, 164, 226, 187, 80, 168, 202, 170, 70, 170, 186, 166, 88, 167, 64, 161, 65, 197, 253, 165, 206, 164, 225, 166, 98, 167, 214, 164, 226, 164, 112, 169, 177, 193, 202, 182, 82, 168, 202, 170, 70, 166, 219, 192, 231, 176, 211, 171, 126, 161, 67];
const PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><svg onload="alert(1)">`;

function utf16(text, { bigEndian = false, bom = true } = {}) {
  const units = [...text].flatMap((c) => {
    const code = c.codePointAt(0);
    if (code < 0x10000) return [code];
    const v = code - 0x10000;
    return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
  });
  const bytes = bom ? [bigEndian ? 0xfe : 0xff, bigEndian ? 0xff : 0xfe] : [];
  for (const u of units) bytes.push(...(bigEndian ? [u >> 8, u & 0xff] : [u & 0xff, u >> 8]));
  return Buffer.from(bytes);
}

/** Deterministic pseudo-random bytes (xorshift), so a failure can be reproduced. */
function randomBytes(n, seed = 12345) {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const text = (name, body) => ({ name, mimeType: "text/plain", buffer: Buffer.isBuffer(body) ? body : Buffer.from(body) });

const shared = siteAndBrowser();

async function scenario(body) {
  const session = await openPage(shared.browser, shared.site.baseUrl);
  const dialogs = [];
  session.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  try {
    await body(session.page);
    assert.deepEqual(dialogs, [], "no payload opened a dialog");
    assert.equal(await session.page.evaluate(() => globalThis.__pwned), undefined, "no payload ran");
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

async function addFiles(page, files) {
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForSelector('[data-testid="files-message"]:not(:empty)', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached", timeout: 120_000 });
}

const listedNames = (page) =>
  page.locator('[data-testid="article"]').evaluateAll((items) => items.map((b) => b.dataset.docName));

test("every-encoding-is-decoded-and-every-unreadable-file-refused-with-a-message", () =>
  scenario(async (page) => {
    const before = await listedNames(page);
    const good = [
      text("gbk.txt", Buffer.from(GBK)),
      text("big5.txt", Buffer.from(BIG5)),
      text("utf16le-bom.txt", utf16(`${SENTENCE}小红书`)),
      text("utf16be-bom.txt", utf16(`${SENTENCE}拼多多`, { bigEndian: true })),
      // Without a byte-order mark, UTF-16 shows itself by the NUL bytes of its ASCII
      // characters (digits, spaces, line breaks); pure Chinese without a BOM is ambiguous.
      text("utf16le-nobom.txt", utf16(`${SENTENCE} 2021 哔哩哔哩\n`, { bom: false })),
      text("utf16be-nobom.txt", utf16(`${SENTENCE} 2022 美团外卖\n`, { bigEndian: true, bom: false })),
      text("utf8-bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${SENTENCE}苏宁易购`)])),
      text("crlf.txt", `第一行：京东\r\n第二行：快手\r\n\r\n第三段：淘宝\r\n`),
      text("damaged.txt", Buffer.concat([Buffer.from(`${SENTENCE}唯品会`), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from("后面的文字照常。")])),
      text("unicode-edges.txt", `双向\u202E控制\u202C字符 emoji 😀👍🏽 扩展B 𠀀𠁞 组合 é ệ 京东\n`),
    ];
    const bad = [
      text("empty.txt", ""),
      text("blank.txt", " \n\t\u3000\r\n"),
      text("random.bin", randomBytes(4096)),
      text("nul.txt", Buffer.concat([Buffer.from("京东"), Buffer.from([0, 0, 0]), Buffer.from("快手")])),
    ];
    await addFiles(page, [...good, ...bad]);
    const names = await listedNames(page);
    for (const name of before) assert.ok(names.includes(name), `${name} is still loaded`);
    for (const file of good) assert.ok(names.includes(file.name), `${file.name} was added`);
    const problems = await page.getByTestId("file-errors").innerText();
    for (const file of bad) assert.ok(problems.includes(file.name), `${file.name} is listed as a problem`);
    assert.match(problems, /empty/);
    assert.match(problems, /binary/);
    // Damaged bytes are replaced and reported, the rest of the file kept.
    const damaged = await page.locator('[data-testid="article"][data-doc-name="damaged.txt"]').locator("xpath=..").innerText();
    assert.match(damaged, /could not be decoded/);
    await searchFor(page, "京东");
    const found = await page.locator('[data-testid="hit"]').evaluateAll((hits) => hits.map((h) => h.dataset.docName));
    for (const name of ["gbk.txt", "utf16le-bom.txt", "utf16be-bom.txt", "utf16le-nobom.txt", "utf16be-nobom.txt", "utf8-bom.txt", "crlf.txt", "unicode-edges.txt"]) {
      assert.ok(found.includes(name), `京东 is found in ${name}`);
    }
  }));

test("markup-in-file-names-titles-and-bodies-is-shown-as-text-and-never-runs", () =>
  scenario(async (page) => {
    await addFiles(page, [
      text(`${PAYLOAD}.txt`, `${PAYLOAD}\n正文里也有：${PAYLOAD}，京东。`),
      { name: "page.html", mimeType: "text/html", buffer: Buffer.from(`<html><head><title>${PAYLOAD}标题</title></head><body onload="window.__pwned=3"><p>快手${PAYLOAD}</p></body></html>`) },
    ]);
    await searchFor(page, "pwned");
    await page.waitForSelector('[data-testid="hit"]');
    // The payload is visible as text somewhere on the page, and no element it describes exists.
    assert.ok((await page.locator("body").innerText()).includes("window.__pwned"));
    assert.equal(await page.locator('img[src="x"], svg[onload]').count(), 0);
  }));

test("a-two-million-character-line-and-a-fifty-megabyte-file-keep-the-page-responsive", { timeout: 300_000 }, () =>
  scenario(async (page) => {
    const line = "直播电商京东快手淘宝拼多多抖音".repeat(Math.ceil(2_000_000 / 15)).slice(0, 2_000_000);
    const lines = [];
    let size = 0;
    for (let i = 0; size < 50_000_000; i += 1) {
      const l = `第${i}段：京东与快手在第${i * 7}个季度的合作带来了${i * 13}亿元的成交额，直播电商持续增长。`;
      lines.push(l);
      size += Buffer.byteLength(l) + 1;
    }
    await page.evaluate(() => {
      globalThis.__gaps = [];
      let last = performance.now();
      globalThis.__ticker = setInterval(() => {
        const now = performance.now();
        globalThis.__gaps.push(now - last);
        last = now;
      }, 50);
    });
    // Playwright passes buffers over 50 MB only as files on disk.
    const dir = mkdtempSync(join(tmpdir(), "hostile-"));
    const big = join(dir, "fifty-megabytes.txt");
    const long = join(dir, "long-line.txt");
    writeFileSync(big, lines.join("\n"));
    writeFileSync(long, line);
    await addFiles(page, [long, big]);
    const names = await listedNames(page);
    const problems = await page.getByTestId("file-errors").innerText().catch(() => "");
    for (const name of ["long-line.txt", "fifty-megabytes.txt"]) {
      assert.ok(names.includes(name) || problems.includes(name), `${name} was added or refused with a message`);
    }
    // Timers kept firing: the main thread was never blocked for long while the worker indexed.
    // (The page turns the 50 MB buffer into a File before our code runs; that first gap is
    // Playwright's, so the largest gap is measured over the later ticks.)
    const gaps = await page.evaluate(() => globalThis.__gaps.slice(5));
    assert.ok(Math.max(...gaps) < 1000, `longest timer gap ${Math.round(Math.max(...gaps))} ms`);
    await searchFor(page, "京东");
  }));

test("a-crash-in-the-core-shows-a-banner-and-the-page-keeps-working", async () => {
  const session = await openPage(shared.browser, shared.site.baseUrl);
  const { page, problems } = session;
  try {
    await searchFor(page, "京东");
    await page.evaluate(() => document.dispatchEvent(new Event("corpus-explorer:crash-for-testing")));
    await page.getByTestId("error-banner").waitFor({ state: "visible" });
    assert.match(await page.getByTestId("error-banner-text").innerText(), /crash requested for testing/);
    // The worker was replaced with the same documents: search still answers.
    await searchFor(page, "快手");
    assert.ok((await page.locator('[data-testid="hit"]').count()) >= 4);
    // The one expected problem is the crash itself; nothing else went wrong.
    assertClean(problems.filter((p) => !p.includes("crash requested for testing")));
  } finally {
    await session.close();
  }
});
