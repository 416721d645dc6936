//! The claims stage: each file's claims parsed, then checked and made, ids
//! first so relations can point forwards; two claims are related at most
//! once.

use std::borrow::Cow;

use super::ctx::{Ctx, check_id, id_of, label};
use super::entities::first_of_each;
use super::files::{Files, Origin};
use super::spans::{Anchorers, common_shape};
use crate::data::load::problem::{ProblemKind, quoted};
use crate::data::load::quick::DocIds;
use crate::data::load::raw::{RawClaim, RawFile};
use crate::data::load::resolve::{Ordered, Spans};
use crate::data::model::{Claim, ClaimIdx, ClaimKind, DocIdx, EntityIdx, Relation, RelationKind, Span};
use crate::support::hash::FxHashMap;
use crate::support::parallel::in_halves;

/// A file's claims, each parsed on its own (on two threads from `min` claims).
pub(super) fn parse_claims<'s>(
    ctx: &mut Ctx<'_, 's>,
    file: usize,
    raw: &RawFile<'s>,
    min: usize,
) -> Vec<(RawClaim<'s>, Origin)> {
    let (claims, _) = in_halves(
        ctx,
        &raw.claims,
        min,
        |ctx, _: &mut (), i, r| {
            let o = Origin { file, offset: ctx.files.offset_of(file, r) };
            ctx.item::<RawClaim>(file, r, || label("claim", i, id_of(r).as_deref())).map(|c| (c, o))
        },
        |_| {},
    );
    claims
}

/// Claims checked and made: ids first, so relations can point forwards.
/// Spans in the common shape are left to be resolved in text order (the
/// claims come back with an empty span for them); the rest are resolved now.
pub(super) fn check_claims<'s>(
    ctx: &mut Ctx<'_, 's>,
    claim_files: &[Vec<(RawClaim<'s>, Origin)>],
    entity_ids: &FxHashMap<&str, EntityIdx>,
    doc_ids: &DocIds<Origin>,
    anchorers: &mut Anchorers,
    claims: &mut Vec<Claim>,
) -> ClaimSpans {
    // Claims: ids first, so relations can point forwards.
    let mut claim_ids: FxHashMap<Cow<'s, str>, (ClaimIdx, Origin)> = FxHashMap::default();
    let mut claims_in_order = Spans::default();
    let mut claim_sources: Vec<(&RawClaim, Origin)> = Vec::new();
    for claims in claim_files {
        for (i, (c, o)) in claims.iter().enumerate() {
            if !check_id(ctx, "claim", i, &c.id, *o) {
                continue;
            }
            if let Some((_, first)) = claim_ids.get(c.id.as_ref()) {
                let msg = format!("duplicate claim id (first defined at {})", ctx.files.describe(*first));
                ctx.at(ProblemKind::DuplicateId, *o, &label("claim", i, Some(&c.id)), msg);
                continue;
            }
            claim_ids.insert(c.id.clone(), (ClaimIdx::from_index(claim_sources.len()), *o));
            claim_sources.push((c, *o));
        }
    }
    let mut related = Related::default();
    // Claims whose spans the anchorer resolves, and their documents.
    let mut by_anchorer: Vec<(usize, DocIdx)> = Vec::new();
    // Labels for messages are made only for a problem.
    let entity_ref =
        |ctx: &mut Ctx, id: &str, o: Origin, item: &dyn Fn() -> String, role: &str| match entity_ids.get(id) {
            Some(&e) => Some(e),
            None => {
                ctx.at(ProblemKind::UnknownId, o, &item(), format!("{role} refers to unknown entity {}", quoted(id)));
                None
            }
        };
    for (idx, (c, o)) in claim_sources.iter().enumerate() {
        let item = || label("claim", 0, Some(&c.id));
        let mut ok = true;
        let kind = ClaimKind::parse(&c.kind);
        if kind.is_none() {
            let names: Vec<&str> = ClaimKind::ALL.iter().map(|k| k.name()).collect();
            let msg = format!("unknown claim kind {} (expected one of: {})", quoted(&c.kind), names.join(", "));
            ctx.at(ProblemKind::Value, *o, &item(), msg);
            ok = false;
        }
        let claimant = match &c.claimant {
            Some(id) => {
                let e = entity_ref(ctx, id, *o, &item, "claimant");
                ok &= e.is_some();
                e
            }
            None => None,
        };
        let mut about = Vec::with_capacity(c.about.len());
        for id in &c.about {
            match entity_ref(ctx, id, *o, &item, "about") {
                Some(e) => about.push(e),
                None => ok = false,
            }
        }
        let about = first_of_each(about, |_| false);
        let mut relations = Vec::new();
        for (r, rel) in c.relations.iter().enumerate() {
            let rel_item = || format!("{}, relation {}", item(), r + 1);
            let kind = RelationKind::parse(&rel.relation);
            if kind.is_none() {
                let names: Vec<&str> = RelationKind::ALL.iter().map(|k| k.name()).collect();
                let msg = format!("unknown relation {} (expected one of: {})", quoted(&rel.relation), names.join(", "));
                ctx.at(ProblemKind::Value, *o, &rel_item(), msg);
            }
            let target = claim_ids.get(rel.claim.as_ref()).map(|&(t, _)| t);
            match target {
                None => {
                    ctx.at(
                        ProblemKind::UnknownId,
                        *o,
                        &rel_item(),
                        format!("points to unknown claim {}", quoted(&rel.claim)),
                    );
                }
                Some(t) if t.index() == idx => {
                    ctx.at(ProblemKind::Value, *o, &rel_item(), "a claim cannot relate to itself");
                }
                Some(_) => {}
            }
            match (target, kind) {
                (Some(target), Some(kind)) if target.index() != idx => {
                    let from = ClaimIdx::from_index(idx);
                    if related.relate(ctx, &claim_sources, (from, r), target, kind) {
                        relations.push(Relation { target, kind, note: rel.note.as_deref().map(str::to_string) });
                    } else {
                        ok = false;
                    }
                }
                _ => ok = false,
            }
        }
        let span = match doc_ids.get(c.document.as_ref()) {
            None => {
                ctx.at(ProblemKind::UnknownId, *o, &item(), format!("unknown document {}", quoted(&c.document)));
                None
            }
            Some(&(doc, _)) => {
                let ordered = common_shape(doc, &c.span.selector())
                    .and_then(|(o, quote)| claims_in_order.push(Ordered { seq: idx as u32, ..o }, quote));
                if ordered.is_none() {
                    // Resolved once every claim is seen, a document's all at once.
                    by_anchorer.push((idx, doc));
                }
                // The span is filled in once resolved, with the mentions' or by the anchorer.
                Some((doc, Span::new(0, 0)))
            }
        };
        let (Some((doc, span)), Some(kind), true) = (span, kind, ok) else {
            // Keep indices aligned with `claim_ids`; the corpus is not built when anything failed.
            claims.push(placeholder_claim(c));
            continue;
        };
        claims.push(Claim {
            id: c.id.to_string(),
            doc,
            span,
            claimant,
            kind,
            about,
            relations,
            summary: c.summary.as_deref().map(str::to_string),
            note: c.note.as_deref().map(str::to_string),
        });
    }

    anchorers.prepare(by_anchorer.iter().map(|&(idx, doc)| (doc, claim_sources[idx].0.span.selector())));
    for (idx, doc) in by_anchorer {
        let (c, o) = claim_sources[idx];
        match anchorers.get(doc).resolve(&c.span.selector()) {
            Ok(span) => claims[idx].span = span,
            Err(e) => ctx.at(e.kind, o, &format!("{}, span", label("claim", 0, Some(&c.id))), e.message),
        }
    }

    let claim_origins: Vec<Origin> = claim_sources.iter().map(|&(_, o)| o).collect();
    ClaimSpans { in_order: claims_in_order, origins: claim_origins }
}

/// The claims' spans left to the walk, and where each claim was written
/// (for what fails it).
pub(super) struct ClaimSpans {
    pub(super) in_order: Spans,
    pub(super) origins: Vec<Origin>,
}

/// The relations declared so far, by the pair of claims they relate: two
/// claims are related at most once, by one relation declared on one of them.
#[derive(Default)]
struct Related {
    /// For each pair (the lower index first): the claim that declared the
    /// relation, the relation's number among its relations, and its kind.
    pairs: FxHashMap<(ClaimIdx, ClaimIdx), (ClaimIdx, usize, RelationKind)>,
    /// Where each relation of a claim was written, found again (once per
    /// claim) when a problem needs it.
    places: FxHashMap<ClaimIdx, Vec<Origin>>,
}

impl Related {
    /// Records relation `r` of claim `from`, or reports why it cannot be
    /// (the same relation twice, or a second one between the pair).
    fn relate(
        &mut self,
        ctx: &mut Ctx,
        claims: &[(&RawClaim, Origin)],
        (from, r): (ClaimIdx, usize),
        target: ClaimIdx,
        kind: RelationKind,
    ) -> bool {
        let pair = (from.min(target), from.max(target));
        let Some(&(first, first_r, first_kind)) = self.pairs.get(&pair) else {
            self.pairs.insert(pair, (from, r, kind));
            return true;
        };
        let id = |c: ClaimIdx| claims[c.index()].0.id.as_ref();
        let first_at = ctx.files.describe(self.place(ctx.files, claims, first, first_r));
        let (problem, msg) = if first == from && first_kind == kind {
            (ProblemKind::DuplicateId, format!("the same relation is given twice (first at {first_at})"))
        } else {
            let first_target = if first == pair.0 { pair.1 } else { pair.0 };
            let msg = format!(
                "a second relation between claims {} and {} (the first, {} {} {}, is at {first_at}); \
                 two claims are related at most once",
                quoted(id(from)),
                quoted(id(target)),
                quoted(id(first)),
                first_kind.name(),
                quoted(id(first_target)),
            );
            (ProblemKind::Conflict, msg)
        };
        let at = self.place(ctx.files, claims, from, r);
        ctx.at(problem, at, &format!("{}, relation {}", label("claim", 0, Some(id(from))), r + 1), msg);
        false
    }

    /// Where relation `r` of claim `c` was written (the claim's own place if it cannot be found).
    fn place(&mut self, files: &Files, claims: &[(&RawClaim, Origin)], c: ClaimIdx, r: usize) -> Origin {
        let claim = claims[c.index()].1;
        self.places.entry(c).or_insert_with(|| files.relation_origins(claim)).get(r).copied().unwrap_or(claim)
    }
}

/// Stands in for a claim that failed to check, so later claims keep their indices.
fn placeholder_claim(c: &RawClaim) -> Claim {
    Claim {
        id: c.id.to_string(),
        doc: DocIdx(0),
        span: Span::new(0, 0),
        claimant: None,
        kind: ClaimKind::Fact,
        about: Vec::new(),
        relations: Vec::new(),
        summary: None,
        note: None,
    }
}
