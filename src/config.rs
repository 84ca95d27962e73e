//! `allocfix.toml`: which transforms run where, their options, and per-path overrides.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::transform::{OptionValues, TransformDef};

pub const FILE_NAME: &str = "allocfix.toml";

/// `[transforms.<id>]`: option name → value, with their places in the file.
type RawOptions = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Spanned<Vec<Spanned<String>>>>,
    ignore: Option<Vec<Spanned<String>>>,
    include_tests: Option<bool>,
    #[serde(rename = "unsafe")]
    unsafe_fixes: Option<bool>,
    exclude: Option<Vec<Spanned<String>>>,
    transforms: Option<BTreeMap<Spanned<String>, RawOptions>>,
    overrides: Option<Vec<RawOverride>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
}

/// An override: for files matching `paths`, a different selection.
pub struct Override {
    pub paths: GlobSet,
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
}

/// A loaded configuration (the defaults when there is no file).
#[derive(Default)]
pub struct Config {
    /// The file it came from.
    pub file: Option<PathBuf>,
    /// Folder the globs are relative to.
    pub base: PathBuf,
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
    pub include_tests: bool,
    pub unsafe_fixes: bool,
    pub exclude: GlobSet,
    /// The typed options of each transform with a `[transforms.<id>]` table (the others
    /// run with their defaults).
    pub options: HashMap<String, OptionValues>,
    pub overrides: Vec<Override>,
}

/// A configuration error, naming file, line and what is wrong (line 0: the file itself,
/// e.g. it cannot be read).
#[derive(Debug)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

/// Looks for `allocfix.toml` in `start` (or its folder, for a file) and its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Levenshtein distance, for "did you mean" hints.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest of `candidates` to `word`, if reasonably close.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len() / 2).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Resolves a transform id, or explains what is wrong (with the closest id).
pub fn lookup_id(id: &str, all: &[&'static TransformDef]) -> Result<&'static str, String> {
    if let Some(def) = all.iter().find(|d| d.id == id) {
        return Ok(def.id);
    }
    let hint = closest(id, all.iter().map(|d| d.id))
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_else(|| "; `allocfix list` shows them".to_string());
    Err(format!("unknown transform id `{id}`{hint}"))
}

impl Config {
    /// Parses configuration text; `file` names it in errors and anchors its globs.
    pub fn parse(
        file: &Path,
        content: &str,
        all: &[&'static TransformDef],
    ) -> Result<Config, ConfigError> {
        let display = file.display().to_string();
        let err_at = |offset: usize, message: String| {
            let pos = crate::source::position(content, offset);
            ConfigError {
                file: display.clone(),
                line: pos.line,
                column: pos.column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(content).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            err_at(offset, e.message().trim().to_string())
        })?;
        let ids = |list: &Option<Vec<Spanned<String>>>| -> Result<Option<Vec<&'static str>>, ConfigError> {
            match list {
                None => Ok(None),
                Some(items) => items
                    .iter()
                    .map(|s| lookup_id(s.get_ref(), all).map_err(|m| err_at(s.span().start, m)))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Some),
            }
        };
        let globs = |list: &[Spanned<String>]| -> Result<GlobSet, ConfigError> {
            let mut b = GlobSetBuilder::new();
            for g in list {
                let glob = Glob::new(g.get_ref())
                    .map_err(|e| err_at(g.span().start, format!("bad glob: {e}")))?;
                b.add(glob);
                // `dir` also means everything below it.
                if let Ok(glob) = Glob::new(&format!("{}/**", g.get_ref().trim_end_matches('/'))) {
                    b.add(glob);
                }
            }
            b.build().map_err(|e| err_at(0, format!("bad glob: {e}")))
        };
        let select = ids(&raw.select.as_ref().map(|s| s.get_ref().clone()))?;
        if let Some(list) = &raw.select
            && list.get_ref().is_empty()
        {
            return Err(err_at(
                list.span().start,
                "`select` is empty: no transform would run (leave it out to run them all)"
                    .to_string(),
            ));
        }
        let mut options: HashMap<String, OptionValues> = HashMap::new();
        for (id, table) in raw.transforms.iter().flatten() {
            let id_str = lookup_id(id.get_ref(), all).map_err(|m| err_at(id.span().start, m))?;
            let def = all
                .iter()
                .find(|d| d.id == id_str)
                .expect("looked up above");
            let known: Vec<String> = def.options().into_iter().map(|o| o.name).collect();
            let mut checked = toml::Table::new();
            for (key, value) in table {
                if !known.contains(key.get_ref()) {
                    let hint = if known.is_empty() {
                        format!("`{id_str}` has no options")
                    } else {
                        let close = closest(key.get_ref(), known.iter().map(String::as_str))
                            .map(|c| format!("; did you mean `{c}`?"))
                            .unwrap_or_default();
                        format!("known options: {}{close}", known.join(", "))
                    };
                    return Err(err_at(
                        key.span().start,
                        format!(
                            "unknown option `{}` for transform `{id_str}` ({hint})",
                            key.get_ref()
                        ),
                    ));
                }
                if let Err(what) = def.check_option(key.get_ref(), value.get_ref()) {
                    return Err(err_at(
                        value.span().start,
                        format!("option `{}` of `{id_str}` {what}", key.get_ref()),
                    ));
                }
                checked.insert(key.get_ref().clone(), value.get_ref().clone());
            }
            let typed = def
                .parse_options(checked)
                .map_err(|m| err_at(id.span().start, format!("options of `{id_str}`: {m}")))?;
            options.insert(id_str.to_string(), typed);
        }
        let mut overrides = Vec::new();
        for o in raw.overrides.iter().flatten() {
            overrides.push(Override {
                paths: globs(&o.paths)?,
                select: ids(&o.select)?,
                ignore: ids(&o.ignore)?.unwrap_or_default(),
            });
        }
        Ok(Config {
            file: Some(file.to_path_buf()),
            base: std::path::absolute(file)
                .ok()
                .and_then(|f| f.parent().map(Path::to_path_buf))
                .unwrap_or_default(),
            select,
            ignore: ids(&raw.ignore)?.unwrap_or_default(),
            include_tests: raw.include_tests.unwrap_or(false),
            unsafe_fixes: raw.unsafe_fixes.unwrap_or(false),
            exclude: globs(raw.exclude.as_deref().unwrap_or(&[]))?,
            options,
            overrides,
        })
    }

    /// Reads and parses a configuration file.
    pub fn load(file: &Path, all: &[&'static TransformDef]) -> Result<Config, ConfigError> {
        let content = std::fs::read_to_string(file).map_err(|e| ConfigError {
            file: file.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read the configuration file: {e}"),
        })?;
        Config::parse(file, &content, all)
    }

    /// The transforms enabled for `path`: the selection (command line `--select` replacing the
    /// file's; without either, every transform but the opt-in ones, which `with_profile`
    /// adds), narrowed by matching overrides in order (whose `select` gives way to a
    /// command-line `--select`), minus every ignore.
    pub fn enabled_for(
        &self,
        path: &Path,
        all: &[&'static TransformDef],
        cli_select: Option<&[&'static str]>,
        cli_ignore: &[&'static str],
        with_profile: bool,
    ) -> HashSet<&'static str> {
        let base: Vec<&'static str> = match (cli_select, &self.select) {
            (Some(s), _) => s.to_vec(),
            (None, Some(s)) => s.clone(),
            (None, None) => all
                .iter()
                .filter(|d| !d.opt_in || with_profile)
                .map(|d| d.id)
                .collect(),
        };
        let mut set: HashSet<&'static str> = base.into_iter().collect();
        for id in &self.ignore {
            set.remove(id);
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        for o in &self.overrides {
            if o.paths.is_match(rel) {
                if let Some(sel) = &o.select
                    && cli_select.is_none()
                {
                    set = sel.iter().copied().collect();
                }
                for id in &o.ignore {
                    set.remove(id);
                }
            }
        }
        for id in cli_ignore {
            set.remove(id);
        }
        set
    }
}
