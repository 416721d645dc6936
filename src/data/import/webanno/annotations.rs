//! The cells of every row made into annotations, as the tool reads them:
//! within a row, the cells of one layer at one stacking position (`A|B`)
//! are one annotation; across rows, a disambiguation id (`PER[2]`) names
//! the same span annotation again, which then reaches to that row's end (a
//! span over several tokens, sub-tokens or sentences), and a chain element
//! (`->c-e`) names its element again. Then every reference is resolved: a
//! relation, written on its dependent's row, to its governor's address
//! (`1-3`, or `1-3[a_b]` naming governor and dependent by id, 0 for the
//! one annotation of the base layer there); a slot to its targets; chain
//! elements to their chain, in element order.

use std::borrow::Cow;
use std::collections::HashMap;

use super::body::Body;
use super::header::{ColumnKind, LayerKind, Schema};
use super::values::{bracket_suffix, chain_suffix, feature, split_unescaped};
use super::{column, quoted};
use crate::data::load::{Problem, ProblemKind};

/// A span annotation (or chain element, or the token a relation attaches
/// to), with offsets in bytes.
#[derive(Debug)]
pub(super) struct Span<'a> {
    /// `None` for a token that a relation attaches to.
    pub layer: Option<usize>,
    pub begin: usize,
    pub end: usize,
    pub position: (usize, usize),
    pub id: Option<u32>,
    /// Values by column, in column order, `None` for `*`.
    pub features: Vec<(usize, Option<Cow<'a, str>>)>,
    pub chain: Option<(u32, u32)>,
    slots: Vec<Slot<'a>>,
}

#[derive(Debug)]
struct Slot<'a> {
    column: usize,
    roles: Vec<Option<Cow<'a, str>>>,
    targets: Option<(&'a str, (usize, usize), usize)>,
}

#[derive(Debug)]
struct Relation<'a> {
    layer: usize,
    unit: usize,
    position: (usize, usize),
    features: Vec<(usize, Option<Cow<'a, str>>)>,
    governor: Option<(&'a str, Option<&'a str>, (usize, usize))>,
}

/// A resolved link between two spans (indices into [`Annotations::spans`]).
#[derive(Debug)]
pub(super) struct Linked<'a> {
    pub from: usize,
    pub to: usize,
    pub kind: Cow<'a, str>,
    /// The layer's short name, and the relation's other features.
    pub attributes: Vec<(&'a str, Cow<'a, str>)>,
    pub position: (usize, usize),
}

#[derive(Debug, Default)]
pub(super) struct Annotations<'a> {
    pub spans: Vec<Span<'a>>,
    pub links: Vec<Linked<'a>>,
}

/// What a reference to a row means.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The annotation of this layer there; with `true`, else the token.
    Layer(usize, bool),
    /// The first span annotation there, of any layer (untyped slots).
    Any,
    /// The token itself.
    Token,
}

#[derive(Debug, Clone, Copy)]
enum Ann {
    Span(usize),
    Relation(usize),
}

struct Reader<'s, 'a> {
    schema: &'s Schema<'a>,
    body: &'s Body<'a>,
    input: &'a str,
    file: &'s str,
    problems: &'s mut Vec<Problem>,
    spans: Vec<Span<'a>>,
    relations: Vec<Relation<'a>>,
    at_unit: HashMap<(usize, usize, usize), Ann>,
    by_id: HashMap<u32, usize>,
    elements: HashMap<(u32, u32), usize>,
    tokens: HashMap<usize, usize>,
}

pub(super) fn read<'a>(
    schema: &Schema<'a>,
    body: &Body<'a>,
    input: &'a str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Annotations<'a> {
    let mut r = Reader {
        schema,
        body,
        input,
        file,
        problems,
        spans: Vec::new(),
        relations: Vec::new(),
        at_unit: HashMap::new(),
        by_id: HashMap::new(),
        elements: HashMap::new(),
        tokens: HashMap::new(),
    };
    let mut deferred = Vec::new();
    for u in 0..body.units.len() {
        let cells = body.cells(&body.units[u]);
        for (c, col) in schema.columns.iter().enumerate() {
            let Some(&raw) = cells.get(c) else { continue };
            if raw == "_" {
                continue;
            }
            for (stack, value) in split_unescaped(raw, b'|').enumerate() {
                let chain = schema.layers[col.layer].kind == LayerKind::Chain;
                if chain && col.kind != ColumnKind::ChainRelation {
                    // Chain types and features wait for the elements, which
                    // the relation column numbers.
                    deferred.push((u, c, stack, value));
                } else {
                    r.cell(u, c, stack, value);
                }
            }
        }
    }
    for (u, c, stack, value) in deferred {
        let layer = schema.columns[c].layer;
        match r.at_unit.get(&(u, layer, stack)) {
            Some(&Ann::Span(s)) => r.set(s, c, bracket_suffix(value).0),
            _ => {
                let p = r.problem(ProblemKind::Syntax, u, value, "a chain value with no element on this row: its referenceRelation (value->chain-element) is missing".to_string());
                r.problems.push(p);
            }
        }
    }
    let mut links = r.relations();
    links.extend(r.slots());
    links.extend(r.chains());
    Annotations { spans: r.spans, links }
}

impl<'s, 'a> Reader<'s, 'a> {
    fn problem(&self, kind: ProblemKind, u: usize, cell: &str, message: String) -> Problem {
        let unit = &self.body.units[u];
        Problem::new(kind, self.file, message).at(Some((unit.line, column(self.input, cell)))).item(unit.address)
    }

    fn position(&self, u: usize, cell: &str) -> (usize, usize) {
        (self.body.units[u].line, column(self.input, cell))
    }

    fn cell(&mut self, u: usize, c: usize, stack: usize, value: &'a str) {
        let col = &self.schema.columns[c];
        let layer = col.layer;
        match (&col.kind, self.schema.layers[layer].kind) {
            (ColumnKind::SlotTarget { .. }, _) => {
                let s = self.span(u, layer, stack, None, value);
                let position = self.position(u, value);
                match self.spans[s].slots.iter_mut().find(|slot| slot.column == c - 1) {
                    Some(slot) if slot.targets.is_none() => slot.targets = Some((value, position, u)),
                    Some(_) => {}
                    None => self.spans[s].slots.push(Slot {
                        column: c - 1,
                        roles: Vec::new(),
                        targets: Some((value, position, u)),
                    }),
                }
            }
            (kind, LayerKind::Span) => {
                let (v, suffix) = bracket_suffix(value);
                let Some(id) = self.id(u, value, suffix) else { return };
                let s = self.span(u, layer, stack, id, value);
                match kind {
                    ColumnKind::SlotRole(_) => {
                        let roles = split_unescaped(v, b';').map(feature).collect();
                        match self.spans[s].slots.iter_mut().find(|slot| slot.column == c) {
                            Some(slot) if slot.roles.is_empty() => slot.roles = roles,
                            Some(_) => {}
                            None => self.spans[s].slots.push(Slot { column: c, roles, targets: None }),
                        }
                    }
                    ColumnKind::Placeholder => {}
                    _ => self.set(s, c, v),
                }
            }
            (kind, LayerKind::Relation) => {
                let (v, suffix) = bracket_suffix(value);
                let position = self.position(u, value);
                let r = match self.at_unit.get(&(u, layer, stack)) {
                    Some(&Ann::Relation(r)) => r,
                    _ => {
                        self.relations.push(Relation {
                            layer,
                            unit: u,
                            position,
                            features: Vec::new(),
                            governor: None,
                        });
                        self.at_unit.insert((u, layer, stack), Ann::Relation(self.relations.len() - 1));
                        self.relations.len() - 1
                    }
                };
                match kind {
                    ColumnKind::Governor { .. } => self.relations[r].governor = Some((v, suffix, position)),
                    ColumnKind::Placeholder => {}
                    _ => self.relations[r].features.push((c, feature(v))),
                }
            }
            (_, LayerKind::Chain) => {
                let Some((v, chain, element)) = chain_suffix(value) else {
                    let p = self.problem(
                        ProblemKind::Syntax,
                        u,
                        value,
                        format!("{} is not a chain link (value->chain-element)", quoted(value)),
                    );
                    self.problems.push(p);
                    return;
                };
                let unit = &self.body.units[u];
                let s = match self.elements.get(&(chain, element)) {
                    Some(&s) => {
                        self.extend(s, u);
                        s
                    }
                    None => {
                        let position = self.position(u, value);
                        self.spans.push(Span::new(Some(layer), unit.begin, unit.end, position));
                        let s = self.spans.len() - 1;
                        self.spans[s].chain = Some((chain, element));
                        self.elements.insert((chain, element), s);
                        s
                    }
                };
                self.at_unit.insert((u, layer, stack), Ann::Span(s));
                self.set(s, c, v);
            }
        }
    }

    /// A disambiguation id, `Some(None)` without one, `None` (reported) if bad.
    fn id(&mut self, u: usize, value: &str, suffix: Option<&str>) -> Option<Option<u32>> {
        match suffix {
            None => Some(None),
            Some(s) => match s.parse::<u32>() {
                Ok(id) if s.bytes().all(|b| b.is_ascii_digit()) => Some(Some(id)),
                _ => {
                    let p = self.problem(
                        ProblemKind::Syntax,
                        u,
                        value,
                        format!("{} is not a disambiguation id (a number in brackets)", quoted(s)),
                    );
                    self.problems.push(p);
                    None
                }
            },
        }
    }

    /// The span annotation of `layer` at this stacking position of the row,
    /// or the one named by `id` (reaching to this row now), or a new one.
    fn span(&mut self, u: usize, layer: usize, stack: usize, id: Option<u32>, cell: &str) -> usize {
        if let Some(&Ann::Span(s)) = self.at_unit.get(&(u, layer, stack)) {
            if let Some(id) = id {
                self.by_id.entry(id).or_insert(s);
            }
            return s;
        }
        let known = id.and_then(|id| self.by_id.get(&id).copied()).filter(|&s| self.spans[s].layer == Some(layer));
        let s = match known {
            Some(s) => {
                self.extend(s, u);
                s
            }
            None => {
                let unit = &self.body.units[u];
                let position = self.position(u, cell);
                self.spans.push(Span::new(Some(layer), unit.begin, unit.end, position));
                let s = self.spans.len() - 1;
                self.spans[s].id = id;
                if let Some(id) = id {
                    self.by_id.insert(id, s);
                }
                s
            }
        };
        self.at_unit.insert((u, layer, stack), Ann::Span(s));
        s
    }

    fn extend(&mut self, s: usize, u: usize) {
        let unit = &self.body.units[u];
        let span = &mut self.spans[s];
        span.begin = span.begin.min(unit.begin);
        span.end = span.end.max(unit.end);
    }

    /// Sets a feature the first time a row gives it (a multi-row span
    /// repeats it on every row).
    fn set(&mut self, s: usize, c: usize, value: &'a str) {
        let features = &mut self.spans[s].features;
        if !features.iter().any(|(col, _)| *col == c) {
            features.push((c, feature(value)));
            features.sort_by_key(|(col, _)| *col);
        }
    }

    /// The span a reference to `address` (with disambiguation `id`, 0 for
    /// none) lands on.
    fn resolve(&mut self, address: &str, id: u32, target: Target) -> Result<usize, String> {
        if id > 0 {
            return self.by_id.get(&id).copied().ok_or_else(|| format!("no annotation has the id {id}"));
        }
        let &u =
            self.body.by_address.get(address).ok_or_else(|| format!("no row has the address {}", quoted(address)))?;
        let found = match target {
            Target::Layer(l, _) => self.at_unit.get(&(u, l, 0)).copied(),
            Target::Any => self
                .schema
                .layers
                .iter()
                .enumerate()
                .filter(|(_, l)| l.kind == LayerKind::Span)
                .find_map(|(l, _)| self.at_unit.get(&(u, l, 0)).copied()),
            Target::Token => None,
        };
        match (found, target) {
            (Some(Ann::Span(s)), _) => Ok(s),
            (_, Target::Token | Target::Layer(_, true)) => Ok(self.token(u)),
            (_, Target::Layer(l, false)) => {
                Err(format!("{} has no {} annotation", quoted(address), self.schema.layers[l].short))
            }
            (_, Target::Any) => Err(format!("{} has no span annotation", quoted(address))),
        }
    }

    fn token(&mut self, u: usize) -> usize {
        if let Some(&s) = self.tokens.get(&u) {
            return s;
        }
        let unit = &self.body.units[u];
        self.spans.push(Span::new(None, unit.begin, unit.end, (unit.line, 1)));
        self.tokens.insert(u, self.spans.len() - 1);
        self.spans.len() - 1
    }

    fn relations(&mut self) -> Vec<Linked<'a>> {
        let mut links = Vec::new();
        for r in std::mem::take(&mut self.relations) {
            let layer = &self.schema.layers[r.layer];
            let u = r.unit;
            let Some((address, suffix, position)) = r.governor else {
                let p = Problem::new(ProblemKind::Syntax, self.file, "a relation without its governor's address")
                    .at(Some(r.position))
                    .item(self.body.units[u].address);
                self.problems.push(p);
                continue;
            };
            let base = self.schema.columns.iter().find_map(|c| match c.kind {
                ColumnKind::Governor { base } if c.layer == r.layer => Some(base),
                _ => None,
            });
            // Undeclared base types (Token) attach to tokens; so do DKPro
            // dependencies where their base layer has no annotation, as the
            // tool attaches them to tokens whatever the header says.
            let target = match base.and_then(|b| self.schema.layer(b)) {
                Some(l) if self.schema.layers[l].kind == LayerKind::Span => {
                    Target::Layer(l, layer.short == "Dependency")
                }
                _ => Target::Token,
            };
            let ids = match suffix {
                None => Some((0, 0)),
                Some(s) => s.split_once('_').and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?))),
            };
            let Some((from_id, to_id)) = ids else {
                let p = Problem::new(
                    ProblemKind::Syntax,
                    self.file,
                    format!(
                        "{} is not a pair of disambiguation ids (governor_dependent)",
                        quoted(suffix.unwrap_or(""))
                    ),
                )
                .at(Some(position))
                .item(self.body.units[u].address);
                self.problems.push(p);
                continue;
            };
            let dependent = self.body.units[u].address;
            let from = self.resolve(address, from_id, target);
            let to = self.resolve(dependent, to_id, target);
            match (from, to) {
                (Ok(from), Ok(to)) => {
                    let (kind, attributes) = self.label(r.layer, &r.features);
                    links.push(Linked { from, to, kind, attributes, position: r.position });
                }
                (from, to) => {
                    for (end, e) in [("governor", from.err()), ("dependent", to.err())] {
                        if let Some(e) = e {
                            let p =
                                Problem::new(ProblemKind::UnknownId, self.file, format!("the relation's {end}: {e}"))
                                    .at(Some(position))
                                    .item(dependent);
                            self.problems.push(p);
                        }
                    }
                }
            }
        }
        links
    }

    /// A relation's kind (its first value, else its layer's short name) and
    /// its attributes (the layer, the other values).
    fn label(
        &self,
        layer: usize,
        features: &[(usize, Option<Cow<'a, str>>)],
    ) -> (Cow<'a, str>, Vec<(&'a str, Cow<'a, str>)>) {
        let short = self.schema.layers[layer].short;
        let mut attributes = vec![("layer", Cow::Borrowed(short))];
        let mut kind = None;
        for (c, value) in features {
            let Some(value) = value else { continue };
            if kind.is_none() {
                kind = Some(value.clone());
            } else if let ColumnKind::Feature(name) = self.schema.columns[*c].kind {
                attributes.push((name, value.clone()));
            }
        }
        (kind.unwrap_or(Cow::Borrowed(short)), attributes)
    }

    fn slots(&mut self) -> Vec<Linked<'a>> {
        let mut links = Vec::new();
        for s in 0..self.spans.len() {
            for slot in std::mem::take(&mut self.spans[s].slots) {
                let ColumnKind::SlotRole(feature_name) = self.schema.columns[slot.column].kind else { continue };
                let ColumnKind::SlotTarget { target } =
                    self.schema.columns.get(slot.column + 1).map_or(ColumnKind::Placeholder, |c| c.kind.clone())
                else {
                    continue;
                };
                let Some((targets, position, u)) = slot.targets else {
                    if !slot.roles.is_empty() {
                        let p = Problem::new(ProblemKind::Syntax, self.file, "slot roles without targets")
                            .at(Some(self.spans[s].position));
                        self.problems.push(p);
                    }
                    continue;
                };
                let targets: Vec<&str> = split_unescaped(targets, b';').collect();
                if targets.len() != slot.roles.len() {
                    let p = Problem::new(
                        ProblemKind::Syntax,
                        self.file,
                        format!("{} slot roles but {} targets", slot.roles.len(), targets.len()),
                    )
                    .at(Some(position))
                    .item(self.body.units[u].address);
                    self.problems.push(p);
                    continue;
                }
                let target = match self.schema.layer(target) {
                    Some(l) if self.schema.layers[l].kind == LayerKind::Span => Target::Layer(l, false),
                    _ => Target::Any,
                };
                for (role, t) in slot.roles.into_iter().zip(targets) {
                    if t == "*" || t == "_" {
                        continue;
                    }
                    let (address, id) = bracket_suffix(t);
                    let id = id.map_or(Some(0), |i| i.parse().ok());
                    let resolved = match id {
                        Some(id) => self.resolve(address, id, target),
                        None => Err(format!("{} is not a disambiguation id", quoted(t))),
                    };
                    match resolved {
                        Ok(to) => links.push(Linked {
                            from: s,
                            to,
                            kind: role.unwrap_or(Cow::Borrowed(feature_name)),
                            attributes: vec![("slot", Cow::Borrowed(feature_name))],
                            position,
                        }),
                        Err(e) => {
                            let p = Problem::new(ProblemKind::UnknownId, self.file, format!("the slot's target: {e}"))
                                .at(Some(position))
                                .item(self.body.units[u].address);
                            self.problems.push(p);
                        }
                    }
                }
            }
        }
        links
    }

    /// Each chain's elements in order, linked each to the next by its
    /// relation (or, without one, the layer's name).
    fn chains(&mut self) -> Vec<Linked<'a>> {
        let mut elements: Vec<(u32, u32, usize)> = self.elements.iter().map(|(&(c, e), &s)| (c, e, s)).collect();
        elements.sort_unstable();
        let mut links = Vec::new();
        for pair in elements.windows(2) {
            let [(c1, _, a), (c2, _, b)] = pair else { continue };
            if c1 != c2 {
                continue;
            }
            let layer = self.spans[*a].layer.unwrap_or(0);
            let short = self.schema.layers[layer].short;
            let relation = self.spans[*a].features.iter().find_map(|(c, v)| {
                (self.schema.columns[*c].kind == ColumnKind::ChainRelation).then(|| v.clone()).flatten()
            });
            links.push(Linked {
                from: *a,
                to: *b,
                kind: relation.unwrap_or(Cow::Borrowed(short)),
                attributes: vec![("layer", Cow::Borrowed(short))],
                position: self.spans[*b].position,
            });
        }
        links
    }
}

impl Span<'_> {
    fn new(layer: Option<usize>, begin: usize, end: usize, position: (usize, usize)) -> Self {
        Span { layer, begin, end, position, id: None, features: Vec::new(), chain: None, slots: Vec::new() }
    }
}
