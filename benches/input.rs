//! Input as it arrives: a bracketed paste into the finder, applied as the
//! event loop applies it (every action `action_for_event` makes of it, then
//! the search's steps until the ranking is complete), over the built-in
//! corpus; and a burst of 1,000 `j` written at once to the release binary
//! in a pseudo-terminal, timed from the write to the screen showing where
//! it ends (line 1001).
//!
//!     cargo bench --bench input
//!
//! `DOSSIER_BENCH_BIN=path` times another dossier binary in the terminal
//! (an older build, to compare).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::Event;
use dossier::state::{Action, App, Mode, update};
use dossier::terminal::action_for_event;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn paste(c: &mut Criterion) {
    let mut group = c.benchmark_group("paste into the finder");
    group.sample_size(10);
    for kb in [10, 100] {
        let text = "Tolegenov ".repeat(kb * 100);
        group.bench_function(format!("{kb} kB, to the complete ranking"), |b| {
            b.iter_batched(
                || {
                    let mut app = App::new(dossier::data::load::builtin::load().expect("valid"), 120, 40);
                    update(&mut app, Action::OpenFinder);
                    app
                },
                |mut app| {
                    for action in action_for_event(Mode::Finder, &Event::Paste(text.clone())) {
                        update(&mut app, action);
                    }
                    while app.busy() {
                        update(&mut app, Action::Tick);
                    }
                    app
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// The binary in a pseudo-terminal, its screen read through vt100.
struct Screen {
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Screen {
    fn start(bin: &str, args: &[&str]) -> Screen {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let p = parser.clone();
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Screen { writer, parser, child }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.parser.lock().unwrap().screen().contents().contains(text) {
            assert!(start.elapsed() < Duration::from_secs(60), "the screen never showed {text:?}");
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

fn burst(c: &mut Criterion) {
    let bin = std::env::var("DOSSIER_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_dossier").to_string());
    let text: Vec<String> = (1..=5000).map(|n| format!("Paragraph {n}.")).collect();
    let corpus =
        serde_json::json!({ "documents": [{ "id": "long", "title": "The long one", "text": text.join("\n") }] });
    let path = std::env::temp_dir().join(format!("dossier-bench-input-{}.json", std::process::id()));
    std::fs::write(&path, corpus.to_string()).expect("a temporary file");
    let mut screen = Screen::start(&bin, &[path.to_str().expect("a UTF-8 path")]);
    screen.wait_for("line 1/9999");
    let mut group = c.benchmark_group("burst of keys");
    group.sample_size(20);
    group.bench_function("1,000 j written at once, to the screen at line 1001", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                screen.send(&"j".repeat(1000));
                screen.wait_for("line 1001/9999");
                total += start.elapsed();
                screen.send("g");
                screen.wait_for("line 1/9999");
            }
            total
        })
    });
    group.finish();
    screen.send("q");
    let _ = screen.child.wait();
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, paste, burst);
criterion_main!(benches);
