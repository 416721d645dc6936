//! The corpus overview: only the rows on screen are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, row};
use crate::data::model::RelationKind;
use crate::query::overview;
use crate::state::geometry::{self, VIEW_HEADER};
use crate::state::{Action, App, Mode, OverviewScreen};
use crate::text::sanitize::display_head;
use crate::text::wrap::{cells, fit};
use crate::view::per_document;
use crate::view::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, o: &OverviewScreen, theme: &Theme) {
    let corpus = &app.corpus;
    let area = geometry::view(app.area);
    let key = |a: Action| Mode::View.key(&a);
    let hint = format!(
        "{} goes there · {} a dossier · {} closes",
        key(Action::Activate),
        key(Action::OpenDossier),
        key(Action::Back)
    );
    let filtered = o.filter.label(o.overview.rows.len()).map_or(String::new(), |l| format!(" · {l}"));
    frame_block(frame, area, format!("Corpus overview{filtered}"), &hint, theme);
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    let [supporting, contradicting, elaborating] = o.overview.across;
    let relations = supporting + contradicting + elaborating + o.overview.within;
    let counts = format!(
        "between documents: {supporting} supporting, {contradicting} contradicting, {elaborating} elaborating · {} within a document",
        o.overview.within
    );
    let header = vec![
        Line::styled(
            format!(
                "{} documents · {} entities · {} mentions · {} claims · {relations} relations",
                corpus.documents().len(),
                corpus.entities().len(),
                corpus.mentions().len(),
                corpus.claims().len()
            ),
            theme.bold(),
        ),
        Line::raw(fit(&counts, width)),
        Line::raw(""),
        Line::styled(
            fit(
                &format!(
                    "{} on a document opens it, on an entity its dossier, on a relation the two claims side by side.",
                    key(Action::Activate)
                ),
                width,
            ),
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(header), Rect { height: VIEW_HEADER, ..inner });
    let list = geometry::view_list(app.area, VIEW_HEADER);
    let lines: Vec<Line> = (o.list.offset..o.shown_len())
        .take(list.height as usize)
        .map(|i| (i, &o.overview.rows[o.shown_row(i)]))
        .map(|(i, r)| {
            let line = match *r {
                overview::OverviewRow::Heading(title, n) => Line::styled(format!("{title} · {n}"), theme.accent()),
                overview::OverviewRow::Document(d) => {
                    let doc = corpus.doc(d);
                    use crate::text::number::counted;
                    let stats = format!(
                        " · {} · {} · {}",
                        counted(doc.chars, "char", "chars"),
                        counted(corpus.doc_mentions(d).len(), "mention", "mentions"),
                        counted(corpus.doc_claims(d).len(), "claim", "claims")
                    );
                    let title = format!("  [{}] {}", d.index() + 1, display_head(doc.display_title(), width));
                    let room = width.saturating_sub(cells(&stats));
                    Line::from(vec![Span::styled(fit(&title, room), theme.bold()), Span::styled(stats, theme.dim())])
                }
                overview::OverviewRow::Entity(e) => {
                    let entity = corpus.entity(e);
                    // The name first (up to half the row), the counts in what is left.
                    let name =
                        fit(&format!(" {}", display_head(&entity.name, width)), width.saturating_sub(5).max(2) / 2);
                    let room = width.saturating_sub(5 + cells(&name) + 2);
                    let counts = format!("  {}", per_document(corpus, e, true, room));
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(entity.kind.tag(), theme.mention(&entity.kind)),
                        Span::raw(name),
                        Span::styled(fit(&counts, room + 2), theme.dim()),
                    ])
                }
                overview::OverviewRow::Relation(from, k) => {
                    let claim = corpus.claim(from);
                    let rel = &claim.relations[k];
                    let to = corpus.claim(rel.target);
                    let head = format!("  [{}] {} ", claim.doc.index() + 1, display_head(&claim.id, width));
                    let label = format!("{} → ", rel.kind.name());
                    let target = format!("[{}] {} ", to.doc.index() + 1, display_head(&to.id, width));
                    let used = cells(&head) + cells(&label) + cells(&target);
                    let gist = rel.note.as_deref().unwrap_or("");
                    Line::from(vec![
                        Span::styled(head, theme.bold()),
                        Span::styled(label, theme.relation(rel.kind == RelationKind::Contradicts)),
                        Span::styled(target, theme.bold()),
                        Span::styled(fit(gist, width.saturating_sub(used)), theme.dim()),
                    ])
                }
                overview::OverviewRow::Empty => Line::styled("  none", theme.dim()),
                overview::OverviewRow::Blank => Line::raw(""),
            };
            row(line, i == o.list.cursor, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
