//! Unified diffs in the shape `git apply` accepts (`a/` and `b/` paths), coloured on request.

use similar::TextDiff;

/// The path as shown in diff headers: relative, with forward slashes.
pub fn display_path(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd
        .as_deref()
        .and_then(|c| path.strip_prefix(c).ok())
        .unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// A unified diff of `old` → `new` for `path`, empty when they are equal.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Colours a unified diff for a terminal (anstream strips the codes when not wanted).
pub fn colorize(diff: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let header = Style::new().bold();
    let hunk = AnsiColor::Cyan.on_default();
    let del = AnsiColor::Red.on_default();
    let add = AnsiColor::Green.on_default();
    let mut out = String::with_capacity(diff.len() + 64);
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("---") || line.starts_with("+++") {
            header
        } else if line.starts_with("@@") {
            hunk
        } else if line.starts_with('-') {
            del
        } else if line.starts_with('+') {
            add
        } else {
            Style::new()
        };
        let body = line.strip_suffix('\n').unwrap_or(line);
        out.push_str(&format!("{style}{body}{style:#}"));
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_git_style() {
        let d = unified("x/a.go", "a\nb\n", "a\nc\n");
        assert!(
            d.starts_with("--- a/x/a.go\n+++ b/x/a.go\n@@ -1,2 +1,2 @@\n"),
            "{d}"
        );
        assert!(unified("a.go", "same", "same").is_empty());
    }
}
