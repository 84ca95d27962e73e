//! The generator of `stdlib_api.txt` from the Go distribution's `$GOROOT/api/go1*.txt`.
//!
//! Run it with `cargo run --example gen-stdlib` (writes `src/analysis/stdlib_api.txt`);
//! `tests/stdlib_table.rs` regenerates and compares with the checked-in table.
//!
//! Rules, in the order they apply to each input line:
//! - `go1.txt` is Go 1.0 (minor 0) and `go1.N.txt` adds the features of Go 1.N; `next/` is
//!   not read (unreleased API).
//! - The trailing `#nnnnn` proposal number is dropped.
//! - Platform-qualified lines (`pkg os (linux-arm), ...`): those of `syscall` are dropped
//!   (that package differs per platform, so no portable answer exists); the others are
//!   constants whose value differs per platform but not their kind, and are kept with the
//!   qualifier removed.
//! - `//deprecated` markers, interface summary lines (`interface { A, B }`), `unexported
//!   methods` markers and constant values (`const X = 42`) carry nothing typing needs.
//! - `except.txt` lists features that changed or disappeared after they shipped (for
//!   example `method (*RawMessage) MarshalJSON` became a value method). An excepted line
//!   still counts for the version a feature appeared in, but its text is only kept when no
//!   line of a later file replaced it; a feature with only excepted lines is gone.
//! - Every feature has a key (package, kind and name, with the receiver or parent type);
//!   its version is the first file that has the key, its text the last non-excepted line.
//! - Package qualifiers in types (`fs.FileInfo`) are resolved to an import path once per
//!   package and written in the package's header line (`@os fs=io/fs ...`).
//!
//! The table's lines (see `super` for how they are read):
//! ```text
//! # go1.26                            the newest Go version the table records
//! @os fs=io/fs time=time              a package and its qualifiers
//! 0 f Open(string) (*File, error)     package-level function
//! 0 m *File Stat() (fs.FileInfo, error)   method, with receiver type (type parameters dropped)
//! 0 t File struct                     type declaration: struct, interface, `= T` alias, or underlying type
//! 0 F ProcAttr Dir string             struct field
//! 0 E ReadWriter *Reader              embedded struct field
//! 0 I FileInfo Size() int64           interface method
//! 0 v Args []string                   variable
//! 0 c ModeDir fs.FileMode             constant, with its type (`ideal-int` etc. for untyped)
//! ```
//! The leading number is the minor version of Go 1 that added the feature.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// The api files of `api_dir` (go1.txt, go1.N.txt), as (minor, path), sorted by minor.
pub fn api_files(api_dir: &Path) -> std::io::Result<Vec<(u16, std::path::PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(api_dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        let minor = if stem == "go1" {
            0
        } else if let Some(n) = stem.strip_prefix("go1.") {
            match n.parse::<u16>() {
                Ok(n) => n,
                Err(_) => continue,
            }
        } else {
            continue;
        };
        out.push((minor, path));
    }
    out.sort();
    Ok(out)
}

/// Generates the table from `api_dir`, reading only versions up to `max_minor` (all when
/// `None`). Fails when `go1.txt` is missing or a file cannot be read.
pub fn generate_from_dir(api_dir: &Path, max_minor: Option<u16>) -> std::io::Result<String> {
    let files = api_files(api_dir)?;
    if !files.iter().any(|(m, _)| *m == 0) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} has no go1.txt", api_dir.display()),
        ));
    }
    let mut inputs = Vec::new();
    for (minor, path) in files {
        if max_minor.is_some_and(|max| minor > max) {
            continue;
        }
        inputs.push((minor, std::fs::read_to_string(&path)?));
    }
    let except = match std::fs::read_to_string(api_dir.join("except.txt")) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let borrowed: Vec<(u16, &str)> = inputs.iter().map(|(m, s)| (*m, s.as_str())).collect();
    Ok(generate(&borrowed, &except))
}

/// One feature: the kind letter and the rest of its table line.
struct Feature {
    since: u16,
    /// The text of the last non-excepted line, or `None` when all lines were excepted.
    text: Option<String>,
}

/// Generates the table from the contents of the api files, as (minor, text), and of
/// `except.txt`.
pub fn generate(files: &[(u16, &str)], except: &str) -> String {
    let except: HashSet<&str> = except.lines().map(strip_issue).collect();
    // package -> key -> feature
    let mut pkgs: BTreeMap<String, HashMap<String, Feature>> = BTreeMap::new();
    let mut max = 0;
    for &(minor, text) in files {
        max = max.max(minor);
        for raw in text.lines() {
            let line = strip_issue(raw);
            let Some((pkg, feature)) = split_line(line) else {
                continue;
            };
            let Some((key, out)) = normalize(feature) else {
                continue;
            };
            let excepted = except.contains(line);
            let slot = pkgs
                .entry(pkg.to_string())
                .or_default()
                .entry(key)
                .or_insert(Feature {
                    since: minor,
                    text: None,
                });
            slot.since = slot.since.min(minor);
            if !excepted {
                slot.text = Some(out);
            }
        }
    }

    // The packages, their names and the types each declares, for qualifier resolution.
    let mut first_seen: HashMap<&str, u16> = HashMap::new();
    let mut declares: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (pkg, features) in &pkgs {
        for f in features.values() {
            let Some(text) = &f.text else { continue };
            let e = first_seen.entry(pkg).or_insert(f.since);
            *e = (*e).min(f.since);
            if let Some(rest) = text.strip_prefix("t ") {
                let name = rest.split([' ', '[']).next().unwrap_or_default();
                declares.entry(pkg).or_default().insert(name);
            }
        }
    }
    let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for pkg in pkgs.keys() {
        by_name.entry(package_name(pkg)).or_default().push(pkg);
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# The Go standard library's exported API, generated from $GOROOT/api by `cargo run --example gen-stdlib`; do not edit."
    );
    let _ = writeln!(out, "# go1.{max}");
    for (pkg, features) in &pkgs {
        // A member whose type is not declared (syscall's `WaitStatus` methods are portable
        // but the type is per platform) has nothing to belong to.
        let types: HashSet<&str> = declares.get(pkg.as_str()).cloned().unwrap_or_default();
        let mut lines: Vec<(&str, u16)> = features
            .values()
            .filter_map(|f| f.text.as_deref().map(|t| (t, f.since)))
            .filter(|(t, _)| member_owner(t).is_none_or(|owner| types.contains(owner)))
            .collect();
        if lines.is_empty() {
            continue;
        }
        lines.sort();
        let mut quals: BTreeMap<&str, &str> = BTreeMap::new();
        let mut used: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (text, _) in &lines {
            for (q, name) in qualifiers(text) {
                used.entry(q).or_default().insert(name);
            }
        }
        for (q, names) in used {
            if let Some(path) = resolve_qualifier(q, &names, pkg, &by_name, &declares, &first_seen)
            {
                quals.insert(q, path);
            }
        }
        let _ = write!(out, "@{pkg}");
        for (q, path) in quals {
            let _ = write!(out, " {q}={path}");
        }
        out.push('\n');
        for (text, since) in lines {
            let _ = writeln!(out, "{since} {text}");
        }
    }
    out
}

/// The type a member line (`m`, `F`, `E`, `I`) belongs to.
fn member_owner(text: &str) -> Option<&str> {
    let rest = match text.split_at_checked(2)? {
        ("m " | "F " | "E " | "I ", rest) => rest,
        _ => return None,
    };
    Some(ident_prefix(rest.trim_start_matches('*')))
}

/// The line without its trailing ` #nnnnn` proposal number.
fn strip_issue(line: &str) -> &str {
    let line = line.trim_end();
    if let Some(i) = line.rfind(" #")
        && line[i + 2..].bytes().all(|b| b.is_ascii_digit())
        && i + 2 < line.len()
    {
        return line[..i].trim_end();
    }
    line
}

/// `pkg P, feature` or `pkg P (platform), feature` to (P, feature); `None` for comments,
/// blank lines and syscall's per-platform lines.
fn split_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("pkg ")?;
    let (head, feature) = rest.split_once(", ")?;
    match head.split_once(" (") {
        Some(("syscall", _platform)) => None,
        Some((pkg, _)) => Some((pkg, feature)),
        None => Some((head, feature)),
    }
}

/// A feature's key and table text (kind letter, space, the rest); `None` for lines that
/// carry nothing typing needs.
fn normalize(feature: &str) -> Option<(String, String)> {
    if feature.ends_with("//deprecated") {
        return None;
    }
    if let Some(rest) = feature.strip_prefix("func ") {
        let name = ident_prefix(rest);
        return Some((format!("f {name}"), format!("f {rest}")));
    }
    if let Some(rest) = feature.strip_prefix("method (") {
        let close = rest.find(") ")?;
        let recv = strip_type_args(&rest[..close]);
        let sig = &rest[close + 2..];
        let name = ident_prefix(sig);
        let base = recv.trim_start_matches('*');
        return Some((format!("m {base}.{name}"), format!("m {recv} {sig}")));
    }
    if let Some(rest) = feature.strip_prefix("var ") {
        let name = ident_prefix(rest);
        return Some((format!("v {name}"), format!("v {rest}")));
    }
    if let Some(rest) = feature.strip_prefix("const ") {
        let name = ident_prefix(rest);
        if rest[name.len()..].starts_with(" = ") {
            return None;
        }
        return Some((format!("c {name}"), format!("c {rest}")));
    }
    let rest = feature.strip_prefix("type ")?;
    // `Name[$0 C, ...] kind...`: the name with its type parameter list.
    let name = ident_prefix(rest);
    let mut head_end = name.len();
    if rest[head_end..].starts_with('[') {
        head_end += matching_close(&rest[head_end..])? + 1;
    }
    let after = rest[head_end..].strip_prefix(' ')?;
    for (kind, letter) in [("struct, ", "F"), ("interface, ", "I")] {
        if let Some(member) = after.strip_prefix(kind) {
            if member == "unexported methods" {
                // An interface with unexported methods has no summary line: this one
                // declares it.
                let head = &rest[..head_end];
                return Some((format!("t {name}"), format!("t {head} interface")));
            }
            if let Some(emb) = member.strip_prefix("embedded ") {
                return Some((format!("E {name}.{emb}"), format!("E {name} {emb}")));
            }
            let mname = ident_prefix(member);
            let letter = if letter == "I" && !member[mname.len()..].starts_with('(') {
                // An interface's embedded (non-method) element.
                "E"
            } else {
                letter
            };
            return Some((
                format!("{letter} {name}.{mname}"),
                format!("{letter} {name} {member}"),
            ));
        }
    }
    if after.starts_with("interface {") {
        // A non-empty interface's declaration lists its methods' names, which change as
        // methods are added; the methods have their own lines.
        let head = &rest[..head_end];
        return Some((format!("t {name}"), format!("t {head} interface")));
    }
    Some((format!("t {name}"), format!("t {rest}")))
}

/// The leading Go identifier of `s`.
fn ident_prefix(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The index of the `]` matching the `[` that starts `s`.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `*Pointer[$0]` to `*Pointer`.
fn strip_type_args(recv: &str) -> &str {
    match recv.find('[') {
        Some(i) => &recv[..i],
        None => recv,
    }
}

/// The (qualifier, name) pairs of `pkg.Name` references in a table line.
fn qualifiers(text: &str) -> Vec<(&str, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_lowercase() && (i == 0 || !is_ident_byte(b[i - 1])) {
            let start = i;
            while i < b.len() && is_ident_byte(b[i]) {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_uppercase() {
                let q = &text[start..i];
                let n = ident_prefix(&text[i + 1..]);
                out.push((q, n));
                i += 1 + n.len();
            }
            continue;
        }
        i += 1;
    }
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The package name of an import path: its last element, or the one before a `vN` suffix.
pub fn package_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let is_major =
        last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit());
    if is_major {
        parts.next().unwrap_or(last)
    } else {
        last
    }
}

/// The import path a qualifier `q` stands for in package `pkg`: a package other than `pkg`
/// named `q` that declares all of `names`; among several, the oldest (an API can only
/// refer to a package that existed), then the first by path.
fn resolve_qualifier<'a>(
    q: &str,
    names: &BTreeSet<&str>,
    pkg: &str,
    by_name: &HashMap<&str, Vec<&'a str>>,
    declares: &HashMap<&str, HashSet<&str>>,
    first_seen: &HashMap<&str, u16>,
) -> Option<&'a str> {
    if q == "unsafe" {
        return None; // not in the api files; `unsafe.Pointer` is known to the reader
    }
    let candidates = by_name.get(q)?;
    candidates
        .iter()
        .copied()
        .filter(|c| *c != pkg)
        .filter(|c| {
            declares
                .get(c)
                .is_some_and(|d| names.iter().all(|n| d.contains(n)))
        })
        .min_by_key(|c| (first_seen.get(c).copied().unwrap_or(u16::MAX), *c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excepted_lines_keep_their_version_and_lose_their_text() {
        let go1 = "pkg encoding/json, type RawMessage []uint8\n\
                   pkg encoding/json, method (*RawMessage) MarshalJSON() ([]uint8, error)\n\
                   pkg net, func Gone() int\n";
        let go18 = "pkg encoding/json, method (RawMessage) MarshalJSON() ([]uint8, error)\n";
        let except = "pkg encoding/json, method (*RawMessage) MarshalJSON() ([]uint8, error)\n\
                      pkg net, func Gone() int\n";
        let t = generate(&[(0, go1), (8, go18)], except);
        assert!(
            t.contains("\n0 m RawMessage MarshalJSON() ([]uint8, error)\n"),
            "{t}"
        );
        assert!(!t.contains("Gone"), "{t}");
        assert!(t.contains("# go1.8\n"), "{t}");
    }

    #[test]
    fn drops_syscall_platform_lines_and_keeps_other_platform_constants() {
        let go1 = "pkg syscall (linux-386), const AF_INET = 2\n\
                   pkg syscall (linux-386), const AF_INET ideal-int\n\
                   pkg os (linux-arm), const O_SYNC ideal-int\n\
                   pkg os (darwin-amd64), const O_SYNC ideal-int\n\
                   pkg math, const Pi = 3.14159  // 314/100\n\
                   pkg math, const Pi ideal-float #12345\n";
        let t = generate(&[(0, go1)], "");
        assert!(!t.contains("AF_INET"), "{t}");
        assert_eq!(t.matches("c O_SYNC ideal-int").count(), 1, "{t}");
        assert!(t.contains("\n0 c Pi ideal-float\n"), "{t}");
        assert!(!t.contains("3.14"), "{t}");
    }

    #[test]
    fn resolves_qualifiers_to_the_package_that_declares_the_name() {
        let go1 = "pkg math/rand, type Rand struct\n\
                   pkg crypto/rand, var Reader io.Reader\n\
                   pkg io, type Reader interface { Read }\n\
                   pkg io, type Reader interface, Read([]uint8) (int, error)\n\
                   pkg math/big, type Int struct\n\
                   pkg math/big, method (*Int) Rand(*rand.Rand, *Int) *Int\n";
        let go22 = "pkg math/rand/v2, type Rand struct\n";
        let t = generate(&[(0, go1), (22, go22)], "");
        assert!(t.contains("@math/big rand=math/rand\n"), "{t}");
        assert!(t.contains("@crypto/rand io=io\n"), "{t}");
        assert!(
            t.contains("\n0 I Reader Read([]uint8) (int, error)\n"),
            "{t}"
        );
        assert!(t.contains("\n0 t Reader interface\n"), "{t}");
        assert!(!t.contains("interface {"), "{t}");
    }

    #[test]
    fn interfaces_with_unexported_methods_are_declared_and_orphan_members_dropped() {
        let go1 = "pkg testing, type TB interface, Fail()\n\
                   pkg testing, type TB interface, unexported methods\n\
                   pkg syscall (linux-386), type WaitStatus uint32\n\
                   pkg syscall, method (WaitStatus) Exited() bool\n\
                   pkg log/slog, func WarnContext(string)  #61200\n";
        let t = generate(&[(0, go1)], "");
        assert!(
            t.contains("\n0 t TB interface\n0 I TB Fail()\n")
                || t.contains("\n0 I TB Fail()\n0 t TB interface\n"),
            "{t}"
        );
        assert!(!t.contains("WaitStatus"), "{t}");
        assert!(t.contains("\n0 f WarnContext(string)\n"), "{t}");
    }

    #[test]
    fn generic_types_keep_their_parameters_on_the_type_line_only() {
        let go = "pkg sync/atomic, type Pointer[$0 interface{}] struct #50860\n\
                  pkg sync/atomic, method (*Pointer[$0]) Load() *$0 #50860\n\
                  pkg database/sql, type Null[$0 interface{}] struct #60370\n\
                  pkg database/sql, type Null[$0 interface{}] struct, V $0 #60370\n";
        let t = generate(&[(0, ""), (19, go)], "");
        assert!(t.contains("\n19 t Pointer[$0 interface{}] struct\n"), "{t}");
        assert!(t.contains("\n19 m *Pointer Load() *$0\n"), "{t}");
        assert!(t.contains("\n19 F Null V $0\n"), "{t}");
    }
}
