//! How the details other tools' files give a mention are drawn, wherever
//! they are drawn (the Entities pane's detail, the dossier): a fact's
//! style, a mention's details on one line, a link read from one end, and
//! a mention's text with its fragments highlighted and the gaps between
//! them not.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::data::model::{Corpus, MentionIdx};
use crate::query::details::{Fact, LinkEnd, LinkTally, Tally, mention_facts};
use crate::text::sanitize::display_head;
use crate::text::wrap::{cells, fit};
use crate::view::theme::Theme;

/// A fact's style: notes as notes, the rest plain but for the label, which is dim.
pub fn fact_style(fact: Fact, theme: &Theme) -> Style {
    match fact {
        Fact::Label(_) => theme.dim(),
        Fact::Note(_) => theme.note(),
        Fact::Attribute(_) | Fact::Reference(_) => Style::new(),
    }
}

/// A distinct fact of an entity's mentions, with on how many of them when
/// it has several (`Confidence: High ×2`), cut to `cells`.
pub fn tally_text(corpus: &Corpus, t: &Tally, several: bool, cells: usize) -> Option<String> {
    let fact = t.fact(corpus)?;
    let text = fact.to_string();
    let text = display_head(&text, cells);
    Some(if several { format!("{text} ×{}", t.count) } else { text.into_owned() })
}

/// A mention's details on one line, safe to show: the file's ids, how many
/// fragments it has when more than one, then (`with_facts`) its facts,
/// joined by ` · `.
pub fn mention_line(corpus: &Corpus, m: MentionIdx, with_facts: bool, cells: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = corpus.mention_detail(m) {
        parts.extend(d.ids.iter().map(|id| display_head(id, cells).into_owned()));
    }
    let fragments = corpus.mention_fragments(m).len();
    if fragments > 1 {
        parts.push(format!("{fragments} fragments"));
    }
    let mut used = 0;
    for fact in mention_facts(corpus, m).filter(|_| with_facts) {
        if used > cells {
            break;
        }
        let text = fact.to_string();
        let shown = display_head(&text, cells).into_owned();
        used += shown.len() + 3;
        parts.push(shown);
    }
    parts.join(" · ")
}

/// A link read from the end at hand, with its kind's style: (`Partner →`
/// or `Agent ←`, the other end's entity name), safe to show.
pub fn link_head(corpus: &Corpus, end: LinkEnd, cells: usize) -> Option<(String, String)> {
    let link = end.link(corpus)?;
    let other = corpus.entity(corpus.mention(end.other(corpus)).entity);
    let head = format!("{} {}", display_head(&link.kind, cells), end.arrow(corpus));
    Some((head, display_head(&other.name, cells).into_owned()))
}

/// A compact relation of an entity: `Partner → CNPC`, with `×n` when it is many links.
pub fn link_tally_spans(corpus: &Corpus, t: &LinkTally, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let Some((head, other)) = link_head(corpus, t.end, width) else { return Vec::new() };
    let count = if t.count > 1 { format!(" ×{}", t.count) } else { String::new() };
    let head = fit(&head, width);
    let rest = width.saturating_sub(cells(&head) + 1 + cells(&count));
    let mut spans = vec![Span::styled(head, theme.relation(false)), Span::raw(" "), Span::raw(fit(&other, rest))];
    if !count.is_empty() {
        spans.push(Span::styled(count, theme.dim()));
    }
    spans
}

/// The mention's text in at most `width` cells: each fragment in `style`,
/// what lies between fragments plain (a discontinuous mention's gap is not
/// part of it). A continuous mention is one piece, as `fit` would cut it.
pub fn mention_pieces(corpus: &Corpus, m: MentionIdx, width: usize, style: Style) -> Vec<Span<'static>> {
    let mention = corpus.mention(m);
    let text = &corpus.doc(mention.doc).text;
    let fragments = corpus.mention_fragments(m);
    let mut pieces: Vec<(&str, Style)> = Vec::with_capacity(fragments.len() * 2);
    let mut at = mention.span.start as usize;
    for f in fragments {
        let (start, end) = (f.start as usize, f.end as usize);
        if start > at {
            pieces.push((text.get(at..start).unwrap_or(""), Style::new()));
        }
        pieces.push((text.get(start..end).unwrap_or(""), style));
        at = at.max(end);
    }
    let mut out = Vec::with_capacity(pieces.len());
    let mut used = 0;
    for (piece, style) in pieces {
        let room = width.saturating_sub(used);
        if room == 0 {
            break;
        }
        let shown = fit(&display_head(piece, room), room);
        used += cells(&shown);
        out.push(Span::styled(shown, style));
    }
    out
}

/// The cells `mention_pieces` would take with no limit but `max`.
pub fn mention_width(corpus: &Corpus, m: MentionIdx, max: usize) -> usize {
    mention_pieces(corpus, m, max, Style::new()).iter().map(|s| cells(&s.content)).sum()
}
