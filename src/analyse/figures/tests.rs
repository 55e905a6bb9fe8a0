//! Tests of the figures reader: each rule of the module documentation, the seeds, and
//! properties of the ranges it reports.

use super::quantities::{vocabulary, UNITS};
use super::*;
use proptest::prelude::*;

/// The texts of the figures of `text`, in order.
fn texts(text: &str) -> Vec<String> {
    figures(text).into_iter().map(|f| f.text).collect()
}

/// The only figure of `text`.
fn one(text: &str) -> Figure {
    let all = figures(text);
    assert_eq!(all.len(), 1, "{text}: {all:#?}");
    all.into_iter().next().unwrap()
}

/// The figure of `text` written `written`.
fn written<'a>(all: &'a [Figure], written: &str) -> &'a Figure {
    all.iter().find(|f| f.text == written).unwrap_or_else(|| {
        panic!(
            "no figure {written:?} in {:?}",
            all.iter().map(|f| &f.text).collect::<Vec<_>>()
        )
    })
}

fn assert_figure(f: &Figure, kind: FigureKind, value: Option<f64>, unit: &str) {
    assert_eq!(
        (f.kind, f.value, f.unit.as_str()),
        (kind, value, unit),
        "{f:#?}"
    );
}

// -- numbers ------------------------------------------------------------------------------

#[test]
fn reads_decimals_and_thousands_separators() {
    assert_figure(
        &one("总销量达到12.5亿元。"),
        FigureKind::Amount,
        Some(1.25e9),
        "元",
    );
    assert_figure(
        &one("交易额1,758亿元"),
        FigureKind::Amount,
        Some(1.758e11),
        "元",
    );
    assert_figure(
        &one("共有1,234,567人"),
        FigureKind::Count,
        Some(1_234_567.0),
        "人",
    );
}

#[test]
fn applies_magnitudes_exactly() {
    // 3.874 × 1e8 in floating point is 387400000.00000006; the digits are scaled instead.
    assert_eq!(one("用户数为3.874亿").value, Some(387_400_000.0));
    assert_eq!(one("规模达1万亿").value, Some(1e12));
    assert_eq!(one("卖出3千万件").value, Some(3e7));
    assert_eq!(one("目标是5百万").value, Some(5e6));
    assert_eq!(one("粉丝10w+").value, Some(1e5));
    assert_eq!(one("月薪15k。").value, Some(15_000.0));
}

#[test]
fn w_and_k_are_magnitudes_only_when_not_glued_to_a_word() {
    assert!(figures("买了一台4K电视").is_empty());
    assert!(figures("重5kg的箱子").is_empty());
    assert!(figures("粉丝13.2WW").is_empty());
}

#[test]
fn w_and_k_glued_to_any_han_character_are_not_magnitudes() {
    // Pins the move to the crate's one `is_han`: the figures reader's own copy knew only
    // the BMP blocks, so a character of extension B (𠀀) or 〇 after `k` let `15k` through.
    assert!(figures("月薪15k𠀀").is_empty());
    assert!(figures("月薪15k〇").is_empty());
    assert_eq!(texts("月薪15k。"), ["15k"]);
}

#[test]
fn reads_chinese_numerals() {
    assert_figure(&one("来了三千人"), FigureKind::Count, Some(3000.0), "人");
    assert_figure(
        &one("花了两万五千元"),
        FigureKind::Amount,
        Some(25_000.0),
        "元",
    );
    assert_figure(&one("一百零五个"), FigureKind::Count, Some(105.0), "个");
    assert_figure(
        &one("月入两万五块钱"),
        FigureKind::Amount,
        Some(25_000.0),
        "元",
    );
    assert_figure(&one("三亿五千万人"), FigureKind::Count, Some(3.5e8), "人");
    assert_figure(&one("十年磨一剑"), FigureKind::Count, Some(10.0), "年");
    assert_figure(&one("三千多万人"), FigureKind::Count, Some(3e7), "人");
}

#[test]
fn reads_chinese_decimals() {
    assert_figure(
        &one("销售额三点五亿元"),
        FigureKind::Amount,
        Some(3.5e8),
        "元",
    );
    assert_figure(&one("占百分之三点五"), FigureKind::Percent, Some(3.5), "%");
    assert!(figures("下午三点五十分,一点也不").is_empty());
}

#[test]
fn keeps_chinese_words_that_contain_numerals_out() {
    for text in [
        "一个链接,一家独大,一次性",
        "三四五六线城市和一二线城市",
        "五一期间",
        "万物皆可直播,千家万户",
        "双百亿补贴",
        "几千倍的增长",
        "十几家门店",
        "十万火急",
        "双十一又成为天猫的合作平台",
    ] {
        assert!(figures(text).is_empty(), "{text}: {:#?}", figures(text));
    }
}

#[test]
fn keeps_approximation_marks_in_the_text() {
    assert_eq!(
        texts("日活超3亿,网络购物类负面信息达到6万多条,120多万笔订单,近3成,约40%,逾百人,1000余家"),
        ["超3亿", "6万多条", "120多万笔", "约40%", "1000余家"]
    );
    assert_eq!(one("日活超3亿").value, Some(3e8));
    assert_eq!(one("1000多个品牌").value, Some(1000.0));
}

#[test]
fn near_of_recently_is_not_an_approximation() {
    assert_eq!(texts("最近3天"), ["3天"]);
}

#[test]
fn ordinals_are_not_figures() {
    assert!(figures("第三季度,第 11 年,第1名").is_empty());
}

// -- what makes a number a figure ---------------------------------------------------------

#[test]
fn reads_percentages() {
    assert_figure(&one("同比增长86.1%"), FigureKind::Percent, Some(86.1), "%");
    assert_figure(
        &one("同比增长８６．１％"),
        FigureKind::Percent,
        Some(86.1),
        "%",
    );
    assert_figure(&one("占百分之五十"), FigureKind::Percent, Some(50.0), "%");
    assert_figure(
        &one("百分之百的信任"),
        FigureKind::Percent,
        Some(100.0),
        "%",
    );
}

#[test]
fn reads_money_units_and_shows_them_canonically() {
    assert_figure(&one("融资5亿美元"), FigureKind::Amount, Some(5e8), "美元");
    assert_figure(&one("价格100港元"), FigureKind::Amount, Some(100.0), "港元");
    assert_figure(&one("只要3块钱"), FigureKind::Amount, Some(3.0), "元");
    assert_figure(
        &one("投资200亿人民币"),
        FigureKind::Amount,
        Some(2e10),
        "元",
    );
    assert_figure(&one("售价¥99"), FigureKind::Amount, Some(99.0), "元");
    assert_figure(&one("花了$5亿"), FigureKind::Amount, Some(5e8), "美元");
    assert_figure(&one("7欧元"), FigureKind::Amount, Some(7.0), "欧元");
}

#[test]
fn reads_counts_with_measure_words() {
    assert_figure(&one("卖出3万件"), FigureKind::Count, Some(3e4), "件");
    assert_figure(
        &one("发布了227项规范"),
        FigureKind::Count,
        Some(227.0),
        "项",
    );
    assert_figure(&one("增长7.9倍"), FigureKind::Count, Some(7.9), "倍");
    assert_figure(&one("直播4个小时"), FigureKind::Count, Some(4.0), "小时");
    assert_figure(&one("用了三个月"), FigureKind::Count, Some(3.0), "月");
    assert_figure(
        &one("有2.5亿人发布作品"),
        FigureKind::Count,
        Some(2.5e8),
        "人",
    );
    assert_figure(&one("已上架7天"), FigureKind::Count, Some(7.0), "天");
    assert_figure(
        &one("提高3个百分点"),
        FigureKind::Count,
        Some(3.0),
        "个百分点",
    );
    assert_figure(&one("3 家公司"), FigureKind::Count, Some(3.0), "家");
}

#[test]
fn words_that_start_with_a_unit_are_not_units() {
    assert!(figures("前3天猫的份额,2次元文化,90年代").is_empty());
    assert_eq!(texts("3人民币"), ["3人民币"]);
}

#[test]
fn a_magnitude_alone_makes_a_count() {
    let f = one("快手不缺流量,3亿日活是强大的流量池。");
    assert_figure(&f, FigureKind::Count, Some(3e8), "");
    assert_eq!(f.text, "3亿");
}

#[test]
fn years_before_nian_are_dates_and_other_numbers_durations() {
    let f = one("2019年");
    assert_eq!(
        (f.kind, f.iso.as_deref(), f.value),
        (FigureKind::Date, Some("2019"), None)
    );
    assert_figure(&one("从事账号买卖8年"), FigureKind::Count, Some(8.0), "年");
    assert_figure(&one("持续3000年"), FigureKind::Count, Some(3000.0), "年");
}

#[test]
fn bare_numbers_are_not_figures() {
    for text in [
        "618大促",
        "直播电商2.0时代",
        "沃尔玛、7-11等渠道",
        "已服务500+客户,累计交易384+",
        "1.用户体验升级",
        "【/s2/】",
        "36氪",
        "v1.2.3版本",
    ] {
        assert!(figures(text).is_empty(), "{text}: {:#?}", figures(text));
    }
}

// -- dates --------------------------------------------------------------------------------

fn iso(text: &str) -> String {
    let f = one(text);
    assert_eq!(
        (f.kind, f.value, f.unit.as_str()),
        (FigureKind::Date, None, ""),
        "{f:#?}"
    );
    f.iso.unwrap_or_default()
}

#[test]
fn reads_dates_with_year_month_and_day() {
    assert_eq!(iso("2019年12月23日开始"), "2019-12-23");
    assert_eq!(iso("于2020年9月入驻"), "2020-09");
    assert_eq!(iso("截至2020年3月"), "2020-03");
    assert_eq!(iso("从 2019 年开始"), "2019");
    assert_eq!(iso("2021年3月26日"), "2021-03-26");
    assert_eq!(iso("二〇二一年三月二十六日"), "2021-03-26");
}

#[test]
fn reads_month_and_day_without_a_year() {
    assert_eq!(iso("5月27日,京东零售与快手宣布"), "--05-27");
    assert_eq!(iso("3月1号之前"), "--03-01");
    assert_eq!(iso("2月,疫情最严重"), "--02");
    assert_eq!(iso("十月一日"), "--10-01");
    assert_eq!(iso("2021年一月"), "2021-01");
    // 一月 alone ends words (统一月度), and 两 never writes a date.
    assert!(figures("统一月度考核,两月").is_empty());
}

#[test]
fn reads_numeric_dates() {
    assert_eq!(iso("2020-07-17"), "2020-07-17");
    assert_eq!(iso("发布于2021/3/26"), "2021-03-26");
    assert_eq!(iso("2021.03.26"), "2021-03-26");
}

#[test]
fn rejects_impossible_dates() {
    assert!(figures("13月").is_empty());
    assert!(figures("2021-02-30").is_empty());
    assert_eq!(iso("2月30日"), "--02");
    assert_eq!(iso("2020年2月29日"), "2020-02-29");
    assert_eq!(iso("2021年2月29日"), "2021-02");
}

#[test]
fn reads_date_ranges_as_intervals() {
    assert_eq!(iso("今年6月16日-18日期间"), "--06-16/--06-18");
    assert_eq!(iso("2021年1月至2021年9月"), "2021-01/2021-09");
    assert_eq!(iso("2020年3月到4月"), "2020-03/2020-04");
    assert_eq!(iso("2019-2020年"), "2019/2020");
    assert_eq!(iso("1-3月"), "--01/--03");
    assert_eq!(iso("6月16-18日"), "--06-16/--06-18");
    assert_eq!(texts("5月1日到北京"), ["5月1日"]);
}

// -- ranges -------------------------------------------------------------------------------

#[test]
fn reads_ranges_as_one_figure() {
    let f = one("如果价格在40-50元之间");
    assert_eq!(
        (f.text.as_str(), f.value, f.value_to),
        ("40-50元", Some(40.0), Some(50.0))
    );
    assert_eq!(f.unit, "元");
    let f = one("目标范围设定为9000亿至9700亿元。");
    assert_eq!(
        (f.value, f.value_to, f.kind),
        (Some(9e11), Some(9.7e11), FigureKind::Amount)
    );
    let f = one("在20%-30%之间");
    assert_eq!(
        (f.value, f.value_to, f.kind),
        (Some(20.0), Some(30.0), FigureKind::Percent)
    );
    let f = one("每天直播6到9个小时");
    assert_eq!(
        (f.value, f.value_to, f.unit.as_str()),
        (Some(6.0), Some(9.0), "小时")
    );
    let f = one("会达到400-500亿");
    assert_eq!((f.value, f.value_to), (Some(4e10), Some(5e10)));
    assert_eq!(texts("约40-50元"), ["约40-50元"]);
    let f = one("三到五个");
    assert_eq!((f.value, f.value_to), (Some(3.0), Some(5.0)));
}

#[test]
fn sides_that_do_not_fit_are_read_separately() {
    assert_eq!(texts("增长30%到2021年"), ["30%", "2021年"]);
    assert_eq!(texts("从3亿至2亿"), ["3亿", "2亿"]);
    assert_eq!(texts("5元-3个"), ["5元", "3个"]);
}

// -- where and how --------------------------------------------------------------------

#[test]
fn skips_numbers_in_urls() {
    let text = "本文网址:https://www.51kuaishou.cn/show-14-363.html,价格100元";
    assert_eq!(texts(text), ["100元"]);
    assert!(figures("地址:http://www.heliu2.cn/xw/7772.html").is_empty());
}

#[test]
fn maps_traditional_text_back_to_the_original() {
    let text = "２０１９年直播電商市場規模達4338億元";
    let all = figures(text);
    assert_eq!(texts(text), ["２０１９年", "4338億元"]);
    for f in &all {
        assert_eq!(&text[f.range.clone()], f.text);
    }
    assert_eq!(all[1].value, Some(4.338e11));
}

#[test]
fn gives_each_figure_its_sentence() {
    let text = "第一句话。\n  快手日活超3亿！第三句有50%；最后 ";
    let all = figures(text);
    assert_eq!(&text[all[0].sentence.clone()], "快手日活超3亿！");
    assert_eq!(&text[all[1].sentence.clone()], "第三句有50%；");
    let text = "上半年营收100亿元\n下半年200亿元";
    let all = figures(text);
    assert_eq!(&text[all[1].sentence.clone()], "下半年200亿元");
}

#[test]
fn the_unit_file_parses_into_known_sections() {
    let vocabulary = vocabulary();
    let section_lines = UNITS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
        .count();
    assert_eq!(
        vocabulary.units.len() + vocabulary.not_units.len(),
        section_lines
    );
    assert!(vocabulary
        .not_units
        .iter()
        .all(|w| { vocabulary.units.iter().any(|u| w.starts_with(&u.written)) }));
}

// -- the seeds ----------------------------------------------------------------------------

#[test]
fn seed_000_traditional_market_size_and_year() {
    let text = include_str!("../../../seeds/000_160cb79cbc9dbeea.txt");
    let all = figures(text);
    assert_figure(
        written(&all, "4338億元"),
        FigureKind::Amount,
        Some(4.338e11),
        "元",
    );
    assert_eq!(written(&all, "2019年").iso.as_deref(), Some("2019"));
    assert_figure(written(&all, "3億"), FigureKind::Count, Some(3e8), "");
    assert_figure(written(&all, "6萬多條"), FigureKind::Count, Some(6e4), "条");
    assert_figure(
        written(&all, "3500億次"),
        FigureKind::Count,
        Some(3.5e11),
        "次",
    );
    assert_eq!(
        written(&all, "6月16日-18日").iso.as_deref(),
        Some("--06-16/--06-18")
    );
    let f = written(&all, "4338億元");
    assert!(text[f.sentence.clone()].starts_with("中國消費者協會發布了"));
    assert!(text[f.sentence.clone()].ends_with("4338億元,預計2020年行業總規模將繼續擴大。"));
    // 618在即 is a shopping festival, not a figure.
    assert!(!all.iter().any(|f| f.text.contains("618")));
}

#[test]
fn seed_001_record_sales_shares_and_date_line() {
    let text = include_str!("../../../seeds/001_309b811cfa3d92f8.txt");
    let all = figures(text);
    assert_figure(written(&all, "12.5亿"), FigureKind::Count, Some(1.25e9), "");
    assert_figure(written(&all, "35%"), FigureKind::Percent, Some(35.0), "%");
    let f = written(&all, "500元");
    assert_figure(f, FigureKind::Amount, Some(500.0), "元");
    assert_eq!(&text[f.range.end..f.range.end + "以上".len()], "以上");
    let f = written(&all, "2020-07-17");
    assert_eq!(
        (f.kind, f.iso.as_deref()),
        (FigureKind::Date, Some("2020-07-17"))
    );
    assert_eq!(&text[f.sentence.clone()], "2020-07-17");
    assert_figure(written(&all, "10w+"), FigureKind::Count, Some(1e5), "");
    assert_eq!(
        written(&all, "2019年12月23日").iso.as_deref(),
        Some("2019-12-23")
    );
}

#[test]
fn seed_002_gmv_growth_and_no_figures_in_the_account_widget() {
    let text = include_str!("../../../seeds/002_8288d1e6a0cd6100.txt");
    let all = figures(text);
    assert_eq!(written(&all, "3月26日").iso.as_deref(), Some("--03-26"));
    assert_figure(
        written(&all, "3812亿"),
        FigureKind::Count,
        Some(3.812e11),
        "",
    );
    assert_figure(
        written(&all, "11.55亿"),
        FigureKind::Count,
        Some(1.155e9),
        "",
    );
    assert_figure(written(&all, "2万亿"), FigureKind::Count, Some(2e12), "");
    let f = written(&all, "6到9个小时");
    assert_eq!(
        (f.value, f.value_to, f.unit.as_str()),
        (Some(6.0), Some(9.0), "小时")
    );
    assert_figure(written(&all, "8年"), FigureKind::Count, Some(8.0), "年");
    // The widget's 500+ clients, 13.2WW followers and the page URL hold no figures.
    for not in ["500+", "384+", "13.2", "51", "363", "2.0"] {
        assert!(!all.iter().any(|f| f.text.contains(not)), "{not}");
    }
}

#[test]
fn seed_003_market_shares_and_share_range() {
    let text = include_str!("../../../seeds/003_85f297a51afbf37a.txt");
    let all = figures(text);
    assert_figure(written(&all, "50.1%"), FigureKind::Percent, Some(50.1), "%");
    assert_figure(
        written(&all, "26.51%"),
        FigureKind::Percent,
        Some(26.51),
        "%",
    );
    let f = written(&all, "20%-30%");
    assert_eq!((f.value, f.value_to), (Some(20.0), Some(30.0)));
    assert_figure(
        written(&all, "2.4亿元"),
        FigureKind::Amount,
        Some(2.4e8),
        "元",
    );
    assert_figure(
        written(&all, "120多万笔"),
        FigureKind::Count,
        Some(1.2e6),
        "笔",
    );
    let f = written(&all, "400-500亿");
    assert_eq!((f.value, f.value_to), (Some(4e10), Some(5e10)));
    assert_eq!(written(&all, "2020年3月").iso.as_deref(), Some("2020-03"));
    // Nothing from the source URL at the end.
    assert!(!all.iter().any(|f| f.text.contains("7772")));
}

#[test]
fn seed_004_gmv_growth_and_target_range() {
    let text = include_str!("../../../seeds/004_43bb41bc52e1228d.txt");
    let all = figures(text);
    assert_figure(
        written(&all, "1758亿元"),
        FigureKind::Amount,
        Some(1.758e11),
        "元",
    );
    assert_figure(written(&all, "86.1%"), FigureKind::Percent, Some(86.1), "%");
    assert_figure(
        written(&all, "6800亿元"),
        FigureKind::Amount,
        Some(6.8e11),
        "元",
    );
    let f = written(&all, "9000亿至9700亿元");
    assert_figure(f, FigureKind::Amount, Some(9e11), "元");
    assert_eq!(f.value_to, Some(9.7e11));
    let f = written(&all, "40-50元");
    assert_eq!((f.value, f.value_to), (Some(40.0), Some(50.0)));
    assert_eq!(written(&all, "3月1号").iso.as_deref(), Some("--03-01"));
    assert_eq!(
        written(&all, "2021年1月至2021年9月").iso.as_deref(),
        Some("2021-01/2021-09")
    );
    assert_eq!(written(&all, "2019 年").iso.as_deref(), Some("2019"));
    // 第三季度 and 第 11 年 are ordinals.
    assert!(!all
        .iter()
        .any(|f| f.text.contains('三') && f.text.contains('季')));
    assert!(!all.iter().any(|f| f.text.starts_with("11")));
}

// -- properties ---------------------------------------------------------------------------

fn check_ranges(text: &str) -> Result<(), TestCaseError> {
    let all = figures(text);
    let mut last_end = 0;
    for f in &all {
        prop_assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        prop_assert!(
            text.is_char_boundary(f.sentence.start) && text.is_char_boundary(f.sentence.end)
        );
        prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
        prop_assert!(f.sentence.start <= f.range.start && f.range.end <= f.sentence.end);
        prop_assert!(f.sentence.end <= text.len());
        prop_assert_eq!(&text[f.range.clone()], f.text.as_str());
        prop_assert!(
            f.range.start >= last_end,
            "figures overlap or are out of order"
        );
        last_end = f.range.end;
        if let (Some(a), Some(b)) = (f.value, f.value_to) {
            prop_assert!(a <= b);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn ranges_slice_the_text_inside_their_sentences(s in "\\PC{0,80}") {
        check_ranges(&s)?;
    }

    #[test]
    fn ranges_hold_on_number_like_text(
        s in "[0-9０-９,.%％ 一二两三十百千万亿億萬零〇年月日号元块个人多余+wk约超近第至到~\\-－。！\n億萬http:/w]{0,60}"
    ) {
        check_ranges(&s)?;
    }
}
