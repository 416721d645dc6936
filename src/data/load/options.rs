//! What a load may do: the options every command and the explorer pass to
//! the loader, and the sizes users write for them (`500M`, `2G`, bytes).

use std::sync::Arc;

use crate::data::import::Format;
use crate::data::import::labels::LabelMap;

/// The largest corpus file read unless the user raises the limit: well
/// above any real corpus (the largest test corpus is 438 MB), well below
/// what would fill the memory of a laptop.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 30;

/// How a load reads its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// A file larger than this is refused before any of it is read, and no
    /// more than this is read of a file that grows while it is read.
    pub max_file_size: u64,
    /// Read every file with this reader (`--from`), rather than the one its
    /// extension and content suggest.
    pub from: Option<Format>,
    /// What the labels of other tools' files mean (`--labels MAP`).
    pub labels: Option<Arc<LabelMap>>,
    /// Refuse what cannot be imported, and every warning (`--strict`).
    pub strict: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_file_size: DEFAULT_MAX_FILE_SIZE, from: None, labels: None, strict: false }
    }
}

const UNITS: [(&str, u32); 4] = [("K", 10), ("M", 20), ("G", 30), ("T", 40)];

/// A size as a user writes it: bytes (`1000000`), or a whole number with a
/// binary unit, `K`, `M`, `G` or `T` (`500M` is 500 MiB), optionally
/// followed by `iB` or `B`, in either case.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let bad = || format!("{text:?} is not a size: write bytes (1000000) or a number with K, M, G or T (500M, 2G)");
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(bad());
    }
    let (number, unit) = t.split_at(digits);
    let number: u64 = number.parse().map_err(|_| bad())?;
    let unit = unit.trim_start().to_ascii_uppercase();
    let unit = unit.strip_suffix("IB").or_else(|| unit.strip_suffix('B')).unwrap_or(&unit);
    let shift = match unit {
        "" => 0,
        _ => UNITS.iter().find(|(u, _)| *u == unit).map(|&(_, shift)| shift).ok_or_else(bad)?,
    };
    number.checked_mul(1 << shift).ok_or_else(|| format!("{text:?} is too large a size"))
}

/// A size for a message: `1 GiB`, `1.5 GiB`, `500 MiB`, `12 bytes`.
pub fn format_size(bytes: u64) -> String {
    for &(unit, shift) in UNITS.iter().rev() {
        let size = 1u64 << shift;
        if bytes >= size {
            let whole = bytes / size;
            let tenths = (bytes % size) * 10 / size;
            return match tenths {
                0 => format!("{whole} {unit}iB"),
                _ => format!("{whole}.{tenths} {unit}iB"),
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_as_users_write_them() {
        assert_eq!(parse_size("1000000"), Ok(1_000_000));
        assert_eq!(parse_size("500M"), Ok(500 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("64 KB"), Ok(64 << 10));
        assert_eq!(parse_size("1T"), Ok(1 << 40));
        assert!(parse_size("").is_err());
        assert!(parse_size("G").is_err());
        assert!(parse_size("1.5G").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("3X").is_err());
        assert_eq!(parse_size("99999999999T"), Err("\"99999999999T\" is too large a size".to_string()));
    }

    #[test]
    fn sizes_are_shown_in_binary_units() {
        assert_eq!(format_size(12), "12 bytes");
        assert_eq!(format_size(1 << 30), "1 GiB");
        assert_eq!(format_size(3 << 29), "1.5 GiB");
        assert_eq!(format_size(500 << 20), "500 MiB");
        assert_eq!(format_size(30 << 30), "30 GiB");
    }
}
