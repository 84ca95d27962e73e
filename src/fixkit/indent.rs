//! Indentation with tabs: the indentation of a line, and moving a block of code written at
//! one indentation to another.

use tree_sitter::Node;

use crate::syntax::line_start;

/// The leading tabs/spaces of the line containing `offset`.
pub fn indentation(src: &str, offset: usize) -> &str {
    let start = line_start(src, offset);
    let line = &src[start..];
    let end = line
        .find(|c: char| c != '\t' && c != ' ')
        .unwrap_or(line.len());
    &line[..end]
}

/// The indentation of the line holding `node`.
pub fn indent_of(node: Node, src: &str) -> String {
    indentation(src, node.start_byte()).to_string()
}

/// Reindents a block of text written with a tab per level (first line unindented) so that
/// it sits at `indent`: every non-empty line after the first gets `indent` prepended.
pub fn indent_block(block: &str, indent: &str) -> String {
    let mut out = String::with_capacity(block.len() + 16);
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out
}

/// Moves `text`, whose first line is unindented and whose later lines are indented from
/// `from`, to `to`: each later line's `from` prefix becomes `to`, empty lines stay empty.
/// None when a later non-empty line does not start with `from`.
pub fn reindent(text: &str, from: &str, to: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i == 0 {
            out.push_str(line);
            continue;
        }
        out.push('\n');
        if line.is_empty() {
            continue;
        }
        out.push_str(to);
        out.push_str(line.strip_prefix(from)?);
    }
    Some(out)
}

/// Like [`reindent`] to the top level, for a value copied out of a function: each later
/// line loses its `from` prefix when it has one and is kept as it is otherwise.
pub fn outdent_loosely(text: &str, from: &str) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l
            } else {
                l.strip_prefix(from).unwrap_or(l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whole lines moved from indentation `from` to `to`, each ended by a newline; a line of
/// only whitespace becomes an empty line. None when a non-blank line does not start with
/// `from`.
pub fn shift_lines(lines: &[&str], from: &str, to: &str) -> Option<String> {
    let mut out = String::new();
    for line in lines {
        if !line.trim().is_empty() {
            out.push_str(to);
            out.push_str(line.strip_prefix(from)?);
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_of_a_line() {
        let src = "a\n\t\t b\nc";
        assert_eq!(indentation(src, 5), "\t\t ");
        assert_eq!(indentation(src, 0), "");
        assert_eq!(indentation("x\n\t", 2), "\t");
    }

    #[test]
    fn indent_block_prefixes_later_lines() {
        assert_eq!(indent_block("a\n\tb\n\nc", "\t"), "a\n\t\tb\n\n\tc");
    }

    #[test]
    fn reindent_moves_later_lines_or_refuses() {
        assert_eq!(
            reindent("f(\n\t\t\tx,\n\n\t\t)", "\t\t", "\t").as_deref(),
            Some("f(\n\t\tx,\n\n\t)")
        );
        assert_eq!(
            reindent("one line", "\t\t", "\t").as_deref(),
            Some("one line")
        );
        assert_eq!(reindent("f(\n\tx)", "\t\t", "\t"), None);
    }

    #[test]
    fn outdent_loosely_keeps_lines_without_the_prefix() {
        assert_eq!(
            outdent_loosely("f(\n\t\tx,\ny,\n\t)", "\t\t"),
            "f(\nx,\ny,\n\t)"
        );
    }

    #[test]
    fn shift_lines_moves_whole_lines() {
        assert_eq!(
            shift_lines(&["\t\ta()", "  ", "\t\t\tb()"], "\t\t", "").as_deref(),
            Some("a()\n\n\tb()\n")
        );
        assert_eq!(
            shift_lines(&["\ta()", ""], "", "\t").as_deref(),
            Some("\t\ta()\n\n")
        );
        assert_eq!(shift_lines(&["\ta()"], "\t\t", ""), None);
    }
}
