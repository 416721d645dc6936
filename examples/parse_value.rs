//! Parses a file into `serde_json::Value` and says how long it took: the
//! reference that dossier's full load is compared with.
//!
//!     cargo run --release --example parse_value -- /tmp/large.json

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_value FILE");
    let started = std::time::Instant::now();
    let bytes = std::fs::read(&path).expect("readable");
    let read = started.elapsed();
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let total = started.elapsed();
    let mb = bytes.len() as f64 / 1e6;
    eprintln!(
        "read {:.0} ms, parse {:.0} ms, total {:.0} ms, {:.0} MB/s ({} top-level keys)",
        read.as_secs_f64() * 1e3,
        (total - read).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        mb / total.as_secs_f64(),
        value.as_object().map_or(0, |o| o.len())
    );
}
