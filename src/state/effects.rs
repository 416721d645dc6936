//! What the state asks the world to do: put a quote on the clipboard (`y`)
//! and write a report to a file (`e`). The state never does I/O; it leaves
//! an [`Effect`] in [`App::effects`] for the terminal edge to carry out, and
//! says so in the status line. What became of a file written is told back
//! through [`Action::Exported`], so the path shown is the one written.

use super::{Action, App, Mode, Pane};
use crate::data::model::{ClaimIdx, EntityIdx};
use crate::query::quote::{self, Quote};
use crate::query::report;

/// Something for the edge to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (the edge writes OSC 52).
    Copy(String),
    /// Write this Markdown report to a new file named after `name`
    /// (`dossier-aslan-tolegenov.md`); the edge answers with [`Action::Exported`].
    Export { name: String, markdown: String },
}

/// Where the config file that turns copying on or off is.
pub const CONFIG_HINT: &str = "$XDG_CONFIG_HOME/dossier/config.toml";

/// How much of a quote the status line shows, in characters (the line cuts it further to fit).
const SUMMARY: usize = 120;

/// `y`: the quote to the clipboard, or why not.
pub(crate) fn copy(app: &mut App, quote: Quote) {
    if !app.settings.osc52 {
        app.message =
            Some(format!("copying is off: set osc52 = true in {CONFIG_HINT} to copy through the terminal (OSC 52)"));
        return;
    }
    let mut summary: String = quote.summary.chars().take(SUMMARY).collect();
    if summary.len() < quote.summary.len() {
        summary.push('…');
    }
    app.message = Some(format!("copied: {summary}"));
    app.effects.push(Effect::Copy(quote.text));
}

/// `e`: a report to a file, its path said once written.
fn export(app: &mut App, name: String, markdown: String) {
    app.message = Some("writing the report…".into());
    app.effects.push(Effect::Export { name, markdown });
}

/// `e` in a dossier: the entity's report.
pub(crate) fn export_dossier(app: &mut App, e: EntityIdx) {
    let markdown = report::dossier(&app.corpus, e);
    export(app, file_stem("dossier", &app.corpus.entity(e).id), markdown);
}

/// `e` in the comparison: both claims, the relation and its note.
pub(crate) fn export_comparison(app: &mut App, left: ClaimIdx, right: ClaimIdx, label: &str, note: Option<&str>) {
    let markdown = report::comparison(&app.corpus, left, right, label, note);
    let (l, r) = (&app.corpus.claim(left).id, &app.corpus.claim(right).id);
    export(app, file_stem("comparison", &format!("{l} {r}")), markdown);
}

/// `y` or `e` where there is nothing to copy or write: where there is.
pub(crate) fn not_here(app: &mut App, action: &Action) {
    let key = Mode::View.key(action);
    app.message = Some(match action {
        Action::Export => format!("{key} writes a report from an entity's dossier or a comparison"),
        _ => format!("{key} copies a quote: from a mention or a claim (in a dossier, a comparison, a claim's detail)"),
    });
}

/// What the edge says of a report it was asked to write.
pub(crate) fn exported(app: &mut App, outcome: &Result<String, String>) {
    app.message = Some(match outcome {
        Ok(path) => format!("report written to {path}"),
        Err(why) => format!("cannot write the report: {why}"),
    });
}

/// `y` on the main screen: in the Claims pane the claim under the cursor;
/// elsewhere the current mention in its sentence (the one last gone to, in
/// this document), else the marked claim.
pub(crate) fn copy_from_main(app: &mut App) {
    let claim = if app.main.focus == Pane::Claims { app.view().claims.item } else { None };
    let mention = app.reader.mention.filter(|&m| app.corpus.mention(m).doc == app.reader.doc);
    let quote = match (claim, mention, app.view().claim) {
        (Some(c), _, _) => quote::of_claim(&app.corpus, c),
        (None, Some(m), _) if app.main.focus != Pane::Claims => quote::of_mention(&app.corpus, m),
        (None, _, Some(c)) => quote::of_claim(&app.corpus, c),
        _ => {
            let key = |a: Action| Mode::Normal.key(&a);
            app.message = Some(format!(
                "{} copies a quote: go to a mention ({}, {}) or a claim (in the Claims pane)",
                key(Action::Copy),
                key(Action::OpenFinder),
                key(Action::Next)
            ));
            return;
        }
    };
    copy(app, quote);
}

/// A file name's stem from an id or a name: letters, digits and `-`, at
/// most 60 characters, `what` when nothing is left.
pub fn file_stem(what: &str, id: &str) -> String {
    let mut stem = String::new();
    for ch in id.chars() {
        if ch.is_alphanumeric() {
            stem.extend(ch.to_lowercase());
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() { what.to_string() } else { format!("{what}-{stem}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn copied(app: &App) -> Vec<String> {
        app.effects.iter().filter_map(|e| if let Effect::Copy(t) = e { Some(t.clone()) } else { None }).collect()
    }

    #[test]
    fn y_in_the_text_copies_the_current_mention_in_its_sentence_with_its_citation() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Copy);
        assert!(app.effects.is_empty(), "nothing to copy yet");
        assert!(app.message.as_deref().unwrap().starts_with("y copies a quote"), "{:?}", app.message);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        let m = app.reader.mention.unwrap();
        update(&mut app, Action::Copy);
        assert_eq!(copied(&app), [quote::of_mention(&app.corpus, m).text]);
        let text = &copied(&app)[0];
        assert!(
            text.contains("Aslan Tolegenov") && text.contains("\n— Blogger detained in Kostanay, offset "),
            "{text}"
        );
        assert!(app.message.as_deref().unwrap().starts_with("copied: "), "{:?}", app.message);
    }

    #[test]
    fn y_in_the_claims_pane_copies_the_claim_under_the_cursor() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        let c = app.view().claims.item.unwrap();
        update(&mut app, Action::Copy);
        assert_eq!(copied(&app), [quote::of_claim(&app.corpus, c).text]);
        assert!(copied(&app)[0].contains(app.corpus.claim_text(c).trim()));
    }

    #[test]
    fn y_with_copying_off_says_how_to_turn_it_on() {
        let mut app = sample_app(120, 40);
        app.settings.osc52 = false;
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::Copy);
        assert!(app.effects.is_empty());
        assert_eq!(
            app.message.as_deref(),
            Some(
                "copying is off: set osc52 = true in $XDG_CONFIG_HOME/dossier/config.toml to copy through the terminal (OSC 52)"
            )
        );
        assert!(Settings::default().osc52, "on unless turned off");
    }

    #[test]
    fn what_the_edge_says_of_a_report_is_shown() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Exported(Ok("/tmp/dossier-x.md".into())));
        assert_eq!(app.message.as_deref(), Some("report written to /tmp/dossier-x.md"));
        update(&mut app, Action::Exported(Err("permission denied".into())));
        assert_eq!(app.message.as_deref(), Some("cannot write the report: permission denied"));
    }

    fn exports(app: &App) -> Vec<(String, String)> {
        app.effects
            .iter()
            .filter_map(|e| match e {
                Effect::Export { name, markdown } => Some((name.clone(), markdown.clone())),
                Effect::Copy(_) => None,
            })
            .collect()
    }

    /// The dossier of Tolegenov, its cursor on the first row of `row`'s kind.
    fn dossier_at(row: impl Fn(&crate::query::dossier::DossierRow) -> bool) -> App {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let at = d.dossier.rows(&app.corpus, 0..d.dossier.len()).iter().position(row).expect("such a row");
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(at as i32));
        app
    }

    #[test]
    fn y_in_the_dossier_copies_the_mention_the_claim_or_the_relation_under_the_cursor() {
        use crate::query::dossier::DossierRow;
        let mut app = dossier_at(|r| matches!(r, DossierRow::Mention(_)));
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::Copy);
        assert_eq!(copied(&app), [quote::of_mention(&app.corpus, app.corpus.entity_mentions(t)[0]).text]);
        let mut app = dossier_at(|r| matches!(r, DossierRow::Claim(_)));
        update(&mut app, Action::Copy);
        let charges = app.corpus.claim_by_id("a-charges").unwrap();
        assert_eq!(copied(&app), [quote::of_claim(&app.corpus, charges).text]);
        let mut app = dossier_at(|r| matches!(r, DossierRow::Link(..)));
        update(&mut app, Action::Copy);
        let text = &copied(&app)[0];
        assert!(text.contains("\n\nelaborates\n\n“He was detained for 10 to 15 days"), "{text}");
        // A heading: nothing to copy, and the status line says what is.
        let mut app = dossier_at(|r| matches!(r, DossierRow::Heading(..)));
        update(&mut app, Action::Copy);
        assert!(app.effects.is_empty());
        assert!(app.message.as_deref().unwrap().starts_with("y copies a quote: from a mention or a claim"));
    }

    #[test]
    fn in_the_comparison_y_copies_both_passages_and_e_writes_them_with_the_note() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        let (a, b) = (app.corpus.claim_by_id("a-arrest").unwrap(), app.corpus.claim_by_id("i-detention").unwrap());
        app.reader.views[0].claims.item = Some(a);
        update(&mut app, Action::OpenCompare);
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        let note = c.note.clone();
        update(&mut app, Action::Copy);
        assert_eq!(copied(&app), [quote::of_comparison(&app.corpus, a, b, "contradicts", note.as_deref()).text]);
        assert!(app.message.as_deref().unwrap().starts_with("copied: “"));
        update(&mut app, Action::Export);
        assert!(matches!(app.screens.top(), Some(Screen::Compare(_))), "the comparison stays");
        let want = report::comparison(&app.corpus, a, b, "contradicts", note.as_deref());
        assert_eq!(exports(&app).last().cloned(), Some(("comparison-a-arrest-i-detention".into(), want)));
        assert_eq!(app.message.as_deref(), Some("writing the report…"));
    }

    #[test]
    fn e_in_the_dossier_writes_its_report_and_elsewhere_says_where_it_does() {
        let mut app = dossier_at(|r| matches!(r, crate::query::dossier::DossierRow::Claim(_)));
        update(&mut app, Action::Export);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        assert_eq!(exports(&app), [("dossier-tolegenov".into(), report::dossier(&app.corpus, t))]);
        let taken = app.take_effects();
        assert_eq!(taken.len(), 1);
        assert!(app.effects.is_empty(), "handed over once");
        update(&mut app, Action::Back);
        update(&mut app, Action::OpenOverview);
        update(&mut app, Action::Export);
        assert!(app.effects.is_empty());
        assert_eq!(app.message.as_deref(), Some("e writes a report from an entity's dossier or a comparison"));
    }

    #[test]
    fn file_stems_are_plain() {
        assert_eq!(file_stem("dossier", "Aslan Tolegenov"), "dossier-aslan-tolegenov");
        assert_eq!(file_stem("dossier", "../../etc/passwd"), "dossier-etc-passwd");
        assert_eq!(file_stem("dossier", "Аслан"), "dossier-аслан");
        assert_eq!(file_stem("dossier", "\u{1b}/"), "dossier");
        assert!(file_stem("d", &"x".repeat(500)).len() <= 62);
    }
}
