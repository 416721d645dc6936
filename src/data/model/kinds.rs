//! The closed vocabularies of the format: entity kinds (open-ended: unknown
//! kinds are kept as written), claim kinds and claim relations (closed: an
//! unknown one is a validation error).

use std::fmt;

/// What an entity is. Unknown kinds are accepted and shown as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// Ethnic, national or social groups.
    Group,
    Event,
    Law,
    /// Songs, essays, books, slogans.
    Work,
    Other,
    /// A kind the format does not define, kept as written.
    Unknown(String),
}

impl EntityKind {
    /// The kinds the format defines, in display order.
    pub const KNOWN: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Group,
        EntityKind::Event,
        EntityKind::Law,
        EntityKind::Work,
        EntityKind::Other,
    ];

    /// Parses a kind; matching of the known names ignores ASCII case.
    pub fn parse(s: &str) -> EntityKind {
        match s.to_ascii_lowercase().as_str() {
            "person" => EntityKind::Person,
            "organization" | "organisation" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "group" => EntityKind::Group,
            "event" => EntityKind::Event,
            "law" => EntityKind::Law,
            "work" => EntityKind::Work,
            "other" => EntityKind::Other,
            _ => EntityKind::Unknown(s.to_string()),
        }
    }

    /// The name used in the format and in output.
    pub fn name(&self) -> &str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Event => "event",
            EntityKind::Law => "law",
            EntityKind::Work => "work",
            EntityKind::Other => "other",
            EntityKind::Unknown(s) => s,
        }
    }

    /// A three-letter tag for narrow columns.
    pub fn tag(&self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Place => "PLC",
            EntityKind::Group => "GRP",
            EntityKind::Event => "EVT",
            EntityKind::Law => "LAW",
            EntityKind::Work => "WRK",
            EntityKind::Other | EntityKind::Unknown(_) => "OTH",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What sort of statement a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    Fact,
    Statistic,
    Quote,
    Opinion,
    Allegation,
    Prediction,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Fact,
        ClaimKind::Statistic,
        ClaimKind::Quote,
        ClaimKind::Opinion,
        ClaimKind::Allegation,
        ClaimKind::Prediction,
    ];

    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Fact => "fact",
            ClaimKind::Statistic => "statistic",
            ClaimKind::Quote => "quote",
            ClaimKind::Opinion => "opinion",
            ClaimKind::Allegation => "allegation",
            ClaimKind::Prediction => "prediction",
        }
    }

    /// The three-letter tag lists show.
    pub fn tag(self) -> &'static str {
        match self {
            ClaimKind::Fact => "FCT",
            ClaimKind::Statistic => "STA",
            ClaimKind::Quote => "QUO",
            ClaimKind::Opinion => "OPN",
            ClaimKind::Allegation => "ALG",
            ClaimKind::Prediction => "PRD",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How one claim bears on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    Supports,
    Contradicts,
    Elaborates,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] = [RelationKind::Supports, RelationKind::Contradicts, RelationKind::Elaborates];

    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The relation as written on the claim that declares it.
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Contradicts => "contradicts",
            RelationKind::Elaborates => "elaborates",
        }
    }

    /// The relation seen from the other claim.
    pub fn inverse_name(self) -> &'static str {
        match self {
            RelationKind::Supports => "supported by",
            RelationKind::Contradicts => "contradicted by",
            RelationKind::Elaborates => "elaborated by",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_entity_kinds_are_kept_as_written() {
        assert_eq!(EntityKind::parse("Person"), EntityKind::Person);
        let k = EntityKind::parse("ship");
        assert_eq!(k, EntityKind::Unknown("ship".into()));
        assert_eq!(k.name(), "ship");
        assert_eq!(k.tag(), "OTH");
    }

    #[test]
    fn claim_kinds_and_relations_round_trip() {
        for k in ClaimKind::ALL {
            assert_eq!(ClaimKind::parse(k.name()), Some(k));
        }
        for r in RelationKind::ALL {
            assert_eq!(RelationKind::parse(r.name()), Some(r));
        }
        assert_eq!(ClaimKind::parse("rumour"), None);
    }
}
