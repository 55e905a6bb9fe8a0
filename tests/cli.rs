//! The `corpus-explorer` command line, run as a program on fixtures made here: mixed
//! encodings, bad files, empty folders, a missing path, and the site `build` writes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use corpus_explorer::Corpus;

const BIN: &str = env!("CARGO_BIN_EXE_corpus-explorer");

/// A news paragraph long enough for the encoding detector to be sure (it scores frequent hanzi).
const ARTICLE: &str = "标题：京东与快手的直播电商合作\n\
    2021年3月15日，京东宣布与快手在直播电商领域展开合作，双方将在供应链、物流和售后服务方面共享资源。\n\
    业内人士认为，这次合作意味着传统电商平台与短视频平台之间的竞争格局正在发生变化。\n\
    快手的主播可以直接销售京东自营的商品，消费者下单以后由京东负责配送和售后。\n";

const ARTICLE_TRAD: &str = "標題：京東與快手的直播電商合作\n\
    2021年3月15日，京東宣布與快手在直播電商領域展開合作，雙方將在供應鏈、物流和售後服務方面共享資源。\n\
    業內人士認為，這次合作意味著傳統電商平台與短視頻平台之間的競爭格局正在發生變化。\n\
    快手的主播可以直接銷售京東自營的商品，消費者下單以後由京東負責配送和售後。\n";

/// A fresh, empty folder for one test.
fn scratch(label: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{label}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// A folder with one article in each encoding the page reads, one in a sub-folder.
fn mixed_encodings(dir: &Path) {
    fs::create_dir_all(dir.join("more")).unwrap();
    fs::write(dir.join("a-utf8.txt"), ARTICLE).unwrap();
    fs::write(dir.join("b-gbk.txt"), encoding_rs::GBK.encode(ARTICLE).0).unwrap();
    fs::write(
        dir.join("c-big5.txt"),
        encoding_rs::BIG5.encode(ARTICLE_TRAD).0,
    )
    .unwrap();
    fs::write(dir.join("more/d-utf16.txt"), utf16le_with_bom(ARTICLE_TRAD)).unwrap();
    fs::write(dir.join("picture.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0]).unwrap();
}

/// A page as scripts/build.sh leaves it in dist/, with the bundled seeds to be left out.
fn fake_assets(dir: &Path) {
    fs::create_dir_all(dir.join("pkg")).unwrap();
    fs::create_dir_all(dir.join("seeds")).unwrap();
    fs::write(
        dir.join("index.html"),
        "<!doctype html>\n<html lang=\"zh-Hans\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>语料浏览器</title>\n  \
         <link rel=\"preload\" href=\"./pkg/corpus_explorer_search_bg.wasm\" as=\"fetch\" crossorigin>\n  \
         <link rel=\"preload\" href=\"./seeds/manifest.json\" as=\"fetch\" crossorigin>\n  \
         <link rel=\"preload\" href=\"./seeds/000.txt\" as=\"fetch\" crossorigin>\n</head>\n",
    )
    .unwrap();
    fs::write(dir.join("pkg/corpus_explorer_bg.wasm"), b"\0asm").unwrap();
    fs::write(dir.join("pkg/corpus_explorer.js"), "export {};").unwrap();
    fs::write(dir.join("sw.js"), "const BUILD = \"0123456789abcdef\";\n").unwrap();
    fs::write(dir.join("precache.json"), "{}").unwrap();
    fs::write(dir.join("corpus-explorer.html"), "the single-file build").unwrap();
    fs::create_dir_all(dir.join("embed-corpus")).unwrap();
    fs::write(dir.join("embed-corpus/chaguan.txt"), ARTICLE).unwrap();
    fs::write(dir.join("embed-example.html"), "<!doctype html>").unwrap();
    fs::write(dir.join("corpus-explorer.js"), "export {};").unwrap();
    fs::write(dir.join("seeds/000.txt"), ARTICLE).unwrap();
    fs::write(
        dir.join("seeds/manifest.json"),
        "{\"documents\":[\"000.txt\"]}",
    )
    .unwrap();
}

/// Generated articles written one file each into `dir/in`, beside fake site assets in
/// `dir/assets` (see [`fake_assets`]); returns the input folder.
fn generated_sources(dir: &Path, docs: &[corpus_explorer::testing::generated::GeneratedDoc]) -> PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    for doc in docs {
        fs::write(input.join(&doc.name), doc.text.as_bytes()).unwrap();
    }
    fake_assets(&dir.join("assets"));
    input
}

#[test]
fn build_help_documents_every_option() {
    let output = run(&["build", "--help"]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for option in [
        "--out",
        "--title",
        "--base-path",
        "--max-shard-bytes",
        "--bundle",
        "--site-assets",
        "--column",
        "content=正文",
        ".csv",
        ".zip",
        ".docx",
        ".html",
        "PDF is not read here",
        "EXIT STATUS",
        "scripts/build.sh",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
}

#[test]
fn snapshot_of_mixed_encodings_holds_what_the_page_would_index() {
    let dir = scratch("mixed");
    mixed_encodings(&dir.join("in"));
    let out = dir.join("corpus.corpus");
    let output = run(&[
        "snapshot",
        dir.join("in").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let log = stderr(&output);
    assert!(log.contains("documents: 4"), "{log}");
    assert!(log.contains("picture.jpg: not a file type the explorer reads"), "{log}");

    let mut opened = Corpus::open(&fs::read(&out).unwrap()).expect("the snapshot opens");
    let docs = opened.documents();
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["a-utf8.txt", "b-gbk.txt", "c-big5.txt", "more/d-utf16.txt"]
    );
    let encodings: Vec<&str> = docs.iter().map(|d| d.encoding).collect();
    assert_eq!(encodings, ["UTF-8", "gb18030", "Big5", "UTF-16LE"]);

    // The same bytes added in process give the same documents: one code path.
    let mut direct = Corpus::new();
    direct
        .add_document("a-utf8.txt", ARTICLE.as_bytes())
        .unwrap();
    direct
        .add_document("b-gbk.txt", &encoding_rs::GBK.encode(ARTICLE).0)
        .unwrap();
    direct
        .add_document("c-big5.txt", &encoding_rs::BIG5.encode(ARTICLE_TRAD).0)
        .unwrap();
    direct
        .add_document("more/d-utf16.txt", &utf16le_with_bom(ARTICLE_TRAD))
        .unwrap();
    let direct_docs = direct.documents();
    for (a, b) in docs.iter().zip(&direct_docs) {
        assert_eq!(
            (&a.title, a.chars, a.kept_chars, a.encoding),
            (&b.title, b.chars, b.kept_chars, b.encoding)
        );
    }
    // The four are one article (copies: cleaning removes the later ones' repeated passages),
    // so the raw text is searched: Simplified finds Traditional in every encoding.
    let raw = corpus_explorer::search::SearchOptions::matching(true, false);
    assert_eq!(opened.search("京东", &raw).unwrap().total, 4);
    assert_eq!(
        opened.search("京东", &raw).unwrap().total,
        direct.search("京东", &raw).unwrap().total
    );
}

#[test]
fn missing_path_is_refused_before_anything_is_written() {
    let dir = scratch("missing");
    let out = dir.join("site");
    let output = run(&[
        "snapshot",
        dir.join("nowhere").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("nowhere: cannot read it"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn empty_folder_is_refused_with_what_was_looked_for() {
    let dir = scratch("empty");
    fs::create_dir_all(dir.join("in/sub")).unwrap();
    fs::write(dir.join("in/sub/notes.pdf.part"), b"x").unwrap();
    let output = run(&[
        "snapshot",
        dir.join("in").to_str().unwrap(),
        "--out",
        dir.join("x.corpus").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("the folder holds no file to read"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn nothing_usable_exits_1_and_names_each_bad_file() {
    let dir = scratch("unusable");
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/empty.txt"), b"").unwrap();
    fs::write(dir.join("in/blank.txt"), b"  \n\n ").unwrap();
    fs::write(
        dir.join("in/binary.txt"),
        [0u8, 1, 2, 3, 0, 0, 0xFF, 0xFE, 0, 9, 0, 0, 1, 2].repeat(20),
    )
    .unwrap();
    let out = dir.join("x.corpus");
    let output = run(&[
        "snapshot",
        dir.join("in").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let log = stderr(&output);
    assert!(log.contains("nothing usable"), "{log}");
    for name in ["empty.txt", "blank.txt", "binary.txt"] {
        assert!(log.contains(name), "{name} not named:\n{log}");
    }
    assert!(!out.exists());
}

#[test]
fn a_bad_file_is_listed_and_the_rest_still_published() {
    let dir = scratch("partial");
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/good.txt"), ARTICLE).unwrap();
    fs::write(dir.join("in/empty.txt"), b"").unwrap();
    let out = dir.join("x.corpus");
    let input = dir.join("in");
    let args = [
        "snapshot",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let output = run(&args);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("refused (1):"),
        "{}",
        stderr(&output)
    );
    assert_eq!(Corpus::open(&fs::read(&out).unwrap()).unwrap().len(), 1);

    let output = run(&[&args[..], &["--keep-going"]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn build_writes_a_site_that_opens_the_snapshot_instead_of_the_seeds() {
    let dir = scratch("site");
    mixed_encodings(&dir.join("in"));
    fake_assets(&dir.join("assets"));
    let site = dir.join("site");
    let output = run(&[
        "build",
        dir.join("in").to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--site-assets",
        dir.join("assets").to_str().unwrap(),
        "--title",
        "我的档案 <1>",
        "--base-path",
        "/archive/",
        "--max-shard-bytes",
        "65536",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));

    assert!(
        !site.join("seeds/000.txt").exists(),
        "the bundled seeds are left out"
    );
    assert!(!site.join("embed-corpus").exists() && !site.join("embed-example.html").exists());
    assert!(
        site.join("corpus-explorer.js").exists(),
        "the element stays, to embed the corpus"
    );
    assert!(
        !site.join("corpus-explorer.html").exists(),
        "the single-file build inlines the seeds"
    );
    let manifest = fs::read_to_string(site.join("seeds/manifest.json")).unwrap();
    assert!(
        manifest.contains("\"snapshot\": \"corpus.corpus\""),
        "{manifest}"
    );
    assert!(manifest.contains("\"documentCount\": 4"), "{manifest}");
    let snapshot = fs::read(site.join("seeds/corpus.corpus")).unwrap();
    assert_eq!(Corpus::open(&snapshot).unwrap().len(), 4);

    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("<title>我的档案 &lt;1&gt;</title>"),
        "{index}"
    );
    assert!(index.contains("<base href=\"/archive/\">"), "{index}");
    assert!(index.contains("href=\"./seeds/corpus.corpus\""), "{index}");
    assert!(!index.contains("000.txt"), "{index}");

    let precache = fs::read_to_string(site.join("precache.json")).unwrap();
    assert!(precache.contains("\"seeds/corpus.corpus\""), "{precache}");
    assert!(!precache.contains("000.txt"), "{precache}");
    let build = precache
        .split("\"build\": \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_ne!(build, "0123456789abcdef");
    let sw = fs::read_to_string(site.join("sw.js")).unwrap();
    assert!(sw.contains(&format!("const BUILD = \"{build}\";")), "{sw}");

    // A second build into the same folder needs --force.
    let again = run(&[
        "build",
        dir.join("in").to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--site-assets",
        dir.join("assets").to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
}

#[test]
fn build_without_a_built_page_says_to_run_the_build() {
    let dir = scratch("noassets");
    fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    let output = run(&[
        "build",
        dir.join("a.txt").to_str().unwrap(),
        "--out",
        dir.join("site").to_str().unwrap(),
        "--site-assets",
        dir.join("nothing").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("scripts/build.sh"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_options_are_refused_with_a_reason() {
    for (args, says) in [
        (&["build", "a.txt", "--out"][..], "--out needs"),
        (
            &["build", "a.txt", "--out", "x", "--base-path", "archive"][..],
            "must start and end with /",
        ),
        (
            &["build", "a.txt", "--out", "x", "--max-shard-bytes", "lots"][..],
            "not a whole number",
        ),
        (&["build", "a.txt", "--frobnicate"][..], "unknown option"),
        (&["publish"][..], "unknown command"),
        (&["snapshot", "a.txt"][..], "--out is required"),
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

/// A news page: masthead, a menu, the article, and a list of related links.
const NEWS_PAGE: &str = "<!doctype html><html><head><meta charset=utf-8>\
    <title>京东与快手的直播电商合作_某某新闻网</title></head><body>\
    <header>某某新闻网 登录 注册</header>\
    <nav><a href=/>首页</a> <a href=/gn>国内</a> <a href=/gj>国际</a> <a href=/cj>财经</a></nav>\
    <main><h1>京东与快手的直播电商合作</h1>\
    <p>2021年3月15日，京东宣布与快手在直播电商领域展开合作，双方将在供应链、物流和售后服务方面共享资源。</p>\
    <p>业内人士认为，这次合作意味着传统电商平台与短视频平台之间的竞争格局正在发生变化。</p>\
    <p>快手的主播可以直接销售京东自营的商品，消费者下单以后由京东负责配送和售后。</p></main>\
    <footer>版权所有 京ICP备12345号</footer></body></html>";

/// An HTML page is extracted, not indexed as markup: the menu is a removed span the summary
/// counts under `navigation`, and the article is found with its date.
#[test]
fn html_page_is_extracted_and_its_navigation_counted_as_removed() {
    let dir = scratch("html");
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/news.html"), NEWS_PAGE).unwrap();
    let out = dir.join("x.corpus");
    let output = run(&["snapshot", dir.join("in").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let log = stderr(&output);
    assert!(log.contains("documents: 1"), "{log}");
    assert!(log.contains("navigation: 1 spans"), "{log}");

    let mut opened = Corpus::open(&fs::read(&out).unwrap()).unwrap();
    let doc = &opened.documents()[0];
    assert_eq!(doc.title, "京东与快手的直播电商合作");
    assert!(doc.removed.iter().any(|r| r.reason == corpus_explorer::clean::Reason::Navigation));
    let kept = corpus_explorer::search::SearchOptions::matching(false, false);
    assert_eq!(opened.search("<p>", &kept).unwrap().total, 0, "markup is not text");
    assert_eq!(opened.search("国际", &kept).unwrap().total, 0, "the menu is not searched");
    assert_eq!(opened.search("快手的主播", &kept).unwrap().total, 1);
}

/// A GBK table with an unusual text column: `--column content=…` names it, the other fields
/// keep the guess (dates and sources), an empty row is listed and the rest published.
#[test]
fn gbk_csv_gives_a_document_per_row_with_dates_and_sources() {
    let dir = scratch("csv");
    fs::create_dir_all(dir.join("in")).unwrap();
    let rows = [
        ("京东与快手合作", "2021-03-15", "新华网", "京东宣布与快手在直播电商领域展开合作，双方将共享供应链资源。"),
        ("快手主播带货", "2021-04-02", "人民网", "快手的主播可以直接销售京东自营的商品，由京东负责配送。"),
        ("空行", "2021-05-01", "新华网", ""),
    ];
    let mut csv = String::from("标题,发布时间,来源,报道内容\n");
    for (title, date, source, text) in rows {
        csv.push_str(&format!("{title},{date},{source},{text}\n"));
    }
    fs::write(dir.join("in/news.csv"), encoding_rs::GBK.encode(&csv).0).unwrap();
    let out = dir.join("x.corpus");
    let input = dir.join("in");
    let base = ["snapshot", input.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let mut args = base.to_vec();
    args.extend(["--column", "content=报道内容"]);
    let output = run(&args);
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "the empty row is reported: {log}");
    assert!(log.contains("documents: 2"), "{log}");
    assert!(log.contains("news.csv: 2 documents"), "{log}");
    assert!(log.contains("left out (1)"), "{log}");
    assert!(log.contains("news.csv#3"), "{log}");

    let opened = Corpus::open(&fs::read(&out).unwrap()).unwrap();
    let docs = opened.documents();
    let got: Vec<(&str, Option<&str>, Option<&str>)> = docs
        .iter()
        .map(|d| (d.title.as_str(), d.date.as_deref(), d.source.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("京东与快手合作", Some("2021-03-15"), Some("新华网")),
            ("快手主播带货", Some("2021-04-02"), Some("人民网")),
        ]
    );
    assert_eq!(docs[0].encoding, "gb18030");

    // A column the table does not have refuses the file and names the columns it has.
    let mut args = base.to_vec();
    args.extend(["--column", "content=正文"]);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(1));
    let log = stderr(&output);
    assert!(log.contains("has no column “正文”"), "{log}");
    assert!(log.contains("标题, 发布时间, 来源, 报道内容"), "{log}");

    // A field the core does not know is a bad command line.
    let mut args = base.to_vec();
    args.extend(["--column", "body=报道内容"]);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown field “body”"), "{}", stderr(&output));
}

/// A ZIP of a folder (in a folder walk) is read like the folder: its entries are documents
/// named by their path in the archive, a PDF beside it is skipped with the reason.
#[test]
fn zip_of_a_folder_is_read_like_the_folder() {
    use std::io::Write;
    let dir = scratch("zip");
    fs::create_dir_all(dir.join("in")).unwrap();
    let mut bytes = Vec::new();
    let mut archive = rawzip::ZipArchiveWriter::new(&mut bytes);
    for (path, data) in [
        ("articles/a.txt", ARTICLE.as_bytes().to_vec()),
        ("articles/more/b.txt", encoding_rs::GBK.encode(ARTICLE_TRAD).0.into_owned()),
        ("articles/c.html", NEWS_PAGE.as_bytes().to_vec()),
    ] {
        let (mut entry, config) = archive.new_file(path).start().unwrap();
        let mut writer = config.wrap(Vec::new());
        writer.write_all(&data).unwrap();
        let (stored, descriptor) = writer.finish().unwrap();
        entry.write_all(&stored).unwrap();
        entry.finish(descriptor).unwrap();
    }
    archive.finish().unwrap();
    fs::write(dir.join("in/articles.zip"), &bytes).unwrap();
    fs::write(dir.join("in/scan.pdf"), b"%PDF-1.7\n").unwrap();
    let out = dir.join("x.corpus");
    let output = run(&["snapshot", dir.join("in").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("articles.zip: 3 documents"), "{log}");
    assert!(log.contains("scan.pdf: PDF is read only by the page"), "{log}");

    let opened = Corpus::open(&fs::read(&out).unwrap()).unwrap();
    let names: Vec<String> = opened.documents().iter().map(|d| d.name.clone()).collect();
    assert_eq!(
        names,
        [
            "articles.zip/articles/a.txt",
            "articles.zip/articles/more/b.txt",
            "articles.zip/articles/c.html"
        ]
    );

    // A PDF named on the command line is refused with the same reason.
    let output = run(&["snapshot", dir.join("in/scan.pdf").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("pdftotext"), "{}", stderr(&output));
}

#[test]
fn build_sharded_writes_a_root_and_shards_that_answer_like_the_snapshot() {
    let dir = scratch("sharded");
    let input = generated_sources(&dir, &corpus_explorer::testing::generated::generate(4, 300_000, 3, 0.1));
    let site = dir.join("site");
    let output = run(&[
        "build",
        input.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--site-assets",
        dir.join("assets").to_str().unwrap(),
        "--sharded",
        "--max-shard-bytes",
        "16384",
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("sharded: "), "{}", stderr(&output));
    assert!(stderr(&output).contains("(root "), "{}", stderr(&output));
    let manifest = fs::read_to_string(site.join("seeds/manifest.json")).unwrap();
    assert!(manifest.contains("\"sharded\": \"corpus/root.bin\""), "{manifest}");
    assert!(!site.join("seeds/corpus.corpus").exists());
    // Offline, the page needs its root like its shell; the shards are kept as they come.
    let precache = fs::read_to_string(site.join("precache.json")).unwrap();
    assert!(precache.contains("\"seeds/corpus/root.bin\""), "{precache}");
    assert!(!precache.contains("/p/"), "{precache}");
    // The page starts on the archive core (the search core with the sharded reader) and
    // preloads it.
    let html = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("<html data-core=\"archive\" lang=\"zh-Hans\">"), "{html}");
    assert!(html.contains("\"./pkg/corpus_explorer_archive_bg.wasm\""), "{html}");
    assert!(!html.contains("corpus_explorer_search_bg.wasm"), "{html}");
    let corpus = site.join("seeds/corpus");
    let root = fs::read(corpus.join("root.bin")).unwrap();
    assert!(root.len() <= corpus_explorer::shard::ROOT_MAX_BYTES);

    // The files on disk answer as the same corpus indexed whole does.
    let mut whole = Corpus::new();
    let mut names: Vec<_> = fs::read_dir(&input).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in &names {
        let name = path.file_name().unwrap().to_str().unwrap();
        whole.add_document(name, &fs::read(path).unwrap()).unwrap();
    }
    let mut sharded = corpus_explorer::shard::ShardedCorpus::open(&root).unwrap();
    let query: String = whole.text(0).unwrap().chars().take(2).collect();
    let options = corpus_explorer::search::SearchOptions::default();
    loop {
        let needed = sharded.needed(&query, &options).unwrap();
        if needed.is_empty() {
            break;
        }
        for id in needed {
            let name = id.name();
            sharded.add_shard(&name, &fs::read(corpus.join(&name)).unwrap()).unwrap();
        }
    }
    let got = sharded.search(&query, &options).unwrap();
    let want = whole.search(&query, &options).unwrap();
    assert!(want.total > 0);
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&want).unwrap()
    );
}

/// What the sharded corpus under `site` answers to `query`, fetching as the page does.
fn sharded_answer(site: &Path, query: &str, options: &corpus_explorer::search::SearchOptions) -> String {
    let corpus = site.join("seeds/corpus");
    let root = fs::read(corpus.join("root.bin")).unwrap();
    let mut sharded = corpus_explorer::shard::ShardedCorpus::open(&root).unwrap();
    loop {
        let needed = sharded.needed(query, options).unwrap();
        if needed.is_empty() {
            break;
        }
        for id in needed {
            let name = id.name();
            sharded.add_shard(&name, &fs::read(corpus.join(&name)).unwrap()).unwrap();
        }
    }
    serde_json::to_string(&sharded.search(query, options).unwrap()).unwrap()
}

#[test]
fn a_build_in_small_batches_answers_as_the_corpus_indexed_whole() {
    let dir = scratch("batches");
    // No planted copies: batches do not see each other's passages (--help says so).
    let docs = corpus_explorer::testing::generated::generate(8, 300_000, 3, 0.0);
    let input = generated_sources(&dir, &docs);
    let site = dir.join("site");
    let output = run(&[
        "build",
        input.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--site-assets",
        dir.join("assets").to_str().unwrap(),
        "--sharded",
        "--batch-bytes",
        "60000",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let batches = stderr(&output).matches("writing a batch of").count();
    assert!(batches >= 4, "{batches} batches: {}", stderr(&output));
    assert!(stderr(&output).contains(&format!("documents: {}", docs.len())));
    assert!(!site.join(".corpus-explorer-runs").exists());
    let mut whole = Corpus::new();
    let mut paths: Vec<_> = fs::read_dir(&input).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in &paths {
        let name = path.file_name().unwrap().to_str().unwrap();
        whole.add_document(name, &fs::read(path).unwrap()).unwrap();
    }
    let text = whole.text(5).unwrap().into_owned();
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let options = corpus_explorer::search::SearchOptions {
        limit: 30,
        ..Default::default()
    };
    for query in [
        chars[3..5].iter().collect::<String>(),
        chars[10..14].iter().collect(),
        chars[20..21].iter().collect(),
    ] {
        let want = serde_json::to_string(&whole.search(&query, &options).unwrap()).unwrap();
        assert_eq!(sharded_answer(&site, &query, &options), want, "{query}");
    }
}

#[test]
fn build_shards_by_default_above_the_size_and_bundle_forces_one_snapshot() {
    let dir = scratch("default-layout");
    let input = generated_sources(&dir, &corpus_explorer::testing::generated::generate(2, 20_000, 2, 0.0));
    let assets = dir.join("assets");
    let build = |out: &str, extra: &[&str], above: &str| {
        let site = dir.join(out);
        let mut args = vec![
            "build",
            input.to_str().unwrap(),
            "--out",
            site.to_str().unwrap(),
            "--site-assets",
            assets.to_str().unwrap(),
            "--quiet",
        ];
        args.extend_from_slice(extra);
        let output = Command::new(env!("CARGO_BIN_EXE_corpus-explorer"))
            .args(&args)
            .env("CORPUS_EXPLORER_SHARDED_ABOVE", above)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        fs::read_to_string(site.join("seeds/manifest.json")).unwrap()
    };
    // 20 KB of sources: above a 10,000-byte line the default is sharded, below it one file.
    assert!(build("above", &[], "10000").contains("\"sharded\""));
    assert!(build("below", &[], "100000000").contains("\"snapshot\""));
    assert!(build("forced", &["--bundle"], "10000").contains("\"snapshot\""));
    assert!(dir.join("above/seeds/corpus/root.bin").exists());
    assert!(!dir.join("above/seeds/corpus.corpus").exists());
}
