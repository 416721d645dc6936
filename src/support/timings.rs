//! How long each phase of a load (or a command) took, and the process's
//! peak memory after each: what `--timings` shows. A [`PhaseObserver`]
//! given to [`Timings::observed`] hears of each phase as it ends, which is
//! how a progress display follows a load without the loader knowing of
//! terminals.

use std::sync::Arc;
use std::time::{Duration, Instant};

/// Told of a load's input and of each phase as it ends (from the thread
/// that marks it).
pub trait PhaseObserver: Send + Sync + std::fmt::Debug {
    /// The input, once it is known: how many files, how many bytes.
    fn input(&self, _files: usize, _bytes: u64) {}
    /// `phase` has just ended.
    fn phase_done(&self, phase: &'static str);
}

/// How long each phase of a load (or a command) took, in order, and the
/// process's peak memory after it.
#[derive(Debug, Clone)]
pub struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
    /// Peak resident memory in KiB after each phase, where the system tells.
    pub peak_kib: Vec<Option<u64>>,
    last: Instant,
    observer: Option<Arc<dyn PhaseObserver>>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings { phases: Vec::new(), peak_kib: Vec::new(), last: Instant::now(), observer: None }
    }
}

/// The process's peak resident set so far (Linux: VmHWM), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Timings {
    /// Timings whose phases `observer` hears of as they end.
    pub fn observed(observer: Arc<dyn PhaseObserver>) -> Timings {
        Timings { observer: Some(observer), ..Timings::default() }
    }

    /// Records the time since the previous mark (or since creation) as `phase`.
    pub fn mark(&mut self, phase: &'static str) {
        let now = Instant::now();
        self.phases.push((phase, now - self.last));
        self.peak_kib.push(peak_rss_kib());
        self.last = now;
        if let Some(observer) = &self.observer {
            observer.phase_done(phase);
        }
    }

    /// Tells the observer, if any, what the load reads.
    pub fn input(&self, files: usize, bytes: u64) {
        if let Some(observer) = &self.observer {
            observer.input(files, bytes);
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Debug, Default)]
    struct Heard(Mutex<Vec<String>>);

    impl PhaseObserver for Heard {
        fn input(&self, files: usize, bytes: u64) {
            self.0.lock().unwrap().push(format!("{files} files, {bytes} bytes"));
        }
        fn phase_done(&self, phase: &'static str) {
            self.0.lock().unwrap().push(phase.to_string());
        }
    }

    #[test]
    fn an_observer_hears_the_input_and_each_phase_as_it_ends() {
        let heard = Arc::new(Heard::default());
        let mut timings = Timings::observed(heard.clone());
        timings.mark("read");
        timings.input(2, 300);
        timings.mark("parse");
        assert_eq!(*heard.0.lock().unwrap(), ["read", "2 files, 300 bytes", "parse"]);
        assert_eq!(timings.phases.len(), 2);
        // Without one, marking is as before.
        let mut plain = Timings::default();
        plain.mark("read");
        plain.input(1, 1);
        assert_eq!(plain.phases.len(), 1);
    }
}
