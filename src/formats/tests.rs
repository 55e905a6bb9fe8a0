//! Every format end to end through [`Session::add_file`]: tables (RFC 4180 edge cases, BOM,
//! GBK, JSON Lines with bad lines, JSON arrays), ZIP archives (nested folders, skipped
//! entries, encrypted entries, zip bombs), DOCX and PDF; streaming equals reading whole; the
//! extra fields reach the facets and the snapshot.

use std::io::Write;

use super::*;
use crate::search::SearchOptions;
use crate::session::Session;

/// How an entry of a test archive is stored.
#[derive(Clone, Copy)]
enum Pack {
    Store,
    Deflate,
    Encrypted,
}

/// Buffers what rawzip's data writer passes through, for deflating in one go.
struct Buffer(Vec<u8>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A ZIP archive of `entries`, written with rawzip and deflated with miniz_oxide.
fn zip(entries: &[(&str, &[u8], Pack)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut archive = rawzip::ZipArchiveWriter::new(&mut out);
    for &(path, data, pack) in entries {
        let method = match pack {
            Pack::Deflate => rawzip::CompressionMethod::DEFLATE,
            _ => rawzip::CompressionMethod::STORE,
        };
        let (mut entry, config) = archive
            .new_file(path)
            .compression_method(method)
            .encrypted(matches!(pack, Pack::Encrypted))
            .start()
            .unwrap();
        let mut writer = config.wrap(Buffer(Vec::new()));
        writer.write_all(data).unwrap();
        let (buffer, descriptor) = writer.finish().unwrap();
        let packed = match pack {
            Pack::Deflate => miniz_oxide::deflate::compress_to_vec(&buffer.0, 6),
            _ => buffer.0,
        };
        entry.write_all(&packed).unwrap();
        entry.finish(descriptor).unwrap();
    }
    archive.finish().unwrap();
    out
}

fn add(session: &mut Session, name: &str, bytes: &[u8]) -> FileAdded {
    session.add_file(name, bytes, &AddOptions::default())
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn sniffs_by_magic_bytes_before_the_extension() {
    assert_eq!(sniff("a.txt", b"PK\x03\x04rest"), Format::Zip);
    assert_eq!(sniff("a.docx", b"PK\x03\x04rest"), Format::Docx);
    assert_eq!(sniff("a.bin", b"%PDF-1.7"), Format::Pdf);
    assert_eq!(sniff("a.CSV", b"a,b"), Format::Table(TableKind::Csv));
    assert_eq!(sniff("dir/a.tsv", b"a\tb"), Format::Table(TableKind::Tsv));
    assert_eq!(sniff("a.jsonl", b"{}"), Format::Table(TableKind::JsonLines));
    assert_eq!(sniff("a.json", b"{\"a\":1}\n{\"a\":2}\n"), Format::Table(TableKind::JsonLines));
    assert_eq!(sniff("a.json", b"[{\"a\":1}]"), Format::Table(TableKind::Json));
    assert_eq!(sniff("a.html", b"<html>"), Format::Html);
    assert_eq!(sniff("a.txt", "京东".as_bytes()), Format::Text);
}

#[test]
fn csv_rows_become_documents_with_their_title_date_source_url_and_author() {
    let csv = "标题,发布时间,来源,链接,作者,正文,频道\n\
               快手电商,2021-03-05 10:00,新华网,https://news.example.cn/a.html,张三,快手与京东合作。,财经\n\
               抖音直播,2020年5月1日,人民网,,,抖音直播带货。,科技\n";
    let mut s = Session::new();
    let added = add(&mut s, "news.csv", csv.as_bytes());
    assert_eq!(added.ids, [0, 1], "{:?}", added.problems);
    assert!(added.problems.is_empty());
    let docs = s.documents();
    assert_eq!(docs[0].name, "news.csv#1");
    assert_eq!(docs[0].title, "快手电商");
    assert_eq!(docs[0].date.as_deref(), Some("2021-03-05"));
    assert_eq!(docs[0].source.as_deref(), Some("新华网"));
    assert_eq!(docs[0].url.as_deref(), Some("https://news.example.cn/a.html"));
    assert_eq!(docs[0].author.as_deref(), Some("张三"));
    assert_eq!(docs[1].date.as_deref(), Some("2020-05-01"));
    assert_eq!(docs[1].fields[0].name, "频道");
    assert_eq!(docs[1].fields[0].value, "科技");
    assert!(s.text(0).unwrap().contains("快手与京东合作。"));
}

#[test]
fn csv_follows_rfc_4180_quotes_doubled_quotes_line_breaks_crlf_and_bom() {
    let csv = "\u{feff}title,content\r\n\"逗号,标题\",\"他说：\"\"你好\"\"。\r\n第二段。\"\r\n\r\n短,正文二\r\n";
    let mut s = Session::new();
    let added = add(&mut s, "q.csv", csv.as_bytes());
    assert_eq!(added.ids.len(), 2, "{:?}", added.problems);
    assert_eq!(s.documents()[0].title, "逗号,标题");
    let text = s.raw_text(0).unwrap();
    assert!(text.contains("他说：\"你好\"。\r\n第二段。"), "{text}");
    assert_eq!(s.documents()[1].title, "短");
}

#[test]
fn tsv_is_split_on_tabs() {
    let mut s = Session::new();
    let added = add(&mut s, "t.tsv", "标题\t内容\n甲,乙\t正文，有逗号。\n".as_bytes());
    assert_eq!(added.ids.len(), 1);
    assert_eq!(s.documents()[0].title, "甲,乙");
}

#[test]
fn a_gbk_export_is_decoded_before_its_fields_are_read() {
    let csv = gbk("标题,日期,来源,正文\n快手电商,2021-03-05,新华网,快手与京东合作，直播带货。\n");
    let mut s = Session::new();
    let added = add(&mut s, "gbk.csv", &csv);
    assert_eq!(added.ids.len(), 1, "{:?}", added.problems);
    let doc = &s.documents()[0];
    assert_eq!((doc.title.as_str(), doc.source.as_deref()), ("快手电商", Some("新华网")));
    assert_eq!(doc.encoding, "gb18030");
    assert!(s.text(0).unwrap().contains("直播带货"));
}

#[test]
fn a_gbk_table_without_the_encoding_tables_says_so_and_adds_nothing() {
    let decoder = crate::decode::Decoder::without_tables();
    let mut reader = TableReader::new("gbk.csv", TableKind::Csv, None);
    let mut out = Vec::new();
    let e = reader.push(&gbk("标题,正文\n快手,快手与京东合作。\n"), &decoder, &mut out).unwrap_err();
    assert!(e.to_string().contains("loadEncodingTables"), "{e}");
    assert!(out.is_empty());
}

#[test]
fn rows_without_text_are_problems_with_their_row_number() {
    let mut s = Session::new();
    let added = add(&mut s, "r.csv", "标题,正文\n甲,有正文。\n乙,\n丙,也有正文。\n".as_bytes());
    assert_eq!(added.ids.len(), 2);
    assert_eq!(added.problems.len(), 1);
    assert_eq!(added.problems[0].row, Some(2));
    assert!(added.problems[0].message.starts_with("row 2 "), "{}", added.problems[0].message);
}

#[test]
fn json_lines_report_bad_lines_by_number_and_add_the_rest() {
    let jsonl = "{\"title\":\"甲\",\"content\":\"第一篇正文。\",\"tags\":[\"财经\",\"电商\"]}\n\
                 {\"title\": broken\n\
                 [1, 2]\n\
                 \n\
                 {\"title\":\"丁\",\"content\":\"第四篇正文。\",\"views\":12}\n";
    let mut s = Session::new();
    let added = add(&mut s, "a.jsonl", jsonl.as_bytes());
    assert_eq!(added.ids.len(), 2);
    let rows: Vec<Option<usize>> = added.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [Some(2), Some(3)]);
    assert!(added.problems[0].message.contains("not valid JSON"));
    assert_eq!(s.documents()[1].name, "a.jsonl#5");
    let fields = &s.documents()[0].fields;
    assert_eq!((fields[0].name.as_str(), fields[0].value.as_str()), ("tags", "财经、电商"));
}

#[test]
fn a_json_array_or_an_object_holding_one_gives_one_document_per_object() {
    let mut s = Session::new();
    let added = add(&mut s, "a.json", "[{\"标题\":\"甲\",\"内容\":\"正文一。\"},{\"标题\":\"乙\",\"内容\":\"正文二。\"}]".as_bytes());
    assert_eq!(added.ids.len(), 2);
    let added = add(&mut s, "b.json", "{\"count\":1,\"data\":[{\"title\":\"丙\",\"text\":\"正文三。\"}]}".as_bytes());
    assert_eq!(added.ids.len(), 1);
    assert_eq!(s.documents()[2].title, "丙");
    let added = add(&mut s, "c.json", b"{\"a\": ");
    assert!(added.problems[0].message.contains("not valid JSON"));
}

#[test]
fn a_mapping_chosen_by_the_reader_overrides_the_guess() {
    let csv = "a,b,c\n标题甲,正文，很长的一段。,备注\n";
    let mut s = Session::new();
    let sample = s.inspect_table("x.csv", csv.as_bytes()).unwrap();
    assert_eq!(sample.columns, ["a", "b", "c"]);
    assert_eq!(sample.guess.content.as_deref(), Some("b"));
    let options = AddOptions {
        mapping: Some(Mapping {
            content: Some("b".into()),
            title: Some("a".into()),
            ignore: vec!["c".into()],
            ..Mapping::default()
        }),
    };
    let added = s.add_file("x.csv", csv.as_bytes(), &options);
    assert_eq!(added.ids.len(), 1);
    assert_eq!(s.documents()[0].title, "标题甲");
    assert!(s.documents()[0].fields.is_empty());
}

#[test]
fn a_table_pushed_in_small_chunks_gives_what_it_gives_whole() {
    let mut csv = String::from("标题,日期,来源,正文,频道\n");
    for i in 0..60 {
        csv.push_str(&format!("标题{i},2021-0{}-01,来源{},\"第{i}篇，\"\"引号\"\"\n正文。\",频道{}\n", i % 9 + 1, i % 3, i % 2));
    }
    let bytes = gbk(&csv);
    let mut whole = Session::new();
    let expected = add(&mut whole, "t.csv", &bytes);
    let mut streamed = Session::new();
    streamed.begin_table("t.csv", &AddOptions::default()).unwrap();
    let mut ids = Vec::new();
    for chunk in bytes.chunks(7) {
        ids.extend(streamed.push_table(chunk).unwrap().ids);
    }
    ids.extend(streamed.finish_table().unwrap().ids);
    assert_eq!(ids, expected.ids);
    assert_eq!(ids.len(), 60);
    for (a, b) in whole.documents().iter().zip(streamed.documents()) {
        assert_eq!((&a.title, &a.date, &a.source), (&b.title, &b.date, &b.source));
        assert_eq!(a.fields, b.fields);
    }
}

#[test]
fn extra_fields_become_facets_and_survive_a_snapshot() {
    let csv = "标题,来源,正文,频道\n甲,新华网,快手与京东合作。,财经\n乙,人民网,快手直播。,科技\n丙,人民网,快手电商。,财经\n";
    let mut s = Session::new();
    add(&mut s, "f.csv", csv.as_bytes());
    let results = s.search("快手", &SearchOptions::default()).unwrap();
    assert_eq!(results.facets.field.len(), 1);
    let facet = &results.facets.field[0];
    assert_eq!(facet.name, "频道");
    assert_eq!((facet.values[0].value.as_str(), facet.values[0].count), ("财经", 2));
    let source: Vec<(&str, usize)> = results.facets.source.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(source, [("人民网", 2), ("新华网", 1)]);
    let mut opened = Session::open(&s.save()).unwrap();
    assert_eq!(opened.documents()[2].fields, s.documents()[2].fields);
    let again = opened.search("快手", &SearchOptions::default()).unwrap();
    assert_eq!(again.facets.field, results.facets.field);
    // Removing a document keeps the others' fields with them.
    s.remove_document(0).unwrap();
    assert_eq!(s.documents()[0].fields[0].value, "科技");
}

#[test]
fn a_zip_is_walked_like_a_folder_with_nested_folders() {
    let inner = zip(&[("c.txt", "第三篇：快手。".as_bytes(), Pack::Deflate)]);
    let archive = zip(&[
        ("a.txt", "第一篇：京东与快手合作。".as_bytes(), Pack::Deflate),
        ("dir/sub/b.md", "第二篇：抖音直播。".as_bytes(), Pack::Store),
        ("dir/table.csv", "标题,正文\n行一,表格里的正文。\n".as_bytes(), Pack::Deflate),
        ("__MACOSX/dir/._b.md", b"\x00\x05\x16\x07", Pack::Store),
        ("dir/.DS_Store", b"\x00\x00\x00\x01Bud1", Pack::Store),
        ("inner.zip", &inner, Pack::Store),
    ]);
    let mut s = Session::new();
    let added = add(&mut s, "corpus.zip", &archive);
    assert!(added.problems.is_empty(), "{:?}", added.problems);
    let names: Vec<String> = s.documents().into_iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        [
            "corpus.zip/a.txt",
            "corpus.zip/dir/sub/b.md",
            "corpus.zip/dir/table.csv#1",
            "corpus.zip/inner.zip/c.txt"
        ]
    );
}

#[test]
fn an_encrypted_entry_is_refused_and_the_rest_added() {
    let archive = zip(&[
        ("secret.txt", b"\x12\x34\x56 encrypted bytes", Pack::Encrypted),
        ("open.txt", "公开的正文。".as_bytes(), Pack::Store),
    ]);
    let mut s = Session::new();
    let added = add(&mut s, "e.zip", &archive);
    assert_eq!(added.ids.len(), 1);
    assert_eq!(added.problems[0].file, "e.zip/secret.txt");
    assert!(added.problems[0].message.contains("password"), "{}", added.problems[0].message);
}

#[test]
fn a_zip_bomb_is_refused_with_a_message() {
    // 8 MB of zeros deflate to about 8 KB: a ratio of ~1000.
    let zeros = vec![b'0'; 8 << 20];
    let archive = zip(&[("bomb.txt", &zeros, Pack::Deflate), ("ok.txt", "正文。".as_bytes(), Pack::Store)]);
    let mut s = Session::new();
    let added = add(&mut s, "b.zip", &archive);
    assert_eq!(added.ids.len(), 1);
    assert!(added.problems[0].message.contains("zip bomb"), "{}", added.problems[0].message);
}

#[test]
fn a_damaged_archive_is_one_problem_and_leaves_the_corpus_as_it_was() {
    let mut s = Session::new();
    s.add_document("keep.txt", "已有的正文。".as_bytes()).unwrap();
    let added = add(&mut s, "bad.zip", b"PK\x03\x04 not really a zip");
    assert!(added.ids.is_empty());
    assert_eq!(added.problems.len(), 1);
    assert_eq!(s.len(), 1);
}

const DOCUMENT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>快手电商的一年</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">快手与京东</w:t></w:r><w:r><w:t>合作，直播带货 &amp; 电商。</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>第二段</w:t><w:tab/><w:t>有制表符。</w:t></w:r></w:p>
</w:body></w:document>"#;

fn docx(core: Option<&str>) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8], Pack)> = vec![
        ("[Content_Types].xml", b"<Types/>", Pack::Deflate),
        ("word/document.xml", DOCUMENT_XML.as_bytes(), Pack::Deflate),
    ];
    if let Some(core) = core {
        entries.push(("docProps/core.xml", core.as_bytes(), Pack::Deflate));
    }
    zip(&entries)
}

#[test]
fn docx_paragraphs_and_a_heading_as_title_when_the_properties_have_none() {
    let paragraphs = docx::paragraphs(DOCUMENT_XML);
    assert_eq!(paragraphs.len(), 3, "the empty <w:p/> is no paragraph");
    assert!(paragraphs[0].heading && !paragraphs[1].heading);
    assert_eq!(paragraphs[1].text, "快手与京东合作，直播带货 & 电商。");
    assert_eq!(paragraphs[2].text, "第二段\t有制表符。");
    let mut s = Session::new();
    let added = add(&mut s, "report.docx", &docx(None));
    assert_eq!(added.ids, [0], "{:?}", added.problems);
    assert_eq!(s.documents()[0].title, "快手电商的一年");
    assert!(s.text(0).unwrap().contains("直播带货 & 电商"));
}

#[test]
fn docx_core_properties_give_title_author_and_date() {
    let core = r#"<cp:coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>年度报告</dc:title><dc:creator>李四</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2022-01-15T08:00:00Z</dcterms:created></cp:coreProperties>"#;
    let mut s = Session::new();
    add(&mut s, "r.docx", &docx(Some(core)));
    let doc = &s.documents()[0];
    assert_eq!(doc.title, "年度报告");
    assert_eq!(doc.author.as_deref(), Some("李四"));
    assert_eq!(doc.date.as_deref(), Some("2022-01-15"));
}

#[test]
fn a_pdf_is_refused_by_the_core_with_a_message_naming_the_way_in() {
    let mut s = Session::new();
    let added = add(&mut s, "a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
    assert!(added.ids.is_empty());
    assert!(added.problems[0].message.contains("PDF"));
}

#[test]
fn a_plain_text_file_goes_in_as_add_document_does() {
    let mut s = Session::new();
    let added = add(&mut s, "a.txt", "京东与快手合作。".as_bytes());
    assert_eq!(added.ids, [0]);
    let added = add(&mut s, "empty.txt", b"");
    assert!(added.problems[0].message.contains("empty"));
}


mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Bytes that look a little like a table: separators, quotes and line breaks among text.
    fn tableish() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            prop_oneof![
                Just(b",".to_vec()),
                Just(b"\"".to_vec()),
                Just(b"\r\n".to_vec()),
                Just(b"\n".to_vec()),
                Just(b"\t".to_vec()),
                Just(b"{\"title\":\"x\",\"content\":\"y\"}".to_vec()),
                Just("快手".as_bytes().to_vec()),
                Just(b"\xbf\xec".to_vec()),
                any::<u8>().prop_map(|b| vec![b]),
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn no_file_makes_add_file_panic(bytes in tableish(), kind in 0..6usize) {
            let name = ["a.csv", "a.tsv", "a.jsonl", "a.json", "a.zip", "a.docx"][kind];
            let mut s = Session::new();
            let mut input = bytes.clone();
            if kind >= 4 {
                input = [b"PK\x03\x04".to_vec(), bytes].concat();
            }
            let added = add(&mut s, name, &input);
            prop_assert_eq!(added.ids.len(), s.len());
        }

        #[test]
        fn a_table_in_any_chunks_gives_what_it_gives_whole(bytes in tableish(), size in 1..40usize) {
            let csv = [b"title,content\n".to_vec(), bytes].concat();
            let mut whole = Session::new();
            let expected = add(&mut whole, "t.csv", &csv);
            let mut streamed = Session::new();
            streamed.begin_table("t.csv", &AddOptions::default()).unwrap();
            let mut got = FileAdded::default();
            let mut failed = false;
            for chunk in csv.chunks(size) {
                match streamed.push_table(chunk) {
                    Ok(more) => {
                        got.ids.extend(more.ids);
                        got.problems.extend(more.problems);
                    }
                    Err(_) => { failed = true; break; }
                }
            }
            if !failed {
                if let Ok(more) = streamed.finish_table() {
                    got.ids.extend(more.ids);
                    got.problems.extend(more.problems);
                }
                // The encoding is decided on the first chunk, so a tiny one may differ from the
                // whole file's; with it the same, the rows are the same.
                let first = whole.documents().first().map(|d| d.encoding);
                let other = streamed.documents().first().map(|d| d.encoding);
                if first == other {
                    prop_assert_eq!(got.ids, expected.ids);
                }
            }
        }
    }
}
