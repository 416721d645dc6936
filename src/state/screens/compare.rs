//! The comparison (`c`): two related claims side by side, each in its
//! paragraph, with the relation and the annotator's note on how they differ.

use super::Next;
use crate::data::model::ClaimIdx;
use crate::query::quote;
use crate::state::navigate::go_to_claim;
use crate::state::{Action, App, MouseKind};
use crate::state::{effects, geometry};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareScreen {
    pub left: ClaimIdx,
    pub right: ClaimIdx,
    /// The relation as seen from the left claim, e.g. "contradicts".
    pub label: &'static str,
    pub note: Option<String>,
    /// The side Enter goes to: 0 left, 1 right.
    pub side: usize,
}

impl CompareScreen {
    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        match action {
            Action::FocusLeft => self.side = 0,
            Action::FocusRight => self.side = 1,
            Action::Mouse { kind: MouseKind::Click, column, .. } => {
                let view = geometry::inner(geometry::view(app.area));
                self.side = usize::from(column >= view.x + view.width / 2);
            }
            Action::Activate => {
                go_to_claim(app, if self.side == 0 { self.left } else { self.right });
                return Next::CloseAll;
            }
            Action::Back => return Next::Close,
            Action::Copy => {
                let quote = quote::of_comparison(&app.corpus, self.left, self.right, self.label, self.note.as_deref());
                effects::copy(app, quote);
            }
            Action::Export => {
                effects::export_comparison(app, self.left, self.right, self.label, self.note.as_deref());
            }
            _ => {}
        }
        Next::Stay
    }
}

#[cfg(test)]
mod tests {
    use crate::data::model::*;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    #[test]
    fn c_on_a_dossier_relation_compares_and_esc_walks_back_through_the_views() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenOverview);
        let rows = match app.screens.top() {
            Some(Screen::Overview(o)) => o.overview.rows.clone(),
            _ => panic!("no overview"),
        };
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        let at = rows.iter().position(|r| *r == crate::query::overview::OverviewRow::Entity(t)).unwrap();
        update(&mut app, Action::Move(at as i32));
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        // On a claim line, c says where it works and changes nothing.
        let arrest = app.corpus.claim_by_id("a-arrest").unwrap();
        let all = d.dossier.rows(&app.corpus, 0..d.dossier.len());
        let claim_row = all.iter().position(|r| *r == crate::query::dossier::DossierRow::Claim(arrest)).unwrap();
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(claim_row as i32));
        update(&mut app, Action::OpenCompare);
        assert!(matches!(app.screens.top(), Some(Screen::Dossier(_))));
        assert!(app.message.as_deref().unwrap().contains("relation line"));
        // On its relation line, c opens the comparison of the two claims.
        update(&mut app, Action::Move(1));
        update(&mut app, Action::OpenCompare);
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        assert_eq!((c.left, c.right, c.label), (arrest, app.corpus.claim_by_id("i-detention").unwrap(), "contradicts"));
        // Esc: back to the dossier, on the same line; Esc: the overview; Esc: the text.
        update(&mut app, Action::Back);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("not back in the dossier") };
        assert_eq!(d.list.cursor, claim_row + 1);
        update(&mut app, Action::Back);
        assert!(matches!(app.screens.top(), Some(Screen::Overview(_))));
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
    }

    #[test]
    fn compare_picks_a_relation_and_enter_goes_to_either_side() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::GotoDoc(1));
        update(&mut app, Action::Focus(Pane::Claims));
        let detention = app.corpus.claim_by_id("i-detention").unwrap();
        app.reader.views[1].claims.item = Some(detention);
        update(&mut app, Action::OpenCompare);
        assert!(matches!(
            app.screens.top(),
            Some(Screen::Relations(RelationChooser { purpose: ChooseFor::Compare, .. }))
        ));
        update(&mut app, Action::Activate);
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        assert_eq!((c.left, c.right), (detention, app.corpus.claim_by_id("a-arrest").unwrap()));
        assert_eq!(c.label, "contradicted by");
        assert!(c.note.as_deref().unwrap().starts_with("Ten days here"));
        update(&mut app, Action::FocusRight);
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.view().claim), (DocIdx(0), app.corpus.claim_by_id("a-arrest")));
        update(&mut app, Action::JumpBack);
        assert_eq!(app.reader.doc, DocIdx(1));
    }
}
