//! The Claims pane's filters: by kind (`t` while the pane has the keys, as
//! `t` cycles entity kinds in the Entities pane), by claimant (`b` takes the
//! claimant of the claim under the cursor), related only / contradicted
//! only (`x` cycles), all cleared by `C`. With the pins (see
//! [`super::pins`]) they narrow the rows `claim_rows` makes, in
//! `App::settle`; the pane's title says what is active and an empty list
//! says how to widen it.

use super::{Action, App, Mode, Pane};
use crate::data::model::{ClaimIdx, ClaimKind, Corpus, EntityIdx, RelationKind};
use crate::text::sanitize::display_head;

/// Which of a claim's relations it must have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Related {
    #[default]
    Any,
    /// Claims related to any other claim.
    Related,
    /// Claims that contradict another or are contradicted by one.
    Contradicted,
}

impl Related {
    fn next(self) -> Related {
        match self {
            Related::Any => Related::Related,
            Related::Related => Related::Contradicted,
            Related::Contradicted => Related::Any,
        }
    }

    /// How the pane's title says it.
    pub fn label(self) -> &'static str {
        match self {
            Related::Any => "",
            Related::Related => "related only",
            Related::Contradicted => "contradicted only",
        }
    }
}

/// Who makes the claims shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Claimant {
    Entity(EntityIdx),
    /// Claims with no claimant entity, made by their documents' authors,
    /// named as [`Corpus::claimant_name`] names them ("the author" when unknown).
    Authors(String),
}

impl Claimant {
    fn of(corpus: &Corpus, c: ClaimIdx) -> Claimant {
        match corpus.claim(c).claimant {
            Some(e) => Claimant::Entity(e),
            None => Claimant::Authors(corpus.claimant_name(c)),
        }
    }

    fn makes(&self, corpus: &Corpus, c: ClaimIdx) -> bool {
        match (self, corpus.claim(c).claimant) {
            (Claimant::Entity(e), Some(x)) => *e == x,
            (Claimant::Authors(names), None) => corpus.claimant_name(c) == *names,
            _ => false,
        }
    }

    /// The claimant's name, unsanitized.
    pub fn name<'c>(&'c self, corpus: &'c Corpus) -> &'c str {
        match self {
            Claimant::Entity(e) => &corpus.entity(*e).name,
            Claimant::Authors(names) => names,
        }
    }
}

/// What the Claims pane is narrowed to, beyond its scope and the selected entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ClaimFilter {
    pub kind: Option<ClaimKind>,
    pub claimant: Option<Claimant>,
    pub related: Related,
}

impl ClaimFilter {
    pub fn is_empty(&self) -> bool {
        *self == ClaimFilter::default()
    }

    pub fn allows(&self, corpus: &Corpus, c: ClaimIdx) -> bool {
        let claim = corpus.claim(c);
        self.kind.is_none_or(|k| claim.kind == k)
            && self.claimant.as_ref().is_none_or(|who| who.makes(corpus, c))
            && match self.related {
                Related::Any => true,
                Related::Related => corpus.link_count(c) > 0,
                Related::Contradicted => {
                    (0..corpus.link_count(c)).any(|l| corpus.link(c, l).kind == RelationKind::Contradicts)
                }
            }
    }

    /// What is active, for the pane's title: `statistic · by Tokayev ·
    /// contradicted only`, each name cut to `cells`.
    pub fn parts(&self, corpus: &Corpus, cells: usize) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(k) = self.kind {
            parts.push(k.name().to_string());
        }
        if let Some(who) = &self.claimant {
            parts.push(format!("by {}", display_head(who.name(corpus), cells)));
        }
        if self.related != Related::Any {
            parts.push(self.related.label().to_string());
        }
        parts
    }
}

/// Keeps the claims the pins and the filter allow.
pub fn narrow(rows: &mut Vec<ClaimIdx>, corpus: &Corpus, pins: &super::pins::Pins, filter: &ClaimFilter) {
    if pins.is_empty() && filter.is_empty() {
        return;
    }
    rows.retain(|&c| pins.allows(corpus.claim(c).doc) && filter.allows(corpus, c));
}

/// The claim kinds present in the corpus, in their defined order.
fn kinds(corpus: &Corpus) -> Vec<ClaimKind> {
    let mut present = [false; ClaimKind::ALL.len()];
    for claim in corpus.claims() {
        if let Some(i) = ClaimKind::ALL.iter().position(|&k| k == claim.kind) {
            present[i] = true;
        }
        if present.iter().all(|&p| p) {
            break;
        }
    }
    ClaimKind::ALL.iter().zip(present).filter(|(_, p)| *p).map(|(&k, _)| k).collect()
}

/// `t` with the Claims pane focused: the next kind present, then all kinds.
pub(crate) fn cycle_kind(app: &mut App) {
    let kinds = kinds(&app.corpus);
    let filter = &mut app.reader.claim_filter;
    filter.kind = match filter.kind {
        None => kinds.first().copied(),
        Some(k) => kinds.iter().position(|&x| x == k).and_then(|i| kinds.get(i + 1)).copied(),
    };
}

/// `b`: only the claims of whoever makes the claim under the cursor; again, every claimant's.
pub(crate) fn toggle_claimant(app: &mut App) {
    if !claims_focused(app, Action::FilterClaimant) {
        return;
    }
    let Some(c) = app.view().claims.item else {
        app.message = Some(format!(
            "{} keeps the claims of the claimant under the cursor: there is no claim",
            key(Action::FilterClaimant)
        ));
        return;
    };
    let who = Claimant::of(&app.corpus, c);
    let filter = &mut app.reader.claim_filter;
    filter.claimant = if filter.claimant.as_ref() == Some(&who) { None } else { Some(who) };
}

/// `x`: all claims, related only, contradicted only.
pub(crate) fn cycle_related(app: &mut App) {
    if claims_focused(app, Action::CycleRelated) {
        app.reader.claim_filter.related = app.reader.claim_filter.related.next();
    }
}

/// `C`: every claim filter off (the pins and the selected entity stay).
pub(crate) fn clear(app: &mut App) {
    if app.reader.claim_filter.is_empty() {
        app.message = Some("no claim filter is on".into());
    } else {
        app.reader.claim_filter = ClaimFilter::default();
        app.message = Some("claim filters cleared".into());
    }
}

/// Whether the Claims pane has the keys; if not, says where `action` works.
fn claims_focused(app: &mut App, action: Action) -> bool {
    if app.main.focus == Pane::Claims {
        return true;
    }
    app.message = Some(format!("{} narrows the Claims pane: focus it first ({})", key(action), key(Action::FocusNext)));
    false
}

fn key(action: Action) -> String {
    Mode::Normal.key(&action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::DocIdx;
    use crate::state::fixture::sample_app;
    use crate::state::{Scope, update};

    fn ids(app: &App) -> Vec<String> {
        app.derived.claim_rows.iter().map(|&c| app.corpus.claim(c).id.clone()).collect()
    }

    fn all_docs_claims() -> App {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::ToggleScope);
        assert_eq!(app.reader.claim_scope, Scope::Corpus);
        app
    }

    #[test]
    fn t_in_the_claims_pane_cycles_claim_kinds_and_leaves_entity_kinds_alone() {
        let mut app = all_docs_claims();
        let all = app.derived.claim_rows.len();
        let present = kinds(&app.corpus);
        assert!(present.len() >= 2, "the sample has several kinds: {present:?}");
        update(&mut app, Action::CycleKind);
        assert_eq!(app.reader.claim_filter.kind, Some(present[0]));
        assert_eq!(app.reader.entity_options.kind, None, "the entity filter is the Entities pane's");
        assert!(app.derived.claim_rows.iter().all(|&c| app.corpus.claim(c).kind == present[0]));
        assert!(app.derived.claim_rows.len() < all);
        for _ in 0..present.len() {
            update(&mut app, Action::CycleKind);
        }
        assert_eq!(app.reader.claim_filter.kind, None, "round to every kind");
        assert_eq!(app.derived.claim_rows.len(), all);
        // In the Entities pane, t is the entity kind filter still.
        update(&mut app, Action::Focus(Pane::Entities));
        update(&mut app, Action::CycleKind);
        assert!(app.reader.entity_options.kind.is_some());
        assert_eq!(app.reader.claim_filter.kind, None);
    }

    #[test]
    fn b_keeps_the_claimant_under_the_cursor_and_x_the_related_and_they_combine() {
        let mut app = all_docs_claims();
        let all = ids(&app);
        // Yuritsyn's claims, in the interview.
        let yuritsyn = app.corpus.entity_by_id("yuritsyn").unwrap();
        let first = app.derived.claim_rows.iter().position(|&c| app.corpus.claim(c).claimant == Some(yuritsyn));
        update(&mut app, Action::Move(first.expect("Yuritsyn makes claims") as i32));
        update(&mut app, Action::FilterClaimant);
        assert_eq!(app.reader.claim_filter.claimant, Some(Claimant::Entity(yuritsyn)));
        let by = ids(&app);
        assert!(!by.is_empty() && by.len() < all.len());
        assert!(app.derived.claim_rows.iter().all(|&c| app.corpus.claim(c).claimant == Some(yuritsyn)));
        update(&mut app, Action::CycleRelated);
        assert_eq!(app.reader.claim_filter.related, Related::Related);
        assert!(app.derived.claim_rows.iter().all(|&c| app.corpus.link_count(c) > 0));
        assert!(app.derived.claim_rows.iter().all(|&c| app.corpus.claim(c).claimant == Some(yuritsyn)));
        update(&mut app, Action::CycleRelated);
        assert_eq!(app.reader.claim_filter.related, Related::Contradicted);
        for &c in &app.derived.claim_rows {
            assert!(app.corpus.links(c).iter().any(|l| l.kind == RelationKind::Contradicts));
        }
        // b again on one of them: every claimant again, still contradicted only.
        update(&mut app, Action::FilterClaimant);
        assert_eq!(app.reader.claim_filter.claimant, None);
        assert_eq!(app.reader.claim_filter.related, Related::Contradicted);
        update(&mut app, Action::ClearClaimFilters);
        assert!(app.reader.claim_filter.is_empty());
        assert_eq!(ids(&app), all);
    }

    #[test]
    fn the_authors_claims_are_one_claimant() {
        let mut app = all_docs_claims();
        let authors = app.derived.claim_rows.iter().position(|&c| app.corpus.claim(c).claimant.is_none());
        update(&mut app, Action::Move(authors.expect("the report's author makes claims") as i32));
        update(&mut app, Action::FilterClaimant);
        assert_eq!(app.reader.claim_filter.claimant, Some(Claimant::Authors("A. Writer".into())));
        assert!(!app.derived.claim_rows.is_empty());
        assert!(
            app.derived
                .claim_rows
                .iter()
                .all(|&c| app.corpus.claim(c).claimant.is_none() && app.corpus.claim(c).doc == DocIdx(0))
        );
    }

    #[test]
    fn filter_keys_want_the_claims_pane() {
        let mut app = sample_app(120, 40);
        for action in [Action::FilterClaimant, Action::CycleRelated] {
            update(&mut app, action);
            assert!(app.reader.claim_filter.is_empty());
            assert!(app.message.as_deref().unwrap().contains("focus it first"), "{:?}", app.message);
        }
        update(&mut app, Action::ClearClaimFilters);
        assert_eq!(app.message.as_deref(), Some("no claim filter is on"));
    }
}
