//! Numbers as the screen writes them: with thousands separators, so that
//! "row 120 of 82,551" and "5,000 of 10,000" read at a glance.

/// `n` with a comma between each group of three digits: `82,551`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(82_551), "82,551");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
