//! A generated news corpus with planted copies, for the stories tests and
//! `examples/stories_eval.rs`: random Chinese-like sentences drawn from a character pool,
//! articles of 20–60 sentences grouped under topics (articles of one topic share a vocabulary
//! and stock phrases), and copies of some articles edited as reposts are: first paragraph
//! trimmed, paragraphs reordered, ad lines inserted, re-scripted in Traditional characters.
//!
//! Deterministic for a seed (a splitmix64 generator of its own, no dependency).

/// How a planted copy was edited from its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The first paragraph dropped and a new headline.
    Trimmed,
    /// The paragraphs shuffled.
    Reordered,
    /// Advertising lines inserted between paragraphs.
    AdLines,
    /// Re-scripted in Traditional characters (through [`TO_TRADITIONAL`]).
    Traditional,
    /// Trimmed, with ad lines, and in Traditional: all of the above but reordering.
    Everything,
}

/// Every edit, in the order the generator cycles through them.
pub const EDITS: [Edit; 5] = [
    Edit::Trimmed,
    Edit::Reordered,
    Edit::AdLines,
    Edit::Traditional,
    Edit::Everything,
];

/// One generated document.
#[derive(Debug, Clone)]
pub struct GeneratedDoc {
    /// File name (`g00042.txt`).
    pub name: String,
    /// The text, paragraphs separated by blank lines.
    pub text: String,
    /// The topic it was written on.
    pub topic: usize,
    /// For a planted copy: the index of its original and how it was edited.
    pub copy_of: Option<(usize, Edit)>,
}

/// Simplified → Traditional for characters of the pool: what a re-scripted repost changes.
/// The crate's folding maps each back (checked by a test).
pub const TO_TRADITIONAL: &[(char, char)] = &[
    ('东', '東'),
    ('这', '這'),
    ('们', '們'),
    ('发', '發'),
    ('说', '說'),
    ('国', '國'),
    ('会', '會'),
    ('时', '時'),
    ('为', '為'),
    ('来', '來'),
    ('对', '對'),
    ('经', '經'),
    ('业', '業'),
    ('电', '電'),
    ('过', '過'),
    ('开', '開'),
    ('长', '長'),
    ('场', '場'),
    ('进', '進'),
    ('与', '與'),
    ('产', '產'),
    ('实', '實'),
    ('现', '現'),
    ('动', '動'),
    ('区', '區'),
    ('务', '務'),
    ('网', '網'),
    ('费', '費'),
    ('数', '數'),
    ('报', '報'),
];

/// The character pool: common characters of news text.
const POOL: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动\
同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两\
体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反\
你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象\
员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强\
放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联\
什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确\
才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商\
非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标\
写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

/// Ad lines a reposting site inserts.
const ADS: &[&str] = &[
    "关注我们的公众号，每天获取最新行业资讯和独家深度报道",
    "本站所有文章均来自网络，如有侵权请联系删除，感谢您的支持",
    "点击下方链接领取新人专享优惠券，限时抢购不容错过",
    "扫码添加客服微信，免费获取行业研究报告全文下载",
];

/// splitmix64: small, fast, and enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// A topic: its vocabulary of two- and three-character words and its stock phrases.
struct Topic {
    words: Vec<String>,
    phrases: Vec<String>,
}

fn word(rng: &mut Rng, pool: &[char]) -> String {
    let n = rng.between(2, 3);
    (0..n).map(|_| pool[rng.below(pool.len())]).collect()
}

fn topic(rng: &mut Rng, pool: &[char]) -> Topic {
    let words: Vec<String> = (0..120).map(|_| word(rng, pool)).collect();
    let phrases = (0..12)
        .map(|_| {
            (0..3)
                .map(|_| words[rng.below(words.len())].clone())
                .collect()
        })
        .collect();
    Topic { words, phrases }
}

fn sentence(rng: &mut Rng, t: &Topic, general: &[String]) -> String {
    let mut s = String::new();
    for _ in 0..rng.between(5, 10) {
        match rng.below(10) {
            0 => s.push_str(&t.phrases[rng.below(t.phrases.len())]),
            1..=2 => s.push_str(&general[rng.below(general.len())]),
            _ => s.push_str(&t.words[rng.below(t.words.len())]),
        }
        if rng.below(6) == 0 {
            s.push('，');
        }
    }
    s.push('。');
    s
}

/// An article on topic `t`: a headline and paragraphs of two to five sentences, 20–60
/// sentences in all.
fn article(rng: &mut Rng, t: &Topic, general: &[String]) -> Vec<String> {
    let mut paragraphs = vec![headline(rng, t)];
    let mut left = rng.between(20, 60);
    while left > 0 {
        let n = rng.between(2, 5).min(left);
        paragraphs.push((0..n).map(|_| sentence(rng, t, general)).collect());
        left -= n;
    }
    paragraphs
}

fn headline(rng: &mut Rng, t: &Topic) -> String {
    (0..4)
        .map(|_| t.words[rng.below(t.words.len())].clone())
        .collect()
}

/// Simplified characters of [`TO_TRADITIONAL`] written in Traditional.
pub fn to_traditional(text: &str) -> String {
    text.chars()
        .map(|c| {
            TO_TRADITIONAL
                .iter()
                .find(|(s, _)| *s == c)
                .map_or(c, |(_, t)| *t)
        })
        .collect()
}

fn edit(rng: &mut Rng, original: &[String], t: &Topic, how: Edit) -> Vec<String> {
    let mut p = original.to_vec();
    let trim = |rng: &mut Rng, p: &mut Vec<String>| {
        if p.len() > 3 {
            p.remove(1); // the first paragraph after the headline
        }
        p[0] = headline(rng, t);
    };
    let ads = |rng: &mut Rng, p: &mut Vec<String>| {
        for _ in 0..rng.between(1, 3) {
            let at = rng.between(1, p.len());
            p.insert(at, ADS[rng.below(ADS.len())].to_owned());
        }
    };
    match how {
        Edit::Trimmed => trim(rng, &mut p),
        Edit::Reordered => {
            for i in (2..p.len()).rev() {
                let j = 1 + rng.below(i);
                p.swap(i, j);
            }
        }
        Edit::AdLines => ads(rng, &mut p),
        Edit::Traditional => p = p.iter().map(|s| to_traditional(s)).collect(),
        Edit::Everything => {
            trim(rng, &mut p);
            ads(rng, &mut p);
            p = p.iter().map(|s| to_traditional(s)).collect();
        }
    }
    p
}

/// A corpus of about `bytes` bytes of text: articles on `topics` topics (topic of article i is
/// random), and after every original, with probability `copy_rate`, an edited copy of an
/// earlier original (cycling through [`EDITS`]); copies come later than their originals, as
/// reposts do.
pub fn generate(seed: u64, bytes: usize, topics: usize, copy_rate: f64) -> Vec<GeneratedDoc> {
    let mut rng = Rng::new(seed);
    let pool: Vec<char> = POOL.chars().collect();
    let general: Vec<String> = (0..300).map(|_| word(&mut rng, &pool)).collect();
    let topics: Vec<Topic> = (0..topics.max(1)).map(|_| topic(&mut rng, &pool)).collect();
    let mut docs: Vec<GeneratedDoc> = Vec::new();
    let mut originals: Vec<(usize, Vec<String>)> = Vec::new();
    let (mut total, mut edits) = (0usize, 0usize);
    while total < bytes {
        let name = format!("g{:05}.txt", docs.len());
        let copy = !originals.is_empty() && (rng.below(1000) as f64) < copy_rate * 1000.0;
        let (paragraphs, topic, copy_of) = if copy {
            let (index, original) = &originals[rng.below(originals.len())];
            let how = EDITS[edits % EDITS.len()];
            edits += 1;
            let t = docs[*index].topic;
            (
                edit(&mut rng, original, &topics[t], how),
                t,
                Some((*index, how)),
            )
        } else {
            let t = rng.below(topics.len());
            let p = article(&mut rng, &topics[t], &general);
            originals.push((docs.len(), p.clone()));
            (p, t, None)
        };
        let text = paragraphs.join("\n\n");
        total += text.len();
        docs.push(GeneratedDoc {
            name,
            text,
            topic,
            copy_of,
        });
    }
    docs
}
