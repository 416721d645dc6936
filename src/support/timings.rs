//! How long each phase of a load (or a command) took, and the process's
//! peak memory after each: what `--timings` shows.

use std::time::{Duration, Instant};

/// How long each phase of a load (or a command) took, in order, and the
/// process's peak memory after it.
#[derive(Debug, Clone)]
pub struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
    /// Peak resident memory in KiB after each phase, where the system tells.
    pub peak_kib: Vec<Option<u64>>,
    last: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings { phases: Vec::new(), peak_kib: Vec::new(), last: Instant::now() }
    }
}

/// The process's peak resident set so far (Linux: VmHWM), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Timings {
    /// Records the time since the previous mark (or since creation) as `phase`.
    pub fn mark(&mut self, phase: &'static str) {
        let now = Instant::now();
        self.phases.push((phase, now - self.last));
        self.peak_kib.push(peak_rss_kib());
        self.last = now;
    }

    /// Each phase with its duration and the peak memory after it, one per line.
    pub fn table(&self) -> String {
        self.phases
            .iter()
            .zip(&self.peak_kib)
            .map(|((p, d), kib)| {
                let mem = kib.map_or(String::new(), |k| format!("  peak {:.1} MiB", k as f64 / 1024.0));
                format!("{p:>10} {:>9.1} ms{mem}", d.as_secs_f64() * 1e3)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn total(&self) -> Duration {
        self.phases.iter().map(|(_, d)| *d).sum()
    }

    /// One line: `read 12.3 ms · parse 45.6 ms · ... · total 80.1 ms`.
    pub fn line(&self) -> String {
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        let mut parts: Vec<String> = self.phases.iter().map(|(p, d)| format!("{p} {}", ms(*d))).collect();
        parts.push(format!("total {}", ms(self.total())));
        let mut line = parts.join(" · ");
        if let Some(Some(peak)) = self.peak_kib.last() {
            line.push_str(&format!(" · peak memory {:.1} MiB", *peak as f64 / 1024.0));
        }
        line
    }
}
