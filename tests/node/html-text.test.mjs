import assert from "node:assert/strict";
import { test } from "node:test";
import { htmlBytesToText, htmlToText, isHtmlName } from "../../www/html-text.js";

test("html_text_puts_the_title_first_and_one_block_per_line", () => {
  const html = "<html><head><title>标题 &amp; 副题</title></head><body><h1>标题 &amp; 副题</h1><p>第一段</p><div>第二<b>段</b></div></body></html>";
  assert.equal(htmlToText(html), "标题 & 副题\n第一段\n第二段");
});

test("html_text_adds_the_title_when_the_body_does_not_start_with_it", () => {
  assert.equal(htmlToText("<title>题</title><p>正文</p>"), "题\n\n正文");
});

test("html_text_drops_scripts_styles_comments_and_event_handlers", () => {
  const html = `<title><script>window.x=1</script>T</title><style>p{color:red}</style><!-- <p>hidden</p> -->
<p onclick="alert(1)">可见<img src=x onerror="window.y=2"></p><script type="a>b">evil()</script><noscript>n</noscript>`;
  const [title, ...body] = htmlToText(html).split("\n");
  assert.equal(title, "<script>window.x=1</script>T", "a title is text (RCDATA), shown only as text");
  assert.doesNotMatch(body.join("\n"), /color|hidden|alert|onerror|evil|<|>/);
  assert.match(body.join("\n"), /可见/);
});

test("html_text_decodes_character_references_safely", () => {
  assert.equal(htmlToText("<p>&#20140;&#x4e1c; &lt;b&gt; &quot;x&quot; &#0; &#xD800; &bogus;</p>"), "京东 <b> \"x\" \ufffd \ufffd &bogus;");
});

test("html_text_keeps_a_lone_less_than_sign", () => {
  assert.equal(htmlToText("<p>1 < 2 和 3>2</p>"), "1 < 2 和 3>2");
});

test("html_bytes_keep_a_legacy_encoding_and_strip_the_markup", () => {
  // 京东 in GBK inside markup: the bytes of the text come through unchanged.
  const bytes = new Uint8Array([...Buffer.from("<p>"), 190, 169, 182, 171, ...Buffer.from("</p><script>x</script>&amp;")]);
  assert.deepEqual([...htmlBytesToText(bytes)], [190, 169, 182, 171, 0x0a, 0x26]);
});

test("html_bytes_in_utf8_come_back_as_utf8_text", () => {
  const out = htmlBytesToText(new TextEncoder().encode("<p>京東</p>"));
  assert.equal(new TextDecoder().decode(out), "京東");
});

test("html_names_are_recognised_by_extension", () => {
  assert.equal(isHtmlName("a.HTML"), true);
  assert.equal(isHtmlName("a.htm"), true);
  assert.equal(isHtmlName("a.txt"), false);
});
