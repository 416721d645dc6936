//! Counts as the screen writes them: `1,234,567`, so that "100,000 hits"
//! reads at a glance.

/// `n` with a comma between each group of three digits.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `n` and the noun that goes with it: `1 mention`, `2 mentions`, `1,204 claims`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_of_three() {
        let t = super::thousands;
        assert_eq!(
            [t(0), t(7), t(999), t(1000), t(82_551), t(1_234_567)],
            ["0", "7", "999", "1,000", "82,551", "1,234,567"]
        );
        assert_eq!(super::counted(1, "mention", "mentions"), "1 mention");
        assert_eq!(super::counted(18_129, "char", "chars"), "18,129 chars");
    }
}
