//! A Go package as the transforms see it: every file of one directory that shares a
//! package clause, the module it belongs to, and an index of the names it declares.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::fixkit::edit::FileId;
use crate::source::{Position, SourceFile};
use crate::syntax::{field_children, named_children, text};

/// What the nearest `go.mod` says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoMod {
    pub path: PathBuf,
    pub module: Option<String>,
    /// The `go` directive as (major, minor).
    pub go: Option<(u32, u32)>,
}

impl GoMod {
    pub fn parse(path: PathBuf, content: &str) -> GoMod {
        let mut module = None;
        let mut go = None;
        for line in content.lines() {
            let line = line.split("//").next().unwrap_or("").trim();
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("module"), Some(m)) => module = Some(m.trim_matches('"').to_string()),
                (Some("go"), Some(v)) => go = parse_go_version(v),
                _ => {}
            }
        }
        GoMod { path, module, go }
    }

    /// Reads the nearest `go.mod` at or above `dir`.
    pub fn find(dir: &Path) -> Option<GoMod> {
        let mut cur = Some(dir);
        while let Some(d) = cur {
            let candidate = d.join("go.mod");
            if let Ok(content) = std::fs::read_to_string(&candidate) {
                return Some(GoMod::parse(candidate, &content));
            }
            cur = d.parent();
        }
        None
    }
}

/// [`GoMod::find`] for the many folders of one run: the answer for each folder visited on
/// the way up is kept, so that folders of one module read its `go.mod` once (and a folder
/// without one above it is not searched again from each of its sub-folders).
#[derive(Default)]
pub struct GoModCache {
    found: std::sync::Mutex<HashMap<PathBuf, Option<Arc<GoMod>>>>,
}

impl GoModCache {
    /// The nearest `go.mod` at or above `dir` (absolute), as [`GoMod::find`] reads it.
    pub fn find(&self, dir: &Path) -> Option<Arc<GoMod>> {
        let mut visited: Vec<&Path> = Vec::new();
        let mut cur = Some(dir);
        let mut answer = None;
        while let Some(d) = cur {
            if let Some(known) = self.lock().get(d) {
                answer = known.clone();
                break;
            }
            let candidate = d.join("go.mod");
            visited.push(d);
            if let Ok(content) = std::fs::read_to_string(&candidate) {
                answer = Some(Arc::new(GoMod::parse(candidate, &content)));
                break;
            }
            cur = d.parent();
        }
        let mut found = self.lock();
        for d in visited {
            found.insert(d.to_path_buf(), answer.clone());
        }
        answer
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Option<Arc<GoMod>>>> {
        self.found.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `1.22`, `1.22.3`, `1.23rc1` → (1, 22) / (1, 23).
pub fn parse_go_version(v: &str) -> Option<(u32, u32)> {
    let mut parts = v.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor_text: String = parts
        .next()
        .unwrap_or("0")
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    Some((major, minor_text.parse().ok()?))
}

/// One file of a package.
pub struct GoFile {
    pub src: SourceFile,
    pub is_test: bool,
    pub generated: bool,
    /// Where the file could not be parsed (see [`GoFile::parse_error`]).
    parse_error: std::sync::OnceLock<Option<(Position, String)>>,
    /// Where the package clause names the package, read from the text of a file made with
    /// [`GoFile::deferred`] (its tree is not parsed yet).
    clause: Option<std::ops::Range<usize>>,
    /// Where `new(expr)` calls that tree-sitter-go cannot parse were masked (see
    /// [`crate::source::mask_grammar_gaps`]): the file is fixed partially, never inside the
    /// declarations that hold them.
    pub grammar_gaps: Vec<Position>,
    /// Transforms may report on and edit this file (parsed, not generated, not an excluded
    /// test file, inside the paths asked for).
    pub editable: bool,
    /// Ids of the transforms enabled for this file (config overrides may differ per path).
    pub enabled: HashSet<&'static str>,
}

impl GoFile {
    pub fn new(src: SourceFile) -> GoFile {
        let mut src = src;
        let mut parse_error = src.syntax_error();
        let mut grammar_gaps = Vec::new();
        if parse_error.is_some()
            && let Some(gaps) = crate::source::mask_grammar_gaps(src.tree(), &src.text)
        {
            let index = crate::source::LineIndex::new(&src.text);
            grammar_gaps = gaps.sites.iter().map(|&s| index.position(s)).collect();
            src.set_parsed(gaps.text, gaps.tree);
            parse_error = None;
        }
        let mut file = GoFile::unparsed(src, None);
        file.grammar_gaps = grammar_gaps;
        // An empty file, or one of comments only, is not Go either (`expected 'package'`).
        if parse_error.is_none() && file.package_name().is_none() {
            parse_error = Some(no_package_clause());
        }
        debug_assert!(
            parse_error.is_some()
                || package_clause(&file.src.text)
                    .is_none_or(|at| Some(&file.src.text[at]) == file.package_name()),
            "{}: the package clause read from the text differs from the tree's",
            file.src.path.display()
        );
        file.parse_error = std::sync::OnceLock::from(parse_error);
        file
    }

    /// A file that is parsed only when an analysis needs its tree: for the files of a
    /// package that a run reads for their names but does not report on. Its package name
    /// is read from the text. A file whose package clause the text does not show plainly,
    /// or that may hold a `new(expr)` call (see [`crate::source::mask_grammar_gaps`], which
    /// changes the text), is parsed now, as [`GoFile::new`] does.
    pub fn deferred(src: SourceFile) -> GoFile {
        match package_clause(&src.text) {
            Some(clause) if !crate::source::may_call_new(&src.text) => {
                GoFile::unparsed(src, Some(clause))
            }
            _ => GoFile::new(src),
        }
    }

    fn unparsed(src: SourceFile, clause: Option<std::ops::Range<usize>>) -> GoFile {
        let is_test = src
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with("_test.go"));
        GoFile {
            generated: src.is_generated(),
            src,
            is_test,
            parse_error: std::sync::OnceLock::new(),
            clause,
            grammar_gaps: Vec::new(),
            editable: false,
            enabled: HashSet::new(),
        }
    }

    /// Where the file could not be parsed, and what is wrong: it is never edited (parses a
    /// file made with [`GoFile::deferred`] on first use).
    pub fn parse_error(&self) -> Option<&(Position, String)> {
        self.parse_error
            .get_or_init(|| {
                self.src
                    .syntax_error()
                    .or_else(|| self.package_name().is_none().then(no_package_clause))
            })
            .as_ref()
    }

    /// True when the file is part of every build of its package (test builds aside): no
    /// `//go:build` or `// +build` constraint before the package clause, and no `_GOOS` or
    /// `_GOARCH` suffix in its name. A declaration in such a file can be used from any other
    /// file of the package.
    pub fn always_built(&self) -> bool {
        const GOOS: &[&str] = &[
            "aix",
            "android",
            "darwin",
            "dragonfly",
            "freebsd",
            "hurd",
            "illumos",
            "ios",
            "js",
            "linux",
            "nacl",
            "netbsd",
            "openbsd",
            "plan9",
            "solaris",
            "wasip1",
            "windows",
            "zos",
        ];
        const GOARCH: &[&str] = &[
            "386",
            "amd64",
            "amd64p32",
            "arm",
            "armbe",
            "arm64",
            "arm64be",
            "loong64",
            "mips",
            "mipsle",
            "mips64",
            "mips64le",
            "mips64p32",
            "mips64p32le",
            "ppc",
            "ppc64",
            "ppc64le",
            "riscv",
            "riscv64",
            "s390",
            "s390x",
            "sparc",
            "sparc64",
            "wasm",
        ];
        let stem = self
            .src
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .trim_end_matches(".go")
            .trim_end_matches("_test");
        let parts: Vec<&str> = stem.split('_').collect();
        let n = parts.len();
        let last_is = |i: usize, list: &[&str]| n > i && list.contains(&parts[n - 1 - i]);
        if n > 1 && (last_is(0, GOOS) || last_is(0, GOARCH)) {
            return false;
        }
        for line in self.src.text.lines() {
            let line = line.trim();
            if line.starts_with("package ") {
                break;
            }
            if line.starts_with("//go:build") || line.starts_with("// +build") {
                return false;
            }
        }
        true
    }

    /// True when `go build` never compiles the file: a `// +build ignore` line, or a
    /// `//go:build` expression that cannot hold unless the `ignore` tag is set (the
    /// convention for programs run by hand or by `go generate`, which nothing sets).
    pub fn ignored_by_build(&self) -> bool {
        for line in self.src.text.lines() {
            let line = line.trim();
            if line.starts_with("package ") {
                break;
            }
            if let Some(rest) = line.strip_prefix("// +build")
                && rest.split_whitespace().any(|t| t == "ignore")
                && rest.split_whitespace().count() == 1
            {
                return true;
            }
            if let Some(expr) = line.strip_prefix("//go:build") {
                return build_constraint_needs(expr, "ignore");
            }
        }
        false
    }

    /// True when a package-level declaration in `self` is visible from `user` in every build
    /// of `user`: the same file, or a file that is always built (and not a test file, unless
    /// `user` is one too).
    pub fn declarations_visible_from(&self, user: &GoFile) -> bool {
        std::ptr::eq(self, user) || (self.always_built() && (!self.is_test || user.is_test))
    }

    /// The package clause's name, if the file has one.
    pub fn package_name(&self) -> Option<&str> {
        if let Some(at) = &self.clause {
            return Some(&self.src.text[at.clone()]);
        }
        let root = self.src.root();
        let clause = named_children(root)
            .into_iter()
            .find(|n| n.kind() == "package_clause")?;
        let ident = named_children(clause).into_iter().next()?;
        Some(text(ident, &self.src.text))
    }
}

fn no_package_clause() -> (Position, String) {
    (
        Position { line: 1, column: 1 },
        "syntax error: no package clause".to_string(),
    )
}

/// Where the package name of the clause `package name` at the start of `text` is, after
/// blank space and comments; `None` when the text does not start so plainly (then only the
/// parser can tell).
pub fn package_clause(text: &str) -> Option<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut i = 0;
    // Blank space and comments, before and after the keyword.
    let skip = |mut i: usize| -> Option<usize> {
        loop {
            match b.get(i..) {
                Some([c, ..]) if c.is_ascii_whitespace() => i += 1,
                Some([b'/', b'/', ..]) => {
                    i += b[i..].iter().position(|&c| c == b'\n')?;
                }
                Some([b'/', b'*', ..]) => {
                    i += 2 + text[i + 2..].find("*/")? + 2;
                }
                _ => return Some(i),
            }
        }
    };
    i = skip(i)?;
    let keyword = b.get(i..i + 7)? == b"package";
    let after = *b.get(i + 7)?;
    if !keyword || !(after.is_ascii_whitespace() || after == b'/') {
        return None;
    }
    let start = skip(i + 7)?;
    let len = b[start..]
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
        .unwrap_or(b.len() - start);
    let end = start + len;
    let first = *b.get(start)?;
    let follows = b.get(end).copied();
    (len > 0
        && (first.is_ascii_alphabetic() || first == b'_')
        && follows.is_none_or(|c| c.is_ascii_whitespace() || c == b';' || c == b'/'))
    .then_some(start..end)
}

/// Where the imports of `text` end: after its package clause and the `import`
/// declarations that follow it, before anything else. `code` is `text` with comments and
/// literals blanked (see [`code_only`]). `None` when the text does not show it plainly.
fn import_head(text: &str, code: &str) -> Option<usize> {
    let b = code.as_bytes();
    let mut i = package_clause(code)?.end;
    let blank = |i: &mut usize| {
        while *i < b.len() && (b[*i].is_ascii_whitespace() || b[*i] == b';') {
            *i += 1;
        }
    };
    loop {
        blank(&mut i);
        let word = b.get(i..i + 6) == Some(b"import")
            && b.get(i + 6)
                .is_none_or(|&c| !crate::syntax::is_ident_byte(c));
        if !word {
            return Some(i);
        }
        i += 6;
        // Blank space of the text (in `code`, a blanked path looks the same).
        i += text[i..].len() - text[i..].trim_start().len();
        if text[i..].starts_with("/*") {
            return None;
        }
        if b.get(i) == Some(&b'(') {
            // Import specs hold no parentheses (their paths are blanked in `code`).
            i += 1 + code[i + 1..].find(')')? + 1;
        } else {
            // One spec: to the end of its line.
            i += code[i..].find(['\n', ';']).unwrap_or(code.len() - i);
        }
    }
}

/// True when the `//go:build` expression `expr` holds only when `tag` is set (false when
/// the expression cannot be read, or names too many tags to try every combination).
pub fn build_constraint_needs(expr: &str, tag: &str) -> bool {
    let Some(tokens) = build_tokens(expr) else {
        return false;
    };
    let mut tags: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|t| !matches!(*t, "(" | ")" | "!" | "&&" | "||") && *t != tag)
        .collect();
    tags.sort_unstable();
    tags.dedup();
    if tags.len() > 12 || !tokens.iter().any(|t| t == tag) {
        return false;
    }
    // Satisfiable with `tag` unset?
    for bits in 0u32..(1 << tags.len()) {
        let set = |t: &str| {
            t != tag
                && tags
                    .iter()
                    .position(|x| *x == t)
                    .is_some_and(|i| bits & (1 << i) != 0)
        };
        match eval_constraint(&tokens, &set) {
            Some(true) => return false,
            Some(false) => {}
            None => return false,
        }
    }
    true
}

/// The tokens of a `//go:build` expression (`(`, `)`, `!`, `&&`, `||` and names), or None
/// when it holds anything else.
pub fn build_tokens(expr: &str) -> Option<Vec<String>> {
    let mut tokens: Vec<String> = Vec::new();
    let mut chars = expr.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' || c == '!' {
            tokens.push(c.to_string());
            chars.next();
        } else if c == '&' || c == '|' {
            chars.next();
            if chars.next() != Some(c) {
                return None;
            }
            tokens.push(format!("{c}{c}"));
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            let mut word = String::new();
            while let Some(&d) = chars
                .peek()
                .filter(|d| d.is_alphanumeric() || **d == '_' || **d == '.')
            {
                word.push(d);
                chars.next();
            }
            tokens.push(word);
        } else {
            return None;
        }
    }
    Some(tokens)
}

/// Evaluates a tokenised build expression (`||` binds looser than `&&`, `!` tightest).
pub fn eval_constraint(tokens: &[String], set: &dyn Fn(&str) -> bool) -> Option<bool> {
    fn or(t: &[String], i: &mut usize, set: &dyn Fn(&str) -> bool) -> Option<bool> {
        let mut v = and(t, i, set)?;
        while t.get(*i).is_some_and(|x| x == "||") {
            *i += 1;
            v |= and(t, i, set)?;
        }
        Some(v)
    }
    fn and(t: &[String], i: &mut usize, set: &dyn Fn(&str) -> bool) -> Option<bool> {
        let mut v = not(t, i, set)?;
        while t.get(*i).is_some_and(|x| x == "&&") {
            *i += 1;
            v &= not(t, i, set)?;
        }
        Some(v)
    }
    fn not(t: &[String], i: &mut usize, set: &dyn Fn(&str) -> bool) -> Option<bool> {
        let tok = t.get(*i)?;
        *i += 1;
        match tok.as_str() {
            "!" => not(t, i, set).map(|v| !v),
            "(" => {
                let v = or(t, i, set)?;
                (t.get(*i)? == ")").then(|| *i += 1)?;
                Some(v)
            }
            ")" | "&&" | "||" => None,
            name => Some(set(name)),
        }
    }
    let mut i = 0;
    let v = or(tokens, &mut i, set)?;
    (i == tokens.len()).then_some(v)
}

/// A package: files of one directory with the same package clause.
pub struct Package {
    pub dir: PathBuf,
    pub name: String,
    pub files: Vec<GoFile>,
    pub module: Option<Arc<GoMod>>,
    /// Why the package's names are not all known (a file of it cannot be read), if so: no
    /// fix may then declare a new package-level name.
    pub incomplete: Option<String>,
    /// Names of the package, built on first use (most packages never need it).
    index: std::sync::OnceLock<PackageIndex>,
    /// The imports of each file (read on first use, kept in step with the files by
    /// `reindex`; see [`Package::imports`]).
    imports: Vec<std::sync::OnceLock<Vec<crate::fixkit::imports::Import>>>,
    /// Package-level variables declared before the run in the files parsed when the
    /// package was made (see [`Package::is_preexisting_var`]).
    preexisting_vars: HashSet<String>,
    /// The files not parsed when the package was made ([`GoFile::deferred`]).
    deferred: Vec<FileId>,
    /// See [`Package::is_program_beside_library`] (read from the folder on first use).
    beside_library: std::sync::OnceLock<bool>,
    /// The folder's external test package (`package <name>_test`), when it has one: read so
    /// that a fix that changes a type everywhere it is spelled ([`Fix::with_test_files`])
    /// can edit those files in the same fix. Its files are never targets here (its own run
    /// reports on them); they are addressed by the `FileId`s that follow the package's own
    /// (`files.len() + i`, see [`Package::file`]), and analysed as the package they are.
    ///
    /// [`Fix::with_test_files`]: crate::fixkit::edit::Fix::with_test_files
    pub xtest: Option<Box<Package>>,
}

impl Package {
    pub fn new(dir: PathBuf, name: String, files: Vec<GoFile>, module: Option<Arc<GoMod>>) -> Self {
        let index = std::sync::OnceLock::new();
        let imports = files
            .iter()
            .map(|f| match f.src.is_parsed() {
                true => std::sync::OnceLock::from(crate::fixkit::imports::file_imports(&f.src)),
                false => std::sync::OnceLock::new(),
            })
            .collect();
        let preexisting_vars = files
            .iter()
            .filter(|f| f.src.is_parsed())
            .flat_map(|f| package_var_names(&f.src))
            .collect();
        let deferred = (0..files.len())
            .filter(|&i| !files[i].src.is_parsed())
            .collect();
        Package {
            dir,
            name,
            files,
            module,
            incomplete: None,
            index,
            imports,
            preexisting_vars,
            deferred,
            beside_library: std::sync::OnceLock::new(),
            xtest: None,
        }
    }

    /// The file `id`: one of the package's own, or (past them) one of its external test
    /// package's ([`Package::xtest`]).
    pub fn file(&self, id: FileId) -> &GoFile {
        match id.checked_sub(self.files.len()) {
            None => &self.files[id],
            Some(i) => &self.xtest.as_ref().expect("an external test file id").files[i],
        }
    }

    /// The file `id`, to change (see [`Package::file`]).
    pub fn file_mut(&mut self, id: FileId) -> &mut GoFile {
        match id.checked_sub(self.files.len()) {
            None => &mut self.files[id],
            Some(i) => &mut self.xtest.as_mut().expect("an external test file id").files[i],
        }
    }

    /// How many files [`Package::file`] addresses: the package's own and its external test
    /// package's.
    pub fn file_count(&self) -> usize {
        self.files.len() + self.xtest.as_ref().map_or(0, |x| x.files.len())
    }

    /// The package file `id` belongs to and its id there: the package itself for its own
    /// files, its external test package for the ids past them (what analyses take).
    pub fn owner_of(&self, id: FileId) -> (&Package, FileId) {
        match (id.checked_sub(self.files.len()), self.xtest.as_deref()) {
            (Some(i), Some(x)) => (x, i),
            _ => (self, id),
        }
    }

    /// The ids of the external test package's files, as the package addresses them.
    pub fn xtest_file_ids(&self) -> std::ops::Range<FileId> {
        self.files.len()..self.file_count()
    }

    /// The id by which the package addresses file `local` of its external test package.
    pub fn xtest_file_id(&self, local: FileId) -> FileId {
        self.files.len() + local
    }

    /// A package of one file `a.go` holding `src`, for tests.
    #[cfg(test)]
    pub fn from_source(src: &str, module: Option<Arc<GoMod>>) -> Package {
        let file = GoFile::new(SourceFile::new("a.go".into(), src));
        Package::new(".".into(), "a".into(), vec![file], module)
    }

    /// True for a `package main` whose folder also holds a library (another package, not
    /// a test package): a program run by hand or by `go generate`, not part of the build.
    pub fn is_program_beside_library(&self) -> bool {
        if self.name != "main" {
            return false;
        }
        *self.beside_library.get_or_init(|| {
            crate::walk::package_files(&self.dir).iter().any(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.ends_with("_test.go") || self.files.iter().any(|f| f.src.path == *p) {
                    return false;
                }
                let Ok(text) = std::fs::read_to_string(p) else {
                    return false;
                };
                let clause = text.lines().find_map(|l| l.strip_prefix("package "));
                let other = clause
                    .and_then(|c| c.split_whitespace().next())
                    .is_some_and(|n| n != "main" && !n.ends_with("_test"));
                other && !GoFile::new(SourceFile::new(p.clone(), &text)).ignored_by_build()
            })
        })
    }

    /// True when the file is not part of the package's build: ignored by a build
    /// constraint, or a program next to a library.
    pub fn outside_build(&self, file: FileId) -> bool {
        self.files[file].ignored_by_build() || self.is_program_beside_library()
    }

    /// The module's `go` version, when a go.mod says it.
    pub fn go_version(&self) -> Option<(u32, u32)> {
        self.module.as_ref().and_then(|m| m.go)
    }

    /// True when the module's go version is known and at least `major.minor`.
    pub fn go_at_least(&self, major: u32, minor: u32) -> bool {
        self.go_version().is_some_and(|v| v >= (major, minor))
    }

    /// Files that `transform` may report on and edit.
    pub fn files_for<'p>(
        &'p self,
        transform: &'p str,
    ) -> impl Iterator<Item = (FileId, &'p GoFile)> + 'p {
        self.files
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.editable && f.enabled.contains(transform))
    }

    /// The imports of the package's own file `file`.
    pub fn imports(&self, file: FileId) -> &[crate::fixkit::imports::Import] {
        self.imports[file].get_or_init(|| {
            let src = &self.files[file].src;
            if src.is_parsed() {
                return crate::fixkit::imports::file_imports(src);
            }
            // A file not parsed yet: only its head (package clause and imports) is parsed.
            let Some(end) = import_head(&src.text, &code_only(&src.text)) else {
                return crate::fixkit::imports::file_imports(src);
            };
            let head = src.text[..end].to_string();
            let tree = crate::source::parse(&head);
            let head = SourceFile::from_parsed(src.path.clone(), head, src.encoding, tree);
            let imports = crate::fixkit::imports::file_imports(&head);
            debug_assert_eq!(
                imports,
                crate::fixkit::imports::file_imports(&SourceFile::from_parsed(
                    src.path.clone(),
                    src.text.clone(),
                    src.encoding,
                    crate::source::parse(&src.text)
                )),
                "{}: the imports of the head differ from the file's",
                src.path.display()
            );
            imports
        })
    }

    /// The imports of file `file` among `paths`: the same as filtering
    /// [`Package::imports`], but a file not parsed yet is parsed only when its text spells
    /// one of the paths as a string.
    pub fn imports_among(
        &self,
        file: FileId,
        paths: &[&str],
    ) -> Vec<&crate::fixkit::imports::Import> {
        let text = &self.files[file].src.text;
        if self.imports[file].get().is_none()
            && !paths
                .iter()
                .any(|p| crate::fixkit::imports::may_import(text, p))
        {
            return Vec::new();
        }
        self.imports(file)
            .iter()
            .filter(|i| paths.contains(&i.path.as_str()))
            .collect()
    }

    /// True when the package-level variable `name` was declared before the run, in any
    /// file: a variable for which this is false was created by this run's fixes. (The files
    /// parsed late are never given new package-level variables: a run only adds them to
    /// the files it reports on, which are parsed from the start.)
    pub fn is_preexisting_var(&self, name: &str) -> bool {
        self.preexisting_vars.contains(name)
            || self.deferred.iter().any(|&i| {
                let src = &self.files[i].src;
                src.text.contains(name) && package_var_names(src).iter().any(|n| n == name)
            })
    }

    /// The package's names (built on first use).
    pub fn index(&self) -> PackageNames<'_> {
        self.index
            .get_or_init(|| PackageIndex::build(&self.files))
            .view(&self.files)
    }

    /// True when some file of the package may assign `name` or take its address (see
    /// [`PackageNames::may_write`]).
    pub fn may_write(&self, name: &str) -> bool {
        self.index().may_write(name)
    }

    /// Brings the index and imports up to date after `changed` files were edited.
    pub fn reindex(&mut self, changed: &[FileId]) {
        let own = self.files.len();
        let theirs: Vec<FileId> = changed
            .iter()
            .filter_map(|id| id.checked_sub(own))
            .collect();
        if let Some(x) = self.xtest.as_mut().filter(|_| !theirs.is_empty()) {
            x.reindex(&theirs);
        }
        for &id in changed.iter().filter(|&&id| id < own) {
            if let Some(index) = self.index.get_mut() {
                index.update(id, &self.files[id]);
            }
            self.imports[id] = std::sync::OnceLock::from(crate::fixkit::imports::file_imports(
                &self.files[id].src,
            ));
        }
    }
}

/// Identifiers that the file may write: targets of `=`, `op=`, `++`, `--`, and of `=` in a
/// `range` clause or a receive, and operands of `&` (parentheses looked through). By name
/// only: a local of the same name counts too, which errs on the side of "written".
pub fn written_names(file: &SourceFile) -> HashSet<String> {
    let src = &file.text;
    let mut out = HashSet::new();
    crate::syntax::walk(file.root(), |n| {
        if n.kind() != "identifier" {
            return;
        }
        let mut outer = n;
        while let Some(p) = outer
            .parent()
            .filter(|p| p.kind() == "parenthesized_expression")
        {
            outer = p;
        }
        let Some(p) = outer.parent() else {
            return;
        };
        let written = match p.kind() {
            "inc_statement" | "dec_statement" => true,
            "unary_expression" => p
                .child_by_field_name("operator")
                .is_some_and(|o| text(o, src) == "&"),
            "expression_list" => p.parent().is_some_and(|s| {
                s.child_by_field_name("left") == Some(p)
                    && match s.kind() {
                        "assignment_statement" => true,
                        "range_clause" | "receive_statement" => {
                            !crate::analysis::resolve::declares_with_define(s)
                        }
                        _ => false,
                    }
            }),
            _ => false,
        };
        if written {
            out.insert(text(n, src).to_string());
        }
    });
    out
}

/// Names in a package: what is declared at package level, and every identifier written
/// anywhere (so that a new name cannot collide with, or be shadowed by, anything). Kept per
/// file, so that after a pass only the edited files are indexed again.
#[derive(Default, Debug)]
pub struct PackageIndex {
    files: Vec<FileNames>,
    /// For each name declared at package level, how many files declare it; for each name
    /// some file takes ([`FileNames::takes`]), how many files take it: a look-up costs
    /// the same whatever the number of files (asked once per finding, a scan of every
    /// file's sets grew with the package twice over).
    top_level: HashMap<String, usize>,
    /// By word hash (see [`crate::analysis::words`]).
    taken: HashMap<u64, usize>,
}

/// The names of one file.
#[derive(Debug)]
struct FileNames {
    /// The file's declarations; for a file not parsed when it was indexed (`outer` is
    /// set), read on first use.
    declared: std::sync::OnceLock<Declared>,
    /// For a file not parsed when it was indexed: its words outside braces and function
    /// headers (see [`outer_words`]). Its declarations are then not in the package-wide counts.
    outer: Option<crate::analysis::words::WordSet>,
    /// The words of the file's code (comments and string/rune literals left out): a name
    /// is taken when it is one of them. A set, so that finding a fresh name costs the same
    /// whatever the size of the package.
    words: crate::analysis::words::WordSet,
    /// Names the file may write (built on first use).
    written: std::sync::OnceLock<HashSet<String>>,
    /// Where the file's head ends: its first `{` outside comments and literals (its
    /// imports are all before it).
    head: usize,
    /// The words that may name a method the file declares (built on first use, see
    /// [`crate::analysis::decls::method_name_words`]).
    methods: std::sync::OnceLock<crate::analysis::words::WordSet>,
}

/// `text` with the contents of comments, string and rune literals replaced by spaces (a
/// lexical scan, much cheaper than walking the syntax tree).
pub fn code_only(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    for (span, _) in literal_spans(text) {
        for c in &mut out[span] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, and whole literals were blanked, so
    // the result is still UTF-8; fall back to the text itself if not.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The comments (`true`) and string, rune and raw-string literals (`false`) of `text`, in
/// order, found by a lexical scan.
pub fn literal_spans(text: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (end, comment) = match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |p| i + p);
                (end, true)
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
                (end, true)
            }
            q @ (b'"' | b'\'') => {
                let mut j = i + 1;
                while j < b.len() && b[j] != q && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                ((j + 1).min(b.len()), false)
            }
            b'`' => {
                let end = b[i + 1..]
                    .iter()
                    .position(|&c| c == b'`')
                    .map_or(b.len(), |p| i + 1 + p + 1);
                (end, false)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push((i..end, comment));
        i = end;
    }
    out
}

impl PackageIndex {
    pub fn build(files: &[GoFile]) -> PackageIndex {
        let mut index = PackageIndex {
            files: files.iter().map(FileNames::build).collect(),
            top_level: HashMap::new(),
            taken: HashMap::new(),
        };
        for i in 0..index.files.len() {
            index.count(i, true);
        }
        index
    }

    /// The index read with the files it was built from (see [`PackageNames`]).
    pub fn view<'p>(&'p self, files: &'p [GoFile]) -> PackageNames<'p> {
        PackageNames { index: self, files }
    }

    /// Adds the names of file `i` to the package-wide counts (or removes them): all of
    /// them for a file parsed when it was indexed, its words only for one that was not.
    fn count(&mut self, i: usize, add: bool) {
        let f = &self.files[i];
        fn bump<K: std::hash::Hash + Eq + Clone>(map: &mut HashMap<K, usize>, key: &K, add: bool) {
            if add {
                *map.entry(key.clone()).or_default() += 1;
            } else if let Some(n) = map.get_mut(key) {
                *n -= 1;
                if *n == 0 {
                    map.remove(key);
                }
            }
        }
        let declared = match (&f.outer, f.declared.get()) {
            (None, Some(d)) => d,
            _ => &Declared::default(),
        };
        for name in declared.top_level.keys() {
            bump(&mut self.top_level, name, add);
        }
        let declared = crate::analysis::words::WordSet::of(
            declared
                .top_level
                .keys()
                .chain(&declared.imports)
                .map(String::as_str),
        );
        for hash in f.words.union(&declared).hashes() {
            bump(&mut self.taken, hash, add);
        }
    }

    /// Indexes `file` again after its text changed.
    pub fn update(&mut self, file: FileId, f: &GoFile) {
        self.count(file, false);
        self.files[file] = FileNames::build(f);
        self.count(file, true);
    }
}

/// A package's names: its [`PackageIndex`] with the files it indexes, so that the names
/// of a file not parsed yet ([`GoFile::deferred`]) are read when a question needs them
/// (only when the file's text shows it may declare the name asked about).
#[derive(Clone, Copy)]
pub struct PackageNames<'p> {
    index: &'p PackageIndex,
    files: &'p [GoFile],
}

impl<'p> PackageNames<'p> {
    /// The offsets of the identifiers declaring `name` at package level in file `i`.
    fn declaring(&self, i: FileId, name: &str) -> Option<&'p Vec<usize>> {
        let index: &'p PackageIndex = self.index;
        index.files[i]
            .declared(&self.files[i], name)?
            .top_level
            .get(name)
    }

    /// The files declaring `name` at package level.
    pub fn top_level_files(&self, name: &str) -> Vec<FileId> {
        if !self.has_top_level(name) {
            return Vec::new();
        }
        (0..self.files.len())
            .filter(|&i| self.declaring(i, name).is_some())
            .collect()
    }

    /// Where `name` is declared at package level: the file and the byte offset of each
    /// declaring identifier, in file and document order.
    pub fn top_level_sites(&self, name: &str) -> Vec<(FileId, usize)> {
        if !self.has_top_level(name) {
            return Vec::new();
        }
        (0..self.files.len())
            .flat_map(|i| {
                self.declaring(i, name)
                    .into_iter()
                    .flatten()
                    .map(move |&at| (i, at))
            })
            .collect()
    }

    /// False when file `i`'s text shows that it declares no method `name` (see
    /// [`crate::analysis::decls::method_name_words`]).
    pub fn may_name_method(&self, i: FileId, name: &str) -> bool {
        self.index.files[i]
            .methods
            .get_or_init(|| crate::analysis::decls::method_name_words(&self.files[i].src.text))
            .contains(name)
    }

    /// False when file `i`'s text shows that it spells `word` only inside function bodies,
    /// headers or other braces: never in a package-level declaration's name or value.
    pub fn may_spell_at_top(&self, i: FileId, word: &str) -> bool {
        self.index.files[i]
            .outer
            .as_ref()
            .is_none_or(|o| o.contains(word))
    }

    /// True when some file declares `name` at package level.
    pub fn has_top_level(&self, name: &str) -> bool {
        self.index.top_level.contains_key(name)
            || (0..self.files.len())
                .filter(|&i| self.index.files[i].outer.is_some())
                .any(|i| self.declaring(i, name).is_some())
    }

    /// True when `name` may not be used for a new identifier.
    pub fn is_taken(&self, name: &str) -> bool {
        crate::analysis::resolve::is_predeclared_name(name)
            || crate::golang::KEYWORDS.contains(&name)
            || matches!(name, "init" | "main" | "_")
            || {
                // A file not counted package-wide has its words counted, which hold its
                // package-level names; an import's name may not be among them.
                self.index
                    .taken
                    .contains_key(&crate::analysis::words::hash(name))
                    || (0..self.files.len()).any(|i| {
                        let f = &self.index.files[i];
                        f.outer.is_some()
                            && self.files[i].src.text[..f.head].contains(name)
                            && f.declared
                                .get_or_init(|| Declared::of(&self.files[i]))
                                .imports
                                .contains(name)
                    })
            }
    }

    /// True when some file of the package may assign `name` or take its address (see
    /// [`written_names`]; each file's set is built on first use and kept until the file
    /// changes).
    pub fn may_write(&self, name: &str) -> bool {
        self.files.iter().enumerate().any(|(i, f)| {
            f.src.text.contains(name)
                && self.index.files[i]
                    .written
                    .get_or_init(|| written_names(&f.src))
                    .contains(name)
        })
    }
}

/// The names a file declares: at package level and by its imports.
#[derive(Default, Debug)]
struct Declared {
    /// Package-level declarations of the file.
    /// Each with the byte offsets of the identifiers declaring it, in document order.
    top_level: HashMap<String, Vec<usize>>,
    /// The file's import names.
    imports: HashSet<String>,
}

impl Declared {
    fn of(file: &GoFile) -> Declared {
        let src = &file.src.text;
        let mut names = Declared::default();
        for decl in named_children(file.src.root()) {
            for n in top_level_name_nodes(decl) {
                names
                    .top_level
                    .entry(text(n, src).to_string())
                    .or_default()
                    .push(n.start_byte());
            }
        }
        for import in crate::fixkit::imports::file_imports(&file.src) {
            names.imports.insert(import.local_name);
        }
        names
    }
}

impl FileNames {
    fn build(file: &GoFile) -> FileNames {
        let code = code_only(&file.src.text);
        let words = crate::analysis::words::WordSet::words_of(&code);
        // A file not parsed yet is parsed for its declarations only when a question is
        // about a name it spells outside braces (all its package-level names are there).
        let outer = if file.src.is_parsed() {
            None
        } else {
            outer_words(&code)
        };
        #[cfg(debug_assertions)]
        if let Some(outer) = &outer {
            // Checked on a parse of its own: the file stays unparsed.
            let text = file.src.text.clone();
            let tree = crate::source::parse(&text);
            let parsed = GoFile::unparsed(
                SourceFile::from_parsed(file.src.path.clone(), text, file.src.encoding, tree),
                None,
            );
            for name in Declared::of(&parsed).top_level.keys() {
                assert!(
                    outer.contains(name),
                    "{}: `{name}` is declared outside the words outside braces",
                    file.src.path.display()
                );
            }
        }
        let declared = std::sync::OnceLock::new();
        if outer.is_none() {
            let _ = declared.set(Declared::of(file));
        }
        FileNames {
            declared,
            outer,
            words,
            written: std::sync::OnceLock::new(),
            head: code.find('{').unwrap_or(code.len()),
            methods: std::sync::OnceLock::new(),
        }
    }

    /// The declarations of `file` (this entry's), when it may declare `name`.
    fn declared(&self, file: &GoFile, name: &str) -> Option<&Declared> {
        if self.outer.as_ref().is_some_and(|o| !o.contains(name)) {
            return None;
        }
        Some(self.declared.get_or_init(|| Declared::of(file)))
    }
}

/// The words of `code` (see [`code_only`]) that may be spelled by a package-level
/// declaration, in its names or in its value: those outside any `{ }`, less those in the
/// headers of functions after their names (parameters, results and receivers). `None` when
/// the braces do not balance.
fn outer_words(code: &str) -> Option<crate::analysis::words::WordSet> {
    /// Where a function header is.
    enum Header {
        /// Not in one.
        No,
        /// Right after `func`: a name follows, or a `(` (a method, a function literal).
        Func,
        /// After the name: up to the body's `{`, or the end of a header without a body (a
        /// line end, `;` or a closing bracket of an enclosing group).
        Rest,
    }
    let b = code.as_bytes();
    let mut depth = 0usize;
    // Brackets opened inside the current header.
    let mut open = 0isize;
    let mut header = Header::No;
    let mut words = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if crate::syntax::is_ident_byte(c) {
            let start = i;
            while i < b.len() && crate::syntax::is_ident_byte(b[i]) {
                i += 1;
            }
            let word = &code[start..i];
            if depth == 0 {
                match header {
                    Header::No if word == "func" => header = Header::Func,
                    Header::No => words.push(word),
                    Header::Func => {
                        words.push(word);
                        (header, open) = (Header::Rest, 0);
                    }
                    Header::Rest => {}
                }
            }
            continue;
        }
        match c {
            b'{' => {
                depth += 1;
                if open <= 0 {
                    header = Header::No;
                }
            }
            b'}' => depth = depth.checked_sub(1)?,
            b'(' | b'[' if depth == 0 => match header {
                Header::Func => (header, open) = (Header::Rest, 1),
                _ => open += 1,
            },
            b')' | b']' if depth == 0 => {
                open -= 1;
                if open < 0 {
                    header = Header::No;
                }
            }
            b'\n' | b';' if depth == 0 && open <= 0 => header = Header::No,
            _ => {}
        }
        i += 1;
    }
    (depth == 0).then(|| crate::analysis::words::WordSet::of(words))
}

/// The names of the package-level variables `src` declares.
fn package_var_names(src: &SourceFile) -> Vec<String> {
    let mut out = Vec::new();
    for decl in named_children(src.root()) {
        if decl.kind() != "var_declaration" {
            continue;
        }
        for spec in crate::syntax::specs(decl) {
            for n in field_children(spec, "name") {
                out.push(text(n, &src.text).to_string());
            }
        }
    }
    out
}

/// Names a top-level declaration introduces into the package block.
pub fn top_level_names(decl: tree_sitter::Node, src: &str) -> Vec<String> {
    top_level_name_nodes(decl)
        .into_iter()
        .map(|n| text(n, src).to_string())
        .collect()
}

/// The identifiers with which a top-level declaration introduces names into the package
/// block (see [`top_level_names`]).
pub fn top_level_name_nodes(decl: tree_sitter::Node) -> Vec<tree_sitter::Node> {
    let mut out = Vec::new();
    match decl.kind() {
        "function_declaration" => {
            out.extend(decl.child_by_field_name("name"));
        }
        "var_declaration" | "const_declaration" | "type_declaration" => {
            for spec in crate::syntax::specs(decl) {
                if matches!(
                    spec.kind(),
                    "var_spec" | "const_spec" | "type_spec" | "type_alias"
                ) {
                    out.extend(field_children(spec, "name"));
                }
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_only_blanks_comments_and_literals() {
        let src = "x := \"a \\\" name\" // name\ny := 'n' + `name` /* name */ + name\n";
        let code = code_only(src);
        assert_eq!(code.len(), src.len());
        assert_eq!(code.matches("name").count(), 1, "{code}");
        let w = crate::analysis::words::WordSet::words_of(&code);
        assert!(
            w.contains("name") && !w.contains("nam") && w.contains("y"),
            "{w:?}"
        );
    }

    #[test]
    fn build_constrained_files() {
        let file = |name: &str, text: &str| GoFile::new(SourceFile::new(name.into(), text));
        assert!(file("sys.go", "package a\n").always_built());
        assert!(file("my_sys_test.go", "package a\n").always_built());
        assert!(!file("sys_windows.go", "package a\n").always_built());
        assert!(!file("p256_amd64.go", "package a\n").always_built());
        assert!(!file("sys_linux_arm64_test.go", "package a\n").always_built());
        assert!(!file("sys.go", "//go:build unix\n\npackage a\n").always_built());
        assert!(
            file("windows.go", "package a\n").always_built(),
            "a bare GOOS name is no suffix"
        );
        let plain = file("a.go", "package a\n");
        let test = file("a_test.go", "package a\n");
        assert!(!test.declarations_visible_from(&plain));
        assert!(plain.declarations_visible_from(&test));
    }

    #[test]
    fn go_mod_cache_answers_as_find_does() {
        let root = std::env::temp_dir().join(format!("allocfix-gomod-{}", std::process::id()));
        let deep = root.join("m/a/b");
        let outside = root.join("x/y");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("m/go.mod"), "module example.com/m\n\ngo 1.22\n").unwrap();
        let cache = GoModCache::default();
        for dir in [&deep, &root.join("m/a"), &root.join("m"), &outside, &deep] {
            assert_eq!(
                cache.find(dir).as_deref(),
                GoMod::find(dir).as_ref(),
                "{}",
                dir.display()
            );
        }
        assert_eq!(
            cache.find(&deep).and_then(|m| m.module.clone()).as_deref(),
            Some("example.com/m")
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn go_mod_version() {
        let m = GoMod::parse("go.mod".into(), "module x // c\n\ngo 1.23.4\n");
        assert_eq!(m.module.as_deref(), Some("x"));
        assert_eq!(m.go, Some((1, 23)));
        assert_eq!(parse_go_version("1.21rc2"), Some((1, 21)));
    }

    #[test]
    fn build_ignore_is_outside_the_build() {
        assert!(build_constraint_needs(" ignore", "ignore"));
        assert!(build_constraint_needs("ignore && linux", "ignore"));
        assert!(build_constraint_needs("(ignore)", "ignore"));
        assert!(!build_constraint_needs("ignore || linux", "ignore"));
        assert!(!build_constraint_needs("!ignore", "ignore"));
        assert!(!build_constraint_needs("linux && amd64", "ignore"));
        assert!(!build_constraint_needs("ignore &&", "ignore"));
        let f = |src: &str| GoFile::new(SourceFile::new("gen.go".into(), src));
        assert!(f("//go:build ignore\n\npackage main\n").ignored_by_build());
        assert!(f("// +build ignore\n\npackage main\n").ignored_by_build());
        assert!(!f("//go:build linux\n\npackage main\n").ignored_by_build());
        assert!(!f("package main\n\n//go:build ignore\n").ignored_by_build());
    }

    #[test]
    fn preexisting_vars_are_recorded_at_construction() {
        let src = "package a\n\nimport \"errors\"\n\nvar (\n\terrA = errors.New(\"a\")\n\tx, y int\n)\n\nvar errB = errors.New(\"b\")\n\nfunc f() { var local = 1; _ = local }\n";
        let mut pkg = Package::from_source(src, None);
        let want: HashSet<String> = ["errA", "x", "y", "errB"].map(String::from).into();
        assert!(want.iter().all(|v| pkg.is_preexisting_var(v)));
        let edited = format!("{src}\nvar errC = errors.New(\"c\")\n");
        pkg.files[0].src.set_text(edited);
        pkg.reindex(&[0]);
        assert!(!pkg.is_preexisting_var("errC"));
        assert!(!pkg.is_preexisting_var("local"));
    }

    #[test]
    fn a_program_beside_a_library_is_outside_the_build() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join(name), text).expect("write");
        };
        let main_pkg = |name: &str| {
            let path = dir.path().join(name);
            let text = std::fs::read_to_string(&path).expect("read");
            let file = GoFile::new(SourceFile::new(path, &text));
            Package::new(dir.path().into(), "main".into(), vec![file], None)
        };
        write("gen.go", "package main\n\nfunc main() {}\n");
        write("lib_test.go", "package lib_test\n");
        assert!(!main_pkg("gen.go").is_program_beside_library());
        write("other.go", "//go:build ignore\n\npackage lib\n");
        assert!(!main_pkg("gen.go").is_program_beside_library());
        write("lib.go", "// Package lib does things.\npackage lib\n");
        let pkg = main_pkg("gen.go");
        assert!(pkg.is_program_beside_library());
        assert!(pkg.outside_build(0));
    }

    #[test]
    fn written_names_are_targets_and_addresses() {
        let f = SourceFile::new(
            "a.go".into(),
            "package a\n\nfunc f(ch chan int) {\n\ta = 1\n\t(b) += 2\n\tc++\n\tp(&d)\n\tfor e = range ch {\n\t}\n\tg := h\n\t_ = -i\n\tj, k := 1, 2\n\tl.m = 3\n}\n",
        );
        let mut names: Vec<String> = written_names(&f).into_iter().collect();
        names.sort();
        assert_eq!(names, ["_", "a", "b", "c", "d", "e"]);
    }

    #[test]
    fn the_package_clause_is_read_from_plain_text_only() {
        fn clause(t: &str) -> Option<&str> {
            package_clause(t).map(|r| &t[r])
        }
        assert_eq!(clause("package a\n"), Some("a"));
        assert_eq!(
            clause("// Copyright\n/* x\n */\n//go:build linux\n\npackage a_test // tests\n"),
            Some("a_test")
        );
        assert_eq!(clause("package\n\tmain;"), Some("main"));
        assert_eq!(clause("package /* c */ p\n"), Some("p"));
        assert_eq!(clause("package a"), Some("a"));
        // Left to the parser: a clause it would not read the same way, or none.
        assert_eq!(clause("packages a\n"), None);
        assert_eq!(clause("package é\n"), None);
        assert_eq!(clause("package aé\n"), None);
        assert_eq!(clause("package 1a\n"), None);
        assert_eq!(clause("// only a comment"), None);
        assert_eq!(clause(""), None);
        assert_eq!(clause("func f() {}\n"), None);
    }

    #[test]
    fn the_import_head_ends_before_the_first_other_declaration() {
        fn head(t: &str) -> Option<&str> {
            import_head(t, &code_only(t)).map(|end| &t[..end])
        }
        let text = "// c\npackage a // x\n\nimport \"fmt\" // fmt\nimport (\n\t\"os\" // (\n\tx \"a/b)\"\n)\n\nfunc f() {}\n";
        assert_eq!(head(text), Some(&text[..text.find("func").unwrap()]));
        assert_eq!(
            head("package a; import \"fmt\"; var x = 1"),
            Some("package a; import \"fmt\"; ")
        );
        assert_eq!(
            head("package a\n\ntype importer int\n"),
            Some("package a\n\n")
        );
        assert_eq!(head("package a"), Some("package a"));
        let text = "package a\n\nimport\n(\n\t\"fmt\"\n)\n\nimport _ \"embed\"\nvar x int\n";
        assert_eq!(head(text), Some(&text[..text.find("var").unwrap()]));
        assert_eq!(head("package a\nimport /* c */ (\n\t\"fmt\"\n)\n"), None);
        assert_eq!(head("import \"fmt\"\n"), None);
        assert_eq!(head("package a\nimport (\n\t\"fmt\"\n"), None);
    }

    #[test]
    fn outer_words_hold_every_package_level_name() {
        let text = "package a\n\nimport (\n\tx \"fmt\"\n)\n\nvar (\n\tv1, v2 = g(h), 2\n)\n\nconst c = iota\n\ntype (\n\tT struct{ inField int }\n\tF func(inFunc int) error\n)\n\ntype G[P any] []P\n\nfunc f(param int) (result string) {\n\tinBody := 1\n\treturn \"\"\n}\n\nfunc (r *T) method(mp int) {}\n\nfunc noBody(nb int) int\n\nvar after = func(lit int) bool { return true }\n\nfunc generic[Q any](q Q) struct{ inResult int } { return struct{ inResult int }{} }\n\nvar last int\n";
        let words = outer_words(&code_only(text)).expect("balanced");
        for name in [
            "x", "v1", "v2", "g", "h", "c", "T", "F", "G", "f", "noBody", "after", "generic",
            "last",
        ] {
            assert!(words.contains(name), "{name} is missing");
        }
        // A method is not a package-level name.
        for name in [
            "inField", "param", "result", "inBody", "method", "r", "mp", "nb", "lit", "q",
            "inResult",
        ] {
            assert!(!words.contains(name), "{name} is kept");
        }
        assert!(outer_words("func f() {").is_none());
        assert!(outer_words("}").is_none());
    }

    /// A package whose first file is a target and whose second is read with
    /// [`GoFile::deferred`].
    fn with_deferred(target: &str, other: &str) -> Package {
        let files = vec![
            GoFile::new(SourceFile::new("a.go".into(), target)),
            GoFile::deferred(SourceFile::deferred("a_test.go".into(), other)),
        ];
        Package::new(PathBuf::new(), "a".into(), files, None)
    }

    #[test]
    fn a_deferred_file_is_parsed_only_for_the_names_it_may_declare() {
        let other = "package a\n\nimport (\n\t\"testing\"\n\t\"example.com/yaml\"\n)\n\nvar errOld = e\n\nfunc helper(t *testing.T) { inner := Conf{}; _ = inner }\n";
        let pkg = with_deferred("package a\n\ntype Conf struct{}\n", other);
        assert!(!pkg.files[1].src.is_parsed());
        // Its imports are read from a parse of its head only.
        let paths: Vec<&str> = pkg.imports(1).iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["testing", "example.com/yaml"]);
        assert!(!pkg.files[1].src.is_parsed());
        assert_eq!(pkg.files[1].package_name(), Some("a"));
        let names = pkg.index();
        // Spelled only inside a body or a header: answered from the text.
        assert!(!names.has_top_level("inner"));
        assert!(!names.has_top_level("t"));
        assert_eq!(names.top_level_files("Conf"), vec![0]);
        assert!(!pkg.files[1].src.is_parsed());
        assert!(!names.is_taken("unused"));
        assert!(names.is_taken("inner"));
        assert!(!pkg.files[1].src.is_parsed());
        // Spelled where it may be declared: parsed to answer.
        assert_eq!(names.top_level_files("helper"), vec![1]);
        assert!(pkg.files[1].src.is_parsed());
        assert_eq!(
            names.top_level_sites("errOld"),
            vec![(1, other.find("errOld").unwrap())]
        );
        // An import's name that the code never spells is still taken.
        assert!(names.is_taken("yaml"));
        assert!(pkg.is_preexisting_var("errOld"));
        assert!(!pkg.is_preexisting_var("inner"));
        assert!(pkg.files[1].parse_error().is_none());
    }

    #[test]
    fn a_deferred_file_that_may_need_masking_is_parsed_at_once() {
        let plain = "package a\n\nfunc f() { _ = new(int); _ = new(pkg.T); _ = new([]*T); _ = new([4]T) }\n";
        assert!(!crate::source::may_call_new(plain));
        let pkg = with_deferred("package a\n", plain);
        assert!(!pkg.files[1].src.is_parsed());
        for call in [
            "new(42)",
            "new(f())",
            "new(x + 1)",
            "new(\"s\")",
            "new(T{})",
        ] {
            let text = format!("package a\n\nvar p = {call}\n");
            assert!(crate::source::may_call_new(&text), "{call}");
            let pkg = with_deferred("package a\n", &text);
            assert!(pkg.files[1].src.is_parsed(), "{call}");
        }
        let gap = with_deferred(
            "package a\n",
            "package a\n\nfunc f() *int { return new(42) }\n",
        );
        assert!(gap.files[1].parse_error().is_none());
        assert!(!gap.files[1].grammar_gaps.is_empty());
    }

    #[test]
    fn a_deferred_file_that_does_not_parse_says_where() {
        let pkg = with_deferred("package a\n", "package a\n\nfunc f() {\n\tx := \n}\n");
        assert!(!pkg.files[1].src.is_parsed());
        let (at, message) = pkg.files[1].parse_error().expect("a syntax error");
        assert_eq!(at.line, 4, "{message}");
    }
}
