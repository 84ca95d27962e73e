//! The command line: `diff`, `fix`, `check`, `list`, `explain`.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, lookup_id};
use crate::edit::Applicability;
use crate::engine::{FileOutcome, Settings};
use crate::runner::{RunConfig, RunResult, run, run_source};
use crate::transform::TransformDef;

#[derive(Parser)]
#[command(
    name = "allocfix",
    version,
    about = "Finds and rewrites heap-allocation anti-patterns in Go code."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a unified diff of every fix `fix` would apply; write nothing.
    /// Exit 0 when nothing would change, 1 when something would, 2 on error.
    Diff(Common),
    /// Apply the fixes in place. Exit 0 on success, 2 on error.
    Fix(Common),
    /// List findings (with or without a fix) as `path:line:col: id: message`.
    /// Exit 0 when there are none, 1 when there are, 2 on error.
    Check(Common),
    /// List every transform: id, summary, fix safety.
    List,
    /// Explain a transform: what it does, why, an example, when it does not apply.
    Explain {
        /// The transform id (see `allocfix list`).
        id: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct Common {
    /// Files or folders (default `.`); `-` reads one file from standard input.
    paths: Vec<PathBuf>,
    /// Run only these transforms (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Do not run these transforms (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Also apply fixes marked unsafe (they may change behaviour in corner cases).
    #[arg(long = "unsafe")]
    unsafe_fixes: bool,
    /// Configuration file (default: allocfix.toml found from the first path upward).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Also process `_test.go` files.
    #[arg(long)]
    include_tests: bool,
    /// Colour output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// With `-`: the name of the file read from standard input.
    #[arg(long)]
    stdin_filename: Option<PathBuf>,
    /// fix: check every changed package and its importers with `go build`, `go vet` and
    /// `gofmt -l` (also under the GOOS/GOARCH of OS-specific files); restore a package that
    /// fails and keep only the fixes that pass.
    #[arg(long)]
    verify: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Diff,
    Fix,
    Check,
}

/// Runs the command line; returns the process exit code.
pub fn main(all: &[&'static TransformDef]) -> ExitCode {
    // A panic inside a transform is caught and reported as an internal error for its
    // package; keep the default hook's noise off the terminal unless debugging.
    if std::env::var_os("ALLOCFIX_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::List => {
            list(all);
            ExitCode::SUCCESS
        }
        Command::Explain { id } => match lookup_id(&id, all) {
            Ok(id) => {
                let def = all.iter().find(|d| d.id == id).expect("looked up");
                print!("{}", explain(def));
                ExitCode::SUCCESS
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        },
        Command::Diff(c) => run_mode(Mode::Diff, c, all),
        Command::Fix(c) => run_mode(Mode::Fix, c, all),
        Command::Check(c) => run_mode(Mode::Check, c, all),
    }
}

fn list(all: &[&'static TransformDef]) {
    let width = all.iter().map(|d| d.id.len()).max().unwrap_or(0);
    for d in all {
        println!("{:width$}  {}  [{}]", d.id, d.summary, d.fix_safety);
    }
}

/// The text `allocfix explain` prints.
pub fn explain(def: &TransformDef) -> String {
    let mut out = format!(
        "{} — {}\nFix safety: {}\n\n{}",
        def.id,
        def.summary,
        def.fix_safety,
        def.doc()
    );
    if !def.options.is_empty() {
        out.push_str(&format!(
            "\nOptions ([transforms.{}] in allocfix.toml):\n",
            def.id
        ));
        for o in def.options {
            out.push_str(&format!("  {} = {}  — {}\n", o.name, o.default, o.doc));
        }
    }
    out
}

fn set_color(choice: ColorChoice) {
    let c = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    c.write_global();
}

fn run_mode(mode: Mode, c: Common, all: &[&'static TransformDef]) -> ExitCode {
    set_color(c.color);
    match prepare(&c, all) {
        Ok(mut rc) => {
            rc.write = mode == Mode::Fix;
            rc.diffs = mode == Mode::Diff;
            rc.settings.findings_only = mode == Mode::Check;
            let stdin = c.paths.len() == 1 && c.paths[0].as_os_str() == "-";
            let toolchain = match verify_toolchain(mode, &c, stdin) {
                Ok(t) => t,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    return ExitCode::from(2);
                }
            };
            rc.keep_texts = toolchain.is_some();
            if stdin {
                return stdin_mode(mode, &c, &rc);
            }
            let paths = if c.paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                c.paths.clone()
            };
            let bar = progress_bar();
            let mut result = run(&paths, &rc, &|| bar.inc(1));
            bar.finish_and_clear();
            if let Some(tc) = &toolchain {
                let v = crate::verify::verify(tc, &rc, &mut result);
                eprint!("{}", crate::verify::render(&v));
                result.errors.extend(v.errors);
            }
            report(mode, &result)
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// With `--verify`: the Go toolchain, or why verification cannot run (checked before
/// anything is written).
fn verify_toolchain(
    mode: Mode,
    c: &Common,
    stdin: bool,
) -> Result<Option<crate::verify::Toolchain>, String> {
    if !c.verify {
        return Ok(None);
    }
    if mode != Mode::Fix {
        return Err("--verify applies to `allocfix fix` only".into());
    }
    if stdin {
        return Err("--verify cannot check standard input (it needs the package on disk)".into());
    }
    crate::verify::Toolchain::find().map(Some)
}

fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} packages {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Builds the run configuration from the command line and the config file.
fn prepare(c: &Common, all: &[&'static TransformDef]) -> Result<RunConfig, String> {
    let start = c
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let start = if start.as_os_str() == "-" {
        c.stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
    } else {
        start
    };
    let config_file = c.config.clone().or_else(|| crate::config::discover(&start));
    let config = match &config_file {
        Some(f) => Config::load(f, all).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let ids = |list: &[String]| -> Result<Vec<&'static str>, String> {
        list.iter()
            .filter(|s| !s.is_empty())
            .map(|s| lookup_id(s.trim(), all).map_err(|m| format!("--select/--ignore: {m}")))
            .collect()
    };
    let cli_select = c.select.as_deref().map(ids).transpose()?;
    let cli_ignore = ids(&c.ignore)?;
    let settings = Settings {
        unsafe_fixes: c.unsafe_fixes || config.unsafe_fixes,
        options: config.options.clone(),
        findings_only: false,
    };
    let include_tests = c.include_tests || config.include_tests;
    Ok(RunConfig {
        config,
        transforms: all.to_vec(),
        cli_select,
        cli_ignore,
        include_tests,
        settings,
        write: false,
        diffs: false,
        keep_texts: false,
        jobs: c.jobs,
    })
}

fn stdin_mode(mode: Mode, c: &Common, rc: &RunConfig) -> ExitCode {
    let mut content = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut content) {
        eprintln!("error: <stdin>: cannot read: {e}");
        return ExitCode::from(2);
    }
    let path = c
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("stdin.go"));
    let outcome = run_source(&path, &content, rc);
    let mut out = anstream::stdout();
    if mode == Mode::Fix {
        // Editor integration: the (possibly unchanged) content goes to standard output.
        let _ = out.write_all(outcome.fixed.as_deref().unwrap_or(&content).as_bytes());
        let result = RunResult {
            files: vec![],
            errors: outcome.errors.clone(),
            unsafe_applied: rc.settings.unsafe_fixes,
        };
        print_errors(&result);
        return ExitCode::from(if outcome.errors.is_empty() { 0 } else { 2 });
    }
    let result = RunResult {
        files: vec![outcome],
        errors: vec![],
        unsafe_applied: rc.settings.unsafe_fixes,
    };
    report(mode, &result)
}

fn print_errors(result: &RunResult) -> bool {
    let mut err = anstream::stderr();
    let mut any = false;
    for e in result
        .errors
        .iter()
        .chain(result.files.iter().flat_map(|f| f.errors.iter()))
    {
        let _ = writeln!(err, "error: {e}");
        any = true;
    }
    any
}

fn fix_label(fix: Option<Applicability>) -> &'static str {
    match fix {
        Some(Applicability::Safe) => " [fix]",
        Some(Applicability::Unsafe) => " [unsafe fix: --unsafe]",
        None => "",
    }
}

fn report(mode: Mode, result: &RunResult) -> ExitCode {
    let mut out = anstream::stdout();
    let mut err = anstream::stderr();
    let changed: Vec<&FileOutcome> = result.files.iter().filter(|f| f.changed).collect();
    let fixes: usize = changed.iter().map(|f| f.fixes_applied).sum();
    let findings: usize = result.files.iter().map(|f| f.findings.len()).sum();
    let unsafe_left = result
        .files
        .iter()
        .flat_map(|f| f.findings.iter())
        .filter(|r| r.fix == Some(Applicability::Unsafe))
        .count();
    match mode {
        Mode::Check => {
            for f in &result.files {
                let path = crate::diff::display_path(&f.path);
                for r in &f.findings {
                    let _ = writeln!(
                        out,
                        "{path}:{}:{}: {}: {}{}",
                        r.position.line,
                        r.position.column,
                        r.transform,
                        r.message,
                        fix_label(r.fix)
                    );
                }
            }
            let _ = writeln!(
                err,
                "{findings} finding(s) in {} file(s)",
                result
                    .files
                    .iter()
                    .filter(|f| !f.findings.is_empty())
                    .count()
            );
        }
        Mode::Diff => {
            for f in &changed {
                let d = match (&f.diff, &f.fixed) {
                    (Some(d), _) => d.clone(),
                    (None, Some(fixed)) => crate::diff::unified(
                        &crate::diff::display_path(&f.path),
                        &f.original,
                        fixed,
                    ),
                    (None, None) => String::new(),
                };
                let _ = write!(out, "{}", crate::diff::colorize(&d));
            }
            let _ = writeln!(
                err,
                "{fixes} fix(es) would change {} file(s)",
                changed.len()
            );
        }
        Mode::Fix => {
            for f in &changed {
                let _ = writeln!(
                    out,
                    "fixed {} ({} fix(es))",
                    crate::diff::display_path(&f.path),
                    f.fixes_applied
                );
            }
            let _ = writeln!(out, "{fixes} fix(es) applied to {} file(s)", changed.len());
        }
    }
    if mode != Mode::Check && unsafe_left > 0 && !result.unsafe_applied {
        let _ = writeln!(
            err,
            "note: {unsafe_left} more fix(es) are offered as unsafe (see `allocfix check`; apply with --unsafe)"
        );
    }
    let errors = print_errors(result);
    if errors {
        return ExitCode::from(2);
    }
    match mode {
        Mode::Diff if !changed.is_empty() => ExitCode::from(1),
        Mode::Check if findings > 0 => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
