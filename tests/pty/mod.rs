//! A harness that runs the real dossier binary in a pseudo-terminal and
//! reads its screen through a terminal emulator (vt100), as a user would.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the program asked the terminal to do beyond drawing.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Requests {
    pub titles: Vec<String>,
    pub icon_names: Vec<String>,
    pub clipboard: Vec<String>,
    pub bells: usize,
    pub unhandled_osc: usize,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(String::from_utf8_lossy(data).into_owned());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, _params: &[&[u8]]) {
        self.unhandled_osc += 1;
    }
}

pub struct Session {
    /// `None` once the terminal has been hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    /// Shared with the reader, which answers the program's queries as a terminal would.
    writer: Arc<Mutex<Option<Box<dyn Write + Send>>>>,
    parser: Arc<Mutex<vt100::Parser<Requests>>>,
    /// Every byte the program wrote, to check what reached the terminal.
    pub raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<thread::JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

const TIMEOUT: Duration = Duration::from_secs(15);

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Self::start_with_env(args, cols, rows, &[])
    }

    pub fn start_with_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Self::start_program(env!("CARGO_BIN_EXE_dossier"), args, cols, rows, env)
    }

    /// An interactive shell with job control, for Ctrl-z and `fg`.
    pub fn start_shell(cols: u16, rows: u16) -> Session {
        Self::start_program("bash", &["--norc", "--noprofile", "-i"], cols, rows, &[("PS1", "$ ")])
    }

    pub fn start_program(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Self::start_answering(program, args, cols, rows, env, Answers::default(), env!("CARGO_MANIFEST_DIR"))
    }

    /// dossier started in `dir` (where it writes reports).
    pub fn start_in(dir: &std::path::Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let dir = dir.to_str().expect("a UTF-8 path");
        Self::start_answering(env!("CARGO_BIN_EXE_dossier"), args, cols, rows, &[], Answers::default(), dir)
    }

    /// dossier in a terminal that speaks the kitty keyboard protocol (it
    /// answers the query for its flags).
    pub fn start_kitty(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let answers = Answers { kitty_keyboard: true };
        Self::start_answering(env!("CARGO_BIN_EXE_dossier"), args, cols, rows, env, answers, env!("CARGO_MANIFEST_DIR"))
    }

    fn start_answering(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answers: Answers,
        cwd: &str,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = Arc::new(Mutex::new(Some(pair.master.take_writer().expect("a writer"))));
        // Non-blocking, so the reader can be told to stop and close its copy of
        // the master: only when every copy is closed does the terminal hang up.
        let fd = pair.master.as_raw_fd().expect("a master fd");
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(rows, cols, 0, Requests::default())));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, r, halt, w) = (parser.clone(), raw.clone(), stop.clone(), writer.clone());
        let handle = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut tail = Vec::new();
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        // A query may be cut between two reads: the end of the last one is kept.
                        tail.extend_from_slice(&buf[..n]);
                        let reply = answers.to(&tail);
                        tail.drain(..tail.len().saturating_sub(8));
                        if !reply.is_empty() {
                            if let Some(w) = w.lock().unwrap().as_mut() {
                                let _ = w.write_all(&reply).and_then(|()| w.flush());
                            }
                            tail.clear();
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        if halt.load(Ordering::Relaxed) {
                            break;
                        }
                        thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        Session { master: Some(pair.master), child, writer, parser, raw, reader: Some(handle), stop }
    }

    /// Everything beyond drawing the program asked of the terminal.
    pub fn requests(&self) -> Requests {
        self.parser.lock().unwrap().callbacks().clone()
    }

    /// The process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Closes our side of the pseudo-terminal, as a terminal window closing does.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.reader.take() {
            h.join().unwrap();
        }
        *self.writer.lock().unwrap() = None;
        self.master = None;
    }

    /// Whether the program has exited, without waiting.
    pub fn exited(&mut self) -> Option<u32> {
        self.child.try_wait().unwrap().map(|s| s.exit_code())
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Runs `f` on the emulator's screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if !self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen still shows {text:?}:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        let writer = writer.as_mut().expect("the terminal is still there");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
        // Let each key be read as its own event.
        thread::sleep(Duration::from_millis(30));
    }

    /// Resizes the terminal. The emulator changes size first, with the reader
    /// held off, so no output drawn for the new size is read at the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let master = self.master.as_ref().expect("the terminal is still there");
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(rows, cols);
        master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("dossier did not exit; the screen shows:\n{}", self.screen());
    }

    /// The terminal is as the program found it: main screen, cursor shown, no mouse reporting.
    pub fn assert_restored(&self) {
        self.with_screen(|s| {
            assert!(!s.alternate_screen(), "still on the alternate screen");
            assert!(!s.hide_cursor(), "the cursor is still hidden");
            assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting is still on");
        });
        // What was written last about the alternate screen was to leave it.
        let raw = self.raw.lock().unwrap();
        let last = |seq: &[u8]| raw.windows(seq.len()).rposition(|w| w == seq);
        let (entered, left) = (last(b"\x1b[?1049h"), last(b"\x1b[?1049l"));
        assert!(left > entered, "the alternate screen was not left last ({entered:?}, {left:?})");
    }
}

/// What the terminal answers, as real ones do: the primary device
/// attributes (every VT100-like terminal answers `CSI c`; a program that
/// asks whether the terminal has the kitty keyboard protocol asks it too,
/// and takes an answer to it alone for a no) and, in a terminal that has
/// the protocol, its flags (`CSI ? u`).
#[derive(Debug, Default, Clone, Copy)]
struct Answers {
    kitty_keyboard: bool,
}

impl Answers {
    /// The answers to the queries in `output`.
    fn to(&self, output: &[u8]) -> Vec<u8> {
        let has = |seq: &[u8]| output.windows(seq.len()).any(|w| w == seq);
        let mut reply = Vec::new();
        if self.kitty_keyboard && has(b"\x1b[?u") {
            reply.extend_from_slice(b"\x1b[?0u");
        }
        if has(b"\x1b[c") {
            reply.extend_from_slice(b"\x1b[?62;22c");
        }
        reply
    }
}

/// Waits until `f` holds, checking every 20 ms, for at most 15 s.
pub fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting until {what}");
}

/// Sends a signal to a process.
pub fn kill(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -{signal} {pid} failed");
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        self.stop.store(true, Ordering::Relaxed);
    }
}
