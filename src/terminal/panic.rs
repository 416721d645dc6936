//! The panic hook, for every command and the explorer: the terminal given
//! back first when the explorer has it, then the report std would write,
//! made safe to show. A panic message can quote corpus text (a slicing
//! panic quotes up to 256 bytes of the string), and std writes it raw.

use std::backtrace::Backtrace;
use std::io::Write;
use std::panic::PanicHookInfo;

use crate::text::sanitize;

/// Replaces std's panic hook with one that restores the terminal and writes
/// the message, where it happened and (when RUST_BACKTRACE asks) the
/// backtrace through [`sanitize::display_multiline`].
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        super::tty::restore();
        let report = report(info, std::env::var("RUST_BACKTRACE").ok().as_deref());
        let _ = std::io::stderr().lock().write_all(sanitize::display_multiline(&report).as_bytes());
    }));
}

/// What std's hook writes: the thread, the place, the message, then the
/// backtrace or how to get one.
fn report(info: &PanicHookInfo<'_>, backtrace: Option<&str>) -> String {
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("<unnamed>");
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("Box<dyn Any>");
    let place = info.location().map_or_else(String::new, |l| format!(" at {l}"));
    let mut report = format!("\nthread '{name}' panicked{place}:\n{message}\n");
    match backtrace {
        None | Some("0") => {
            report.push_str("note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n")
        }
        Some("full") => report.push_str(&format!("stack backtrace:\n{:#}\n", Backtrace::force_capture())),
        Some(_) => {
            report.push_str(&format!("stack backtrace:\n{}", short(&Backtrace::force_capture().to_string())));
            report
                .push_str("note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n");
        }
    }
    report
}

/// A backtrace as std's hook shortens it: only the frames between the
/// panic machinery and the runtime's start (std's marker frames), renumbered.
fn short(backtrace: &str) -> String {
    // A frame is its "  N: symbol" line and the "at file" lines below it.
    let mut frames: Vec<Vec<&str>> = Vec::new();
    for line in backtrace.lines() {
        let numbered = line.trim_start().split_once(':').is_some_and(|(n, _)| n.parse::<usize>().is_ok());
        match frames.last_mut() {
            Some(frame) if !numbered => frame.push(line),
            _ => frames.push(vec![line]),
        }
    }
    let marked = |frame: &Vec<&str>, marker: &str| frame[0].contains(marker);
    let start = frames.iter().rposition(|f| marked(f, "__rust_end_short_backtrace")).map_or(0, |i| i + 1);
    let end = frames.iter().position(|f| marked(f, "__rust_begin_short_backtrace")).unwrap_or(frames.len());
    let kept = if start < end { &frames[start..end] } else { &frames[..] };
    let mut out = String::new();
    for (n, frame) in kept.iter().enumerate() {
        let symbol = frame[0].trim_start().split_once(": ").map_or(frame[0], |(_, s)| s);
        out.push_str(&format!("{n:4}: {symbol}\n"));
        for line in &frame[1..] {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_backtrace_keeps_the_frames_between_std_markers() {
        let full = "   0: std::backtrace::Backtrace::force_capture\n             at backtrace.rs:1:1\n   \
                    1: std::sys::backtrace::__rust_end_short_backtrace\n   2: core::panicking::panic_fmt\n   \
                    3: dossier::main\n             at src/main.rs:5:9\n   \
                    4: std::sys::backtrace::__rust_begin_short_backtrace\n   5: main\n";
        assert_eq!(
            short(full),
            "   0: core::panicking::panic_fmt\n   1: dossier::main\n             at src/main.rs:5:9\n"
        );
    }
}
