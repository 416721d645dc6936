//! The relation chooser: each relation with its claim and note.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::state::geometry;
use crate::state::{Action, App, ChooseFor, Mode, RelationChooser};
use crate::text::sanitize::display_head;
use crate::text::wrap::fit;
use crate::view::theme::Theme;
use crate::view::{claimant, wrap};

pub fn draw(frame: &mut Frame, app: &App, chooser: &RelationChooser, theme: &Theme) {
    let RelationChooser { from, choices, list, purpose } = chooser;
    let cursor = list.cursor;
    let area = geometry::relations(app.area, choices.len());
    let verb = if *purpose == ChooseFor::Follow { "follows" } else { "compares" };
    let id = display_head(&app.corpus.claim(*from).id, app.area.width as usize);
    let title = format!(
        "Relations of {id} · {} {verb} · {} closes",
        Mode::Popup.key(&Action::Activate),
        Mode::Popup.key(&Action::Back)
    );
    popup(frame, area, title, theme);
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    let visible = chooser.visible(app.area);
    let first = list.offset;
    let mut lines = Vec::new();
    for (i, choice) in choices.iter().enumerate().skip(first).take(visible) {
        let other = app.corpus.claim(choice.other);
        let contradicts = choice.label.starts_with("contradict");
        let head = Line::from(vec![
            Span::styled(format!(" {} ", choice.label), theme.relation(contradicts)),
            Span::raw(format!("→ [{}] ", other.doc.index() + 1)),
            Span::styled(fit(&other.id, width / 2), theme.bold()),
            Span::raw(" "),
            Span::styled(other.kind.tag(), theme.claim_kind(other.kind)),
            Span::raw(format!(" by {}", fit(&claimant(&app.corpus, choice.other), 24))),
        ]);
        lines.push(if i == cursor { theme.on_cursor(head, true) } else { head });
        let text = wrap(
            &format!("   “{}”", crate::text::wrap::head(app.corpus.claim_text(choice.other), width)),
            inner.width,
            1,
        );
        lines.push(Line::raw(text.first().map(|l| fit(l, width)).unwrap_or_default()));
        let note = choice
            .note
            .as_deref()
            .map(|n| fit(&format!("   {}", crate::text::wrap::head(n, width)), width))
            .unwrap_or_default();
        lines.push(Line::styled(note, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
