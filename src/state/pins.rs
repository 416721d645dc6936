//! Pinned entities, Datashare's most used filter: with one or more pinned,
//! the lists that cover the corpus (the Entities pane's "all docs" scope,
//! the Claims pane) show only the documents that name every one of them.
//! [`Pins::allows`] is a bit per document, worked out when the pins change,
//! so any list (a document picker's too) can ask it per row.

use super::{App, EntityRow};
use crate::data::model::{Corpus, DocIdx, EntityIdx, EntityKind};
use crate::text::sanitize::display_head;

/// The pinned entities, in the order pinned, and the documents that name them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pins {
    entities: Vec<EntityIdx>,
    /// A bit per document: set when it names every pinned entity. Empty when nothing is pinned.
    allowed: Vec<u64>,
    documents: usize,
    /// Bumped on every change, so what is derived from the pins knows when to be made again.
    generation: u64,
}

impl Pins {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// The pinned entities, in the order pinned.
    pub fn entities(&self) -> &[EntityIdx] {
        &self.entities
    }

    pub fn contains(&self, e: EntityIdx) -> bool {
        self.entities.contains(&e)
    }

    /// Whether a list narrowed by the pins shows `doc`: always, when nothing is pinned.
    pub fn allows(&self, doc: DocIdx) -> bool {
        self.is_empty() || self.allowed.get(doc.index() / 64).is_some_and(|w| w >> (doc.index() % 64) & 1 == 1)
    }

    /// How many documents name every pinned entity (every document, when none is pinned).
    pub fn documents(&self, corpus: &Corpus) -> usize {
        if self.is_empty() { corpus.documents().len() } else { self.documents }
    }

    /// Changes with every pin and unpin.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The documents every pinned entity is named in, in corpus order.
    pub fn allowed_documents(&self) -> impl Iterator<Item = DocIdx> + '_ {
        self.allowed.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64).filter(move |b| bits >> b & 1 == 1).map(move |b| DocIdx::from_index(w * 64 + b))
        })
    }

    /// The entities named in the pinned documents (of `kind`, if given),
    /// each with its mentions there: a pass over those documents' mentions.
    pub fn entity_rows(&self, corpus: &Corpus, kind: Option<&EntityKind>) -> Vec<EntityRow> {
        let mut counts = vec![0usize; corpus.entities().len()];
        let mut seen = Vec::new();
        for d in self.allowed_documents() {
            for m in corpus.doc_mentions(d) {
                let n = &mut counts[m.entity.index()];
                if *n == 0 {
                    seen.push(m.entity);
                }
                *n += 1;
            }
        }
        seen.into_iter()
            .filter(|&e| kind.is_none_or(|k| corpus.entity(e).kind == *k))
            .map(|e| EntityRow { entity: e, count: counts[e.index()] })
            .collect()
    }

    /// Pins `e`, or unpins it if it is pinned; whether it is pinned now.
    pub fn toggle(&mut self, corpus: &Corpus, e: EntityIdx) -> bool {
        let pinned = match self.entities.iter().position(|&x| x == e) {
            Some(i) => {
                self.entities.remove(i);
                false
            }
            None => {
                self.entities.push(e);
                true
            }
        };
        self.recompute(corpus);
        pinned
    }

    pub fn clear(&mut self) {
        self.entities.clear();
        self.allowed.clear();
        self.documents = 0;
        self.generation += 1;
    }

    /// The documents of the first pinned entity, kept where each other one
    /// is named too: a pass over each one's documents, not over the corpus.
    fn recompute(&mut self, corpus: &Corpus) {
        self.generation += 1;
        self.allowed.clear();
        let Some((&first, rest)) = self.entities.split_first() else {
            self.documents = 0;
            return;
        };
        let words = corpus.documents().len().div_ceil(64);
        let bits = |e: EntityIdx| {
            let mut set = vec![0u64; words];
            for (d, _) in corpus.entity_doc_counts(e) {
                set[d.index() / 64] |= 1 << (d.index() % 64);
            }
            set
        };
        let mut allowed = bits(first);
        for &e in rest {
            for (a, b) in allowed.iter_mut().zip(bits(e)) {
                *a &= b;
            }
        }
        self.documents = allowed.iter().map(|w| w.count_ones() as usize).sum();
        self.allowed = allowed;
    }
}

/// `p`: pins the entity, or unpins it, and says so.
pub(crate) fn toggle_pin(app: &mut App, e: EntityIdx) {
    let pinned = app.reader.pins.toggle(&app.corpus, e);
    let name = display_head(&app.corpus.entity(e).name, app.area.width as usize).into_owned();
    let n = app.reader.pins.documents(&app.corpus);
    app.message = Some(if pinned {
        format!("the lists keep the {n} document{} that name every pin", if n == 1 { "" } else { "s" })
    } else if app.reader.pins.is_empty() {
        format!("unpinned {name}: nothing is pinned")
    } else {
        format!("unpinned {name}: {n} document{} name every pin", if n == 1 { "" } else { "s" })
    });
}

#[cfg(test)]
mod tests {
    use crate::data::model::DocIdx;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn id(app: &App, e: crate::data::model::EntityIdx) -> &str {
        &app.corpus.entity(e).id
    }

    #[test]
    fn p_pins_the_entity_under_the_cursor_and_again_unpins_it() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Entities));
        let e = app.view().entities.item.unwrap();
        update(&mut app, Action::TogglePin);
        assert_eq!(app.reader.pins.entities(), [e]);
        assert!(app.message.as_deref().unwrap().starts_with("the lists keep the "), "{:?}", app.message);
        update(&mut app, Action::TogglePin);
        assert!(app.reader.pins.is_empty());
        assert!(app.reader.pins.allows(DocIdx(1)), "nothing pinned allows everything");
    }

    #[test]
    fn pins_keep_only_documents_naming_every_pin() {
        let mut app = sample_app(120, 40);
        let (tolegenov, kostanay) =
            (app.corpus.entity_by_id("tolegenov").unwrap(), app.corpus.entity_by_id("kostanay").unwrap());
        update(&mut app, Action::SelectEntity(tolegenov));
        update(&mut app, Action::TogglePin);
        // Tolegenov is in both documents.
        assert!(app.reader.pins.allows(DocIdx(0)) && app.reader.pins.allows(DocIdx(1)));
        assert_eq!(app.reader.pins.documents(&app.corpus), 2);
        // Kostanay only in the report.
        update(&mut app, Action::SelectEntity(kostanay));
        update(&mut app, Action::TogglePin);
        assert_eq!(app.reader.pins.entities(), [tolegenov, kostanay]);
        assert!(app.reader.pins.allows(DocIdx(0)) && !app.reader.pins.allows(DocIdx(1)));
        assert_eq!(app.reader.pins.allowed_documents().collect::<Vec<_>>(), [DocIdx(0)]);
        // The Entities pane's "all docs": the report's entities, counted there.
        update(&mut app, Action::Focus(Pane::Entities));
        update(&mut app, Action::ToggleScope);
        let rows: Vec<(&str, usize)> = app.derived.entity_rows.iter().map(|r| (id(&app, r.entity), r.count)).collect();
        let report: Vec<EntityIdx> = app.corpus.doc_mentions(DocIdx(0)).iter().map(|m| m.entity).collect();
        assert!(app.derived.entity_rows.iter().all(|r| report.contains(&r.entity)), "{rows:?}");
        assert!(rows.contains(&("tolegenov", 2)), "his mentions in the report only: {rows:?}");
        assert!(!rows.iter().any(|r| r.0 == "yuritsyn"), "named in the interview only");
        // The Claims pane, all documents: the report's claims only.
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::Back);
        assert_eq!(app.reader.entity, None, "Esc clears the selection before the pins");
        assert_eq!(app.reader.pins.len(), 2);
        update(&mut app, Action::ToggleScope);
        assert_eq!(app.reader.claim_scope, Scope::Corpus);
        assert!(!app.derived.claim_rows.is_empty());
        assert!(app.derived.claim_rows.iter().all(|&c| app.corpus.claim(c).doc == DocIdx(0)));
        // Esc with nothing else to clear clears the pins, and every list widens.
        update(&mut app, Action::Back);
        assert!(app.reader.pins.is_empty());
        assert!(app.derived.claim_rows.iter().any(|&c| app.corpus.claim(c).doc == DocIdx(1)));
    }

    #[test]
    fn the_dossier_pins_its_entity_or_the_named_with_row_and_the_finder_its_hit() {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::TogglePin);
        assert_eq!(app.reader.pins.entities(), [t], "on a mention row: the dossier's entity");
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(1));
        update(&mut app, Action::TogglePin);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let first = d.dossier.together[0].entity;
        assert_eq!(app.reader.pins.entities(), [t, first], "on a named-with row: that entity");
        // Enter on it opens its dossier over this one; Esc comes back.
        update(&mut app, Action::Activate);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(d.dossier.entity, first);
        update(&mut app, Action::Back);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(d.dossier.entity, t);
        update(&mut app, Action::Back);
        // In the finder, Ctrl-t pins the hit under the cursor and the finder stays.
        update(&mut app, Action::OpenFinder);
        for ch in "almaty".chars() {
            update(&mut app, Action::Input(ch));
        }
        update(&mut app, Action::TogglePin);
        assert!(matches!(app.screens.top(), Some(Screen::Finder(_))));
        assert_eq!(app.reader.pins.len(), 3);
        assert!(app.reader.pins.contains(app.corpus.entity_by_id("almaty").unwrap()));
    }

    #[test]
    fn the_overview_pins_the_entity_under_the_cursor() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenOverview);
        let Some(Screen::Overview(o)) = app.screens.top() else { panic!("no overview") };
        let rows = o.overview.rows.clone();
        let at = rows.iter().position(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_))).unwrap();
        let crate::query::overview::OverviewRow::Entity(e) = rows[at] else { unreachable!() };
        update(&mut app, Action::TogglePin);
        assert!(app.reader.pins.is_empty(), "the cursor is on a document");
        update(&mut app, Action::Move(at as i32));
        update(&mut app, Action::TogglePin);
        assert_eq!(app.reader.pins.entities(), [e]);
    }

    #[test]
    fn pinning_with_nothing_selected_says_how() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::TogglePin);
        // The Entities cursor stands on a row even before the pane is focused.
        assert_eq!(app.reader.pins.len(), 1);
        let mut empty = sample_app(120, 40);
        empty.reader.views[0].entities.item = None;
        empty.reader.entity_options.kind = Some(crate::data::model::EntityKind::Unknown("none".into()));
        update(&mut empty, Action::Resize { width: 120, height: 40 });
        update(&mut empty, Action::TogglePin);
        assert!(empty.reader.pins.is_empty());
        assert!(empty.message.as_deref().unwrap().contains("select one first"), "{:?}", empty.message);
    }

    #[test]
    fn the_document_picker_lists_only_documents_naming_every_pin() {
        let mut app = sample_app(120, 40);
        let kostanay = app.corpus.entity_by_id("kostanay").unwrap();
        update(&mut app, Action::SelectEntity(kostanay));
        update(&mut app, Action::TogglePin);
        update(&mut app, Action::OpenDocuments);
        while app.busy() {
            update(&mut app, Action::Tick);
        }
        let Some(Screen::Documents(picker)) = app.screens.top() else { panic!("the picker is open") };
        assert_eq!(picker.rows, [DocIdx(0)], "Kostanay is named in the report only");
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty(), "Esc closed the picker");
        for _ in 0..4 {
            update(&mut app, Action::Back);
        }
        assert!(app.reader.pins.is_empty(), "Esc, once nothing else is left to clear, cleared the pins");
        update(&mut app, Action::OpenDocuments);
        while app.busy() {
            update(&mut app, Action::Tick);
        }
        let Some(Screen::Documents(picker)) = app.screens.top() else { panic!("the picker is open") };
        assert_eq!(picker.rows.len(), 2, "unpinned, every document");
    }
}
