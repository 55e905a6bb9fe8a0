//! One test per signal of the extraction, and hostile HTML.

use super::*;

/// A paragraph of prose: long, with Chinese sentence punctuation.
const PROSE: &str = "全国两会今天在北京开幕，来自各地的代表陆续抵达会场。会议将持续一周，审议政府工作报告等多项议程，代表们表示将认真履职。";

fn kept(page: &Page) -> Vec<&str> {
    page.text
        .split('\n')
        .scan(0, |at, line| {
            let r = *at..*at + line.len();
            *at = r.end + 1;
            Some((r, line))
        })
        .filter(|(r, _)| {
            !page
                .furniture
                .iter()
                .any(|s| s.range.start <= r.start && r.start < s.range.end)
        })
        .map(|(_, l)| l)
        .collect()
}

fn kind_of(page: &Page, line: &str) -> Option<Kind> {
    let at = page.text.find(line)?;
    page.furniture
        .iter()
        .find(|s| s.range.start <= at && at < s.range.end)
        .map(|s| s.kind)
}

fn news_page(extra_head: &str, body: &str) -> String {
    format!("<!doctype html><html><head><meta charset=utf-8><title>两会开幕_某某新闻</title>{extra_head}</head><body>{body}</body></html>")
}

#[test]
fn dense_prose_wins_over_short_lines() {
    let body = format!(
        "<div><div>首页</div><div>国内</div><div>国际</div></div>\
         <div class=x><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>\
         <div><div>联系我们</div><div>关于本站</div></div>"
    );
    let page = extract(&news_page("", &body));
    let kept = kept(&page);
    assert_eq!(kept, [PROSE, PROSE, PROSE]);
    assert_eq!(kind_of(&page, "首页"), Some(Kind::Header));
    assert_eq!(kind_of(&page, "联系我们"), Some(Kind::Footer));
}

#[test]
fn link_density_marks_lists_of_links() {
    let links: String = (0..8)
        .map(|i| {
            format!(
                "<li><a href=/n{i}>相关新闻标题第{i}条，很长的一条链接文字，读者点击就走</a></li>"
            )
        })
        .collect();
    let body = format!("<div><p>{PROSE}</p><p>{PROSE}</p><ul>{links}</ul></div>");
    let page = extract(&news_page("", &body));
    assert_eq!(kept(&page), [PROSE, PROSE]);
    assert_eq!(kind_of(&page, "相关新闻标题第3条"), Some(Kind::Related));
}

#[test]
fn semantic_elements_mark_navigation_sidebar_header_and_footer() {
    let body = format!(
        "<header>网站标志 登录</header><nav><a href=/>首页</a></nav>\
         <main><p>{PROSE}</p><p>{PROSE}</p></main>\
         <aside>热门排行</aside><footer>版权所有 京ICP备12345号</footer>"
    );
    let page = extract(&news_page("", &body));
    assert_eq!(kept(&page), [PROSE, PROSE]);
    assert_eq!(kind_of(&page, "首页"), Some(Kind::Navigation));
    assert_eq!(kind_of(&page, "热门排行"), Some(Kind::Sidebar));
    assert_eq!(kind_of(&page, "网站标志 登录"), Some(Kind::Header));
    assert_eq!(kind_of(&page, "版权所有"), Some(Kind::Footer));
}

#[test]
fn article_element_and_article_body_are_preferred() {
    // Two equally dense boxes (each past the 120 letters an article needs): the one the page calls the article body wins.
    let other =
        "另一个盒子里也有很多文字，看起来像正文，其实是编辑推荐的内容摘要，句子很多，标点也多。";
    let body = format!(
        "<div><p>{other}</p><p>{other}</p><p>{other}</p></div>\
         <div itemprop=articleBody><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"
    );
    let page = extract(&news_page("", &body));
    assert_eq!(kept(&page), [PROSE, PROSE, PROSE]);
    let body = format!("<div><p>{other}</p><p>{other}</p><p>{other}</p></div><article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article>");
    assert_eq!(kept(&extract(&news_page("", &body))), [PROSE, PROSE, PROSE]);
}

#[test]
fn furniture_table_marks_comments_inside_the_article_too() {
    let body = format!(
        "<div class=article><p>{PROSE}</p><p>{PROSE}</p>\
         <div class=share-bar>分享到：微信 微博</div>\
         <div id=commentList><p>网友甲：说得好，支持！这个观点我同意，写得很清楚。</p></div></div>"
    );
    let page = extract(&news_page("", &body));
    assert_eq!(kept(&page), [PROSE, PROSE]);
    assert_eq!(kind_of(&page, "网友甲"), Some(Kind::Comments));
    assert_eq!(kind_of(&page, "分享到"), Some(Kind::Boilerplate));
}

#[test]
fn json_ld_gives_headline_date_author_and_publisher() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"两会今日开幕","datePublished":"2021-03-05T10:20:00+08:00",
        "author":{"@type":"Person","name":"张三"},"publisher":{"@type":"Organization","name":"某某新闻"}}</script>"#;
    let page = extract(&news_page(
        ld,
        &format!("<h1>两会今日开幕</h1><p>{PROSE}</p><p>{PROSE}</p>"),
    ));
    let h = &page.hints;
    assert_eq!(h.headline.as_deref(), Some("两会今日开幕"));
    assert_eq!(h.date.map(|d| d.iso()).as_deref(), Some("2021-03-05"));
    assert_eq!(h.author.as_deref(), Some("张三"));
    assert_eq!(h.site.as_deref(), Some("某某新闻"));
    // The headline points at the <h1>, which stays.
    let t = page.title.clone().expect("headline place");
    assert_eq!(&page.text[t], "两会今日开幕");
}

/// The author a JSON-LD block states, through a whole page.
fn json_ld_author(author: &str) -> Option<String> {
    let ld = format!(
        r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"两会今日开幕","author":{author}}}</script>"#
    );
    let page = extract(&news_page(&ld, &format!("<p>{PROSE}</p><p>{PROSE}</p>")));
    page.hints.author
}

#[test]
fn json_ld_author_is_read_as_a_string_an_object_or_an_array() {
    assert_eq!(json_ld_author(r#""张三""#).as_deref(), Some("张三"));
    assert_eq!(
        json_ld_author(r#"{"@type":"Person","name":"李四"}"#).as_deref(),
        Some("李四")
    );
    assert_eq!(
        json_ld_author(r#"["张三", "李四"]"#).as_deref(),
        Some("张三、李四")
    );
    assert_eq!(
        json_ld_author(r#"[{"@type":"Person","name":"张三"},{"@type":"Person","name":"王五"}]"#)
            .as_deref(),
        Some("张三、王五")
    );
}

/// The author of the document a page with this JSON-LD author becomes: the markup's author
/// goes through metadata's filter of names that are no person ([`crate::meta::extract_with`]).
fn document_author(author: &str) -> Option<String> {
    let ld = format!(
        r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"两会今日开幕","author":{author}}}</script>"#
    );
    let html = news_page(&ld, &format!("<p>{PROSE}</p><p>{PROSE}</p>"));
    let mut corpus = crate::session::Session::new();
    let id = corpus.add_html("page.html", html.as_bytes()).expect("a page");
    corpus.documents()[id as usize].author.clone()
}

#[test]
fn json_ld_author_naming_an_organisation_or_nobody_is_no_author() {
    assert_eq!(
        document_author(r#"{"@type":"Organization","name":"某某日报"}"#),
        None
    );
    assert_eq!(document_author(r#""未知""#), None);
    assert_eq!(json_ld_author(r#""""#), None);
    assert_eq!(document_author(r#""张三""#).as_deref(), Some("张三"));
}

#[test]
fn meta_tags_give_date_site_url_and_author() {
    let head = r#"<meta property="og:site_name" content="某某网"><meta property="article:published_time" content="2020-07-17 08:00">
        <link rel="canonical" href="https://news.example.com/a/1.html"><meta name="author" content="李四">"#;
    let page = extract(&news_page(head, &format!("<p>{PROSE}</p>")));
    let h = &page.hints;
    assert_eq!(h.date.map(|d| d.iso()).as_deref(), Some("2020-07-17"));
    assert_eq!(h.site.as_deref(), Some("某某网"));
    assert_eq!(h.url.as_deref(), Some("https://news.example.com/a/1.html"));
    assert_eq!(h.author.as_deref(), Some("李四"));
}

#[test]
fn time_element_gives_the_date_and_site_names_are_not_authors() {
    let head = r#"<meta name="author" content="某某新闻">"#;
    let page = extract(&news_page(
        head,
        &format!("<time datetime=\"2019-09-07\">昨天</time><p>{PROSE}</p>"),
    ));
    assert_eq!(
        page.hints.date.map(|d| d.iso()).as_deref(),
        Some("2019-09-07")
    );
    assert_eq!(
        page.hints.author, None,
        "the site's name in the title is not a byline"
    );
}

#[test]
fn title_suffix_is_stripped_and_never_leaves_only_the_site_name() {
    let page = extract(&news_page("", &format!("<p>{PROSE}</p>")));
    assert_eq!(page.hints.headline.as_deref(), Some("两会开幕"));
    let t = page.title.clone().expect("in the title line");
    assert_eq!(&page.text[t], "两会开幕");
}

#[test]
fn entities_decode_as_browsers_do() {
    let page = extract("<p>&#0147;引号&#0148; &ldquo;双&rdquo;&nbsp;空格 &amp; &lt;b&gt; &#x4E2D;&#25991; &bogus; &#xZZ; &</p>");
    assert_eq!(page.text, "“引号” “双” 空格 & <b> 中文 &bogus; &#xZZ; &");
}

#[test]
fn page_without_head_end_keeps_its_body() {
    let page = extract(&format!(
        "<html><head><title>标题</title><meta charset=gbk><body><p>{PROSE}</p></body></html>"
    ));
    assert!(page.text.contains(PROSE));
}

#[test]
fn script_style_and_markup_in_attributes_are_not_text() {
    let html = format!(
        "<script>document.write('<p>不是正文</p>');</script><style>p{{color:red}}</style>\
         <p title=\"<b>属性里的标记</b>\" data-x='</p><p>'>{PROSE}</p><noscript>请启用脚本</noscript>"
    );
    let page = extract(&html);
    assert_eq!(page.text, PROSE);
}

#[test]
fn unclosed_tags_still_make_paragraphs() {
    let page = extract(&format!("<div><p>{PROSE}<p>{PROSE}<li>一<li>二<div>尾"));
    assert_eq!(
        page.text.split('\n').collect::<Vec<_>>(),
        [PROSE, PROSE, "一", "二", "尾"]
    );
}

#[test]
fn deep_nesting_neither_overflows_nor_loses_text() {
    let depth = 100_000;
    let html = format!("{}{PROSE}{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let page = extract(&html);
    assert_eq!(page.text, PROSE);
}

#[test]
fn a_ten_megabyte_single_line_is_one_block() {
    let line = "长".repeat(10_000_000 / 3);
    let page = extract(&format!("<p>{line}</p>"));
    assert_eq!(page.text.len(), line.len());
}

#[test]
fn malformed_markup_never_panics() {
    for html in [
        "<",
        "</",
        "<!--",
        "<a href=",
        "<p <p>",
        "&#",
        "&#1114112;",
        "<![CDATA[x",
        "<title>",
        "<script>",
        "\u{0}<p>\u{0}</p>",
    ] {
        let _ = extract(html);
    }
}

#[test]
fn declared_charset_is_read_from_meta() {
    assert_eq!(
        declared_charset(b"<meta charset=\"GB2312\">").as_deref(),
        Some("gb2312")
    );
    assert_eq!(
        declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">")
            .as_deref(),
        Some("big5")
    );
    assert_eq!(declared_charset(b"<p>no charset</p>"), None);
}

#[test]
fn html_is_recognised_by_name_or_by_its_first_bytes() {
    assert!(is_html("a.HTML", b""));
    assert!(is_html("a.htm", b""));
    assert!(is_html("a", b"\xEF\xBB\xBF  <!DOCTYPE html><p>"));
    assert!(is_html("a.txt", b"<html lang=zh>"));
    assert!(!is_html("a.txt", "<p>正文</p>".as_bytes()));
}

mod through_the_store {
    use super::PROSE;
    use crate::session::Session;

    fn gbk(s: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(s).0.into_owned()
    }

    #[test]
    fn a_gb_page_keeps_characters_whose_second_byte_is_a0() {
        // 0x81 0xA0 is one GBK character; a decoder that reads 0xA0 as a no-break space breaks it.
        let (ch, _) = encoding_rs::GBK.decode_without_bom_handling(&[0x81, 0xA0]);
        let mut bytes =
            b"<html><head><meta charset=gb2312><title>t</title></head><body><p>".to_vec();
        bytes.extend(gbk(PROSE));
        bytes.extend([0x81, 0xA0]);
        bytes.extend(b"</p></body></html>");
        let mut s = Session::new();
        let id = s.add_document("gb.html", &bytes).expect("added");
        assert!(s.raw_text(id).unwrap().contains(&format!("{PROSE}{ch}")));
        assert_eq!(s.documents()[0].encoding, "gb18030");
    }

    #[test]
    fn a_page_declaring_gb2312_that_is_utf8_is_read_as_utf8() {
        let html = format!("<meta charset=gb2312><p>{PROSE}</p>");
        let mut s = Session::new();
        let id = s.add_html("u.html", html.as_bytes()).expect("added");
        assert_eq!(s.documents()[0].encoding, "UTF-8");
        assert!(s.text(id).unwrap().contains(PROSE));
    }

    fn page() -> String {
        format!(
            "<!doctype html><title>两会开幕_某某新闻</title><meta property=\"article:published_time\" content=\"2021-03-05\">\
             <nav><a href=/>首页</a> <a href=/gn>国内</a></nav><div class=main><h1>两会开幕</h1><p>{PROSE}</p><p>{PROSE}</p></div>\
             <div class=comments><p>网友：说得好！</p></div>"
        )
    }

    #[test]
    fn html_by_sniffing_goes_through_extraction_with_reasons_and_metadata() {
        let mut s = Session::new();
        let id = s.add_document("page", page().as_bytes()).expect("added");
        let info = &s.documents()[id as usize];
        assert_eq!(info.title, "两会开幕");
        assert_eq!(info.date.as_deref(), Some("2021-03-05"));
        let reasons: Vec<String> = info
            .removed
            .iter()
            .map(|r| format!("{:?}", r.reason))
            .collect();
        assert!(reasons.contains(&"Navigation".to_owned()), "{reasons:?}");
        assert!(reasons.contains(&"Comments".to_owned()), "{reasons:?}");
        let text = s.text(id).unwrap();
        assert!(text.contains(PROSE) && !text.contains("网友") && !text.contains("首页"));
        // Nothing is lost: the raw view has all of it.
        let raw = s.raw_text(id).unwrap();
        assert!(raw.contains("网友：说得好！") && raw.contains("首页"));
    }

    #[test]
    fn a_snapshot_keeps_page_furniture_and_metadata_through_a_removal() {
        let mut s = Session::new();
        s.add_document(
            "plain.txt",
            "第一篇文章的正文内容，用来在删除时让后面的文档重新清理。".as_bytes(),
        )
        .unwrap();
        s.add_html("page.html", page().as_bytes()).unwrap();
        let before = s.documents()[1].clone();
        let mut opened = Session::open(&s.save()).expect("opened");
        let reopened = opened.documents()[1].clone();
        assert_eq!(
            format!("{:?}", reopened.removed),
            format!("{:?}", before.removed)
        );
        assert_eq!(
            (reopened.title.clone(), reopened.date.clone()),
            (before.title.clone(), before.date.clone())
        );
        // Removing the first document cleans the page again: from what the snapshot kept.
        opened.remove_document(0).unwrap();
        let after = opened.documents()[0].clone();
        assert_eq!(after.kept_chars, before.kept_chars);
        assert_eq!((after.title, after.date), (before.title, before.date));
    }
}

/// The browser scenario's page (tests/browser/extract.test.mjs), checked natively too.
#[test]
fn the_saved_news_fixture_gives_article_metadata_and_reasons() {
    use crate::session::Session;
    let mut s = Session::new();
    let id = s
        .add_document(
            "school.html",
            include_bytes!("../../tests/fixtures/saved-news-page.html"),
        )
        .unwrap();
    let info = &s.documents()[id as usize];
    assert_eq!(info.title, "山区小学开通网络课堂");
    assert_eq!(info.date.as_deref(), Some("2021-03-05"));
    assert_eq!(info.source.as_deref(), Some("示例新闻网"));
    assert_eq!(info.author.as_deref(), Some("王小明"));
    assert_eq!(
        info.url.as_deref(),
        Some("https://news.example.org/2021/03/05/school.html")
    );
    let text = s.text(id).unwrap();
    assert!(text.contains("“看见了外面的世界”"), "{text}");
    for gone in [
        "国内频道",
        "山里娃",
        "乡村学校迎来新操场",
        "京ICP备",
        "分享到",
    ] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    let raw = s.raw_text(id).unwrap();
    let reason_of = |phrase: &str| {
        let at: usize = raw[..raw.find(phrase).unwrap()].encode_utf16().count();
        info.removed
            .iter()
            .find(|r| r.start <= at && at < r.end)
            .map(|r| format!("{:?}", r.reason))
    };
    assert_eq!(reason_of("国内频道").as_deref(), Some("Navigation"));
    assert_eq!(reason_of("山里娃").as_deref(), Some("Comments"));
    assert_eq!(reason_of("乡村学校迎来新操场").as_deref(), Some("Related"));
    assert_eq!(reason_of("京ICP备").as_deref(), Some("Footer"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of markup, text and broken markup that random pages are made of.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<div>".to_owned()),
            Just("</div>".to_owned()),
            Just("<p class=comment>".to_owned()),
            Just("<nav>".to_owned()),
            Just("</p>".to_owned()),
            Just("<a href=x>".to_owned()),
            Just("</a>".to_owned()),
            Just("<script>".to_owned()),
            Just("</script>".to_owned()),
            Just("<title>".to_owned()),
            Just("&#0147;".to_owned()),
            Just("&nbsp;".to_owned()),
            Just("&#x".to_owned()),
            Just("<".to_owned()),
            Just("\"'=".to_owned()),
            "[一-龥，。a-z \n]{0,12}",
        ]
    }

    proptest! {
        /// Whatever the markup, extraction does not panic, every furniture span is a whole
        /// line of the text, sorted, and the headline's place slices the text.
        #[test]
        fn extraction_never_panics_and_spans_are_lines(pieces in proptest::collection::vec(piece(), 0..60)) {
            let html: String = pieces.concat();
            let page = extract(&html);
            let mut last = 0;
            for s in &page.furniture {
                prop_assert!(s.range.start >= last && s.range.end <= page.text.len());
                prop_assert!(page.text.is_char_boundary(s.range.start) && page.text.is_char_boundary(s.range.end));
                prop_assert!(s.range.start == 0 || page.text.as_bytes()[s.range.start - 1] == b'\n');
                last = s.range.end;
            }
            if let Some(t) = &page.title {
                prop_assert!(page.text.get(t.clone()).is_some());
            }
        }
    }
}
