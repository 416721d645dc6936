//! Writes a synthetic corpus in dossier's format, reproducibly.
//!
//!     cargo run --release --example gencorpus -- large /tmp/large.json [SEED]
//!
//! Sizes: small (100 documents, 2,000 entities, 20,000 mentions, 1,000
//! claims), large (10,000 documents, 100,000 entities, 1,000,000 mentions,
//! 50,000 claims, one document of 5 MB), huge (as large, with 1,000,000
//! entities and 2,000,000 mentions), many (100,000 short documents, each
//! with its own title, date and source). The same seed always writes the same
//! bytes; the default seed is 42.

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::io::BufWriter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: gencorpus small|large|huge|many OUT.json [SEED]");
        std::process::exit(2);
    };
    let Some(scale) = synth::Scale::named(size) else {
        eprintln!("gencorpus: unknown size {size:?} (small, large, huge or many)");
        std::process::exit(2);
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 42,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("gencorpus: the seed must be a whole number");
            std::process::exit(2);
        }
    };
    let file = std::fs::File::create(path).unwrap_or_else(|e| {
        eprintln!("gencorpus: cannot create {path}: {e}");
        std::process::exit(1);
    });
    let mut out = BufWriter::with_capacity(1 << 20, file);
    match synth::write_corpus(&mut out, scale, seed).and_then(|n| std::io::Write::flush(&mut out).map(|_| n)) {
        Ok(bytes) => eprintln!("gencorpus: wrote {path}: {:.1} MB ({size}, seed {seed})", bytes as f64 / 1e6),
        Err(e) => {
            eprintln!("gencorpus: cannot write {path}: {e}");
            std::process::exit(1);
        }
    }
}
