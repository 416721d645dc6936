//! What can only be measured on the real process: start to first frame in a
//! pseudo-terminal, peak memory with the built-in corpus, CPU used while
//! idle, and peak memory while loading the large corpus.
//!
//!     cargo bench --bench process

#[path = "synth/mod.rs"]
mod synth;

use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// A field of /proc/<pid>/status, in KiB or as a count.
fn status(pid: u32, field: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .expect("field")
}

/// CPU time (user + system) used by a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    // Fields after the command name, which is in parentheses.
    let rest = &s[s.rfind(')').expect(")") + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn std::io::Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Starts dossier in a 120x40 pseudo-terminal and returns it once its first
/// frame has arrived, with how long that took.
fn start() -> (Running, Duration) {
    let pair = native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env("TERM", "xterm-256color");
    let started = Instant::now();
    let child = pair.slave.spawn_command(cmd).expect("dossier starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(40, 120, 0);
    // The frame is complete when the status line's key hints are on screen.
    loop {
        let chunk = rx.recv_timeout(Duration::from_secs(10)).expect("a first frame");
        parser.process(&chunk);
        if parser.screen().contents().contains("q quit") {
            break;
        }
    }
    let took = started.elapsed();
    (Running { child, writer, output: rx, _master: pair.master }, took)
}

fn quit(mut r: Running) {
    r.writer.write_all(b"q").unwrap();
    r.writer.flush().unwrap();
    r.child.wait().unwrap();
    drop(r.output);
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // Start to first frame, built-in corpus, 120x40.
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..20 {
        let (r, took) = start();
        times.push(took);
        peaks.push(status(r.child.process_id().unwrap(), "VmHWM:"));
        quit(r);
    }
    times.sort();
    peaks.sort();
    println!(
        "start to first frame (built-in corpus, 120x40, 20 runs): median {}, p90 {}, max {}",
        ms(times[10]),
        ms(times[18]),
        ms(times[19])
    );
    println!(
        "peak memory with the built-in corpus: median {:.1} MiB, max {:.1} MiB",
        peaks[10] as f64 / 1024.0,
        peaks[19] as f64 / 1024.0
    );

    // Idle: no key for 10 seconds.
    let (r, _) = start();
    let pid = r.child.process_id().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let (ticks, switches) = (cpu_ticks(pid), status(pid, "voluntary_ctxt_switches:"));
    std::thread::sleep(Duration::from_secs(10));
    let (ticks_after, switches_after) = (cpu_ticks(pid), status(pid, "voluntary_ctxt_switches:"));
    println!("idle for 10 s: {} CPU ticks (of 1/100 s), {} wake-ups", ticks_after - ticks, switches_after - switches);
    quit(r);

    // Peak memory loading the large corpus, as dossier itself reports it.
    let path = synth::cached("large");
    let size = std::fs::metadata(&path).unwrap().len();
    let out = std::process::Command::new(BIN).arg("check").arg(&path).arg("--timings").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().find(|l| l.starts_with("timings: load:")).unwrap_or("");
    let mib = size as f64 / 1024.0 / 1024.0;
    println!("large corpus ({:.1} MB = {mib:.1} MiB, so 2x is {:.1} MiB): {line}", size as f64 / 1e6, 2.0 * mib);
}
