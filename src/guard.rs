//! Panics inside one package's work: caught on purpose, turned into an error naming what
//! was being done (the stage: a transform, or applying fixes, and the file), and kept off
//! the terminal. Any other panic reaches the hook that was installed before ours.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::path::{Path, PathBuf};
use std::sync::Once;

thread_local! {
    /// How many `catch` calls are active on this thread.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
    /// The message and location of the last panic caught on purpose on this thread.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
    /// What the engine is doing on this thread, and on which file (for the message of a
    /// caught panic).
    static STAGE: RefCell<Option<(String, PathBuf)>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

/// Installs the panic hook (once per process). A panic raised while a `catch` of the same
/// thread is active is recorded for that `catch` (and also passed on to the previous hook
/// when `ALLOCFIX_DEBUG` is set); every other panic goes to the previous hook unchanged.
pub fn install() {
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        let debug = std::env::var_os("ALLOCFIX_DEBUG").is_some();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) > 0 {
                LAST.with(|l| *l.borrow_mut() = Some(describe(info)));
                if debug {
                    previous(info);
                }
            } else {
                previous(info);
            }
        }));
    });
}

fn describe(info: &PanicHookInfo) -> String {
    let payload = info.payload();
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    match info.location() {
        Some(l) => format!("{msg} (at {}:{})", l.file(), l.line()),
        None => msg,
    }
}

/// A panic caught by `catch`: its message and location, and the stage it happened in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caught {
    pub message: String,
    /// What was being done (e.g. `sentinel-error`, `applying fixes`) and on which file.
    pub stage: Option<(String, PathBuf)>,
}

/// Runs `f`, turning a panic into `Err`. The stage set by `stage` inside `f` (and not
/// cleared) is reported with it.
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, Caught> {
    install();
    let outer_stage = STAGE.with(|s| s.borrow().clone());
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    let inner_stage = STAGE.with(|s| std::mem::replace(&mut *s.borrow_mut(), outer_stage));
    result.map_err(|payload| {
        let message = LAST.with(|l| l.borrow_mut().take()).unwrap_or_else(|| {
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string())
        });
        Caught {
            message,
            stage: inner_stage,
        }
    })
}

/// Records what this thread is doing now (e.g. `sentinel-error`, on `file`), for the
/// message of a panic caught by the enclosing `catch`.
pub fn stage(what: &str, file: &Path) {
    if CATCHING.with(Cell::get) > 0 {
        STAGE.with(|s| *s.borrow_mut() = Some((what.to_string(), file.to_path_buf())));
    }
}

/// A deliberate panic for tests: `ALLOCFIX_PANIC_ON=<stage>:<file name>` (stage: a
/// transform id, or `apply`) makes the engine panic when it reaches that stage on that
/// file, so that the CLI's handling of an internal error can be tested end to end.
pub fn injected(stage: &str, file: &Path) {
    static TARGET: std::sync::OnceLock<Option<(String, String)>> = std::sync::OnceLock::new();
    let target = TARGET.get_or_init(|| {
        let v = std::env::var("ALLOCFIX_PANIC_ON").ok()?;
        let (s, f) = v.split_once(':')?;
        Some((s.to_string(), f.to_string()))
    });
    if let Some((s, f)) = target
        && s == stage
        && file
            .file_name()
            .is_some_and(|n| n.to_str() == Some(f.as_str()))
    {
        panic!("injected panic (ALLOCFIX_PANIC_ON={s}:{f})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catch_reports_message_location_and_stage() {
        let r: Result<(), Caught> = catch(|| {
            stage("hoist-regexp", Path::new("a.go"));
            panic!("boom {}", 7);
        });
        let c = r.expect_err("panicked");
        assert!(c.message.starts_with("boom 7 (at src/guard.rs:"), "{c:?}");
        assert_eq!(c.stage, Some(("hoist-regexp".to_string(), "a.go".into())));
        assert_eq!(catch(|| 3), Ok(3));
        // The stage does not leak out of the `catch` that set it.
        assert_eq!(STAGE.with(|s| s.borrow().clone()), None);
    }
}
