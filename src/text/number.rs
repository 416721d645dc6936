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

#[cfg(test)]
mod tests {
    #[test]
    fn groups_of_three() {
        let t = super::thousands;
        assert_eq!(
            [t(0), t(7), t(999), t(1000), t(82_551), t(1_234_567)],
            ["0", "7", "999", "1,000", "82,551", "1,234,567"]
        );
    }
}
