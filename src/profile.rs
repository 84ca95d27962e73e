//! Hot paths: which functions a Go pprof profile says are worth rewriting (`--profile`),
//! and, without a profile, a static hint of how hot a finding may be (`check --rank`).
//!
//! **Reading a profile.** A Go profile (`go test -cpuprofile`/`-memprofile`,
//! `runtime/pprof`, `net/http/pprof`) is a gzipped protocol buffer (`profile.proto`); an
//! uncompressed one is read too. Only the fields used here are decoded (sample types,
//! samples, locations with their inlined lines, functions, the string table), by the small
//! decoder below.
//!
//! **Sample type.** `--profile-sample NAME` picks a sample type by name (`cpu`,
//! `samples`, `alloc_objects`, `alloc_space`, `inuse_objects`, `inuse_space`, …).
//! Without it: `cpu` (nanoseconds) in a CPU profile; `alloc_objects` in a heap/allocs
//! profile, since allocs/op is what the rewrites cut; otherwise the profile's default
//! sample type, else its last one.
//!
//! **Weight.** Frames are read innermost first, an inlined call counting as a frame, and a
//! closure (`F.func1`, `(*T).M.func2.1`, `F.gowrap1`) counting as the function that
//! encloses it. For the functions of a module (their package path is the module path or
//! below it, or `main`), the *weight* of a function F is the share of the profile's total
//! held by the samples whose innermost frame inside the module is F: F's flat share plus
//! the cumulative share of the calls F makes out of the module (standard library, runtime,
//! dependencies). That is the cost a rewrite of F's own statements can cut: an
//! `fmt.Sprintf` in F shows in F's weight, the work of F's callees in the module shows in
//! theirs, and a `main` or a server loop that only calls other functions of the module
//! weighs little even though its cumulative share is 100 %. Flat and cumulative shares
//! are reported beside it.
//!
//! **Matching.** A profile function is matched to a top-level declaration by package path
//! (module path from `go.mod` plus the folder; `main` for a `package main`; `…_test` for
//! an external test package) and name (`F`, `(*T).M` and `T.M` both as the method `M` of
//! `T`; generic brackets `[...]` dropped), and the file the profile names is a cross-check:
//! it must have the declaration's file name (and, for `main`, its folder name), or the
//! function counts as not matched (a stale profile, or another program's).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tree_sitter::Node;

use crate::fixkit::edit::{FileId, Finding};
use crate::package::Package;
use crate::syntax::text;

/// The largest profile read once decompressed (a real one is a few MB).
const MAX_PROFILE: u64 = 1 << 30;

/// A decoded profile: what the weights need.
#[derive(Debug, Default)]
pub struct Profile {
    /// `(type, unit)` of each sample value, e.g. `("cpu", "nanoseconds")`.
    pub sample_types: Vec<(String, String)>,
    /// The default sample type's name, when the profile names one.
    pub default_sample: Option<String>,
    /// Profile functions: (name, file).
    pub functions: Vec<(String, String)>,
    /// Samples: function indices (innermost first) and values.
    pub samples: Vec<(Vec<u32>, Vec<i64>)>,
}

/// Reads the profile in `path` (gzipped or not).
pub fn read(path: &Path) -> Result<Profile, String> {
    let name = path.display();
    let raw = std::fs::read(path).map_err(|e| format!("--profile {name}: cannot read: {e}"))?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .take(MAX_PROFILE)
            .read_to_end(&mut out)
            .map_err(|e| format!("--profile {name}: not a valid gzip file: {e}"))?;
        out
    } else {
        raw
    };
    if bytes.is_empty() {
        return Err(format!("--profile {name}: the file is empty"));
    }
    decode(&bytes).map_err(|e| {
        format!("--profile {name}: not a Go pprof profile (gzipped protocol buffer): {e}")
    })
}

/// A protocol-buffer reader over one message.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    fn done(&self) -> bool {
        self.pos >= self.buf.len()
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.buf.get(self.pos) else {
                return Err(format!("truncated varint at byte {}", self.pos));
            };
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(format!("varint too long at byte {}", self.pos))
    }

    /// The next field's number and wire type.
    fn key(&mut self) -> Result<(u64, u8), String> {
        let k = self.varint()?;
        let field = k >> 3;
        if field == 0 {
            return Err(format!("field number 0 at byte {}", self.pos));
        }
        Ok((field, (k & 7) as u8))
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let len = self.varint()? as usize;
        let end = self
            .pos
            .checked_add(len)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| format!("length {len} past the end at byte {}", self.pos))?;
        let out = &self.buf[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn skip(&mut self, wire: u8) -> Result<(), String> {
        let n = match wire {
            0 => return self.varint().map(|_| ()),
            1 => 8,
            2 => return self.bytes().map(|_| ()),
            5 => 4,
            w => return Err(format!("unknown wire type {w} at byte {}", self.pos)),
        };
        if self.pos + n > self.buf.len() {
            return Err(format!("truncated field at byte {}", self.pos));
        }
        self.pos += n;
        Ok(())
    }

    /// A repeated varint field, packed (wire type 2) or not (0).
    fn varints(&mut self, wire: u8, out: &mut Vec<u64>) -> Result<(), String> {
        match wire {
            0 => out.push(self.varint()?),
            2 => {
                let mut r = Reader::new(self.bytes()?);
                while !r.done() {
                    out.push(r.varint()?);
                }
            }
            w => return Err(format!("wire type {w} for a varint at byte {}", self.pos)),
        }
        Ok(())
    }

    fn message(&mut self, wire: u8) -> Result<Reader<'a>, String> {
        if wire != 2 {
            return Err(format!(
                "wire type {wire} for a message at byte {}",
                self.pos
            ));
        }
        Ok(Reader::new(self.bytes()?))
    }
}

/// Decodes an uncompressed `profile.proto` message.
pub fn decode(bytes: &[u8]) -> Result<Profile, String> {
    let mut r = Reader::new(bytes);
    let mut strings: Vec<String> = Vec::new();
    let mut sample_types: Vec<(u64, u64)> = Vec::new();
    let mut samples: Vec<(Vec<u64>, Vec<i64>)> = Vec::new();
    // Location id → function ids, innermost first.
    let mut locations: HashMap<u64, Vec<u64>> = HashMap::new();
    // Function id → (name, file) string indices.
    let mut functions: HashMap<u64, (u64, u64)> = HashMap::new();
    let mut default_sample = 0u64;
    while !r.done() {
        let (field, wire) = r.key()?;
        match field {
            1 => {
                let mut m = r.message(wire)?;
                let (mut ty, mut unit) = (0, 0);
                while !m.done() {
                    match m.key()? {
                        (1, 0) => ty = m.varint()?,
                        (2, 0) => unit = m.varint()?,
                        (_, w) => m.skip(w)?,
                    }
                }
                sample_types.push((ty, unit));
            }
            2 => {
                let mut m = r.message(wire)?;
                let (mut locs, mut values) = (Vec::new(), Vec::new());
                while !m.done() {
                    match m.key()? {
                        (1, w) => m.varints(w, &mut locs)?,
                        (2, w) => m.varints(w, &mut values)?,
                        (_, w) => m.skip(w)?,
                    }
                }
                samples.push((locs, values.into_iter().map(|v| v as i64).collect()));
            }
            4 => {
                let mut m = r.message(wire)?;
                let (mut id, mut funcs) = (0, Vec::new());
                while !m.done() {
                    match m.key()? {
                        (1, 0) => id = m.varint()?,
                        (4, w) => {
                            let mut line = m.message(w)?;
                            while !line.done() {
                                match line.key()? {
                                    (1, 0) => funcs.push(line.varint()?),
                                    (_, w) => line.skip(w)?,
                                }
                            }
                        }
                        (_, w) => m.skip(w)?,
                    }
                }
                locations.insert(id, funcs);
            }
            5 => {
                let mut m = r.message(wire)?;
                let (mut id, mut name, mut file) = (0, 0, 0);
                while !m.done() {
                    match m.key()? {
                        (1, 0) => id = m.varint()?,
                        (2, 0) => name = m.varint()?,
                        (4, 0) => file = m.varint()?,
                        (_, w) => m.skip(w)?,
                    }
                }
                functions.insert(id, (name, file));
            }
            6 => {
                if wire != 2 {
                    return Err("string table entry is not a string".into());
                }
                let s = r.bytes()?;
                strings.push(
                    String::from_utf8(s.to_vec())
                        .map_err(|_| "a string of the string table is not UTF-8".to_string())?,
                );
            }
            14 if wire == 0 => default_sample = r.varint()?,
            _ => r.skip(wire)?,
        }
    }
    if strings.first().is_none_or(|s| !s.is_empty()) {
        return Err("no string table (its first entry must be empty)".into());
    }
    let string = |i: u64| -> Result<String, String> {
        strings
            .get(i as usize)
            .cloned()
            .ok_or_else(|| format!("string index {i} out of range"))
    };
    if sample_types.is_empty() {
        return Err("no sample type".into());
    }
    let mut profile = Profile {
        sample_types: sample_types
            .iter()
            .map(|&(t, u)| Ok((string(t)?, string(u)?)))
            .collect::<Result<_, String>>()?,
        default_sample: (default_sample != 0)
            .then(|| string(default_sample))
            .transpose()?,
        ..Profile::default()
    };
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut ids: Vec<u64> = functions.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let (name, file) = functions[&id];
        index.insert(id, profile.functions.len() as u32);
        profile.functions.push((string(name)?, string(file)?));
    }
    for (locs, values) in samples {
        if values.len() != profile.sample_types.len() {
            return Err(format!(
                "a sample has {} values for {} sample types",
                values.len(),
                profile.sample_types.len()
            ));
        }
        let mut frames = Vec::new();
        for l in locs {
            let funcs = locations
                .get(&l)
                .ok_or_else(|| format!("sample names unknown location {l}"))?;
            for f in funcs {
                frames.push(
                    *index
                        .get(f)
                        .ok_or_else(|| format!("location {l} names unknown function {f}"))?,
                );
            }
        }
        profile.samples.push((frames, values));
    }
    Ok(profile)
}

impl Profile {
    /// The index of the sample type to weigh by: `wanted` (a type name, or `type/unit`),
    /// else the default described in the module documentation.
    pub fn sample_index(&self, wanted: Option<&str>) -> Result<usize, String> {
        let names = || {
            self.sample_types
                .iter()
                .map(|(t, u)| format!("{t} ({u})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(w) = wanted {
            return self
                .sample_types
                .iter()
                .position(|(t, u)| t == w || format!("{t}/{u}") == w)
                .ok_or_else(|| {
                    format!(
                        "--profile-sample {w}: the profile has no such sample type (it has: {})",
                        names()
                    )
                });
        }
        let by_name = |n: &str| self.sample_types.iter().position(|(t, _)| t == n);
        Ok(by_name("cpu")
            .or_else(|| by_name("alloc_objects"))
            .or_else(|| self.default_sample.as_deref().and_then(by_name))
            .unwrap_or(self.sample_types.len() - 1))
    }
}

/// A function as a profile names it and a declaration is matched: package path, receiver
/// type (methods) and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncKey {
    pub package: String,
    pub receiver: Option<String>,
    pub name: String,
}

impl std::fmt::Display for FuncKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.receiver {
            Some(r) => write!(f, "{}.{}.{}", self.package, r, self.name),
            None => write!(f, "{}.{}", self.package, self.name),
        }
    }
}

/// Drops every bracketed part (`[...]`, `[go.shape.int]`) of a symbol name.
fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// True for the name parts Go gives closures and wrappers: `func1`, `gowrap2`,
/// `deferwrap1`, `1`.
fn is_closure_part(p: &str) -> bool {
    let digits = p.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let prefix = &p[..p.len() - digits.len()];
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(prefix, "" | "func" | "gowrap" | "deferwrap")
}

/// The declaration a pprof function name belongs to: `example.com/m/pkg.(*T).M.func1` →
/// (`example.com/m/pkg`, `T`, `M`). `None` for what no declaration holds (package-level
/// closures `glob..func1`, compiler-generated `type:.eq.…`).
pub fn parse_name(symbol: &str) -> Option<FuncKey> {
    let s = strip_brackets(symbol);
    let slash = s.rfind('/').map_or(0, |i| i + 1);
    let dot = slash + s[slash..].find('.')?;
    let package = &s[..dot];
    let rest = &s[dot + 1..];
    if package.is_empty() || package.contains(':') || rest.is_empty() {
        return None;
    }
    // A range-over-func loop body is `F-range1` (`F.func1-range2-range1`): Go names
    // have no `-`, so what follows one is the compiler's.
    let parts: Vec<&str> = rest
        .split('.')
        .map(|p| p.split('-').next().unwrap_or(p))
        .collect();
    let first = parts[0];
    let (receiver, name) =
        if let Some(t) = first.strip_prefix("(*").and_then(|t| t.strip_suffix(')')) {
            (Some(t), *parts.get(1)?)
        } else if let Some(t) = first.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            (Some(t), *parts.get(1)?)
        } else if parts.len() >= 2 && !parts[1].is_empty() && !is_closure_part(parts[1]) {
            (Some(first), parts[1])
        } else {
            (None, first)
        };
    if name.is_empty() || (name == "glob" && receiver.is_none()) {
        return None;
    }
    Some(FuncKey {
        package: package.to_string(),
        receiver: receiver.map(str::to_string),
        name: name.to_string(),
    })
}

/// Flat, cumulative and own (weight) values of one function, and the file the profile
/// names for it.
#[derive(Clone, Debug, Default)]
struct Stat {
    flat: i64,
    cum: i64,
    own: i64,
    /// The files the profile names for it (an inlined closure of another package, such
    /// as `strings.SplitSeq`'s, names that package's file).
    files: Vec<String>,
}

/// The weighed functions of one module, and the names `A.B` by their `A`: as a profile
/// writes them, `pkg.A.B.func1` is the method `B` of type `A`, or a closure inlined
/// into the function `A` from `B` (`F.SplitSeq.func1`); only the declarations tell.
#[derive(Default)]
struct ModuleStats {
    stats: HashMap<FuncKey, Stat>,
    by_first: HashMap<(String, String), Vec<FuncKey>>,
}

/// A function's shares, in millionths of the profile's total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weight {
    /// The function as the profile names it (closures folded into it).
    pub function: String,
    /// Its weight: flat plus its calls out of the module (see the module documentation).
    pub share: u32,
    pub flat: u32,
    pub cum: u32,
}

/// How a finding is ranked: by a profile, or by the static hint of `check --rank`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rank {
    Profile(Weight),
    /// 2: in a loop; 1: in a function called from a loop in the same package; 0: other.
    Static(u8),
}

impl Rank {
    /// The sort key, larger first.
    pub fn order(&self) -> (u8, u32, u32) {
        match self {
            Rank::Profile(w) => (0, w.share, w.cum),
            Rank::Static(level) => (*level, 0, 0),
        }
    }

    /// What `check` prints after a finding: `[hot 12.34%: pkg.F, cum 40.00%]`, `[static
    /// hint: in a loop]`.
    pub fn label(&self) -> String {
        match self {
            Rank::Profile(w) => format!(
                "[hot {}: {}, cum {}]",
                percent(w.share),
                w.function,
                percent(w.cum)
            ),
            Rank::Static(level) => format!("[static hint: {}]", static_hint(*level)),
        }
    }
}

/// The words for a static rank.
pub fn static_hint(level: u8) -> &'static str {
    match level {
        2 => "in a loop",
        1 => "in a function called from a loop in the same package",
        _ => "not in a loop",
    }
}

/// Millionths as a percentage with two decimals.
pub fn percent(ppm: u32) -> String {
    format!("{:.2}%", f64::from(ppm) / 10_000.0)
}

/// Millionths as a percentage number (JSON, SARIF).
pub fn percent_value(ppm: u32) -> f64 {
    (f64::from(ppm) / 100.0).round() / 100.0
}

/// The hot functions of a profile, for one run.
pub struct Hot {
    /// The profile file, the sample type (`type (unit)`), its total.
    pub file: PathBuf,
    pub sample: String,
    pub unit: String,
    pub total: i64,
    /// The threshold, in millionths.
    pub min_share: u32,
    keys: Vec<Option<FuncKey>>,
    files: Vec<String>,
    samples: Vec<(Vec<u32>, i64)>,
    /// Per module path: the weights of its functions.
    modules: Mutex<HashMap<String, Arc<ModuleStats>>>,
    /// Profile functions matched to a declaration, and those whose name matched but whose
    /// file did not (with the declaration's file).
    matched: Mutex<HashSet<FuncKey>>,
    wrong_file: Mutex<HashMap<FuncKey, String>>,
}

/// What `--profile` found, for the reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub file: PathBuf,
    pub sample: String,
    pub unit: String,
    pub total: i64,
    pub min_share: f64,
    /// The modules whose functions were weighed.
    pub modules: Vec<String>,
    /// Functions of those modules at or above `min_share`.
    pub hot: usize,
    pub matched: usize,
    /// The hot functions not matched to a declaration of the files analysed, with why.
    pub unmatched: Vec<(String, String)>,
}

impl Hot {
    /// The hot functions of `profile` by sample type `index`, at `min_share` percent.
    pub fn new(file: &Path, profile: Profile, index: usize, min_share: f64) -> Result<Hot, String> {
        let samples: Vec<(Vec<u32>, i64)> = profile
            .samples
            .into_iter()
            .map(|(frames, values)| (frames, values[index].max(0)))
            .filter(|(_, v)| *v > 0)
            .collect();
        let total: i64 = samples.iter().map(|(_, v)| v).sum();
        let (sample, unit) = profile.sample_types[index].clone();
        if total == 0 {
            return Err(format!(
                "--profile {}: the profile holds no {sample} samples (an empty profile: was the program busy while it was recorded?)",
                file.display()
            ));
        }
        Ok(Hot {
            file: file.to_path_buf(),
            sample,
            unit,
            total,
            min_share: (min_share * 10_000.0).round() as u32,
            // `go test` generates the test binary's `main` in `_testmain.go`: not the
            // user's.
            keys: profile
                .functions
                .iter()
                .map(|(n, f)| {
                    parse_name(n)
                        .filter(|_| Path::new(f).file_name() != Some("_testmain.go".as_ref()))
                })
                .collect(),
            files: profile.functions.into_iter().map(|(_, f)| f).collect(),
            samples,
            modules: Mutex::new(HashMap::new()),
            matched: Mutex::new(HashSet::new()),
            wrong_file: Mutex::new(HashMap::new()),
        })
    }

    fn ppm(&self, v: i64) -> u32 {
        ((v as f64 / self.total as f64) * 1_000_000.0).round() as u32
    }

    /// The weights of the functions of `module` (computed once per module).
    fn module(&self, module: &str) -> Arc<ModuleStats> {
        if let Some(m) = self.modules.lock().expect("lock").get(module) {
            return m.clone();
        }
        let inside = |k: &FuncKey| {
            let p = k.package.strip_suffix("_test").unwrap_or(&k.package);
            p == "main" || p == module || p.strip_prefix(module).is_some_and(|r| r.starts_with('/'))
        };
        let mut stats: HashMap<FuncKey, Stat> = HashMap::new();
        let mut seen: HashSet<&FuncKey> = HashSet::new();
        for (frames, v) in &self.samples {
            seen.clear();
            let mut own_given = false;
            for (depth, &f) in frames.iter().enumerate() {
                let Some(key) = self.keys[f as usize].as_ref().filter(|k| inside(k)) else {
                    continue;
                };
                let s = stats.entry(key.clone()).or_default();
                let file = &self.files[f as usize];
                if !s.files.contains(file) {
                    s.files.push(file.clone());
                }
                if depth == 0 {
                    s.flat += v;
                }
                if !own_given {
                    s.own += v;
                    own_given = true;
                }
                if seen.insert(key) {
                    s.cum += v;
                }
            }
        }
        let mut by_first: HashMap<(String, String), Vec<FuncKey>> = HashMap::new();
        for k in stats.keys() {
            if let Some(r) = &k.receiver {
                by_first
                    .entry((k.package.clone(), r.clone()))
                    .or_default()
                    .push(k.clone());
            }
        }
        let stats = Arc::new(ModuleStats { stats, by_first });
        self.modules
            .lock()
            .expect("lock")
            .insert(module.to_string(), stats.clone());
        stats
    }

    /// The summary after a run: hot functions of the modules seen, matched or not.
    pub fn summary(&self) -> Summary {
        let modules = self.modules.lock().expect("lock");
        let matched = self.matched.lock().expect("lock");
        let wrong = self.wrong_file.lock().expect("lock");
        let mut names: Vec<String> = modules.keys().cloned().collect();
        names.sort();
        let mut hot: Vec<(&FuncKey, &Stat)> = Vec::new();
        let mut seen = HashSet::new();
        for m in &names {
            for (k, s) in modules[m].stats.iter() {
                if self.ppm(s.own) >= self.min_share && self.ppm(s.own) > 0 && seen.insert(k) {
                    hot.push((k, s));
                }
            }
        }
        hot.sort_by(|a, b| b.1.own.cmp(&a.1.own).then(a.0.cmp(b.0)));
        let unmatched: Vec<(String, String)> = hot
            .iter()
            .filter(|(k, _)| !matched.contains(k))
            .map(|(k, s)| {
                let why = match wrong.get(k) {
                    Some(decl) => format!(
                        "declared in {decl}, but the profile names {}",
                        if s.files.is_empty() {
                            "no file".to_string()
                        } else {
                            s.files.join(", ")
                        }
                    ),
                    None => "no such declaration in the files analysed".to_string(),
                };
                (k.to_string(), why)
            })
            .collect();
        Summary {
            file: self.file.clone(),
            sample: self.sample.clone(),
            unit: self.unit.clone(),
            total: self.total,
            min_share: f64::from(self.min_share) / 10_000.0,
            modules: names,
            hot: hot.len(),
            matched: hot.len() - unmatched.len(),
            unmatched,
        }
    }
}

impl Summary {
    /// The lines `check`, `diff` and `fix` print on standard error.
    pub fn text(&self) -> String {
        let mut out = format!(
            "profile {}: {} ({}), total {}; {} function(s) of {} hold at least {}% (flat plus calls out of the module); {} matched to source, {} not matched\n",
            self.file.display(),
            self.sample,
            self.unit,
            self.total,
            self.hot,
            if self.modules.is_empty() {
                "no module".to_string()
            } else {
                self.modules.join(", ")
            },
            self.min_share,
            self.matched,
            self.unmatched.len()
        );
        for (name, why) in self.unmatched.iter().take(10) {
            out.push_str(&format!("  not matched: {name}: {why}\n"));
        }
        if self.unmatched.len() > 10 {
            out.push_str(&format!("  … and {} more\n", self.unmatched.len() - 10));
        }
        out
    }
}

/// A top-level function or method of a file: its byte range and its key's receiver and
/// name.
struct Decl {
    range: std::ops::Range<usize>,
    receiver: Option<String>,
    /// A pointer receiver (`(*T).M`).
    pointer: bool,
    name: String,
}

/// The receiver type's name of a method declaration (`*T[K]` → `T`).
fn receiver_type(method: Node, src: &str) -> Option<String> {
    let params = method.child_by_field_name("receiver")?;
    let decl = crate::syntax::named_children(params).into_iter().next()?;
    let ty = decl.child_by_field_name("type")?;
    let t = text(ty, src);
    let t = t.split('[').next().unwrap_or(t);
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, '*' | '(' | ')') && !c.is_whitespace())
        .collect();
    (!t.is_empty()).then_some(t)
}

/// The top-level functions and methods of a file, in order.
fn declarations(root: Node, src: &str) -> Vec<Decl> {
    let mut cursor = root.walk();
    root.named_children(&mut cursor)
        .filter_map(|d| {
            let name = text(d.child_by_field_name("name")?, src).to_string();
            let receiver = match d.kind() {
                "function_declaration" => None,
                "method_declaration" => Some(receiver_type(d, src)?),
                _ => return None,
            };
            let pointer = d
                .child_by_field_name("receiver")
                .is_some_and(|r| text(r, src).contains('*'));
            Some(Decl {
                range: d.byte_range(),
                receiver,
                pointer,
                name,
            })
        })
        .collect()
}

/// The package paths a profile may give the functions of `pkg`'s file `file`: the import
/// path (module path and folder), with `_test` for an external test package, and `main`
/// for a command.
fn package_paths(pkg: &Package, file: FileId) -> (Option<String>, Vec<String>) {
    let f = &pkg.files[file];
    let name = f.package_name().unwrap_or("");
    let module = pkg.module.as_ref().and_then(|m| {
        let root = m.path.parent()?;
        let module = m.module.clone()?;
        let rel = abs(&pkg.dir)?.strip_prefix(abs(root)?).ok()?.to_path_buf();
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let path = if rel.is_empty() {
            module.clone()
        } else {
            format!("{module}/{}", rel.join("/"))
        };
        Some((module, path))
    });
    let mut paths = Vec::new();
    if name == "main" {
        paths.push("main".to_string());
    }
    if let Some((_, path)) = &module {
        if f.is_test && name.ends_with("_test") {
            paths.push(format!("{path}_test"));
        } else {
            paths.push(path.clone());
        }
    }
    (module.map(|(m, _)| m), paths)
}

/// `p` made absolute (the empty path as the current folder).
fn abs(p: &Path) -> Option<PathBuf> {
    if p.as_os_str().is_empty() {
        std::path::absolute(".").ok()
    } else {
        std::path::absolute(p).ok()
    }
}

/// True for a file of the standard library as a profile names it:
/// `$GOROOT/src/strings/iter.go`, or `strings/iter.go` with `-trimpath`.
fn standard_library_file(file: &str) -> bool {
    let rel = file.rsplit_once("/src/").map_or(file, |(_, r)| r);
    let Some((dir, _)) = rel.rsplit_once('/') else {
        return false;
    };
    dir.starts_with("internal/")
        || dir.starts_with("vendor/")
        || dir.starts_with("runtime")
        || crate::analysis::stdlib::package(dir, crate::analysis::stdlib::table_version()).is_some()
}

/// True when the file the profile names for a function can be the declaration's file.
fn same_file(profile_file: &str, decl_file: &Path, main: bool) -> bool {
    if profile_file.is_empty() {
        return true;
    }
    let p = Path::new(profile_file);
    if p.file_name() != decl_file.file_name() {
        return false;
    }
    if main {
        let dir = |q: &Path| {
            std::path::absolute(q)
                .ok()
                .and_then(|a| a.parent().and_then(|d| d.file_name()).map(|n| n.to_owned()))
        };
        let pd = p.parent().and_then(|d| d.file_name()).map(|n| n.to_owned());
        return pd.is_none() || pd == dir(decl_file);
    }
    true
}

/// The byte ranges of a file's top-level functions and their weights.
type WeighedDecls = Vec<(std::ops::Range<usize>, Option<Weight>)>;

/// The weight of each top-level function of `pkg` (file, declaration index), matching
/// every declaration of the package (test files too) so that the unmatched count is right.
fn weigh_declarations(hot: &Hot, pkg: &Package) -> HashMap<FileId, WeighedDecls> {
    let mut out = HashMap::new();
    for (id, f) in pkg.files.iter().enumerate() {
        if f.parse_error().is_some() {
            continue;
        }
        let (module, paths) = package_paths(pkg, id);
        let stats = hot.module(module.as_deref().unwrap_or("main"));
        let main = paths.first().is_some_and(|p| p == "main");
        let mut list = Vec::new();
        for d in declarations(f.src.root(), &f.src.text) {
            let mut weight = None;
            for p in &paths {
                let key = FuncKey {
                    package: p.clone(),
                    receiver: d.receiver.clone(),
                    name: d.name.clone(),
                };
                // A function F also owns the profile's `F.X` names (closures inlined into
                // it from X); a method only its own name.
                let mut keys: Vec<(&FuncKey, &Stat)> =
                    stats.stats.get_key_value(&key).into_iter().collect();
                if d.receiver.is_none()
                    && let Some(more) = stats.by_first.get(&(p.clone(), d.name.clone()))
                {
                    keys.extend(more.iter().filter_map(|k| stats.stats.get_key_value(k)));
                }
                if keys.is_empty() {
                    continue;
                }
                let main = main && p == "main";
                // A closure inlined from the standard library (`strings.SplitSeq`'s) names
                // its file: no evidence either way.
                let evidence: Vec<&String> = keys
                    .iter()
                    .flat_map(|(_, s)| s.files.iter())
                    .filter(|pf| !pf.is_empty() && !standard_library_file(pf))
                    .collect();
                if !evidence.is_empty()
                    && !evidence.iter().any(|pf| same_file(pf, &f.src.path, main))
                {
                    let mut wrong = hot.wrong_file.lock().expect("lock");
                    for (k, _) in &keys {
                        wrong.insert((*k).clone(), f.src.path.display().to_string());
                    }
                    continue;
                }
                let mut matched = hot.matched.lock().expect("lock");
                for (k, _) in &keys {
                    matched.insert((*k).clone());
                }
                weight = Some(Weight {
                    // As pprof writes it: `pkg.(*T).M`, `pkg.T.M`, `pkg.F`.
                    function: match (&key.receiver, d.pointer) {
                        (Some(r), true) => format!("{}.(*{r}).{}", key.package, key.name),
                        _ => key.to_string(),
                    },
                    share: hot.ppm(keys.iter().map(|(_, s)| s.own).sum()),
                    flat: hot.ppm(keys.iter().map(|(_, s)| s.flat).sum()),
                    // Each name's cumulative share counts every sample it is in; a sample
                    // holding two of them must count once, so the largest is the bound.
                    cum: hot.ppm(keys.iter().map(|(_, s)| s.cum).max().unwrap_or(0)),
                });
                break;
            }
            list.push((d.range, weight));
        }
        out.insert(id, list);
    }
    out
}

/// Keeps the findings a run should see and ranks them. With a profile: only the findings
/// inside a function whose weight reaches `--min-share`, each with its weight. With
/// `rank`: every finding, with its static rank. Otherwise the findings as they are.
pub fn select(
    pkg: &Package,
    findings: Vec<Finding>,
    hot: Option<&Hot>,
    rank: bool,
) -> (Vec<Finding>, Vec<Option<Rank>>) {
    if let Some(hot) = hot {
        let decls = weigh_declarations(hot, pkg);
        let mut kept = Vec::new();
        let mut ranks = Vec::new();
        for f in findings {
            let w = decls.get(&f.file).and_then(|list| {
                list.iter()
                    .find(|(r, _)| r.start <= f.range.start && f.range.start < r.end)
                    .and_then(|(_, w)| w.clone())
            });
            if let Some(w) = w.filter(|w| w.share >= hot.min_share && w.share > 0) {
                kept.push(f);
                ranks.push(Some(Rank::Profile(w)));
            }
        }
        return (kept, ranks);
    }
    if rank {
        let calls = crate::analysis::calls::loop_calls(pkg);
        let called = crate::analysis::calls::called_names(pkg, &calls);
        let ranks = findings
            .iter()
            .map(|f| Some(Rank::Static(static_rank(pkg, f, &called))))
            .collect();
        return (findings, ranks);
    }
    let n = findings.len();
    (findings, vec![None; n])
}

/// The static rank of a finding (see [`Rank::Static`]).
fn static_rank(pkg: &Package, f: &Finding, called: &(HashSet<String>, HashSet<String>)) -> u8 {
    let src = &pkg.files[f.file].src;
    let root = src.root();
    let at = f.range.start;
    // Descend from the file to the finding, watching for a loop body on the way.
    let mut node = root;
    let mut top = None;
    loop {
        let mut cursor = node.walk();
        let Some(child) = node
            .named_children(&mut cursor)
            .find(|c| c.start_byte() <= at && at < c.end_byte())
        else {
            break;
        };
        if node == root {
            top = Some(child);
        }
        if node.kind() == "for_statement"
            && node
                .child_by_field_name("body")
                .is_some_and(|b| b.id() == child.id())
        {
            return 2;
        }
        node = child;
    }
    let Some(decl) = top else { return 0 };
    let Some(name) = decl.child_by_field_name("name").map(|n| text(n, &src.text)) else {
        return 0;
    };
    let hit = match decl.kind() {
        "function_declaration" => called.0.contains(name),
        "method_declaration" => called.1.contains(name),
        _ => false,
    };
    u8::from(hit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(p: &str, r: Option<&str>, n: &str) -> Option<FuncKey> {
        Some(FuncKey {
            package: p.into(),
            receiver: r.map(Into::into),
            name: n.into(),
        })
    }

    #[test]
    fn pprof_names() {
        assert_eq!(parse_name("main.main"), key("main", None, "main"));
        assert_eq!(
            parse_name("example.com/m/pkg.(*Server).serveConn.func1"),
            key("example.com/m/pkg", Some("Server"), "serveConn")
        );
        assert_eq!(
            parse_name("example.com/m/pkg.T.String"),
            key("example.com/m/pkg", Some("T"), "String")
        );
        assert_eq!(
            parse_name("example.com/m/pkg.Map[...].func2.1"),
            key("example.com/m/pkg", None, "Map")
        );
        assert_eq!(
            parse_name("example.com/m/pkg.(*Set[go.shape.string]).Add"),
            key("example.com/m/pkg", Some("Set"), "Add")
        );
        assert_eq!(
            parse_name("github.com/a/b.v2/c.F.gowrap1"),
            key("github.com/a/b.v2/c", None, "F")
        );
        assert_eq!(
            parse_name("example.com/m.DefaultReq.GetHeaders-range1"),
            key("example.com/m", Some("DefaultReq"), "GetHeaders")
        );
        assert_eq!(
            parse_name("example.com/m.F.func1-range2-range1"),
            key("example.com/m", None, "F")
        );
        assert_eq!(
            parse_name("example.com/m.init.0"),
            key("example.com/m", None, "init")
        );
        assert_eq!(parse_name("example.com/m.glob..func1"), None);
        assert_eq!(
            parse_name("runtime.mallocgc"),
            key("runtime", None, "mallocgc")
        );
        assert_eq!(parse_name("type:.eq.example.com/m.T"), None);
        assert_eq!(parse_name("nodot"), None);
    }

    #[test]
    fn standard_library_files_are_no_evidence() {
        assert!(standard_library_file("/usr/local/go/src/strings/iter.go"));
        assert!(standard_library_file("strings/iter.go"));
        assert!(standard_library_file("/opt/go/src/net/http/server.go"));
        assert!(standard_library_file("internal/runtime/maps/map.go"));
        assert!(!standard_library_file("example.com/m/pkg/file.go"));
        assert!(!standard_library_file("/home/u/src/proj/pkg/file.go"));
        assert!(!standard_library_file("file.go"));
    }

    /// Encodes a varint (the decoder's tests build their messages by hand).
    fn varint(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn field(n: u64, body: &[u8], out: &mut Vec<u8>) {
        varint(n << 3 | 2, out);
        varint(body.len() as u64, out);
        out.extend_from_slice(body);
    }

    fn num(n: u64, v: u64, out: &mut Vec<u8>) {
        varint(n << 3, out);
        varint(v, out);
    }

    /// A profile with one sample type and samples main.main → m.F → fmt.Sprintf (3) and
    /// main.main → m.G (1), value 10 each; packed location ids.
    fn tiny() -> Vec<u8> {
        let mut p = Vec::new();
        let strings = [
            "",
            "alloc_objects",
            "count",
            "main.main",
            "example.com/m.F",
            "fmt.Sprintf",
            "example.com/m.G",
            "/src/m/f.go",
        ];
        let mut st = Vec::new();
        num(1, 1, &mut st);
        num(2, 2, &mut st);
        field(1, &st, &mut p);
        for (stack, value) in [(vec![3u64, 2, 1], 30u64), (vec![4, 1], 10)] {
            let mut s = Vec::new();
            let mut packed = Vec::new();
            for l in stack {
                varint(l, &mut packed);
            }
            field(1, &packed, &mut s);
            num(2, value, &mut s);
            field(2, &s, &mut p);
        }
        for (loc, func) in [(1u64, 1u64), (2, 2), (3, 3), (4, 4)] {
            let mut l = Vec::new();
            num(1, loc, &mut l);
            let mut line = Vec::new();
            num(1, func, &mut line);
            field(4, &line, &mut l);
            field(4, &l, &mut p);
        }
        for (id, name) in [(1u64, 3u64), (2, 4), (3, 5), (4, 6)] {
            let mut f = Vec::new();
            num(1, id, &mut f);
            num(2, name, &mut f);
            num(4, 7, &mut f);
            field(5, &f, &mut p);
        }
        for s in strings {
            field(6, s.as_bytes(), &mut p);
        }
        p
    }

    #[test]
    fn decodes_and_weighs() {
        let profile = decode(&tiny()).unwrap();
        assert_eq!(
            profile.sample_types,
            vec![("alloc_objects".into(), "count".into())]
        );
        assert_eq!(profile.samples.len(), 2);
        assert_eq!(profile.sample_index(None), Ok(0));
        assert!(
            profile
                .sample_index(Some("cpu"))
                .unwrap_err()
                .contains("alloc_objects (count)")
        );
        let hot = Hot::new(Path::new("p"), profile, 0, 1.0).unwrap();
        let stats = hot.module("example.com/m");
        let f = &stats.stats[&key("example.com/m", None, "F").unwrap()];
        // F: not the leaf (fmt.Sprintf is), so flat 0; its call out of the module is its own.
        assert_eq!((f.flat, f.cum, f.own), (0, 30, 30));
        let main = &stats.stats[&key("main", None, "main").unwrap()];
        assert_eq!((main.flat, main.cum, main.own), (0, 40, 0));
        let g = &stats.stats[&key("example.com/m", None, "G").unwrap()];
        assert_eq!((g.flat, g.cum, g.own), (10, 10, 10));
        assert!(
            !stats
                .stats
                .contains_key(&key("fmt", None, "Sprintf").unwrap())
        );
        assert_eq!(hot.ppm(f.own), 750_000);
    }

    #[test]
    fn rejects_what_is_not_a_profile() {
        assert!(decode(b"package main\n\nfunc main() {}\n").is_err());
        assert!(decode(&tiny()[..40]).is_err());
        // A valid message without a string table.
        let mut p = Vec::new();
        num(9, 5, &mut p);
        assert!(decode(&p).unwrap_err().contains("string table"));
    }
}
