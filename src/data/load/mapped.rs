//! A corpus file mapped into memory, and what happens when it shrinks
//! under the map.
//!
//! A large file is mapped rather than read (see [`super::sources`]): the
//! system hands over its cached pages instead of copying them. But a file
//! truncated while it loads (`cp` or `>` over a file a scraper is
//! rewriting) leaves pages of the map with nothing behind them, and reading
//! one raises SIGBUS, which would kill dossier without a word. So every map
//! is registered here, and a SIGBUS inside a registered map is repaired:
//! the whole map is replaced by zeros, the fault is noted, and reading goes
//! on (NUL bytes are not JSON, so the parse soon stops). Once the load is
//! over, [`Mapped::changed`] says what happened, and the loader refuses the
//! file with that message rather than report what zeros parse as. Any other
//! SIGBUS is a real fault: the terminal is given back (see
//! [`on_other_fault`]) and the default action ends the process.
//!
//! The whole map is replaced, not only the page that faulted: its text is
//! then all NUL bytes, which are ASCII, so a `&str` over it stays UTF-8
//! whatever page the fault fell on.

use std::fs::File;
use std::io;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::time::SystemTime;

use memmap2::Mmap;

/// Where a live map is: its first byte (0 while the slot holds none) and
/// length, and whether a fault replaced it. A slot is claimed through
/// `used`; its length is set before its start, so the handler, which reads
/// the start first, never sees a start with another map's length.
struct Slot {
    used: AtomicBool,
    start: AtomicUsize,
    len: AtomicUsize,
    faulted: AtomicBool,
}

impl Slot {
    const fn new() -> Slot {
        Slot {
            used: AtomicBool::new(false),
            start: AtomicUsize::new(0),
            len: AtomicUsize::new(0),
            faulted: AtomicBool::new(false),
        }
    }
}

/// The maps a SIGBUS may fall in. More files than this at once are read
/// instead of mapped.
const SLOTS: usize = 64;
static MAPS: [Slot; SLOTS] = [const { Slot::new() }; SLOTS];

/// Whether the handler is installed (it is installed once).
static HANDLER: OnceLock<bool> = OnceLock::new();

/// The SIGBUS handler as installed, to put back after a repaired fault:
/// the standard library's handler (which runs first, for stack overflows)
/// puts the default action back whenever a fault is not a stack overflow.
/// Set once, leaked, before any map exists.
static INSTALLED: AtomicPtr<libc::sigaction> = AtomicPtr::new(std::ptr::null_mut());

/// What to run for a SIGBUS outside every map, before the default action
/// ends the process: the terminal's restore, set by the edge. Must be
/// async-signal-safe.
static OTHER_FAULT: AtomicUsize = AtomicUsize::new(0);

/// Has `f` run (from the signal handler) on a SIGBUS that no map explains,
/// installing the handler if no file has been mapped yet: the edge's
/// handler for faults takes SIGBUS through here, so that a fault in a map
/// is repaired and never taken for one that ends dossier. `f` must be
/// async-signal-safe and must not return to a fault (it should raise the
/// signal with its default action).
pub fn on_other_fault(f: fn()) -> io::Result<()> {
    OTHER_FAULT.store(f as usize, Ordering::SeqCst);
    if handler_installed() { Ok(()) } else { Err(io::Error::other("cannot install a SIGBUS handler")) }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(page).ok().filter(|&p| p > 0).unwrap_or(4096)
}

/// Installs the handler once; false when it could not be (then files are read, not mapped).
fn handler_installed() -> bool {
    *HANDLER.get_or_init(|| {
        let page = page_size();
        let action = move |info: &libc::siginfo_t| on_sigbus(info, page);
        // SAFETY: `on_sigbus` is async-signal-safe: atomics, mmap(2),
        // sigaction(2) and the edge's own async-signal-safe restore.
        if unsafe { signal_hook_registry::register_sigaction(libc::SIGBUS, action) }.is_err() {
            return false;
        }
        // SAFETY: reading the action the registry installed into a zeroed
        // struct, and writing it back on the alternate signal stack std sets
        // up (so a fault can be handled whatever the stack's state).
        let mut installed: libc::sigaction = unsafe { std::mem::zeroed() };
        if unsafe { libc::sigaction(libc::SIGBUS, std::ptr::null(), &mut installed) } != 0 {
            return false;
        }
        installed.sa_flags |= libc::SA_ONSTACK;
        unsafe { libc::sigaction(libc::SIGBUS, &installed, std::ptr::null_mut()) };
        INSTALLED.store(Box::into_raw(Box::new(installed)), Ordering::SeqCst);
        true
    })
}

/// The SIGBUS action. Runs in a signal handler: only async-signal-safe calls.
fn on_sigbus(info: &libc::siginfo_t, page: usize) {
    // SAFETY: SIGBUS always carries the faulting address.
    let addr = unsafe { info.si_addr() } as usize;
    for slot in &MAPS {
        let (start, len) = (slot.start.load(Ordering::SeqCst), slot.len.load(Ordering::SeqCst));
        if start == 0 || addr < start || addr >= start + len {
            continue;
        }
        let whole = len.div_ceil(page) * page;
        // SAFETY: the range is exactly a live map of ours (registered for as
        // long as it is mapped); zero pages take its place, read-only.
        let zeros = unsafe {
            libc::mmap(
                start as *mut libc::c_void,
                whole,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if zeros as usize == start {
            slot.faulted.store(true, Ordering::SeqCst);
            let installed = INSTALLED.load(Ordering::SeqCst);
            if !installed.is_null() {
                // SAFETY: puts back the action read when it was installed (leaked, never freed).
                unsafe { libc::sigaction(libc::SIGBUS, installed, std::ptr::null_mut()) };
            }
            return;
        }
        break;
    }
    // A real fault: give the terminal back, and let the default action
    // (the standard library's handler has put it back) end the process
    // when the faulting instruction runs again.
    let other = OTHER_FAULT.load(Ordering::SeqCst);
    if other != 0 {
        // SAFETY: only ever set from a `fn()` by `on_other_fault`.
        let f: fn() = unsafe { std::mem::transmute::<usize, fn()>(other) };
        f();
    }
    // SAFETY: a zeroed sigaction is SIG_DFL with no flags.
    unsafe {
        let default: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGBUS, &default, std::ptr::null_mut());
    }
}

/// A file mapped read-only, registered so that a fault in it is repaired.
pub struct Mapped {
    // Dropped after the slot is freed (see `Drop`).
    map: Mmap,
    slot: usize,
    file: File,
    len: u64,
    modified: Option<SystemTime>,
}

impl Mapped {
    /// Maps the first `len` bytes of `file` (its length when it was
    /// opened), or `None` when it cannot be mapped here (then it is read instead).
    pub fn new(file: &File, len: usize) -> io::Result<Option<Mapped>> {
        if !handler_installed() {
            return Ok(None);
        }
        let file = file.try_clone()?;
        let meta = file.metadata()?;
        // SAFETY: the map is read-only. Should another process truncate the
        // file while it is mapped, the fault is repaired (see the module
        // comment) and the change is reported by `changed`.
        let map = match unsafe { memmap2::MmapOptions::new().len(len).map(&file) } {
            Ok(map) => map,
            Err(_) => return Ok(None),
        };
        let Some(slot) =
            MAPS.iter().position(|s| s.used.compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst).is_ok())
        else {
            return Ok(None);
        };
        let s = &MAPS[slot];
        s.faulted.store(false, Ordering::SeqCst);
        s.len.store(map.len(), Ordering::SeqCst);
        s.start.store(map.as_ptr() as usize, Ordering::SeqCst);
        Ok(Some(Mapped { map, slot, file, len: len as u64, modified: meta.modified().ok() }))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// What happened to the file since it was mapped, if anything: it was
    /// cut short under the map, or its size or time of change differ.
    pub fn changed(&self) -> Option<String> {
        let now = self.file.metadata().ok();
        let now_len = now.as_ref().map(std::fs::Metadata::len);
        let faulted = MAPS[self.slot].faulted.load(Ordering::SeqCst);
        if !faulted && now_len == Some(self.len) && now.and_then(|m| m.modified().ok()) == self.modified {
            return None;
        }
        Some(match now_len {
            Some(now) if now != self.len => format!(
                "the file changed while it was read (it was {} bytes, it is now {now}); read it again once it is written",
                self.len
            ),
            _ => "the file changed while it was read; read it again once it is written".to_string(),
        })
    }

    /// Lets the system take back the memory of `range` (page-aligned): see
    /// [`super::sources::Source::release`].
    pub fn release(&self, from: usize, len: usize) {
        // SAFETY: the map is read-only: dropping a page only makes the next
        // read of it fetch the same bytes from the file again (or zeros,
        // once a fault has replaced the map).
        let _ = unsafe { self.map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, len) };
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // The slot is freed before the map goes (the map field is dropped after this).
        MAPS[self.slot].start.store(0, Ordering::SeqCst);
        MAPS[self.slot].used.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn mapped_whole(path: &std::path::Path) -> Option<Mapped> {
        let file = File::open(path).unwrap();
        let len = file.metadata().unwrap().len() as usize;
        Mapped::new(&file, len).unwrap()
    }

    fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("dossier-mapped-{name}-{}", std::process::id()));
        File::create(&path).unwrap().write_all(bytes).unwrap();
        path
    }

    /// Issue 10, item 2: a mapped file truncated while it was read killed
    /// the process with SIGBUS (exit 135, no message).
    #[test]
    fn a_file_truncated_under_its_map_reads_as_zeros_and_says_it_changed() {
        let path = temp_file("truncated", &b"{\"documents\": []}       ".repeat(100_000));
        let mapped = mapped_whole(&path).expect("mapped");
        assert!(mapped.changed().is_none());
        assert_eq!(&mapped.bytes()[..2], b"{\"");
        File::options().write(true).open(&path).unwrap().set_len(0).unwrap();
        // Every page, read after the truncation: each would raise SIGBUS.
        let braces = mapped.bytes().iter().filter(|&&b| b == b'{').count();
        assert_eq!(braces, 0, "a repaired map reads as zeros");
        assert!(mapped.bytes().iter().all(|&b| b == 0));
        let why = mapped.changed().expect("the change is noticed");
        assert_eq!(
            why,
            "the file changed while it was read (it was 2400000 bytes, it is now 0); read it again once it is written"
        );
        // A second map, and a second fault, are repaired too.
        std::fs::write(&path, b"x".repeat(3 << 20)).unwrap();
        let again = mapped_whole(&path).expect("mapped");
        File::options().write(true).open(&path).unwrap().set_len(5).unwrap();
        assert!(again.bytes()[1 << 20..].iter().all(|&b| b == 0));
        assert!(again.changed().is_some());
        drop((mapped, again));
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn an_unchanged_file_is_unchanged_and_its_slot_is_freed() {
        let path = temp_file("unchanged", &b"y".repeat(1 << 20));
        // More maps, one after the other, than there are slots.
        for _ in 0..2 * SLOTS {
            let mapped = mapped_whole(&path).expect("a slot is free again");
            assert!(mapped.changed().is_none());
            assert!(mapped.bytes().iter().all(|&b| b == b'y'));
        }
        std::fs::remove_file(&path).unwrap();
    }
}
