//! Writing a package's fixed files: all of them or none.
//!
//! Every file is checked and staged first (a temporary `.allocfix-*` file next to it, with
//! the original's permissions and owner); only when every file of the package is staged are
//! they put in place, one after the other, and if one of those steps fails the files
//! already replaced get their original content back. A write keeps what the file is: a
//! symbolic link is written through to its target (the link stays a link), a file with
//! several hard links is rewritten in place (its inode, and so every link, is kept), a
//! read-only file is refused (as `gofmt -w` does), and anything that is not a regular file
//! (a device, a FIFO) is never replaced.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// One file to write: its path (as the run names it), the content it was read with, and
/// the new content.
pub struct Change<'a> {
    pub path: &'a Path,
    pub original: &'a str,
    pub fixed: &'a str,
}

/// Why a package was not written.
#[derive(Debug, PartialEq, Eq)]
pub enum WriteError {
    /// One file cannot be written; nothing of the package was (or every file already
    /// replaced was restored).
    Refused(String),
    /// The run was interrupted before the package's files were put in place.
    Interrupted,
}

/// How a staged file is put in place.
enum Method {
    /// Rename the temporary file over the file.
    Rename(tempfile::NamedTempFile),
    /// Overwrite the file's content in place (hard links, or an owner the temporary file
    /// cannot be given).
    InPlace,
}

struct Staged<'a> {
    change: &'a Change<'a>,
    /// The file actually written: the target of a symbolic link, else the path itself.
    real: PathBuf,
    meta: std::fs::Metadata,
    method: Method,
}

/// Writes every change or none. `interrupted` is checked once all files are staged: when it
/// is set, nothing is written.
pub fn write_package(changes: &[Change], interrupted: &AtomicBool) -> Result<(), WriteError> {
    write_package_with(changes, interrupted, &mut |_| Ok(()))
}

/// [`write_package`], with a check run before each file is put in place (tests use it to
/// make a later file fail after earlier ones were written).
pub fn write_package_with(
    changes: &[Change],
    interrupted: &AtomicBool,
    before_commit: &mut dyn FnMut(&Path) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let mut staged = Vec::with_capacity(changes.len());
    for change in changes {
        // On error the temporary files staged so far are removed when `staged` drops.
        staged.push(stage(change).map_err(WriteError::Refused)?);
    }
    if interrupted.load(Ordering::SeqCst) {
        return Err(WriteError::Interrupted);
    }
    let mut done: Vec<(PathBuf, &str, std::fs::Metadata)> = Vec::new();
    for s in staged {
        let path = s.change.path;
        let result = before_commit(path).and_then(|()| match s.method {
            Method::Rename(tmp) => tmp.persist(&s.real).map(|_| ()).map_err(|e| e.error),
            Method::InPlace => overwrite(&s.real, s.change.fixed),
        });
        if let Err(e) = result {
            let mut msg = format!("{}: cannot write: {e}", path.display());
            let restored = rollback(&done);
            if !done.is_empty() {
                let names: Vec<String> = done
                    .iter()
                    .map(|(p, _, _)| p.display().to_string())
                    .collect();
                match restored {
                    Ok(()) => msg.push_str(&format!(
                        "; restored the files already written ({})",
                        names.join(", ")
                    )),
                    Err(r) => msg.push_str(&format!("; {r}")),
                }
            }
            return Err(WriteError::Refused(msg));
        }
        done.push((s.real, s.change.original, s.meta));
    }
    Ok(())
}

/// Checks that `change` can be written and prepares it.
fn stage<'a>(change: &'a Change<'a>) -> Result<Staged<'a>, String> {
    let path = change.path;
    let say = |what: String| format!("{}: {what}", path.display());
    let link = std::fs::symlink_metadata(path).map_err(|e| say(format!("cannot write: {e}")))?;
    let real = if link.file_type().is_symlink() {
        std::fs::canonicalize(path)
            .map_err(|e| say(format!("cannot resolve symbolic link: {e}")))?
    } else {
        path.to_path_buf()
    };
    let meta = std::fs::metadata(&real).map_err(|e| say(format!("cannot write: {e}")))?;
    if !meta.is_file() {
        return Err(say(
            "not a regular file; never replaced (not written)".to_string()
        ));
    }
    if meta.permissions().readonly() {
        return Err(say(
            "file is read-only; not written (make it writable to fix it)".to_string(),
        ));
    }
    match std::fs::read(&real) {
        Ok(now) if now == change.original.as_bytes() => {}
        Ok(_) => {
            return Err(say(
                "changed on disk while allocfix ran; not written".to_string()
            ));
        }
        Err(e) => return Err(say(format!("cannot read back before writing: {e}"))),
    }
    let method = if several_links(&meta) {
        Method::InPlace
    } else {
        match temp_copy(&real, &meta, change.fixed) {
            Ok(Some(tmp)) => Method::Rename(tmp),
            Ok(None) => Method::InPlace,
            Err(e) => return Err(say(format!("cannot write: {e}"))),
        }
    };
    Ok(Staged {
        change,
        real,
        meta,
        method,
    })
}

#[cfg(unix)]
fn several_links(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn several_links(_: &std::fs::Metadata) -> bool {
    false
}

/// A temporary file next to `real` holding `content`, with `real`'s permissions and owner.
/// `None` when the owner cannot be given to it (the file must then be written in place).
fn temp_copy(
    real: &Path,
    meta: &std::fs::Metadata,
    content: &str,
) -> std::io::Result<Option<tempfile::NamedTempFile>> {
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".allocfix-")
        .tempfile_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), meta.permissions())?;
    if !same_owner(tmp.as_file(), meta)? {
        return Ok(None);
    }
    Ok(Some(tmp))
}

/// Gives `tmp` the owner and group of `meta` if it lacks them; false when that is not
/// allowed.
#[cfg(unix)]
fn same_owner(tmp: &File, meta: &std::fs::Metadata) -> std::io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let now = tmp.metadata()?;
    if now.uid() == meta.uid() && now.gid() == meta.gid() {
        return Ok(true);
    }
    Ok(std::os::unix::fs::fchown(tmp, Some(meta.uid()), Some(meta.gid())).is_ok())
}

#[cfg(not(unix))]
fn same_owner(_: &File, _: &std::fs::Metadata) -> std::io::Result<bool> {
    Ok(true)
}

/// Overwrites the content of `real` in place (the inode, its links, owner and mode stay).
fn overwrite(real: &Path, content: &str) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).open(real)?;
    f.seek(SeekFrom::Start(0))?;
    f.write_all(content.as_bytes())?;
    f.set_len(content.len() as u64)?;
    f.sync_all()
}

/// Puts the original content back into files already written.
fn rollback(done: &[(PathBuf, &str, std::fs::Metadata)]) -> Result<(), String> {
    let mut failed = Vec::new();
    for (real, original, meta) in done.iter().rev() {
        let result = if several_links(meta) {
            overwrite(real, original)
        } else {
            match temp_copy(real, meta, original) {
                Ok(Some(tmp)) => tmp.persist(real).map(|_| ()).map_err(|e| e.error),
                Ok(None) => overwrite(real, original),
                Err(e) => Err(e),
            }
        };
        if let Err(e) = result {
            // Last resort: keep the original next to the file, so that no byte is lost.
            let keep = real.with_extension("go.allocfix-orig");
            let kept = std::fs::write(&keep, original).is_ok();
            failed.push(format!(
                "could not restore {}: {e}{}",
                real.display(),
                if kept {
                    format!("; its original content is in {}", keep.display())
                } else {
                    String::new()
                }
            ));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change<'a>(path: &'a Path, original: &'a str, fixed: &'a str) -> Change<'a> {
        Change {
            path,
            original,
            fixed,
        }
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".allocfix"))
            .collect()
    }

    #[test]
    fn a_failure_after_a_write_restores_the_files_written() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.go"), dir.path().join("b.go"));
        std::fs::write(&a, "A\n").unwrap();
        std::fs::write(&b, "B\n").unwrap();
        let changes = [change(&a, "A\n", "A2\n"), change(&b, "B\n", "B2\n")];
        let mut fail_on_b = |p: &Path| {
            if p.ends_with("b.go") {
                Err(std::io::Error::other("injected"))
            } else {
                Ok(())
            }
        };
        let err = write_package_with(&changes, &AtomicBool::new(false), &mut fail_on_b)
            .expect_err("b fails");
        let WriteError::Refused(msg) = err else {
            panic!("{err:?}")
        };
        assert!(msg.contains("b.go: cannot write: injected"), "{msg}");
        assert!(msg.contains("restored"), "{msg}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "A\n");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "B\n");
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }

    #[test]
    fn a_refused_file_means_no_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.go"), dir.path().join("b.go"));
        std::fs::write(&a, "A\n").unwrap();
        std::fs::write(&b, "B\n").unwrap();
        let mut perms = std::fs::metadata(&b).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&b, perms).unwrap();
        let changes = [change(&a, "A\n", "A2\n"), change(&b, "B\n", "B2\n")];
        let err = write_package(&changes, &AtomicBool::new(false)).expect_err("read-only");
        assert!(
            matches!(&err, WriteError::Refused(m) if m.contains("b.go: file is read-only")),
            "{err:?}"
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "A\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn interrupted_before_commit_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.go");
        std::fs::write(&a, "A\n").unwrap();
        let changes = [change(&a, "A\n", "A2\n")];
        let err = write_package(&changes, &AtomicBool::new(true)).expect_err("interrupted");
        assert_eq!(err, WriteError::Interrupted);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "A\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.go");
        std::fs::write(&a, "edited\n").unwrap();
        let changes = [change(&a, "A\n", "A2\n")];
        let err = write_package(&changes, &AtomicBool::new(false)).expect_err("changed");
        assert!(matches!(&err, WriteError::Refused(m) if m.contains("changed on disk")));
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "edited\n");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.go");
        let sym = dir.path().join("s.go");
        let hard = dir.path().join("h.go");
        std::fs::write(&target, "T\n").unwrap();
        std::os::unix::fs::symlink("t.go", &sym).unwrap();
        std::fs::hard_link(&target, &hard).unwrap();
        let inode = std::fs::metadata(&target).unwrap().ino();
        write_package(&[change(&sym, "T\n", "T2\n")], &AtomicBool::new(false)).unwrap();
        assert!(
            std::fs::symlink_metadata(&sym)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "T2\n");
        assert_eq!(std::fs::read_to_string(&hard).unwrap(), "T2\n");
        assert_eq!(std::fs::metadata(&target).unwrap().ino(), inode);
        assert!(leftovers(dir.path()).is_empty());
    }
}
