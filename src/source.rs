//! A Go source file as allocfix holds it: the bytes as read, a normalised text that the
//! transforms see (no BOM, LF line endings), and its syntax tree.

use std::cell::RefCell;
use std::path::PathBuf;

use tree_sitter::{Node, Parser, Tree};

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_go::LANGUAGE.into())
            .expect("tree-sitter-go grammar is compatible with the tree-sitter runtime");
        p
    });
}

/// Parses Go source text with tree-sitter-go.
pub fn parse(text: &str) -> Tree {
    PARSER.with(|p| {
        p.borrow_mut()
            .parse(text, None)
            .expect("parsing without a timeout or cancellation always yields a tree")
    })
}

/// Parses `text`, the result of replacing each `(range, content)` of `edits` (sorted by
/// start, not overlapping, ranges in `old_text`) in `old_text`, whose tree is `old_tree`:
/// tree-sitter's incremental parse, which reuses the parts of the old tree the edits did not
/// touch. The tree is the one [`parse`] gives for `text`.
pub fn reparse<'e>(
    old_text: &str,
    old_tree: &Tree,
    edits: impl IntoIterator<Item = (std::ops::Range<usize>, &'e str)>,
    text: &str,
) -> Tree {
    let mut tree = old_tree.clone();
    let edits: Vec<(std::ops::Range<usize>, &str)> = edits.into_iter().collect();
    // Each edit in the coordinates of the text with the edits before it applied (see
    // [`edited_ranges`]); rows and columns are counted through the unchanged text between
    // edits.
    let mut point = tree_sitter::Point::new(0, 0);
    let mut old_pos = 0;
    for ((range, content), new) in edits.iter().zip(edited_ranges(edits.iter().cloned())) {
        point = advance(point, &old_text[old_pos..range.start]);
        let new_end_position = advance(point, content);
        tree.edit(&tree_sitter::InputEdit {
            start_byte: new.start,
            old_end_byte: new.start + range.len(),
            new_end_byte: new.end,
            start_position: point,
            old_end_position: advance(point, &old_text[range.clone()]),
            new_end_position,
        });
        point = new_end_position;
        old_pos = range.end;
    }
    PARSER.with(|p| {
        p.borrow_mut()
            .parse(text, Some(&tree))
            .expect("parsing without a timeout or cancellation always yields a tree")
    })
}

/// Panics unless `a` and `b` have the same nodes (kind, byte range, row and column) in
/// the same order: checks, in debug builds, that an incremental parse gave the tree a
/// fresh parse gives.
#[cfg(debug_assertions)]
pub fn assert_same_tree(a: &Tree, b: &Tree) {
    let (mut x, mut y) = (a.walk(), b.walk());
    loop {
        let (n, m) = (x.node(), y.node());
        assert!(
            n.kind_id() == m.kind_id()
                && n.byte_range() == m.byte_range()
                && n.start_position() == m.start_position()
                && n.end_position() == m.end_position()
                && n.is_missing() == m.is_missing()
                && x.field_id() == y.field_id(),
            "incremental parse differs from a fresh parse at {n:?} / {m:?}"
        );
        let (down, down2) = (x.goto_first_child(), y.goto_first_child());
        assert_eq!(down, down2, "incremental parse differs at {n:?}");
        if down {
            continue;
        }
        loop {
            let (next, next2) = (x.goto_next_sibling(), y.goto_next_sibling());
            assert_eq!(next, next2, "incremental parse differs after {n:?}");
            if next {
                break;
            }
            let (up, up2) = (x.goto_parent(), y.goto_parent());
            assert_eq!(up, up2);
            if !up {
                return;
            }
        }
    }
}

/// The point reached from `from` after the text `s` (columns in bytes, as tree-sitter's).
fn advance(from: tree_sitter::Point, s: &str) -> tree_sitter::Point {
    match s.rfind('\n') {
        Some(last) => tree_sitter::Point::new(
            from.row + s.bytes().filter(|&b| b == b'\n').count(),
            s.len() - last - 1,
        ),
        None => tree_sitter::Point::new(from.row, from.column + s.len()),
    }
}

/// How the file's bytes differ from the normalised text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Encoding {
    /// The file starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Every line ends with CRLF (a file mixing LF and CRLF is kept as it is).
    pub crlf: bool,
}

const BOM: &str = "\u{feff}";

impl Encoding {
    /// Splits raw file content into the normalised text and the encoding to restore.
    pub fn decode(raw: &str) -> (String, Encoding) {
        let (bom, body) = match raw.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        // Counted only where a carriage return is (most files have none).
        let crlf = body.contains('\r') && {
            let newlines = body.matches('\n').count();
            newlines > 0 && body.matches("\r\n").count() == newlines
        };
        let text = if crlf {
            body.replace("\r\n", "\n")
        } else {
            body.to_string()
        };
        (text, Encoding { bom, crlf })
    }

    /// Turns normalised text back into file content with this encoding.
    pub fn encode(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        if self.bom {
            out.push_str(BOM);
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

/// A position for messages: 1-based line and 1-based byte column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line and column of a byte offset in `text`.
pub fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Position {
        line,
        column: offset - line_start + 1,
    }
}

/// Line starts of a text, for many offset → position look-ups (each a binary search,
/// where [`position`] scans the text from its start).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The same as [`position`] on the indexed text.
    pub fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset);
        Position {
            line,
            column: offset - self.starts[line - 1] + 1,
        }
    }
}

/// One Go file and its tree. Replace its text or tree only through [`SourceFile::set_text`]
/// and [`SourceFile::set_parsed`]: the tree's scope index is kept by the tree's address (see
/// `analysis::resolve`).
///
/// A file made with [`SourceFile::deferred`] is parsed on the first call that needs its
/// tree ([`SourceFile::tree`], [`SourceFile::root`]): a run reads every file of a package for
/// its names, but most analyses of the files it does not report on look at their text only.
pub struct SourceFile {
    /// Path as given to the user (relative to the working directory where possible).
    pub path: PathBuf,
    pub text: String,
    pub encoding: Encoding,
    tree: std::sync::OnceLock<Tree>,
}

impl Drop for SourceFile {
    fn drop(&mut self) {
        if let Some(tree) = self.tree.get() {
            crate::analysis::resolve::unregister_tree(tree);
        }
    }
}

impl SourceFile {
    pub fn new(path: PathBuf, raw: &str) -> SourceFile {
        let file = SourceFile::deferred(path, raw);
        file.tree();
        file
    }

    /// The file, parsed when its tree is first needed.
    pub fn deferred(path: PathBuf, raw: &str) -> SourceFile {
        let (text, encoding) = Encoding::decode(raw);
        SourceFile {
            path,
            text,
            encoding,
            tree: std::sync::OnceLock::new(),
        }
    }

    /// Replaces the text and re-parses it.
    pub fn set_text(&mut self, text: String) {
        let tree = parse(&text);
        self.set_parsed(text, tree);
    }

    /// Replaces the text with one already parsed into `tree`.
    pub fn set_parsed(&mut self, text: String, tree: Tree) {
        // The scope index of the old tree goes with it (see `analysis::resolve`).
        if let Some(old) = self.tree.take() {
            crate::analysis::resolve::unregister_tree(&old);
        }
        crate::analysis::resolve::register_tree(&tree);
        self.tree = std::sync::OnceLock::from(tree);
        self.text = text;
    }

    /// A file from text and the tree already parsed from it.
    pub fn from_parsed(path: PathBuf, text: String, encoding: Encoding, tree: Tree) -> SourceFile {
        crate::analysis::resolve::register_tree(&tree);
        SourceFile {
            path,
            text,
            encoding,
            tree: std::sync::OnceLock::from(tree),
        }
    }

    /// The tree of the text (parsed now if it was not yet).
    pub fn tree(&self) -> &Tree {
        self.tree.get_or_init(|| {
            let tree = parse(&self.text);
            crate::analysis::resolve::register_tree(&tree);
            tree
        })
    }

    /// True once the text has been parsed.
    pub fn is_parsed(&self) -> bool {
        self.tree.get().is_some()
    }

    pub fn root(&self) -> Node<'_> {
        self.tree().root_node()
    }

    /// The first syntax error, if any: where it is and what is wrong. Besides what
    /// tree-sitter reports, this applies the rules of Go that tree-sitter-go does not (see
    /// [`syntax_error_in`]), so that a file is accepted exactly when `gofmt` accepts it.
    pub fn syntax_error(&self) -> Option<(Position, String)> {
        syntax_error_in(self.tree(), &self.text)
    }

    /// The file content to write back (BOM and line endings restored).
    pub fn encoded(&self) -> String {
        self.encoding.encode(&self.text)
    }

    /// True when the header marks the file as generated (`// Code generated ... DO NOT EDIT.`).
    pub fn is_generated(&self) -> bool {
        is_generated(&self.text)
    }

    pub fn position(&self, offset: usize) -> Position {
        position(&self.text, offset)
    }
}

/// Go's convention (https://go.dev/s/generatedcode): a line matching
/// `^// Code generated .* DO NOT EDIT\.$` before the package clause.
pub fn is_generated(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("// Code generated ") && line.ends_with(" DO NOT EDIT.") {
            return true;
        }
        if line.starts_with("package ") {
            break;
        }
    }
    false
}

/// The identifier that stands in for `new` where tree-sitter-go cannot parse a call of it
/// (see [`mask_grammar_gaps`]). It has the byte length of `new`, so every offset stays.
pub const NEW_STANDIN: &str = "n\u{115}";

/// A file whose only parse errors are Go 1.26 `new(expr)` calls, which tree-sitter-go 0.25
/// cannot parse (tree-sitter/tree-sitter-go#193): the text with `new` replaced by
/// [`NEW_STANDIN`] at those calls, its (error-free) tree, and the offsets replaced.
pub struct GrammarGaps {
    pub text: String,
    pub tree: Tree,
    pub sites: Vec<usize>,
}

/// Tells a grammar gap from a real syntax error, without the Go toolchain.
///
/// Go's parser does not know `new`: it is a predeclared identifier like any other, and
/// `new(42)` is an ordinary call to it. tree-sitter-go, though, parses `new` as a keyword
/// that only takes a type. So a file is valid Go exactly when the same file with `new`
/// renamed at the calls tree-sitter-go rejects is valid Go, and the renamed file is
/// something [`syntax_error_in`] judges as `gofmt` does. This returns the renamed file
/// when that file has no syntax error at all, and `None` otherwise: any other error, even
/// one confined to a single function, still makes the whole file be skipped. (Accepting
/// any error confined to one declaration would be a guess: a real syntax error inside a
/// function looks just like a grammar gap to tree-sitter, and Go rejects such a file.)
///
/// A stand-in call is an unknown function to every analysis, so nothing is inferred from
/// it; the engine also keeps every fix out of the declarations that hold one, and puts
/// `new` back before anything is written or shown.
/// Where `text` spells `new` followed by `(`, as a whole word (not after `.`): the calls
/// [`mask_grammar_gaps`] looks at, and more (in comments and literals too).
fn new_calls(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    text.match_indices("new")
        .map(|(at, _)| at)
        .filter(move |&at| {
            !(at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b'.'))
                && text[at + 3..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('(')
        })
}

/// True when `text` may hold a `new(...)` call that [`mask_grammar_gaps`] would mask: one
/// whose operand is not plainly a type name (`new(T)`, `new(pkg.T)`, `new([]*T)`, which
/// tree-sitter-go parses).
pub fn may_call_new(text: &str) -> bool {
    new_calls(text).any(|at| {
        let operand = text[at + 3..].trim_start_matches([' ', '\t'])[1..]
            .trim_start_matches(|c: char| matches!(c, '*' | '[' | ']') || c.is_ascii_digit());
        let name = operand
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(operand.len());
        name == 0 || !operand[name..].starts_with(')')
    })
}

pub fn mask_grammar_gaps(tree: &Tree, text: &str) -> Option<GrammarGaps> {
    if !tree.root_node().has_error() || text.contains(NEW_STANDIN) {
        return None;
    }
    let mut sites = Vec::new();
    for at in new_calls(text) {
        let Some(node) = tree.root_node().descendant_for_byte_range(at, at + 3) else {
            continue;
        };
        // One descent from the root for the whole chain (see `syntax::ancestors`).
        let quoted = crate::syntax::ancestors(node).any(|n| {
            matches!(
                n.kind(),
                "comment" | "interpreted_string_literal" | "raw_string_literal" | "rune_literal"
            )
        });
        let parsed = node.kind() == "identifier"
            && node.start_byte() == at
            && node
                .parent()
                .is_some_and(|p| p.kind() == "call_expression" && !p.has_error());
        if !quoted && !parsed {
            sites.push(at);
        }
    }
    if sites.is_empty() {
        return None;
    }
    let mut masked = text.to_string();
    for &at in &sites {
        masked.replace_range(at..at + 3, NEW_STANDIN);
    }
    // An incremental parse from the tree with errors (the stand-in has the length of
    // `new`): tree-sitter re-parses only around the sites, where a fresh parse of the
    // whole file cost as much as the first one.
    let tree = reparse(
        text,
        tree,
        sites.iter().map(|&at| (at..at + 3, NEW_STANDIN)),
        &masked,
    );
    #[cfg(debug_assertions)]
    assert_same_tree(&tree, &parse(&masked));
    if syntax_error_in(&tree, &masked).is_some() {
        return None;
    }
    Some(GrammarGaps {
        text: masked,
        tree,
        sites,
    })
}

/// Puts `new` back where [`mask_grammar_gaps`] replaced it (same length: offsets stay).
pub fn unmask_grammar_gaps(text: &str) -> String {
    text.replace(NEW_STANDIN, "new")
}

/// Byte ranges of the top-level declarations of `src` that hold a [`NEW_STANDIN`] (the
/// declarations no fix may touch), with their comments above them.
pub fn standin_declarations(src: &SourceFile) -> Vec<std::ops::Range<usize>> {
    let sites: Vec<usize> = src
        .text
        .match_indices(NEW_STANDIN)
        .map(|(at, _)| at)
        .collect();
    if sites.is_empty() {
        return Vec::new();
    }
    let root = src.root();
    let mut cursor = root.walk();
    let mut out = Vec::new();
    let mut comments_start: Option<usize> = None;
    for decl in root.children(&mut cursor) {
        if decl.kind() == "comment" {
            comments_start.get_or_insert(decl.start_byte());
            continue;
        }
        let start = comments_start.take().unwrap_or(decl.start_byte());
        let range = decl.byte_range();
        if sites.iter().any(|s| range.contains(s)) {
            out.push(start..range.end);
        }
    }
    out
}

/// The first syntax error of `text` parsed into `tree`, if any: what tree-sitter reports
/// (except a missing final newline, which Go does not need), then the rules of Go that
/// tree-sitter-go does not check: a file starts with one package clause, imports come
/// before other declarations, only declarations stand at top level, and a line inside a
/// bracketed list (arguments, parameters, composite literals, …) cannot end where Go
/// inserts a semicolon (`missing ',' before newline`).
pub fn syntax_error_in(tree: &Tree, text: &str) -> Option<(Position, String)> {
    first_error(tree.root_node(), text).or_else(|| go_rules_error(tree.root_node(), text, None))
}

/// [`syntax_error_in`] for a text that differs from one without syntax errors only in
/// `edited` (byte ranges of the new text, see [`edited_ranges`]). Go's rule on line ends
/// inside lists (see [`newline_in_list`]) never spans two top-level declarations, so it is
/// checked only in the declarations the edits touch; the rest is checked as a whole.
pub fn syntax_error_near(
    tree: &Tree,
    text: &str,
    edited: &[std::ops::Range<usize>],
) -> Option<(Position, String)> {
    let found = first_error(tree.root_node(), text)
        .or_else(|| go_rules_error(tree.root_node(), text, Some(edited)));
    debug_assert_eq!(found, syntax_error_in(tree, text));
    found
}

/// Where `edits` (as given to [`reparse`]: sorted by start, not overlapping, ranges in the
/// old text) put their content in the new text.
pub fn edited_ranges<'e>(
    edits: impl IntoIterator<Item = (std::ops::Range<usize>, &'e str)>,
) -> Vec<std::ops::Range<usize>> {
    let mut shift: isize = 0;
    let mut out = Vec::new();
    for (range, content) in edits {
        let start = range.start.checked_add_signed(shift).unwrap_or(range.start);
        out.push(start..start + content.len());
        shift += content.len() as isize - range.len() as isize;
    }
    out
}

/// True for the terminator tree-sitter-go wants after the last declaration, missing when
/// the file does not end with a newline (Go does not need one).
fn is_missing_final_terminator(node: Node, text: &str) -> bool {
    node.is_missing()
        && node.start_byte() >= text.trim_end().len()
        && (node.kind().starts_with("source_file_token") || matches!(node.kind(), "\n" | ";"))
        && node.parent().is_some_and(|p| p.kind() == "source_file")
}

fn first_error(node: Node, text: &str) -> Option<(Position, String)> {
    if !node.has_error() || is_missing_final_terminator(node, text) {
        return None;
    }
    if node.is_missing() {
        return Some((
            position(text, node.start_byte()),
            format!("syntax error: missing {}", node.kind()),
        ));
    }
    if node.is_error() {
        let snippet: String = text[node.byte_range()]
            .chars()
            .take(40)
            .collect::<String>()
            .replace('\n', "\\n");
        let mut msg = format!("syntax error: unexpected `{snippet}`");
        if text[node.byte_range()].contains("new(") {
            msg.push_str(" (tree-sitter-go cannot parse Go 1.26 `new(expr)` yet)");
        }
        // Report the innermost error if there is one.
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if let Some(found) = first_error(child, text) {
                return Some(found);
            }
        }
        return Some((position(text, node.start_byte()), msg));
    }
    let mut cursor = node.walk();
    let mut only_final_terminator = false;
    for child in node.children(&mut cursor) {
        if let Some(found) = first_error(child, text) {
            return Some(found);
        }
        only_final_terminator |= is_missing_final_terminator(child, text);
    }
    // tree-sitter-go wants a terminator after the last declaration; at the end of a file
    // without a final newline it is missing, and not always as a visible child. Go does
    // not need it: the same text with a newline added is checked instead.
    if only_final_terminator
        || (node.kind() == "source_file"
            && !text.ends_with('\n')
            && !parse(&format!("{text}\n")).root_node().has_error())
    {
        return None;
    }
    Some((
        position(text, node.start_byte()),
        "syntax error".to_string(),
    ))
}

/// The first place where `root` (parsed without errors) breaks a rule of Go's parser that
/// tree-sitter-go does not enforce.
/// With `edited`, the line-end rule is checked only in the top-level declarations that
/// overlap (or touch) one of those ranges.
fn go_rules_error(
    root: Node,
    text: &str,
    edited: Option<&[std::ops::Range<usize>]>,
) -> Option<(Position, String)> {
    let at = |n: Node, msg: &str| Some((position(text, n.start_byte()), msg.to_string()));
    let mut cursor = root.walk();
    let decls: Vec<Node> = root
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect();
    let Some(first) = decls.first() else {
        return Some((
            position(text, text.len()),
            "syntax error: expected 'package', found 'EOF'".to_string(),
        ));
    };
    if first.kind() != "package_clause" {
        return at(
            *first,
            "syntax error: expected 'package' before the first declaration",
        );
    }
    let mut seen_other = false;
    for d in &decls[1..] {
        match d.kind() {
            "package_clause" => {
                return at(*d, "syntax error: expected declaration, found 'package'");
            }
            "import_declaration" if seen_other => {
                return at(
                    *d,
                    "syntax error: imports must appear before other declarations",
                );
            }
            "import_declaration" => {}
            "function_declaration"
            | "method_declaration"
            | "var_declaration"
            | "const_declaration"
            | "type_declaration" => seen_other = true,
            _ => {
                return at(
                    *d,
                    "syntax error: non-declaration statement outside function body",
                );
            }
        }
    }
    let Some(edited) = edited else {
        return newline_in_list(root, text);
    };
    // Both in document order: one pass over the two lists.
    let mut next = 0;
    decls
        .iter()
        .filter(|d| {
            while edited.get(next).is_some_and(|r| r.end < d.start_byte()) {
                next += 1;
            }
            edited.get(next).is_some_and(|r| r.start <= d.end_byte())
        })
        .find_map(|d| newline_in_list(*d, text))
}

/// Node kinds inside which Go's automatic semicolon at a line end is always an error.
const NO_NEWLINE_INSIDE: &[&str] = &[
    "argument_list",
    "literal_value",
    "parameter_list",
    "type_parameter_list",
    "type_arguments",
    "index_expression",
    "slice_expression",
    "parenthesized_expression",
    "parenthesized_type",
    "selector_expression",
    "type_assertion_expression",
    "keyed_element",
    "if_statement",
    "for_statement",
    "function_declaration",
    "method_declaration",
    "func_literal",
];

/// Tokens after which Go inserts a semicolon at the end of a line (the spec's rule):
/// identifiers, literals, `break continue fallthrough return`, `++ -- ) ] }`.
fn inserts_semicolon(token: Node) -> bool {
    if token.is_named() {
        return !matches!(token.kind(), "comment" | "dot");
    }
    matches!(
        token.kind(),
        ")" | "]" | "}" | "++" | "--" | "break" | "continue" | "fallthrough" | "return"
    )
}

/// Node kinds by id (`Node::kind_id`): true for every id named one of `names`. Comparing
/// ids spares the walks below reading and checking each node's kind name.
fn kind_ids(names: &[&str]) -> Vec<bool> {
    let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    (0..lang.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| lang.node_kind_for_id(id))
                .is_some_and(|k| names.contains(&k))
        })
        .collect()
}

/// The kinds [`newline_in_list`] and [`last_token`] tell apart: comments, and the
/// literals taken whole.
struct TokenKinds {
    comment: Vec<bool>,
    whole: Vec<bool>,
}

impl TokenKinds {
    fn get() -> &'static TokenKinds {
        static KINDS: std::sync::OnceLock<TokenKinds> = std::sync::OnceLock::new();
        KINDS.get_or_init(|| TokenKinds {
            comment: kind_ids(&["comment"]),
            whole: kind_ids(&[
                "interpreted_string_literal",
                "raw_string_literal",
                "rune_literal",
            ]),
        })
    }

    fn is(set: &[bool], n: Node) -> bool {
        set.get(usize::from(n.kind_id())).copied().unwrap_or(false)
    }

    fn comment(&self, n: Node) -> bool {
        TokenKinds::is(&self.comment, n)
    }

    fn whole(&self, n: Node) -> bool {
        TokenKinds::is(&self.whole, n)
    }
}

/// The last token of `node` that is not a comment (string and rune literals whole).
fn last_token(node: Node) -> Node {
    let kinds = TokenKinds::get();
    let mut n = node;
    loop {
        if kinds.whole(n) {
            return n;
        }
        let mut cursor = n.walk();
        let mut last = None;
        if cursor.goto_first_child() {
            loop {
                let c = cursor.node();
                if !kinds.comment(c) {
                    last = Some(c);
                }
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        match last {
            Some(c) => n = c,
            None => return n,
        }
    }
}

/// The first line ending, inside one of [`NO_NEWLINE_INSIDE`], after a token that makes Go
/// insert a semicolon there (`f(a` newline `)`, `[]int{1,` newline `2` newline `}`). One
/// walk with a cursor, keeping the open ancestors on a stack (`Node::parent` is slow).
fn newline_in_list(root: Node, text: &str) -> Option<(Position, String)> {
    let kinds = TokenKinds::get();
    // The last node visited (its last token is looked for only where a line ends after
    // it: a node starting on a later row than `prev` starts).
    let mut prev: Option<Node> = None;
    let mut stack: Vec<Node> = Vec::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let whole = kinds.whole(node);
        // A node on one line has no line end inside: only its first token (for the line
        // end before it) and its last (for the one after it) matter.
        let (start_row, end_row) = (node.start_position().row, node.end_position().row);
        let one_line = start_row == end_row;
        let token = whole || node.child_count() == 0;
        if (token || one_line) && !kinds.comment(node) {
            if let Some(p) = prev
                && start_row > p.start_position().row
            {
                let a = last_token(p);
                if start_row > a.end_position().row && inserts_semicolon(a) {
                    // The innermost open node that also holds `a`.
                    let common = stack
                        .iter()
                        .rev()
                        .find(|n| n.start_byte() <= a.start_byte());
                    if let Some(common) = common
                        && NO_NEWLINE_INSIDE.contains(&common.kind())
                    {
                        let what = match common.kind() {
                            "literal_value" => "missing ',' before newline in composite literal",
                            "argument_list" => "missing ',' before newline in argument list",
                            "parameter_list" => "missing ',' before newline in parameter list",
                            _ => "unexpected newline",
                        };
                        return Some((
                            position(text, a.end_byte()),
                            format!("syntax error: {what}"),
                        ));
                    }
                }
            }
            prev = Some(node);
        }
        if !token && !one_line && cursor.goto_first_child() {
            stack.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
            stack.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_end_errors_are_found_near_the_edits() {
        let old = "package p\n\nfunc a() {\n\tg(1)\n}\n\nfunc b() {\n\tg(2)\n}\n";
        let old_tree = parse(old);
        assert!(syntax_error_in(&old_tree, old).is_none());
        // `g(2)` becomes `g(2\n)`: a line end Go reads as `;` inside the argument list.
        let at = old.find("2)").unwrap() + 1;
        let edits = [(at..at, "\n\t")];
        let text = format!("{}\n\t{}", &old[..at], &old[at..]);
        let tree = reparse(old, &old_tree, edits.iter().cloned(), &text);
        let edited = edited_ranges(edits.iter().cloned());
        assert_eq!(edited, vec![at..at + 2]);
        let near = syntax_error_near(&tree, &text, &edited).expect("the broken list is found");
        assert_eq!(Some(near), syntax_error_in(&tree, &text));
        // Edits elsewhere leave that declaration to the whole-file check.
        let fine = format!("{old}\nfunc c() {{}}\n");
        let tree = parse(&fine);
        let added = std::ops::Range {
            start: old.len(),
            end: fine.len(),
        };
        assert!(syntax_error_near(&tree, &fine, std::slice::from_ref(&added)).is_none());
        // Ranges in the new text: each edit shifts the ones after it.
        assert_eq!(
            edited_ranges([(2..4, "abc"), (10..10, "x"), (20..25, "")]),
            vec![2..5, 11..12, 22..22]
        );
    }

    #[test]
    fn line_index_agrees_with_position() {
        let text = "ab\n\ncé\nx";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            assert_eq!(index.position(offset), position(text, offset), "{offset}");
        }
    }

    #[test]
    fn crlf_and_bom_round_trip() {
        let raw = "\u{feff}package a\r\n\r\nfunc f() {}\r\n";
        let (text, enc) = Encoding::decode(raw);
        assert_eq!(text, "package a\n\nfunc f() {}\n");
        assert!(enc.bom && enc.crlf);
        assert_eq!(enc.encode(&text), raw);
    }

    #[test]
    fn mixed_line_endings_are_kept_verbatim() {
        let raw = "package a\r\nfunc f() {}\n";
        let (text, enc) = Encoding::decode(raw);
        assert!(!enc.crlf);
        assert_eq!(text, raw);
        assert_eq!(enc.encode(&text), raw);
    }

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position("ab\ncd", 4), Position { line: 2, column: 2 });
        assert_eq!(position("ab", 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn generated_header() {
        assert!(is_generated(
            "// Code generated by x. DO NOT EDIT.\n\npackage a\n"
        ));
        assert!(!is_generated(
            "package a\n// Code generated by x. DO NOT EDIT.\n"
        ));
    }

    #[test]
    fn reports_first_syntax_error_with_line() {
        let f = SourceFile::new("a.go".into(), "package a\n\nfunc f() {\n\tx := \n}\n");
        let (pos, _) = f.syntax_error().expect("error");
        assert!(pos.line >= 4, "{pos:?}");
    }

    #[test]
    fn a_line_ending_inside_a_list_is_an_error_as_in_go() {
        let err = |body: &str| {
            let text = format!("package a\n\n{body}\n");
            syntax_error_in(&parse(&text), &text).map(|(pos, msg)| (pos.line, msg))
        };
        let newline = |line: usize, what: &str| Some((line, format!("syntax error: {what}")));
        let args = "missing ',' before newline in argument list";
        assert_eq!(err("var x = f(a\n)"), newline(3, args));
        assert_eq!(err("var x = f(a, // c\n\tb /* d */\n)"), newline(4, args));
        assert_eq!(err("var x = f(\"s\"\n)"), newline(3, args));
        assert_eq!(
            err("var x = []int{1,\n\t2\n}"),
            newline(4, "missing ',' before newline in composite literal")
        );
        assert_eq!(
            err("func f(a int\n) {}"),
            newline(3, "missing ',' before newline in parameter list")
        );
        assert_eq!(err("var x = y[1\n]"), newline(3, "unexpected newline"));
        for ok in [
            "var x = f(a,\n)",
            "var x = f(a, // c\n\tb, /* d */\n)",
            "var x = []int{\n\t1,\n\t2,\n}",
            "func f() {\n\tx := 1\n\t_ = x\n}",
            "var s = `a\nb`",
        ] {
            assert_eq!(err(ok), None, "{ok}");
        }
    }

    #[test]
    fn new_of_an_expression_is_a_grammar_gap() {
        let text = "package a\n\n// f uses new(expr).\nfunc f() *int {\n\treturn new(40 + 2)\n}\n\nfunc g() *int { return new(int) }\n\nvar s = \"new(1 +\"\n";
        let tree = parse(text);
        assert!(
            syntax_error_in(&tree, text).is_some(),
            "tree-sitter-go has learnt new(expr)"
        );
        let gaps = mask_grammar_gaps(&tree, text).expect("a grammar gap");
        assert_eq!(gaps.sites, vec![text.find("new(40").unwrap()]);
        assert_eq!(gaps.text.len(), text.len());
        assert_eq!(unmask_grammar_gaps(&gaps.text), text);
        let src = SourceFile::from_parsed("a.go".into(), gaps.text, Encoding::default(), gaps.tree);
        let decls = standin_declarations(&src);
        assert_eq!(decls.len(), 1);
        assert!(text[decls[0].clone()].starts_with("// f uses"));
        assert!(text[decls[0].clone()].ends_with("new(40 + 2)\n}"));
    }

    #[test]
    fn a_real_syntax_error_beside_new_expr_is_not_a_gap() {
        for text in [
            "package a\n\nfunc f() *int {\n\treturn new(1 2)\n}\n",
            "package a\n\nfunc f() *int {\n\tp := new(1)\n\treturn p +\n}\n",
            "package a\n\nfunc f() *int {\n\treturn new(1)\n}\n\nfunc g() {\n\tx := \n}\n",
            "package a\n\nfunc f() {\n\tx := \n}\n",
            "package a\n\nfunc f() *int {\n\treturn new(\n}\n",
        ] {
            let tree = parse(text);
            assert!(syntax_error_in(&tree, text).is_some(), "{text}");
            assert!(mask_grammar_gaps(&tree, text).is_none(), "{text}");
        }
    }
}
