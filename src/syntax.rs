//! Small helpers over tree-sitter-go nodes, shared by the engine and every transform.

use tree_sitter::Node;

/// The source text of `node`.
pub fn text<'s>(node: Node, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

/// Named children of `node`, comments excluded.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .collect()
}

/// All children of `node` carrying the field `field`.
pub fn field_children<'t>(node: Node<'t>, field: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor).collect()
}

/// The root node of the tree `node` belongs to.
pub fn root_of(node: Node) -> Node {
    let raw = node.into_raw();
    // SAFETY: `raw.tree` is the tree `node` borrows, alive for the node's lifetime; the
    // root node of a live tree is a valid node of it for the same lifetime.
    unsafe { Node::from_raw(tree_sitter::ffi::ts_tree_root_node(raw.tree)) }
}

/// `node` and its ancestors, innermost first.
///
/// Found in one descent from the root: tree-sitter keeps no parent pointers, so each
/// `Node::parent` is itself a descent from the root (scanning the root's children, as
/// many as the file has top-level declarations), and walking up step by step cost that
/// once per level.
pub fn ancestors<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let mut chain = vec![root_of(node)];
    loop {
        let last = *chain.last().expect("starts with the root");
        if last == node {
            break;
        }
        match last.child_with_descendant(node) {
            Some(next) if next != last => chain.push(next),
            // Not below the root (cannot happen for a node of a tree): step by step.
            _ => {
                chain = std::iter::successors(Some(node), |n| n.parent()).collect();
                chain.reverse();
                break;
            }
        }
    }
    chain.into_iter().rev()
}

/// Every node below `root` (root included) in document order.
pub fn descendants<'t>(root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk(root, |n| out.push(n));
    out
}

/// Calls `f` on every node below `root` (root included) in document order, without
/// collecting them.
pub fn walk<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>)) {
    walk_within(root, usize::MAX, &mut f);
}

/// [`walk`], stopping (and returning false) at the first node more than `limit` levels
/// under `root`; true when the whole tree was visited. The depth is counted on the
/// cursor's moves, without comparing nodes.
pub fn walk_within<'t>(root: Node<'t>, limit: usize, mut f: impl FnMut(Node<'t>)) -> bool {
    let mut cursor = root.walk();
    let mut depth = 0usize;
    'outer: loop {
        f(cursor.node());
        if cursor.goto_first_child() {
            depth += 1;
            if depth > limit {
                return false;
            }
            continue;
        }
        loop {
            if depth == 0 {
                break 'outer;
            }
            if cursor.goto_next_sibling() {
                continue 'outer;
            }
            cursor.goto_parent();
            depth -= 1;
        }
    }
    true
}

/// True when some node below `root` lies more than `limit` levels under it (stops at the
/// first such node; no recursion).
pub fn deeper_than(root: Node, limit: usize) -> bool {
    let mut cursor = root.walk();
    let mut depth = 0;
    loop {
        if cursor.goto_first_child() {
            depth += 1;
            if depth > limit {
                return true;
            }
            continue;
        }
        loop {
            if depth == 0 {
                return false;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            cursor.goto_parent();
            depth -= 1;
        }
    }
}

/// True for a byte that may continue a Go identifier: an ASCII letter, digit or `_`, or
/// any byte of a non-ASCII character (a superset, which errs towards "same word").
pub fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// The offsets of the whole-word occurrences of `word` in `text[range]` (not preceded or
/// followed by an identifier byte), in order.
pub fn whole_word_offsets<'a>(
    text: &'a str,
    range: std::ops::Range<usize>,
    word: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let b = text.as_bytes();
    let start = range.start;
    text[range]
        .match_indices(word)
        .filter(move |_| !word.is_empty())
        .map(move |(at, _)| start + at)
        .filter(move |&at| {
            (at == 0 || !is_ident_byte(b[at - 1]))
                && b.get(at + word.len()).is_none_or(|&c| !is_ident_byte(c))
        })
}

/// The identifiers of `code` (a text with comments and literals blanked, see
/// [`crate::package::code_only`]): the maximal runs of identifier bytes that do not start
/// with a digit (a number's letters, `1e3`, `0x1p`, are no identifier), in order.
pub fn identifier_runs(code: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = code.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < b.len() && !is_ident_byte(b[i]) {
                i += 1;
            }
            if i == b.len() {
                return None;
            }
            let start = i;
            while i < b.len() && is_ident_byte(b[i]) {
                i += 1;
            }
            if !b[start].is_ascii_digit() {
                return Some(start..i);
            }
        }
    })
}

/// The leaves below `root` (root included) whose text is `name` and whose kind is one of
/// `kinds` (`identifier`, `type_identifier`, …), in document order. Found from the text:
/// each whole-word occurrence of `name` in `root`'s range is looked up in the tree (an
/// occurrence in a comment or a string is a node of another kind), so the cost follows
/// the occurrences, not the size of `root`. Debug builds compare it with a walk.
pub fn leaves_named<'t>(root: Node<'t>, src: &str, name: &str, kinds: &[&str]) -> Vec<Node<'t>> {
    let out: Vec<Node<'t>> = whole_word_offsets(src, root.byte_range(), name)
        .filter_map(|at| {
            let end = at + name.len();
            root.descendant_for_byte_range(at, end)
                .filter(|n| n.byte_range() == (at..end) && kinds.contains(&n.kind()))
        })
        .collect();
    debug_assert_eq!(
        out,
        descendants(root)
            .into_iter()
            .filter(|n| kinds.contains(&n.kind()) && text(*n, src) == name)
            .collect::<Vec<_>>(),
        "leaves_named({name})"
    );
    out
}

/// Descendants of `root` of the given kind.
pub fn descendants_of_kind<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    descendants(root)
        .into_iter()
        .filter(|n| n.kind() == kind)
        .collect()
}

/// The specs of a declaration (`var`, `const`, `type`, `import`): its direct spec children
/// and those of its parenthesised list, without descending into values.
pub fn specs<'t>(decl: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    for child in named_children(decl) {
        if child.kind().ends_with("_spec_list") {
            out.extend(named_children(child));
        } else {
            out.push(child);
        }
    }
    out.retain(|n| n.kind().ends_with("_spec") || n.kind() == "type_alias");
    out
}

/// True for the nodes that open a function body: declarations, methods and literals.
pub fn is_function(node: Node) -> bool {
    matches!(
        node.kind(),
        "function_declaration" | "method_declaration" | "func_literal"
    )
}

/// The innermost function (declaration, method or literal) containing `node`.
pub fn enclosing_function(node: Node) -> Option<Node> {
    ancestors(node).skip(1).find(|n| is_function(*n))
}

/// The top-level declaration (child of `source_file`) containing `node`.
pub fn enclosing_top_level(node: Node) -> Option<Node> {
    // The root's child containing `node`: one scan of the root's children, where walking
    // up costs one such scan per level.
    let root = root_of(node);
    if root.kind() != "source_file" || node == root {
        return None;
    }
    root.child_with_descendant(node)
}

/// The outermost function declaration or method containing `node`.
pub fn enclosing_top_function(node: Node) -> Option<Node> {
    enclosing_top_level(node)
        .filter(|n| matches!(n.kind(), "function_declaration" | "method_declaration"))
}

/// True when `node` lies inside a function body.
pub fn in_function_body(node: Node) -> bool {
    // Inside a top-level function or method: one scan of the root's children answers,
    // without the descent that finds every ancestor.
    match enclosing_top_level(node) {
        Some(top) if top != node && is_function(top) => true,
        _ => enclosing_function(node).is_some(),
    }
}

/// Offset of the start of the line containing `offset`.
pub fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Offset just past the end of the line containing `offset` (after its newline).
pub fn line_end(src: &str, offset: usize) -> usize {
    src[offset..]
        .find('\n')
        .map_or(src.len(), |i| offset + i + 1)
}

/// Start of the doc comment block directly above `decl` (no blank line between), or the
/// start of the line of `decl` itself.
pub fn start_with_doc(decl: Node, src: &str) -> usize {
    let mut start = line_start(src, decl.start_byte());
    // The comments just before `decl`, nearest last, found in one forward pass over the
    // siblings: tree-sitter finds a previous sibling by walking from the first one, so
    // stepping back one comment at a time costs a pass per comment (minutes for a 10 MB
    // comment block).
    let mut run: Vec<Node> = Vec::new();
    if let Some(parent) = decl.parent() {
        let mut cursor = parent.walk();
        let mut more = cursor.goto_first_child();
        while more {
            let n = cursor.node();
            if n == decl {
                break;
            }
            if n.kind() == "comment" {
                run.push(n);
            } else {
                run.clear();
            }
            more = cursor.goto_next_sibling();
        }
    }
    for &p in run.iter().rev() {
        // The comment must end on the line just above `start` and stand on its own line.
        let between = &src[p.end_byte()..start];
        if between.trim_matches(|c| c == ' ' || c == '\t') != "\n" {
            break;
        }
        let p_line = line_start(src, p.start_byte());
        if !src[p_line..p.start_byte()].trim().is_empty() {
            break;
        }
        start = p_line;
    }
    start
}

/// The value of a Go string literal node (interpreted or raw), or of a `+` chain of them.
pub fn constant_string(node: Node, src: &str) -> Option<String> {
    match node.kind() {
        "interpreted_string_literal" => unquote_interpreted(text(node, src)),
        "raw_string_literal" => {
            let t = text(node, src);
            Some(t[1..t.len() - 1].replace('\r', ""))
        }
        "parenthesized_expression" => constant_string(named_children(node).first().copied()?, src),
        "binary_expression" => {
            let op = node.child_by_field_name("operator")?;
            if text(op, src) != "+" {
                return None;
            }
            let l = constant_string(node.child_by_field_name("left")?, src)?;
            let r = constant_string(node.child_by_field_name("right")?, src)?;
            Some(l + &r)
        }
        _ => None,
    }
}

/// Decodes an interpreted Go string literal (with its quotes). Returns None for escapes
/// that do not form valid UTF-8 text (e.g. `\xff`), which the callers then leave alone.
pub fn unquote_interpreted(lit: &str) -> Option<String> {
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let e = chars.next()?;
        let simple = match e {
            'a' => Some(7u8),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(b'\n'),
            'r' => Some(b'\r'),
            't' => Some(b'\t'),
            'v' => Some(11),
            '\\' => Some(b'\\'),
            '"' => Some(b'"'),
            _ => None,
        };
        if let Some(b) = simple {
            bytes.push(b);
            continue;
        }
        let take = |chars: &mut std::iter::Peekable<std::str::Chars>, n: usize, radix: u32| {
            let s: String = (0..n).filter_map(|_| chars.next()).collect();
            if s.len() != n {
                return None;
            }
            u32::from_str_radix(&s, radix).ok()
        };
        match e {
            'x' => bytes.push(u8::try_from(take(&mut chars, 2, 16)?).ok()?),
            '0'..='7' => {
                let rest = take(&mut chars, 2, 8)?;
                let v = e.to_digit(8)? * 64 + rest;
                bytes.push(u8::try_from(v).ok()?);
            }
            'u' | 'U' => {
                let v = take(&mut chars, if e == 'u' { 4 } else { 8 }, 16)?;
                let c = char::from_u32(v)?;
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            _ => return None,
        }
    }
    String::from_utf8(bytes).ok()
}

/// Quotes `s` as an interpreted Go string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The statement list of a block-like node (`block`, case clauses), if it has statements.
pub fn statements<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    let list = node
        .named_children(&mut cursor)
        .find(|c| c.kind() == "statement_list");
    match (node.kind(), list) {
        (_, Some(list)) => named_children(list),
        ("statement_list", None) => named_children(node),
        _ => Vec::new(),
    }
}

/// The lines `node` stands alone on: from the start of its first line to past the newline
/// of its last line (None when other code shares them).
pub fn node_lines(node: Node, src: &str) -> Option<std::ops::Range<usize>> {
    let start = line_start(src, node.start_byte());
    if !src[start..node.start_byte()].trim().is_empty() {
        return None;
    }
    let end = line_end(src, node.end_byte());
    let tail = &src[node.end_byte()..end];
    if !tail.trim().is_empty() {
        return None;
    }
    Some(start..end)
}

/// The byte range that removes `node` (standing alone on its lines) together with its
/// lines, and with one blank line next to them where removing the lines alone would leave
/// a layout gofmt or a reviewer rejects: two blank lines in a row (gofmt collapses them, so
/// `gofmt -l` lists the file), a blank line opening a block, or one closing it.
pub fn whole_lines(node: Node, src: &str) -> Option<std::ops::Range<usize>> {
    let lines = node_lines(node, src)?;
    let (start, end) = (lines.start, lines.end);
    let blank = |r: std::ops::Range<usize>| src[r].trim().is_empty();
    let prev = (start > 0).then(|| line_start(src, start - 1)..start);
    let next = (end < src.len()).then(|| end..line_end(src, end));
    let prev_blank = prev.clone().is_some_and(blank);
    let next_blank = next.clone().is_some_and(blank);
    let opens_block = prev
        .clone()
        .is_some_and(|p| src[p].trim_end().ends_with('{'));
    let closes_block = next.is_some_and(|n| src[n].trim_start().starts_with('}'));
    if next_blank && (prev_blank || opens_block) {
        return Some(start..line_end(src, end));
    }
    if prev_blank && closes_block {
        return prev.map(|p| p.start..end);
    }
    Some(start..end)
}

/// The written type of each result of a function declaration, method or literal, one per
/// value (`(a, b int, err error)` → `int`, `int`, `error`); empty when it has none. None when
/// the result list holds anything but parameter declarations (a comment, for one).
pub fn result_types<'t>(func: Node<'t>) -> Option<Vec<Node<'t>>> {
    let Some(result) = func.child_by_field_name("result") else {
        return Some(Vec::new());
    };
    if result.kind() != "parameter_list" {
        return Some(vec![result]);
    }
    let mut out = Vec::new();
    for p in named_children(result) {
        if p.kind() != "parameter_declaration" {
            return None;
        }
        let ty = p.child_by_field_name("type")?;
        let n = field_children(p, "name").len().max(1);
        out.extend(std::iter::repeat_n(ty, n));
    }
    Some(out)
}

/// For tests: the `nth` identifier named `name` below `root`, in document order.
#[cfg(test)]
pub fn nth_identifier<'t>(root: Node<'t>, src: &str, name: &str, nth: usize) -> Node<'t> {
    descendants(root)
        .into_iter()
        .filter(|n| n.kind() == "identifier" && text(*n, src) == name)
        .nth(nth)
        .unwrap_or_else(|| panic!("no identifier {name} number {nth}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_runs_and_whole_words() {
        let code = "x := 1.5e3 + fmt.X(_y, naïve) // funcs func";
        let runs: Vec<&str> = identifier_runs(code).map(|r| &code[r]).collect();
        assert_eq!(runs, ["x", "fmt", "X", "_y", "naïve", "funcs", "func"]);
        let at: Vec<usize> = whole_word_offsets(code, 0..code.len(), "func").collect();
        assert_eq!(at, [code.rfind("func").unwrap()]);
        assert_eq!(whole_word_offsets(code, 0..code.len(), "").count(), 0);
        assert_eq!(whole_word_offsets(code, 0..4, "x").count(), 1);
    }

    #[test]
    fn leaves_named_are_found_from_the_text() {
        let src = "package p\n\n// id is\nfunc f(id int) (idx int) {\n\ts := \"id\"\n\tid++\n\t_ = s.id\n\tvar v id\n\treturn id + idx\n}\n";
        let tree = crate::source::parse(src);
        let root = tree.root_node();
        let at = |n: Node| (n.start_position().row + 1, n.kind().to_string());
        let idents: Vec<_> = leaves_named(root, src, "id", &["identifier"])
            .into_iter()
            .map(at)
            .collect();
        assert_eq!(
            idents,
            [4, 6, 9].map(|row| (row, "identifier".to_string())),
            "not the comment, the string, `idx`, the field or the type"
        );
        let any: Vec<_> = leaves_named(root, src, "id", &["field_identifier", "type_identifier"])
            .into_iter()
            .map(at)
            .collect();
        assert_eq!(
            any,
            [(7, "field_identifier"), (8, "type_identifier")].map(|(r, k)| (r, k.to_string()))
        );
        let body = root
            .named_child(2)
            .and_then(|f| f.child_by_field_name("body"))
            .unwrap();
        assert_eq!(leaves_named(body, src, "id", &["identifier"]).len(), 2);
        assert!(leaves_named(root, src, "", &["identifier"]).is_empty());
    }

    #[test]
    fn unquote_handles_escapes() {
        assert_eq!(
            unquote_interpreted(r#""a\tb\"c\u00e9\x41\101""#).unwrap(),
            "a\tb\"céAA"
        );
        assert_eq!(unquote_interpreted(r#""\xff""#), None);
    }

    #[test]
    fn quote_round_trips() {
        for s in ["plain", "tab\there", "quote\"back\\slash", "new\nline", "é"] {
            assert_eq!(unquote_interpreted(&quote(s)).unwrap(), s);
        }
    }

    fn removed(src: &str, stmt_text: &str) -> String {
        let tree = crate::source::parse(src);
        let node = descendants(tree.root_node())
            .into_iter()
            .find(|n| n.kind().ends_with("statement") && text(*n, src) == stmt_text)
            .expect("statement");
        let r = whole_lines(node, src).expect("alone on its lines");
        format!("{}{}", &src[..r.start], &src[r.end..])
    }

    #[test]
    fn removing_a_statement_leaves_no_blank_run() {
        let f = |body: &str| format!("package a\n\nfunc f() {{\n{body}}}\n");
        // Between two blank lines: one of them goes.
        assert_eq!(
            removed(&f("\ta()\n\n\tx()\n\n\tb()\n"), "x()"),
            f("\ta()\n\n\tb()\n")
        );
        // First in the body, before a blank line: the blank line goes.
        assert_eq!(removed(&f("\tx()\n\n\tb()\n"), "x()"), f("\tb()\n"));
        // Last in the body, after a blank line: the blank line goes.
        assert_eq!(removed(&f("\ta()\n\n\tx()\n"), "x()"), f("\ta()\n"));
        // Only statement, and ordinary neighbours: just its line.
        assert_eq!(removed(&f("\tx()\n"), "x()"), f(""));
        assert_eq!(
            removed(&f("\ta()\n\tx()\n\n\tb()\n"), "x()"),
            f("\ta()\n\n\tb()\n")
        );
        assert_eq!(
            removed(&f("\ta()\n\n\tx()\n\tb()\n"), "x()"),
            f("\ta()\n\n\tb()\n")
        );
        // A comment above stays separated as it was.
        assert_eq!(
            removed(&f("\t// note\n\n\tx()\n\n\tb()\n"), "x()"),
            f("\t// note\n\n\tb()\n")
        );
        // CRLF text keeps its line endings.
        assert_eq!(
            removed(
                "package a\r\n\r\nfunc f() {\r\n\ta()\r\n\r\n\tx()\r\n\r\n\tb()\r\n}\r\n",
                "x()"
            ),
            "package a\r\n\r\nfunc f() {\r\n\ta()\r\n\r\n\tb()\r\n}\r\n"
        );
    }

    #[test]
    fn ancestors_from_the_root_match_walking_up() {
        let src = "package a\n\n// c\nvar v = func() int { return 1 }()\n\nfunc f(x int) {\n\tif y := x; y > 0 {\n\t\tfor i := range []int{x} {\n\t\t\t_ = g(i, (x+1)*2)\n\t\t}\n\t}\n}\n";
        let tree = crate::source::parse(src);
        for n in descendants(tree.root_node()) {
            let up: Vec<Node> = std::iter::successors(Some(n), |n| n.parent()).collect();
            assert_eq!(ancestors(n).collect::<Vec<_>>(), up, "{n:?}");
            assert_eq!(root_of(n), tree.root_node());
            let top = up.len().checked_sub(2).map(|i| up[i]);
            assert_eq!(enclosing_top_level(n), top, "{n:?}");
        }
    }
}
