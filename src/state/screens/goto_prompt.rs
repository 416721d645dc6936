//! The `:` prompt: a document's number or id typed into the status line.
//! Tab completes an id (to what every id starting with it shares, then
//! through them one by one); Enter goes there, or says there is no such
//! document and stays for the typing to be mended.

use super::Next;
use crate::data::model::DocIdx;
use crate::state::input::LineInput;
use crate::state::navigate::leave_for;
use crate::state::{Action, App};

/// The longest number or id the prompt takes, in characters.
pub const GOTO_MAX: usize = 256;

#[derive(Debug)]
pub struct GotoPrompt {
    pub query: LineInput,
    /// While Tab goes through the ids that start with what was typed: that
    /// start, and which of them is shown.
    cycling: Option<(String, usize)>,
}

impl Default for GotoPrompt {
    fn default() -> Self {
        GotoPrompt { query: LineInput::new(GOTO_MAX, "the document prompt"), cycling: None }
    }
}

impl GotoPrompt {
    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        if let Some(edit) = self.query.edit(&action) {
            if edit.message.is_some() {
                app.message = edit.message;
            }
            self.cycling = None;
            return Next::Stay;
        }
        match action {
            Action::Back => Next::Close,
            Action::Complete => {
                self.complete(app);
                Next::Stay
            }
            Action::Activate => match app.documents.resolve(&app.corpus, self.query.text()) {
                Ok(d) => {
                    leave_for(app, d);
                    Next::Close
                }
                Err(message) => {
                    app.message = Some(message);
                    Next::Stay
                }
            },
            _ => Next::Stay,
        }
    }

    fn set(&mut self, text: &str) {
        self.query.edit(&Action::ClearInput);
        self.query.edit(&Action::InputText(text.to_string()));
    }

    /// Tab: what every id that starts with the text shares, when that is
    /// more; else the next of those ids.
    fn complete(&mut self, app: &mut App) {
        if let Some((start, turn)) = &mut self.cycling {
            let found = app.documents.ids_starting(start);
            if !found.is_empty() {
                *turn = (*turn + 1) % found.len();
                let id = app.corpus.doc(DocIdx(found[*turn].1)).id.clone();
                let keep = self.cycling.take();
                self.set(&id);
                self.cycling = keep;
            }
            return;
        }
        let typed = self.query.text().to_string();
        if let Some(longer) = app.documents.common_start(&app.corpus, &typed) {
            self.set(&longer);
            return;
        }
        let found = app.documents.ids_starting(&typed);
        match found.len() {
            0 => app.message = Some(format!("no document id starts with \"{typed}\"")),
            n => {
                // What is typed may be an id itself (`d12` of `d12`, `d120`…): then the next one.
                let turn = usize::from(n > 1 && *found[0].0 == *crate::query::documents::fold(typed.trim()));
                let id = app.corpus.doc(DocIdx(found[turn].1)).id.clone();
                self.set(&id);
                self.cycling = Some((typed, turn));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::data::model::DocIdx;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    /// Documents d0 to d11.
    fn many_ids() -> crate::data::model::Corpus {
        let docs: Vec<serde_json::Value> =
            (0..12).map(|i| serde_json::json!({"id": format!("d{i}"), "text": "x"})).collect();
        let json = serde_json::json!({ "documents": docs }).to_string();
        crate::data::load::load_sources(&[crate::data::load::Source::new("t.json", json)], "t").unwrap()
    }

    fn prompt_text(app: &App) -> String {
        match app.screens.top() {
            Some(Screen::Goto(g)) => g.query.text().to_string(),
            other => panic!("the prompt is not open: {other:?}"),
        }
    }

    #[test]
    fn a_number_or_an_id_goes_there_as_a_jump() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenGoto);
        assert_eq!(app.mode(), Mode::Goto);
        update(&mut app, Action::InputText("2".into()));
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.screens.is_empty()), (DocIdx(1), true));
        update(&mut app, Action::JumpBack);
        assert_eq!(app.reader.doc, DocIdx(0));
        let id = app.corpus.doc(DocIdx(1)).id.clone();
        update(&mut app, Action::OpenGoto);
        update(&mut app, Action::InputText(id.to_uppercase()));
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.doc, DocIdx(1), "an id, in any case");
    }

    #[test]
    fn an_unknown_document_is_said_and_the_prompt_stays() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenGoto);
        update(&mut app, Action::InputText("5000".into()));
        update(&mut app, Action::Activate);
        assert_eq!(app.message.as_deref(), Some("no such document: 5000 (the corpus has 2 documents)"));
        assert_eq!(prompt_text(&app), "5000", "still open, to mend");
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::InputText("nowhere".into()));
        update(&mut app, Action::Activate);
        assert_eq!(app.message.as_deref(), Some("no such document: nowhere"));
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
        assert_eq!(app.reader.doc, DocIdx(0));
    }

    #[test]
    fn tab_completes_ids_then_goes_through_them() {
        let mut app = sample_app(120, 40);
        let ids: Vec<String> = app.corpus.documents().iter().map(|d| d.id.clone()).collect();
        update(&mut app, Action::OpenGoto);
        // The first letter of the second id, which only it starts with: completed whole.
        let only = &ids[1][..1];
        assert!(!ids[0].starts_with(only), "{ids:?}");
        update(&mut app, Action::InputText(only.into()));
        update(&mut app, Action::Complete);
        assert_eq!(prompt_text(&app), ids[1]);
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.doc, DocIdx(1));
        // Nothing typed: every id starts with it; Tab goes through them in order.
        update(&mut app, Action::OpenGoto);
        update(&mut app, Action::Complete);
        let mut sorted = ids.clone();
        sorted.sort_by_key(|s| s.to_lowercase());
        assert_eq!(prompt_text(&app), sorted[0]);
        update(&mut app, Action::Complete);
        assert_eq!(prompt_text(&app), sorted[1]);
        update(&mut app, Action::Complete);
        assert_eq!(prompt_text(&app), sorted[0], "round again");
        // What is typed is an id and the start of others: Tab goes to the next.
        let mut many = App::new(many_ids(), 120, 40);
        update(&mut many, Action::OpenGoto);
        update(&mut many, Action::InputText("d1".into()));
        update(&mut many, Action::Complete);
        assert_eq!(prompt_text(&many), "d10");
        update(&mut many, Action::Complete);
        assert_eq!(prompt_text(&many), "d11");
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::InputText("zz".into()));
        update(&mut app, Action::Complete);
        assert_eq!(app.message.as_deref(), Some("no document id starts with \"zz\""));
    }
}
