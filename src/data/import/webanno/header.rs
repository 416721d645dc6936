//! The file's header: `#FORMAT=WebAnno TSV 3.x`, then one line per layer
//! (`#T_SP=` span, `#T_RL=` relation, `#T_CH=` chain), each naming the
//! layer's type and its features, one column each in the body, in the
//! order declared: a span layer's `ROLE_...` slot feature is followed by
//! its target type's column, a relation layer ends with `BT_<base type>`
//! (the column of the governor's address), a chain layer has
//! `referenceType` and `referenceRelation`, and a layer without features
//! has one placeholder column.

use crate::data::load::{Problem, ProblemKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LayerKind {
    Span,
    Relation,
    Chain,
}

#[derive(Debug)]
pub(super) struct Layer<'a> {
    pub kind: LayerKind,
    /// The type's full name (`de.tudarmstadt...NamedEntity`).
    pub name: &'a str,
    /// The part after the last dot (`NamedEntity`), as attributes name it.
    pub short: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ColumnKind<'a> {
    /// A primitive feature, by name.
    Feature(&'a str),
    /// The one column of a layer without features.
    Placeholder,
    /// A relation's governor: the address of a unit of the base type's layer.
    Governor { base: &'a str },
    /// A slot feature's roles (`;`-separated), by feature name.
    SlotRole(&'a str),
    /// A slot feature's targets (`;`-separated addresses) of this type.
    SlotTarget { target: &'a str },
    /// A chain element's type, with the chain's number (`pr[1]`).
    ChainType,
    /// A chain element's relation to the next, with chain and element (`coref->1-2`).
    ChainRelation,
}

#[derive(Debug)]
pub(super) struct Column<'a> {
    pub layer: usize,
    pub kind: ColumnKind<'a>,
}

#[derive(Debug)]
pub(super) struct Schema<'a> {
    /// 3.1 and before escape `#Text=` the Java way.
    pub minor: u32,
    pub layers: Vec<Layer<'a>>,
    pub columns: Vec<Column<'a>>,
}

impl Schema<'_> {
    /// The layer declared with this full type name.
    pub fn layer(&self, name: &str) -> Option<usize> {
        self.layers.iter().position(|l| l.name == name)
    }
}

/// Reads the header from `lines` (numbered from 1), leaving it at the first
/// line after the header.
pub(super) fn read<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'a str)>>,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Option<Schema<'a>> {
    let (_, first) = lines.next().unwrap_or((1, ""));
    let Some(minor) = version(first) else {
        problems.push(
            Problem::new(
                ProblemKind::Syntax,
                file,
                format!(
                    "not a WebAnno TSV 3 file: the first line should be #FORMAT=WebAnno TSV 3.x, not {}",
                    super::quoted(first)
                ),
            )
            .at(Some((1, 1))),
        );
        return None;
    };
    let mut schema = Schema { minor, layers: Vec::new(), columns: Vec::new() };
    while let Some(&(line, text)) = lines.peek() {
        let kind = if let Some(rest) = text.strip_prefix("#T_SP=") {
            (LayerKind::Span, rest)
        } else if let Some(rest) = text.strip_prefix("#T_RL=") {
            (LayerKind::Relation, rest)
        } else if let Some(rest) = text.strip_prefix("#T_CH=") {
            (LayerKind::Chain, rest)
        } else {
            break;
        };
        lines.next();
        if let Err(message) = declare(&mut schema, kind.0, kind.1) {
            problems.push(Problem::new(ProblemKind::Syntax, file, message).at(Some((line, 1))));
        }
    }
    Some(schema)
}

/// The minor version in `#FORMAT=WebAnno TSV 3.x` (`3` alone is 3.0).
fn version(line: &str) -> Option<u32> {
    let v = line.strip_prefix("#FORMAT=WebAnno TSV 3")?;
    match v.strip_prefix('.') {
        None if v.is_empty() => Some(0),
        Some(minor) if !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit()) => minor.parse().ok(),
        _ => None,
    }
}

fn declare<'a>(schema: &mut Schema<'a>, kind: LayerKind, rest: &'a str) -> Result<(), String> {
    // Empty fields are dropped, as the tool's own reader does: `Layer|` has
    // no features.
    let mut fields = rest.split('|').filter(|f| !f.is_empty());
    let Some(name) = fields.next() else { return Err("a layer declaration without a type name".to_string()) };
    let layer = schema.layers.len();
    schema.layers.push(Layer { kind, name, short: name.rsplit('.').next().unwrap_or(name) });
    let before = schema.columns.len();
    let mut after_role = false;
    for field in fields {
        let column = match kind {
            LayerKind::Span if after_role => ColumnKind::SlotTarget { target: field },
            LayerKind::Span => match field.strip_prefix("ROLE_") {
                // ROLE_<layer>:<feature>_<link type>: the feature is named
                // after the colon.
                Some(role) => {
                    let feature = role.split_once(':').map_or(role, |(_, f)| f);
                    ColumnKind::SlotRole(feature.split('_').next().unwrap_or(feature))
                }
                None => ColumnKind::Feature(field),
            },
            LayerKind::Relation => match field.strip_prefix("BT_") {
                Some(base) => ColumnKind::Governor { base },
                None => ColumnKind::Feature(field),
            },
            LayerKind::Chain => match field {
                "referenceType" => ColumnKind::ChainType,
                "referenceRelation" => ColumnKind::ChainRelation,
                other => ColumnKind::Feature(other),
            },
        };
        after_role = matches!(column, ColumnKind::SlotRole(_));
        schema.columns.push(Column { layer, kind: column });
    }
    if after_role {
        return Err(format!("the slot feature of {name} has no target type after it"));
    }
    let declared = &schema.columns[before..];
    match kind {
        LayerKind::Relation if !declared.iter().any(|c| matches!(c.kind, ColumnKind::Governor { .. })) => {
            return Err(format!("the relation layer {name} has no BT_ column naming the type it links"));
        }
        LayerKind::Chain if !declared.iter().any(|c| c.kind == ColumnKind::ChainRelation) => {
            return Err(format!("the chain layer {name} has no referenceRelation, which numbers its elements"));
        }
        _ => {}
    }
    if declared.is_empty() {
        schema.columns.push(Column { layer, kind: ColumnKind::Placeholder });
    }
    Ok(())
}
