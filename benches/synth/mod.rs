//! A reproducible generator of synthetic corpora in dossier's format, for
//! benchmarks and load tests. Shapes are meant to be realistic: articles of
//! varied length (one of 5 MB), entity frequencies that fall off like Zipf's
//! law, aliases in Latin, Cyrillic and Greek script, claims related across
//! documents. The same seed always gives the same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{self, Write};

/// How big a corpus to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub documents: usize,
    pub entities: usize,
    pub mentions: usize,
    pub claims: usize,
    /// Characters of the one very long document (0 for none).
    pub longest: usize,
    /// Documents as a catalogue has them: short, each with its own title,
    /// date and source (else long, all titled "Synthetic article N").
    pub catalogue: bool,
}

impl Scale {
    pub const SMALL: Scale =
        Scale { documents: 100, entities: 2_000, mentions: 20_000, claims: 1_000, longest: 0, catalogue: false };
    pub const LARGE: Scale = Scale {
        documents: 10_000,
        entities: 100_000,
        mentions: 1_000_000,
        claims: 50_000,
        longest: 5_000_000,
        catalogue: false,
    };
    pub const HUGE: Scale = Scale {
        documents: 10_000,
        entities: 1_000_000,
        mentions: 2_000_000,
        claims: 50_000,
        longest: 5_000_000,
        catalogue: false,
    };
    /// 100,000 short documents, for the document picker.
    pub const MANY: Scale =
        Scale { documents: 100_000, entities: 20_000, mentions: 500_000, claims: 10_000, longest: 0, catalogue: true };

    pub fn named(name: &str) -> Option<Scale> {
        match name {
            "small" => Some(Scale::SMALL),
            "large" => Some(Scale::LARGE),
            "huge" => Some(Scale::HUGE),
            "many" => Some(Scale::MANY),
            _ => None,
        }
    }
}

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "za", "khs", "ta", "no", "ri", "ol", "ber", "sen", "tol", "gen", "ov", "na", "zar", "bay", "ev", "as", "lan",
    "mir", "dan", "ur", "al", "ma", "ty", "kos", "te", "pet", "ro", "pav", "lo", "ust", "kam", "vik", "tor", "ya",
];
/// The same syllables in Cyrillic, for aliases in another script.
const CYRILLIC: &[&str] = &[
    "ка", "за", "хс", "та", "но", "ри", "ол", "бер", "сен", "тол", "ген", "ов", "на", "зар", "бай", "ев", "ас", "лан",
    "мир", "дан", "ур", "ал", "ма", "ты", "кос", "те", "пет", "ро", "пав", "ло", "уст", "кам", "вик", "тор", "я",
];
const GREEK: &[&str] = &[
    "κα", "ζα", "χς", "τα", "νο", "ρι", "ολ", "μπερ", "σεν", "τολ", "γεν", "οβ", "να", "ζαρ", "μπαϊ", "εβ", "ας",
    "λαν", "μιρ", "νταν", "ουρ", "αλ", "μα", "τι", "κος", "τε", "πετ", "ρο", "παβ", "λο", "ουστ", "καμ", "βικ", "τορ",
    "για",
];
const FILLER: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "said",
    "that",
    "on",
    "with",
    "was",
    "for",
    "as",
    "by",
    "government",
    "report",
    "according",
    "minister",
    "region",
    "officials",
    "claimed",
    "people",
    "border",
    "policy",
    "years",
    "since",
    "after",
    "would",
    "could",
    "statement",
    "analysts",
    "—",
    "percent",
    "thousand",
    "court",
    "law",
    "city",
    "country",
];
const KINDS: &[(&str, u32)] = &[
    ("person", 40),
    ("organization", 20),
    ("place", 25),
    ("group", 5),
    ("event", 5),
    ("law", 2),
    ("work", 2),
    ("other", 1),
];
const CLAIM_KINDS: &[&str] = &["fact", "statistic", "quote", "opinion", "allegation", "prediction"];
const RELATIONS: &[&str] = &["supports", "contradicts", "elaborates"];

const TOPICS: &[&str] = &[
    "grain corridor",
    "pipeline talks",
    "border dispute",
    "election",
    "language law",
    "court ruling",
    "protests",
    "water rights",
    "rail link",
    "sanctions",
    "mining licence",
    "media law",
    "census",
    "drought",
    "summit",
];
const SOURCES: &[&str] =
    &["The Diplomat", "Eurasianet", "RFE/RL", "Vlast.kz", "Kommersant", "Reuters", "Novaya Gazeta", "The Steppe"];

/// A catalogue document's title: a place, a topic, and who is involved.
fn catalogue_title(rng: &mut Rng) -> String {
    let place = spell(&name_parts(rng)[..1], SYLLABLES);
    let topic = *rng.pick(TOPICS);
    let who = spell(&name_parts(rng), SYLLABLES);
    match rng.below(3) {
        0 => format!("{place}: the {topic} and {who}"),
        1 => format!("{who} on the {topic} in {place}"),
        _ => format!("What the {topic} means for {place}, according to {who}"),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A name of 1 to 3 words: its syllable indices per word.
fn name_parts(rng: &mut Rng) -> Vec<Vec<usize>> {
    let words = 1 + rng.below(3);
    (0..words).map(|_| (0..2 + rng.below(2)).map(|_| rng.below(SYLLABLES.len())).collect()).collect()
}

fn spell(parts: &[Vec<usize>], alphabet: &[&str]) -> String {
    parts.iter().map(|w| capitalised(&w.iter().map(|&i| alphabet[i]).collect::<String>())).collect::<Vec<_>>().join(" ")
}

struct SynthEntity {
    name: String,
    kind: &'static str,
    /// Surface forms used in text: the name, then the aliases.
    forms: Vec<String>,
}

fn entity(rng: &mut Rng, i: usize) -> SynthEntity {
    let parts = name_parts(rng);
    // A numeric suffix keeps names distinct at any scale.
    let name = format!("{} {}", spell(&parts, SYLLABLES), i);
    let total: u32 = KINDS.iter().map(|k| k.1).sum();
    let mut roll = rng.below(total as usize) as u32;
    let kind = KINDS.iter().find(|k| {
        let hit = roll < k.1;
        roll = roll.saturating_sub(k.1);
        hit
    });
    let kind = kind.map_or("other", |k| k.0);
    let mut forms = vec![name.clone()];
    if parts.len() > 1 {
        forms.push(capitalised(&parts.last().unwrap().iter().map(|&s| SYLLABLES[s]).collect::<String>()));
    }
    if rng.chance(0.3) {
        forms.push(format!("{} {}", spell(&parts, CYRILLIC), i));
    }
    if rng.chance(0.1) {
        forms.push(format!("{} {}", spell(&parts, GREEK), i));
    }
    if rng.chance(0.2) {
        let initials: String =
            parts.iter().map(|w| SYLLABLES[w[0]].chars().next().unwrap().to_ascii_uppercase()).collect();
        forms.push(format!("{initials}{i}"));
    }
    SynthEntity { name, kind, forms }
}

/// Cumulative Zipf weights (exponent 1) for sampling entity popularity.
fn zipf_cumulative(n: usize) -> Vec<f64> {
    let mut acc = 0.0;
    (0..n)
        .map(|i| {
            acc += 1.0 / (i as f64 + 1.0);
            acc
        })
        .collect()
}

fn sample(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let x = rng.unit() * cumulative.last().copied().unwrap_or(1.0);
    cumulative.partition_point(|&c| c < x).min(cumulative.len() - 1)
}

/// Writes JSON string contents (escaped, without quotes).
fn json_str(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Document lengths in characters: heavy-tailed, the first one the longest.
fn doc_lengths(rng: &mut Rng, scale: &Scale) -> Vec<usize> {
    (0..scale.documents)
        .map(|i| {
            if i == 0 && scale.longest > 0 {
                scale.longest
            } else {
                // Log-normal-ish: mostly 2–12 KB, now and then 50 KB.
                let u = rng.unit() + rng.unit() + rng.unit();
                let base = if scale.catalogue { 150.0 } else { 1500.0 };
                (base * (u * 1.2).exp()) as usize
            }
        })
        .collect()
}

/// Writes a corpus of the given scale to `out`; returns the number of bytes written.
pub fn write_corpus(out: &mut impl Write, scale: Scale, seed: u64) -> io::Result<usize> {
    let mut rng = Rng::new(seed);
    let entities: Vec<SynthEntity> = (0..scale.entities).map(|i| entity(&mut rng, i)).collect();
    let popularity = zipf_cumulative(scale.entities);
    let lengths = doc_lengths(&mut rng, &scale);
    let total_chars: usize = lengths.iter().sum();
    let mut written = 0;
    let mut emit = |out: &mut dyn Write, s: &str| -> io::Result<()> {
        written += s.len();
        out.write_all(s.as_bytes())
    };

    // Mentions are grouped by entity in the output; collect them as we write texts.
    let mut mentions: Vec<Vec<(u32, u32, u32, u8)>> = vec![Vec::new(); scale.entities];
    // Claims: (doc, start, end) of a sentence, and the entities mentioned in it.
    let mut sentences: Vec<(u32, u32, u32, Vec<u32>)> = Vec::new();

    emit(out, "{\"format\":\"dossier/1\",\"documents\":[")?;
    let mut left = scale.mentions;
    for (d, &len) in lengths.iter().enumerate() {
        let budget = if d + 1 == lengths.len() {
            left
        } else {
            (scale.mentions as f64 * len as f64 / total_chars as f64) as usize
        };
        let budget = budget.min(left);
        left -= budget;
        // One mention every `gap` words on average.
        let words_estimate = (len / 7).max(1);
        let every = (words_estimate / budget.max(1)).max(1);
        let mut text = String::with_capacity(len + 64);
        let mut chars = 0usize;
        let mut placed = 0;
        let mut sentence_start = 0usize;
        let mut sentence_entities: Vec<u32> = Vec::new();
        let mut word = 0usize;
        while chars < len || placed < budget {
            if word > 0 {
                if word % 17 == 0 {
                    text.push_str(". ");
                    chars += 2;
                    if chars - sentence_start > 20 && sentences.len() < scale.claims * 4 && rng.chance(0.5) {
                        sentences.push((
                            d as u32,
                            sentence_start as u32,
                            chars as u32 - 1,
                            std::mem::take(&mut sentence_entities),
                        ));
                    }
                    sentence_entities.clear();
                    sentence_start = chars;
                    if word % 170 == 0 {
                        text.push('\n');
                        chars += 1;
                        sentence_start = chars;
                    }
                } else {
                    text.push(' ');
                    chars += 1;
                }
            }
            if placed < budget && (word % every == 0 || chars >= len) {
                let e = sample(&mut rng, &popularity);
                let form = rng.below(entities[e].forms.len());
                let surface = &entities[e].forms[form];
                let n = surface.chars().count();
                mentions[e].push((d as u32, chars as u32, (chars + n) as u32, form as u8));
                sentence_entities.push(e as u32);
                text.push_str(surface);
                chars += n;
                placed += 1;
            } else {
                let w = *rng.pick(FILLER);
                text.push_str(w);
                chars += w.chars().count();
            }
            word += 1;
        }
        let mut doc = String::with_capacity(text.len() + 200);
        if d > 0 {
            doc.push(',');
        }
        if scale.catalogue {
            let _ = write!(doc, "{{\"id\":\"d{d}\",\"title\":\"");
            json_str(&mut doc, &catalogue_title(&mut rng));
            let (year, month, day) = (2015 + rng.below(11), 1 + rng.below(12), 1 + rng.below(28));
            let source = *rng.pick(SOURCES);
            let _ = write!(
                doc,
                "\",\"published\":\"{year}-{month:02}-{day:02}\",\"source\":\"{source}\",\"authors\":[\"Writer {}\"],",
                d % 97
            );
        } else {
            let _ = write!(
                doc,
                "{{\"id\":\"d{d}\",\"title\":\"Synthetic article {d}\",\"authors\":[\"Writer {}\"],",
                d % 97
            );
        }
        doc.push_str("\"language\":\"en\",\"genre\":\"article\",\"text\":\"");
        json_str(&mut doc, &text);
        doc.push_str("\"}");
        emit(out, &doc)?;
    }

    emit(out, "],\"entities\":[")?;
    for (i, e) in entities.iter().enumerate() {
        let mut s = String::with_capacity(256 + mentions[i].len() * 64);
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{{\"id\":\"e{i}\",\"name\":\"");
        json_str(&mut s, &e.name);
        let _ = write!(s, "\",\"kind\":\"{}\",\"aliases\":[", e.kind);
        for (k, a) in e.forms.iter().skip(1).enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push('"');
            json_str(&mut s, a);
            s.push('"');
        }
        let _ = write!(
            s,
            "],\"description\":\"A synthetic {} mentioned {} times.\",\"mentions\":[",
            e.kind,
            mentions[i].len()
        );
        for (k, &(d, start, end, form)) in mentions[i].iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            let _ = write!(s, "{{\"document\":\"d{d}\",\"start\":{start},\"end\":{end},\"quote\":\"");
            json_str(&mut s, &e.forms[form as usize]);
            s.push_str("\"}");
        }
        s.push_str("]}");
        emit(out, &s)?;
    }

    emit(out, "],\"claims\":[")?;
    let persons: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].kind == "person").take(5000).collect();
    let claims = scale.claims.min(sentences.len());
    // Spread the claims over the sentences found.
    let stride = (sentences.len() / claims.max(1)).max(1);
    for c in 0..claims {
        let (d, start, end, about) = &sentences[c * stride];
        let mut s = String::with_capacity(256);
        if c > 0 {
            s.push(',');
        }
        let kind = rng.pick(CLAIM_KINDS);
        let _ = write!(
            s,
            "{{\"id\":\"c{c}\",\"document\":\"d{d}\",\"span\":{{\"start\":{start},\"end\":{end}}},\"kind\":\"{kind}\""
        );
        if !persons.is_empty() && rng.chance(0.6) {
            let _ = write!(s, ",\"claimant\":\"e{}\"", rng.pick(&persons));
        }
        let mut about: Vec<u32> = about.clone();
        about.sort_unstable();
        about.dedup();
        s.push_str(",\"about\":[");
        for (k, e) in about.iter().take(3).enumerate() {
            if k > 0 {
                s.push(',');
            }
            let _ = write!(s, "\"e{e}\"");
        }
        s.push(']');
        if c > 10 && rng.chance(0.2) {
            let other = rng.below(c);
            let relation = rng.pick(RELATIONS);
            let _ = write!(
                s,
                ",\"relations\":[{{\"claim\":\"c{other}\",\"relation\":\"{relation}\",\"note\":\"Synthetic relation.\"}}]"
            );
        }
        let _ = write!(s, ",\"summary\":\"Synthetic claim {c}.\"}}");
        emit(out, &s)?;
    }
    emit(out, "]}\n")?;
    Ok(written)
}

/// The corpus of a named size with seed 42, written once under
/// `target/synth/` and reused by later runs.
pub fn cached(name: &str) -> std::path::PathBuf {
    let scale = Scale::named(name).expect("small, large, huge or many");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/synth");
    let path = dir.join(format!("{name}-seed42.json"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("target/synth");
        let tmp = path.with_extension("partial");
        let mut out = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp).expect("writable"));
        write_corpus(&mut out, scale, 42).expect("written");
        out.flush().expect("flushed");
        std::fs::rename(&tmp, &path).expect("renamed");
    }
    path
}
