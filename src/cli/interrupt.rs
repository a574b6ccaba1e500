//! Interrupted writes. While temporary files or directories exist, SIGINT,
//! SIGTERM and SIGHUP remove them before the process exits with 128 + the
//! signal number (130, 143, 129): an interrupted build leaves the previous
//! output as it was and nothing beside it.
//!
//! Every change to the file system under a temporary path runs while holding
//! one lock ([`guarded`]), and the signal thread takes that lock before it
//! cleans up: it never races a write or a rename, and once it holds the lock
//! the main thread changes nothing more. The handler is installed the first
//! time a path is tracked (or by [`install`]), so runs that write nothing
//! keep the default behaviour of the signals.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Temporary paths in progress, removed on a signal.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves the list usable: keep going.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `f` while the signal handler cannot clean up: `f` must be short (a
/// create, a write, a rename), and may track or forget paths through the
/// list it is given.
pub fn guarded<T>(f: impl FnOnce(&mut Pending) -> T) -> T {
    install();
    let mut list = lock();
    f(&mut Pending { list: &mut list })
}

/// The list of temporary paths, inside [`guarded`].
pub struct Pending<'a> {
    list: &'a mut Vec<PathBuf>,
}

impl Pending<'_> {
    /// Removes `path` on a signal until it is forgotten.
    pub fn track(&mut self, path: &Path) {
        self.list.push(path.to_path_buf());
    }

    /// `path` was renamed into place or removed: nothing to clean.
    pub fn forget(&mut self, path: &Path) {
        if let Some(k) = self.list.iter().rposition(|p| p == path) {
            self.list.remove(k);
        }
    }
}

/// Installs the signal handler (once). Commands that write call it first,
/// so that a signal at any point of their run ends it the same way.
#[cfg(unix)]
pub fn install() {
    use std::sync::Once;

    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // Without a handler the signals keep their default action: the
        // process ends, and temporaries may be left, as before.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("signals".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    clean_up_and_exit(signal);
                }
            });
        drop(spawned);
    });
}

#[cfg(not(unix))]
pub fn install() {}

#[cfg(unix)]
fn clean_up_and_exit(signal: i32) -> ! {
    use std::io::Write as _;

    // Held until the process ends: the main thread changes nothing more.
    let list = lock();
    for path in list.iter().rev() {
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
        drop(removed);
    }
    let name = match signal {
        signal_hook::consts::SIGINT => "interrupt",
        signal_hook::consts::SIGTERM => "termination signal",
        _ => "hang-up signal",
    };
    let _ = writeln!(
        std::io::stderr(),
        "exambank: stopped by {name}; outputs not yet complete were not written"
    );
    std::process::exit(super::exit::interrupted(signal));
}
