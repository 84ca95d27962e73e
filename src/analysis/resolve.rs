//! What an identifier refers to, from the syntax tree alone: a local declaration (which
//! one, through the lexical scopes of function bodies), a package-level declaration, an
//! import, or a predeclared (universe) name.
//!
//! [`local_decl`] walks up the tree from a use. Each step up is a descent from the root in
//! tree-sitter (nodes keep no parent pointer), whose cost grows with the number of
//! top-level declarations of the file; [`ScopeIndex`] is the cached alternative: built
//! once per file in one walk (every declaration with the byte range where it is visible,
//! grouped by top-level declaration), a look-up is a binary search and a scan of the
//! same-named declarations of one top-level declaration. The two agree (checked on every
//! look-up in debug builds).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tree_sitter::Node;

use crate::fixkit::edit::FileId;
use crate::package::Package;
use crate::source::SourceFile;
use crate::syntax::{field_children, named_children, text};

/// What an identifier refers to at a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved<'t> {
    /// A declaration inside a function (variable, constant, type, parameter, result,
    /// receiver, type parameter): the declaring identifier.
    Local(Node<'t>),
    /// A package-level declaration of the package (in some file of it).
    Package,
    /// An import of the file: its path.
    Import(&'t str),
    /// A predeclared name (`len`, `int`, `nil`, `true`, `error`…) that nothing shadows.
    Universe,
    /// None of these (an undeclared name, or a field or method name).
    Unknown,
}

/// True when `name` is one of Go's predeclared identifiers (types, constants, `nil`,
/// built-in functions). Whether it means the predeclared one at a point is
/// [`is_universe`].
pub fn is_predeclared_name(name: &str) -> bool {
    crate::golang::PREDECLARED.contains(&name)
}

/// True when the identifier `name` at `at` in `file` means the predeclared one: a
/// predeclared name that no local declaration in scope and no package-level declaration
/// shadows (nor an import named like it: `import len "strings"`). The one predicate for "is this the universe `len`/`int`/`nil`?".
pub fn is_universe(pkg: &Package, file: FileId, at: Node, name: &str) -> bool {
    is_predeclared_name(name)
        && !pkg.index().has_top_level(name)
        && !pkg.imports(file).iter().any(|i| i.local_name == name)
        && !is_local(&pkg.files[file].src, at, name)
}

/// What the identifier `ident` of `file` refers to. Order of Go's scopes: locals, then the
/// package block, then the file's imports, then the universe.
pub fn resolve<'p>(pkg: &'p Package, file: FileId, ident: Node<'p>) -> Resolved<'p> {
    let src = &pkg.files[file].src;
    let name = text(ident, &src.text);
    if let Some(decl) = local_decl_in(src, ident, name) {
        return Resolved::Local(decl);
    }
    if pkg.index().has_top_level(name) {
        return Resolved::Package;
    }
    if let Some(import) = pkg
        .imports(file)
        .iter()
        .find(|i| i.local_name == name && !matches!(i.alias.as_deref(), Some("_") | Some(".")))
    {
        return Resolved::Import(&import.path);
    }
    if is_predeclared_name(name) {
        return Resolved::Universe;
    }
    Resolved::Unknown
}

/// True when `name` at `at` (a node of `file`) refers to a local declaration.
pub fn is_local(file: &SourceFile, at: Node, name: &str) -> bool {
    local_decl(at, name, &file.text).is_some()
}

/// Scope indexes by tree address, for the trees a live [`SourceFile`] owns: a
/// `SourceFile` registers its tree when it gets one and unregisters it before the tree is
/// replaced or dropped, so no entry outlives its tree (an address reused by a later tree
/// is never mistaken for the old one). `None` until the first look-up builds the index.
/// Trees no `SourceFile` owns (a bare `source::parse`) are resolved by walking up.
static INDEXES: std::sync::Mutex<Option<HashMap<usize, Option<Arc<FileScopes>>>>> =
    std::sync::Mutex::new(None);

fn indexes() -> std::sync::MutexGuard<'static, Option<HashMap<usize, Option<Arc<FileScopes>>>>> {
    INDEXES.lock().unwrap_or_else(|e| e.into_inner())
}

/// What is cached per file: the names that could be declared in it (cheap, from the
/// text) and, built on the first look-up of such a name, the [`ScopeIndex`].
struct FileScopes {
    declarable: crate::analysis::words::WordSet,
    /// Offsets of the `func` keywords (see [`ScopeIndex::build_with`]).
    funcs: Vec<usize>,
    index: std::sync::OnceLock<ScopeIndex>,
}

fn tree_key(tree: &tree_sitter::Tree) -> usize {
    tree.root_node().into_raw().tree as usize
}

/// Called by [`SourceFile`] when it takes ownership of `tree`.
pub fn register_tree(tree: &tree_sitter::Tree) {
    indexes()
        .get_or_insert_with(HashMap::new)
        .insert(tree_key(tree), None);
}

/// Called by [`SourceFile`] before `tree` is replaced or dropped.
pub fn unregister_tree(tree: &tree_sitter::Tree) {
    if let Some(map) = indexes().as_mut() {
        map.remove(&tree_key(tree));
    }
}

/// The [`ScopeIndex`] of the tree `at` belongs to (built on first use) and its root, when
/// a [`SourceFile`] owns that tree.
fn index_for<'t>(at: Node<'t>, src: &str) -> Option<(Node<'t>, Arc<FileScopes>)> {
    let root = crate::syntax::root_of(at);
    let key = at.into_raw().tree as usize;
    let scopes = {
        let mut guard = indexes();
        let slot = guard.as_mut()?.get_mut(&key)?;
        slot.get_or_insert_with(|| {
            let code = crate::package::code_only(src);
            Arc::new(FileScopes {
                declarable: declarable_words(&code),
                funcs: func_keywords(&code),
                index: std::sync::OnceLock::new(),
            })
        })
        .clone()
    };
    Some((root, scopes))
}

/// The identifiers of `code` (a text with comments and string, rune and raw literals
/// blanked, [`crate::package::code_only`]) that
/// occur at least once *not* followed by a `.`: a superset of the names a declaration in
/// the file declares, since a declaring identifier is never followed by a dot (`x :=`,
/// `var x`, `func(x T)`, `for x := range`, `case x:`), while a package name or a value is
/// mostly used as `pkg.F`/`x.f`. A name outside this set has no local declaration.
fn declarable_words(code: &str) -> crate::analysis::words::WordSet {
    crate::analysis::words::WordSet::of(
        crate::syntax::identifier_runs(code)
            .filter(|run| {
                !code[run.end..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('.')
            })
            .map(|run| &code[run]),
    )
}

/// False when no local declaration in the file of `at` can declare `name` (see
/// [`declarable_words`]); true when one may.
pub fn may_declare_locally(at: Node, name: &str, src: &str) -> bool {
    index_for(at, src).is_none_or(|(_, scopes)| scopes.declarable.contains(name))
}

/// The local declaration of `name` visible at `at` (an identifier use or any node inside a
/// function), or None when `name` refers to something at package or file level (or is
/// undeclared): the declaring identifier. Looked up in the file's cached [`ScopeIndex`]
/// (built on the first look-up in a tree a `SourceFile` owns); the same answer as walking up the scopes
/// ([`local_decl_walk`], which debug builds compare it with).
pub fn local_decl<'t>(at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let Some((root, scopes)) = index_for(at, src) else {
        return local_decl_walk(at, name, src);
    };
    if !scopes.declarable.contains(name) {
        debug_assert_eq!(local_decl_walk(at, name, src), None, "{name} is declared");
        return None;
    }
    let index = scopes
        .index
        .get_or_init(|| ScopeIndex::build_with(root, src, &scopes.funcs));
    let found = index.lookup(name, at.start_byte()).and_then(|r| {
        root.named_descendant_for_byte_range(r.start, r.end)
            .filter(|n| n.byte_range() == r)
    });
    debug_assert_eq!(
        found,
        local_decl_walk(at, name, src),
        "scope index and tree walk disagree on {name} at {}",
        at.start_byte()
    );
    found
}

/// [`local_decl`], for callers holding the file.
pub fn local_decl_in<'t>(file: &'t SourceFile, at: Node<'t>, name: &str) -> Option<Node<'t>> {
    local_decl(at, name, &file.text)
}

/// One declaration in a [`ScopeIndex`].
#[derive(Clone, Debug)]
struct Visible {
    /// Where the declaration is visible.
    range: Range<usize>,
    /// Its declaring identifier (a parameter's for a `:=` that redeclares it).
    ident: Range<usize>,
    /// Depth of the node that opens the scope: the innermost scope wins.
    depth: u32,
    /// Order within that node: the last of one scope wins (`rfind`).
    order: u32,
}

/// The local declarations of one top-level declaration, sorted by name (in the order they
/// were found within one name): a flat list, since most declarations declare a handful of
/// names and a map per declaration cost more to build and drop than the look-ups saved.
#[derive(Debug, Default)]
struct TopScopes {
    range: Range<usize>,
    /// Each declaration's name (a range of [`ScopeIndex::names`]) and where it is visible.
    entries: Vec<(Range<usize>, Visible)>,
}

/// Every local declaration of a file with the range where it is visible, grouped by
/// top-level declaration: [`local_decl`] without walking up the tree. Built once per file
/// (see [`SourceFile::scopes`]), in one walk without recursion.
#[derive(Debug, Default)]
pub struct ScopeIndex {
    tops: Vec<TopScopes>,
    /// The declared names, one after the other.
    names: String,
}

impl ScopeIndex {
    pub fn build(root: Node, src: &str) -> ScopeIndex {
        ScopeIndex::build_with(root, src, &func_keywords(&crate::package::code_only(src)))
    }

    /// [`ScopeIndex::build`], given the offsets of the `func` keywords of `src` (sorted; a
    /// superset does no harm): the walk skips every subtree that is neither a statement
    /// that can hold a scope nor holds a `func` (a function literal's parameters and body
    /// are the only scopes an expression can open).
    fn build_with(root: Node, src: &str, funcs: &[usize]) -> ScopeIndex {
        let mut tops = Vec::new();
        let mut names = String::new();
        let mut cursor = root.walk();
        for top in root.named_children(&mut cursor) {
            let mut scopes = TopScopes {
                range: top.byte_range(),
                entries: Vec::new(),
            };
            index_top(top, src, funcs, &mut scopes, &mut names);
            if !scopes.entries.is_empty() {
                // Stable: declarations of one name stay in the order found.
                scopes
                    .entries
                    .sort_by(|a, b| names[a.0.clone()].cmp(&names[b.0.clone()]));
                tops.push(scopes);
            }
        }
        ScopeIndex { tops, names }
    }

    /// The byte range of the declaring identifier of `name` visible at byte `pos`.
    pub fn lookup(&self, name: &str, pos: usize) -> Option<Range<usize>> {
        let i = self.tops.partition_point(|t| t.range.end <= pos);
        let top = self.tops.get(i).filter(|t| t.range.start <= pos)?;
        let first = top
            .entries
            .partition_point(|(n, _)| self.names[n.clone()] < *name);
        top.entries[first..]
            .iter()
            .take_while(|(n, _)| self.names[n.clone()] == *name)
            .map(|(_, v)| v)
            .filter(|v| v.range.start <= pos && pos < v.range.end)
            .max_by_key(|v| (v.depth, v.order))
            .map(|v| v.ident.clone())
    }
}

/// Adds the declarations under `top` to `scopes` (one walk with a cursor; the ancestors of
/// the current node kept on a stack).
fn index_top(top: Node, src: &str, funcs: &[usize], scopes: &mut TopScopes, names: &mut String) {
    let mut add = |name: &str, range: Range<usize>, ident: Range<usize>, depth: u32, order: u32| {
        let at = names.len();
        names.push_str(name);
        scopes.entries.push((
            at..names.len(),
            Visible {
                range,
                ident,
                depth,
                order,
            },
        ));
    };
    let mut stack: Vec<Node> = Vec::new();
    let mut cursor = top.walk();
    loop {
        let node = cursor.node();
        let depth = stack.len() as u32;
        match node.kind() {
            "statement_list" => {
                // The first declaration of a name in a block is the variable (a later `:=`
                // reuses it); `:=` in a function's top block reuses a parameter.
                let func = stack
                    .last()
                    .filter(|b| b.kind() == "block")
                    .and(stack.len().checked_sub(2).map(|i| stack[i]))
                    .filter(|f| crate::syntax::is_function(*f));
                let params = func.map(function_params).unwrap_or_default();
                let mut seen: Vec<&str> = Vec::new();
                let mut c = node.walk();
                for stmt in node.named_children(&mut c) {
                    let declared = declared_by_statement(stmt);
                    for (k, ident) in declared.iter().enumerate() {
                        let name = text(*ident, src);
                        if seen.contains(&name) {
                            continue;
                        }
                        // `named` takes the last identifier of that name in the statement.
                        if declared[k + 1..].iter().any(|n| text(*n, src) == name) {
                            continue;
                        }
                        seen.push(name);
                        let mut target = ident.byte_range();
                        if is_short_var(stmt)
                            && let Some(p) = params.iter().rfind(|p| text(**p, src) == name)
                        {
                            target = p.byte_range();
                        }
                        add(name, stmt.end_byte()..node.end_byte(), target, depth, 0);
                    }
                }
            }
            "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
                let mut order = 0;
                if let Some(init) = node.child_by_field_name("initializer") {
                    for ident in declared_by_statement(init) {
                        order += 1;
                        add(
                            text(ident, src),
                            init.end_byte()..node.end_byte(),
                            ident.byte_range(),
                            depth,
                            order,
                        );
                    }
                }
                if node.kind() == "type_switch_statement"
                    && let Some(alias) = node.child_by_field_name("alias")
                {
                    let mut c = node.walk();
                    let cases: Vec<Node> = node
                        .named_children(&mut c)
                        .filter(|n| matches!(n.kind(), "type_case" | "default_case"))
                        .collect();
                    for ident in named_children(alias) {
                        order += 1;
                        for case in &cases {
                            add(
                                text(ident, src),
                                case.byte_range(),
                                ident.byte_range(),
                                depth,
                                order,
                            );
                        }
                    }
                }
            }
            "for_statement" => {
                let mut order = 0;
                for clause in named_children(node) {
                    match clause.kind() {
                        "for_clause" => {
                            if let Some(init) = clause.child_by_field_name("initializer") {
                                for ident in declared_by_statement(init) {
                                    order += 1;
                                    add(
                                        text(ident, src),
                                        init.end_byte()..node.end_byte(),
                                        ident.byte_range(),
                                        depth,
                                        order,
                                    );
                                }
                            }
                        }
                        "range_clause" => {
                            if declares_with_define(clause)
                                && let Some(left) = clause.child_by_field_name("left")
                                && let Some(body) = node.child_by_field_name("body")
                            {
                                for ident in named_children(left) {
                                    order += 1;
                                    add(
                                        text(ident, src),
                                        body.byte_range(),
                                        ident.byte_range(),
                                        depth,
                                        order,
                                    );
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            "communication_case" => {
                if let Some(comm) = node.child_by_field_name("communication")
                    && comm.kind() == "receive_statement"
                    && declares_with_define(comm)
                    && let Some(left) = comm.child_by_field_name("left")
                {
                    for (k, ident) in named_children(left).into_iter().enumerate() {
                        add(
                            text(ident, src),
                            comm.end_byte()..node.end_byte(),
                            ident.byte_range(),
                            depth,
                            k as u32,
                        );
                    }
                }
            }
            "function_declaration" | "method_declaration" | "func_literal" => {
                // Visible to every node strictly inside the function.
                for (k, ident) in function_params(node).into_iter().enumerate() {
                    add(
                        text(ident, src),
                        node.start_byte() + 1..node.end_byte(),
                        ident.byte_range(),
                        depth,
                        k as u32,
                    );
                }
            }
            _ => {}
        }
        if may_open_scopes(node, funcs) && cursor.goto_first_child() {
            stack.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            stack.pop();
        }
    }
}

/// True when a scope [`index_top`] records can lie strictly inside `node`: `node` is a
/// function, a block or statement list, or a statement whose children are blocks, cases or
/// statements; or a `func` keyword lies inside it (a function literal). Every other node
/// (an expression, a simple statement, a type) holds no scope of its own.
fn may_open_scopes(node: Node, funcs: &[usize]) -> bool {
    matches!(
        node.kind(),
        "function_declaration"
            | "method_declaration"
            | "func_literal"
            | "block"
            | "statement_list"
            | "if_statement"
            | "for_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement"
            | "expression_case"
            | "type_case"
            | "default_case"
            | "communication_case"
            | "labeled_statement"
    ) || {
        let (start, end) = (node.start_byte(), node.end_byte());
        let i = funcs.partition_point(|&f| f < start);
        funcs.get(i).is_some_and(|&f| f < end)
    }
}

/// The offsets of the word `func` in `code` (a text with comments and literals blanked,
/// [`crate::package::code_only`]), in order.
fn func_keywords(code: &str) -> Vec<usize> {
    crate::syntax::whole_word_offsets(code, 0..code.len(), "func").collect()
}

/// The identifier nodes a statement declares in its enclosing block.
pub fn declared_by_statement<'t>(stmt: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    match stmt.kind() {
        "short_var_declaration" => {
            if let Some(left) = stmt.child_by_field_name("left") {
                out.extend(
                    named_children(left)
                        .into_iter()
                        .filter(|n| n.kind() == "identifier"),
                );
            }
        }
        "var_declaration" | "const_declaration" | "type_declaration" => {
            // Only the statement's own specs: a declaration inside a function literal of a
            // value (`var f = func() { var n int }`) is local to that literal.
            for spec in crate::syntax::specs(stmt) {
                if matches!(
                    spec.kind(),
                    "var_spec" | "const_spec" | "type_spec" | "type_alias"
                ) {
                    out.extend(field_children(spec, "name"));
                }
            }
        }
        "labeled_statement" => {
            if let Some(inner) = named_children(stmt).into_iter().nth(1) {
                out.extend(declared_by_statement(inner));
            }
        }
        _ => {}
    }
    out
}

/// True for a `:=` statement (also under labels): its names are in an `expression_list`.
fn is_short_var(stmt: Node) -> bool {
    match stmt.kind() {
        "short_var_declaration" => true,
        "labeled_statement" => named_children(stmt)
            .into_iter()
            .nth(1)
            .is_some_and(is_short_var),
        _ => false,
    }
}

/// True when a `range_clause` or `receive_statement` declares its left side with `:=`.
pub fn declares_with_define(node: Node) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor).any(|c| c.kind() == ":=")
}

/// Identifiers declared by the parameters, results, receiver and type parameters of a
/// function declaration, method or literal.
pub fn function_params<'t>(func: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    // Field ids looked up once: a look-up by name scans all the grammar's field names.
    static FIELDS: std::sync::OnceLock<[std::num::NonZeroU16; 5]> = std::sync::OnceLock::new();
    let [receiver, type_parameters, parameters, result, name] = *FIELDS.get_or_init(|| {
        let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        [
            "receiver",
            "type_parameters",
            "parameters",
            "result",
            "name",
        ]
        .map(|f| {
            lang.field_id_for_name(f)
                .expect("a field of the Go grammar")
        })
    });
    let mut cursor = func.walk();
    let mut inner = func.walk();
    for field in [receiver, type_parameters, parameters, result] {
        // Each field holds at most one node; one cursor pass per list, without collecting.
        let Some(list) = func.child_by_field_id(field.get()) else {
            continue;
        };
        if list.kind() != "parameter_list" && list.kind() != "type_parameter_list" {
            continue;
        }
        for decl in list.named_children(&mut cursor) {
            out.extend(decl.children_by_field_id(name, &mut inner));
        }
    }
    out
}

/// Declarations a scope-opening ancestor makes visible to `child` (one of its children).
fn declared_for_child<'t>(ancestor: Node<'t>, child: Node<'t>, at: usize) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    match ancestor.kind() {
        "statement_list" => {
            for stmt in named_children(ancestor) {
                if stmt.end_byte() <= at {
                    out.extend(declared_by_statement(stmt));
                }
            }
        }
        "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
            if let Some(init) = ancestor.child_by_field_name("initializer")
                && init != child
            {
                out.extend(declared_by_statement(init));
            }
            if ancestor.kind() == "type_switch_statement"
                && matches!(child.kind(), "type_case" | "default_case")
                && let Some(alias) = ancestor.child_by_field_name("alias")
            {
                out.extend(named_children(alias));
            }
        }
        "for_statement" => {
            for clause in named_children(ancestor) {
                match clause.kind() {
                    "for_clause" => {
                        if let Some(init) = clause.child_by_field_name("initializer")
                            && !(init.start_byte() <= at && at < init.end_byte())
                        {
                            out.extend(declared_by_statement(init));
                        }
                    }
                    "range_clause" if child.kind() == "block" => {
                        if declares_with_define(clause)
                            && let Some(left) = clause.child_by_field_name("left")
                        {
                            out.extend(named_children(left));
                        }
                    }
                    _ => {}
                }
            }
        }
        "communication_case" => {
            if let Some(comm) = ancestor.child_by_field_name("communication")
                && comm != child
                && comm.kind() == "receive_statement"
                && declares_with_define(comm)
                && let Some(left) = comm.child_by_field_name("left")
            {
                out.extend(named_children(left));
            }
        }
        "function_declaration" | "method_declaration" | "func_literal" => {
            out.extend(function_params(ancestor));
        }
        _ => {}
    }
    out
}

/// [`local_decl`] by walking up the tree from `at` (each step a descent from the root):
/// the reference the scope index is checked against.
pub fn local_decl_walk<'t>(at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let pos = at.start_byte();
    let named = |nodes: Vec<Node<'t>>| nodes.into_iter().rfind(|n| text(*n, src) == name);
    let mut child = at;
    let mut cur = at.parent();
    while let Some(ancestor) = cur {
        let found = match ancestor.kind() {
            "source_file" => return None,
            "statement_list" => {
                // Only declaration statements that end before `at` can declare `name`.
                let mut found = None;
                let mut cursor = ancestor.walk();
                for stmt in ancestor.named_children(&mut cursor) {
                    if stmt.end_byte() > pos {
                        break;
                    }
                    if matches!(
                        stmt.kind(),
                        "short_var_declaration"
                            | "var_declaration"
                            | "const_declaration"
                            | "type_declaration"
                            | "labeled_statement"
                    ) && src[stmt.byte_range()].contains(name)
                        && found.is_none()
                    {
                        // The first declaration in a block is the variable; a later `:=` of
                        // the same name in the same block reuses it.
                        found = named(declared_by_statement(stmt));
                    }
                }
                // `:=` in a function's top block reuses a parameter of the same name.
                let top_block_of = ancestor
                    .parent()
                    .filter(|b| b.kind() == "block")
                    .and_then(|b| b.parent())
                    .filter(|f| crate::syntax::is_function(*f));
                match (found, top_block_of) {
                    (Some(n), Some(func))
                        if n.parent().is_some_and(|p| p.kind() == "expression_list") =>
                    {
                        named(function_params(func)).or(Some(n))
                    }
                    _ => found,
                }
            }
            "block"
            | "expression_statement"
            | "return_statement"
            | "call_expression"
            | "argument_list"
            | "binary_expression"
            | "selector_expression"
            | "parenthesized_expression"
            | "expression_list"
            | "assignment_statement"
            | "unary_expression"
            | "index_expression"
            | "composite_literal"
            | "literal_value"
            | "keyed_element"
            | "literal_element" => None,
            _ if mentioned_outside(ancestor, child, name, src) => {
                named(declared_for_child(ancestor, child, pos))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        child = ancestor;
        cur = ancestor.parent();
    }
    None
}

/// False only when no declaration [`declared_for_child`] can return for `ancestor` and
/// `child` is named `name`: those it returns lie outside `child` (they are in other children
/// of `ancestor`), except under a `for` clause or a parameter list, so `name` must then
/// occur in the text of `ancestor` outside `child`. Saves listing the parameters of every
/// enclosing function (and the other scopes) for each name looked up.
fn mentioned_outside(ancestor: Node, child: Node, name: &str, src: &str) -> bool {
    matches!(
        child.kind(),
        "for_clause" | "parameter_list" | "type_parameter_list"
    ) || src
        .get(ancestor.start_byte()..child.start_byte())
        .is_none_or(|s| s.contains(name))
        || src
            .get(child.end_byte()..ancestor.end_byte())
            .is_none_or(|s| s.contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;
    use crate::syntax::descendants;

    use crate::syntax::nth_identifier as find;

    #[test]
    fn params_and_locals_shadow() {
        let src = "package a\nfunc f(errors int) { _ = errors }\nfunc g() { x := 1; { errors := x; _ = errors }; _ = errors }\n";
        let tree = parse(src);
        let root = tree.root_node();
        // use in f refers to the parameter
        let use_f = find(root, src, "errors", 1);
        assert!(local_decl(use_f, "errors", src).is_some());
        // inner use in g refers to the inner local; outer use to nothing local
        let inner_use = find(root, src, "errors", 3);
        assert!(local_decl(inner_use, "errors", src).is_some());
        let outer_use = find(root, src, "errors", 4);
        assert!(local_decl(outer_use, "errors", src).is_none());
    }

    #[test]
    fn declaration_scope_starts_after_statement() {
        let src = "package a\nfunc f() { fmt := fmt.Sprint(1); _ = fmt }\n";
        let tree = parse(src);
        let root = tree.root_node();
        let rhs = find(root, src, "fmt", 1);
        assert!(local_decl(rhs, "fmt", src).is_none());
        let later = find(root, src, "fmt", 2);
        assert!(local_decl(later, "fmt", src).is_some());
    }

    #[test]
    fn range_if_select_and_closure_scopes() {
        let src = "package a\nfunc f(ch chan int, xs []int) {\n\tfor _, v := range xs { _ = v }\n\tif t := 1; t > 0 { _ = t }\n\tselect { case r := <-ch: _ = r }\n\tfunc(q int) { _ = q }(1)\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        for (name, nth) in [("v", 1), ("t", 2), ("r", 1), ("q", 1)] {
            let n = find(root, src, name, nth);
            assert!(local_decl(n, name, src).is_some(), "{name}");
        }
    }
    /// Every identifier `name` of `src`, with the byte offset of the declaration it resolves
    /// to locally (None: not local), by the index and by the walk (which must agree).
    fn resolutions(src: &str, name: &str) -> Vec<Option<usize>> {
        // A `SourceFile` owns its tree, so `local_decl` answers from the scope index.
        let file = SourceFile::new("a.go".into(), src);
        let root = file.root();
        descendants(root)
            .into_iter()
            .filter(|n| {
                matches!(
                    n.kind(),
                    "identifier" | "type_identifier" | "package_identifier"
                ) && text(*n, src) == name
            })
            .map(|n| {
                let by_index = local_decl(n, name, src).map(|d| d.start_byte());
                let by_walk = local_decl_walk(n, name, src).map(|d| d.start_byte());
                assert_eq!(by_index, by_walk, "{name} at {}", n.start_byte());
                by_index
            })
            .collect()
    }

    #[test]
    fn shadowing_in_nested_blocks_and_closures() {
        let src = "package a\nfunc f(x int) int {\n\t_ = x\n\t{\n\t\tx := 2\n\t\t_ = x\n\t}\n\tg := func(x string) { _ = x }\n\tg(\"\")\n\treturn x\n}\n";
        let param = src.find("x int").unwrap();
        let inner = src.find("x := 2").unwrap();
        let lit = src.find("x string").unwrap();
        let r = resolutions(src, "x");
        // param, use, inner decl (still the parameter until its statement ends), inner use,
        // literal param, literal use, return
        assert_eq!(
            r,
            vec![
                Some(param),
                Some(param),
                Some(param),
                Some(inner),
                Some(lit),
                Some(lit),
                Some(param)
            ]
        );
    }

    #[test]
    fn redeclaring_a_parameter_in_the_top_block_reuses_it() {
        let src =
            "package a\nfunc f(err error) error {\n\tn, err := g()\n\t_ = n\n\treturn err\n}\n";
        let param = src.find("err error").unwrap();
        let r = resolutions(src, "err");
        assert_eq!(r.last(), Some(&Some(param)));
        // A later := in the same block reuses the first declaration.
        let src2 =
            "package a\nfunc f() {\n\ta, b := 1, 2\n\tc, b := 3, 4\n\t_, _, _ = a, b, c\n}\n";
        let first = src2.find("b :=").unwrap();
        assert_eq!(resolutions(src2, "b").last(), Some(&Some(first)));
    }

    #[test]
    fn initialisers_of_if_for_switch_and_type_switch_binds() {
        let src = "package a\nfunc f(v any) {\n\tif t := 1; t > 0 {\n\t\t_ = t\n\t} else {\n\t\t_ = t\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\t_ = i\n\t}\n\tswitch s := 2; s {\n\tcase 1:\n\t\t_ = s\n\t}\n\tswitch w := v.(type) {\n\tcase int:\n\t\t_ = w\n\tdefault:\n\t\t_ = w\n\t}\n}\n";
        for (name, decl) in [("t", "t := 1"), ("i", "i := 0"), ("s", "s := 2")] {
            let at = src.find(decl).unwrap();
            let r = resolutions(src, name);
            assert_eq!(r[0], None, "{name}: the declaring identifier itself");
            assert!(r[1..].iter().all(|d| *d == Some(at)), "{name}: {r:?}");
        }
        // The type switch bind is visible in every case, not in the switch's own guard.
        let w = src.find("w :=").unwrap();
        assert_eq!(resolutions(src, "w"), vec![None, Some(w), Some(w)]);
    }

    #[test]
    fn labels_range_and_select() {
        let src = "package a\nfunc f(xs []int, ch chan int) {\nL:\n\tfor k := range xs {\n\t\t_ = k\n\t\tbreak L\n\t}\nM:\n\tn := 1\n\t_ = n\n\tselect {\n\tcase r := <-ch:\n\t\t_ = r\n\t}\n\tgoto M\n}\n";
        let k = src.find("k :=").unwrap();
        assert_eq!(resolutions(src, "k"), vec![None, Some(k)]);
        // A labelled `:=` declares its names in the block.
        let n = src.find("n := 1").unwrap();
        assert_eq!(resolutions(src, "n"), vec![None, Some(n)]);
        let r = src.find("r :=").unwrap();
        assert_eq!(resolutions(src, "r"), vec![None, Some(r)]);
        // Labels are not variables.
        assert!(resolutions(src, "L").iter().all(Option::is_none));
    }

    #[test]
    fn resolved_kinds_and_the_universe() {
        let src = "package a\n\nimport (\n\tstr \"strings\"\n\t\"fmt\"\n)\n\nvar top = 1\n\nfunc f(len int) {\n\t_ = str.ToUpper(\"\")\n\tfmt := 2\n\t_ = fmt + top + len + cap(nil) + undefined\n}\n";
        let pkg = Package::from_source(src, None);
        let root = pkg.files[0].src.root();
        let id = |name: &str, nth: usize| {
            descendants(root)
                .into_iter()
                .filter(|n| {
                    matches!(n.kind(), "identifier" | "package_identifier" | "nil")
                        && text(*n, src) == name
                })
                .nth(nth)
                .unwrap()
        };
        assert_eq!(resolve(&pkg, 0, id("str", 0)), Resolved::Import("strings"));
        assert!(matches!(resolve(&pkg, 0, id("fmt", 1)), Resolved::Local(_)));
        assert_eq!(resolve(&pkg, 0, id("top", 1)), Resolved::Package);
        assert!(matches!(resolve(&pkg, 0, id("len", 1)), Resolved::Local(_)));
        assert_eq!(resolve(&pkg, 0, id("cap", 0)), Resolved::Universe);
        assert_eq!(resolve(&pkg, 0, id("nil", 0)), Resolved::Universe);
        assert_eq!(resolve(&pkg, 0, id("undefined", 0)), Resolved::Unknown);
        assert!(is_universe(&pkg, 0, id("cap", 0), "cap"));
        assert!(!is_universe(&pkg, 0, id("len", 1), "len"));
        assert!(!is_universe(&pkg, 0, id("top", 1), "top"));
    }

    #[test]
    fn function_literals_deep_in_expressions_are_indexed() {
        // The index walk skips expressions without a `func` keyword: literals nested in
        // composite literals, returns, calls and `go`/`defer` must still be found, and a
        // `func` in a comment or string must not matter.
        let src = "package a\n// func in a comment\nfunc f() func(int) int {\n\tm := map[string]func(int) int{\"func\": func(v int) int { w := v; return w }}\n\tgo func(v int) { _ = v }(1)\n\tdefer g(struct{ h func(int) }{h: func(v int) { _ = v }})\n\treturn func(v int) int { return m[\"\"](v) + v }\n}\n";
        let decls: Vec<usize> = src.match_indices("v int").map(|(i, _)| i).collect();
        let r = resolutions(src, "v");
        assert_eq!(r.len(), 9, "{r:?}");
        // Each literal's use of `v` resolves to its own parameter.
        assert_eq!(
            r.iter().filter_map(|d| *d).collect::<Vec<_>>(),
            vec![
                decls[0], decls[0], decls[1], decls[1], decls[2], decls[2], decls[3], decls[3],
                decls[3]
            ]
        );
        let w = src.find("w :=").unwrap();
        assert_eq!(resolutions(src, "w"), vec![None, Some(w)]);
        let code = crate::package::code_only(src);
        let funcs = func_keywords(&code);
        assert_eq!(
            funcs.len(),
            8,
            "the keyword, not the comment or the string: {funcs:?}"
        );
        assert!(func_keywords("package a\nvar funcs, myfunc = 1, 2\n").is_empty());
    }

    #[test]
    fn index_lookups_stay_cheap_in_a_file_of_many_functions() {
        // 20,000 functions in one file: walking up from each use costs a pass over the
        // file's declarations per step; the index answers from a binary search.
        let mut src = String::from("package a\n");
        for i in 0..20_000 {
            src.push_str(&format!("func f{i}(x int) int {{ y := x; return y }}\n"));
        }
        let tree = parse(&src);
        let index = ScopeIndex::build(tree.root_node(), &src);
        let last = src.rfind("return y").unwrap() + "return ".len();
        let decl = src.rfind("y := x").unwrap();
        assert_eq!(index.lookup("y", last), Some(decl..decl + 1));
        let param = src.rfind("x int").unwrap();
        assert_eq!(index.lookup("x", decl), Some(param..param + 1));
        assert_eq!(index.lookup("z", last), None);
    }
}
