//! The command line: `diff`, `fix`, `check`, `list`, `explain`.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{Config, lookup_id};
use crate::engine::{FileOutcome, Settings};
use crate::fixkit::edit::Applicability;
use crate::output::Format;
use crate::runner::{RunConfig, RunResult, run, run_source};
use crate::transform::TransformDef;

#[derive(Parser)]
#[command(
    name = "allocfix",
    version,
    about = "Finds and rewrites heap-allocation anti-patterns in Go code.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a unified diff of every fix `fix` would apply; write nothing.
    /// Exit 0 when nothing would change, 1 when something would, 2 on error.
    #[command(after_help = EXIT_CODES)]
    Diff(Common),
    /// Apply the fixes in place. Exit 0 on success, 2 on error.
    #[command(after_help = EXIT_CODES)]
    Fix(Common),
    /// List findings (with or without a fix) as `path:line:col: id: message`.
    /// Exit 0 when there are none, 1 when there are, 2 on error.
    #[command(after_help = EXIT_CODES)]
    Check(Common),
    /// List every transform: id, summary, fix safety.
    List,
    /// Explain a transform: what it does, why, an example, when it does not apply.
    Explain {
        /// The transform id (see `allocfix list`).
        id: String,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

/// The exit-code table shown by `--help` (and in the README, "Exit codes").
const EXIT_CODES: &str = "\
Exit codes:
  0  check: no findings; diff: nothing would change; fix: success (also after fixing);
     any command with --exit-zero, unless there is an error
  1  check: findings reported; diff: something would change;
     fix with --exit-non-zero-on-fix: some file was changed
  2  error: a file that does not parse, an unreadable path, a bad configuration or
     command line, a --profile that cannot be used (nothing is then written), an
     internal error (takes precedence over 0 and 1)
  130 fix interrupted (Ctrl-C): what was written is listed, each package whole or untouched";

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
    /// Worker threads (default: one per core; at most 256).
    #[arg(long, default_value_t = 0, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=MAX_JOBS))]
    jobs: usize,
    /// With `-`: the name of the file read from standard input (its folder's other files
    /// then count for new names; without it, the input is a package of its own).
    #[arg(long)]
    stdin_filename: Option<PathBuf>,
    /// Apply `exclude` from the configuration to files named on the command line too.
    #[arg(long)]
    force_exclude: bool,
    /// Output format: text, json, sarif, github, grouped (diff and fix: text or json).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Print counts per transform and outcome instead of the findings, diff or file list.
    #[arg(long)]
    statistics: bool,
    /// Report `//allocfix:ignore` and `//nolint:allocfix` comments that suppress nothing
    /// (as findings with id `unused-ignore`).
    #[arg(long)]
    report_unused_ignores: bool,
    /// Exit 0 even when there are findings or changes (2 on errors still).
    #[arg(long, conflicts_with = "exit_non_zero_on_fix")]
    exit_zero: bool,
    /// `fix`: exit 1 when some file was changed.
    #[arg(long)]
    exit_non_zero_on_fix: bool,
    /// fix: check every changed package and its importers with `go build`, `go vet` and
    /// `gofmt -l` (also under the GOOS/GOARCH of OS-specific files); restore a package that
    /// fails and keep only the fixes that pass.
    #[arg(long)]
    verify: bool,
    /// fix: for every changed package with benchmarks, run them before and after the fixes,
    /// interleaved, and compare allocs/op, B/op and ns/op (with --verify: roll back a
    /// package whose allocs/op or B/op rose).
    #[arg(long)]
    bench: bool,
    /// With --bench: runs of each side (before, after), interleaved.
    #[arg(long, default_value_t = 5, requires = "bench", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100))]
    bench_count: usize,
    /// With --bench: `-benchtime` of each run (e.g. `200ms`, `1000x`; default Go's 1s).
    #[arg(long, requires = "bench")]
    bench_time: Option<String>,
    /// A Go pprof profile (CPU or allocation, gzipped or not): only the functions holding at
    /// least --min-share of its samples (flat plus their calls out of the module) are
    /// reported and rewritten; findings are sorted by that weight.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// With --profile: the sample type to weigh by (default: `cpu` in a CPU profile,
    /// `alloc_objects` in an allocation profile).
    #[arg(long, value_name = "NAME", requires = "profile")]
    profile_sample: Option<String>,
    /// With --profile: the share of the samples (percent) a function needs to be hot.
    #[arg(long, value_name = "PERCENT", default_value_t = 1.0, requires = "profile", value_parser = parse_share)]
    min_share: f64,
    /// check: rank findings by a static hint (in a loop, then in a function called from a
    /// loop in the same package, then the rest), without a profile.
    #[arg(long, conflicts_with = "profile")]
    rank: bool,
}

/// A percentage between 0 and 100.
fn parse_share(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not a percentage between 0 and 100"))
    }
}

/// The most worker threads `--jobs` accepts: far more than any machine gains from, few
/// enough that a typo cannot spawn thousands of threads.
const MAX_JOBS: u64 = 256;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Diff,
    Fix,
    Check,
}

/// Runs the command line; returns the process exit code.
pub fn main(all: &[&'static TransformDef]) -> ExitCode {
    // A panic inside a package's work is caught and reported as an internal error naming
    // the file and the stage; only those are kept off the terminal (all of them are shown
    // with ALLOCFIX_DEBUG set). Any other panic is reported by the default hook.
    crate::guard::install();
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
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "allocfix",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Diff(c) => run_mode(Mode::Diff, c, all),
        Command::Fix(c) => run_mode(Mode::Fix, c, all),
        Command::Check(c) => run_mode(Mode::Check, c, all),
    }
}

fn list(all: &[&'static TransformDef]) {
    let width = all.iter().map(|d| d.id.len()).max().unwrap_or(0);
    for d in all {
        let opt_in = if d.opt_in { "; opt-in" } else { "" };
        println!(
            "{:width$}  {}  [{}{opt_in}]",
            d.id,
            d.summary,
            d.fix.label()
        );
    }
}

/// The text `allocfix explain` prints.
pub fn explain(def: &TransformDef) -> String {
    let mut out = format!(
        "{} — {}\nFix safety: {}\n{}\n{}",
        def.id,
        def.summary,
        def.fix_safety(),
        if def.opt_in {
            "Opt-in: runs only when selected by name (--select, `select` in allocfix.toml) or under --profile, which keeps the functions a profile shows hot.\n"
        } else {
            ""
        },
        def.doc()
    );
    let options = def.options();
    if !options.is_empty() {
        out.push_str(&format!(
            "\nOptions ([transforms.{}] in allocfix.toml):\n",
            def.id
        ));
        for o in options {
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
    if let Err(msg) = check_format(mode, &c) {
        eprintln!("error: {msg}");
        return ExitCode::from(2);
    }
    if c.rank && mode != Mode::Check {
        eprintln!("error: --rank orders the findings of `allocfix check`; use it with `check`");
        return ExitCode::from(2);
    }
    // A profile that cannot be used stops the run before anything is read or written.
    let hot = match c
        .profile
        .as_deref()
        .map(|p| load_profile(p, &c))
        .transpose()
    {
        Ok(h) => h.map(std::sync::Arc::new),
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    match prepare(&c, all) {
        Ok(mut rc) => {
            rc.settings.hot = hot;
            rc.settings.rank = c.rank;
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
            // --bench compares against the texts as they were: take them before --verify
            // drops them.
            let bench_before = |result: &RunResult| {
                if c.bench {
                    crate::bench::snapshot(result)
                } else {
                    Vec::new()
                }
            };
            if stdin {
                return stdin_mode(mode, &c, &rc);
            }
            if c.paths.iter().any(|p| p.as_os_str() == "-") {
                eprintln!("error: `-` (standard input) must be the only path");
                return ExitCode::from(2);
            }
            let paths = if c.paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                c.paths.clone()
            };
            if mode == Mode::Fix {
                // Ctrl-C (or a TERM) while writing: finish or drop the package in progress,
                // start no other, and report what was written.
                for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
                    if let Err(e) = signal_hook::flag::register(signal, rc.interrupted.clone()) {
                        eprintln!("warning: cannot handle interrupts: {e}");
                    }
                }
            }
            let bar = progress_bar();
            let mut result = run(&paths, &rc, &|| bar.inc(1));
            bar.finish_and_clear();
            let before = bench_before(&result);
            let mut bench = None;
            if toolchain.is_some() && result.interrupted.is_some() {
                eprintln!("verify/bench: skipped (interrupted): what was written is not verified");
            } else if let Some(tc) = &toolchain {
                if c.verify {
                    let v = crate::verify::verify(tc, &rc, &mut result);
                    eprint!("{}", crate::verify::render(&v));
                    result.errors.extend(v.errors);
                }
                if c.bench {
                    let opts = crate::bench::Options {
                        count: c.bench_count,
                        benchtime: c.bench_time.clone(),
                        rollback: c.verify,
                    };
                    let b = crate::bench::bench(tc, &before, &opts, &mut result);
                    if c.format == Format::Text {
                        eprint!("{}", crate::bench::render(&b));
                    }
                    result.errors.extend(b.errors.clone());
                    bench = Some(b);
                }
                for f in result.files.iter_mut() {
                    f.original = String::new();
                    f.fixed = None;
                }
            }
            report(mode, &result, &c, &rc, bench.as_ref())
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Reads `--profile` and picks the sample type.
fn load_profile(path: &std::path::Path, c: &Common) -> Result<crate::profile::Hot, String> {
    let profile = crate::profile::read(path)?;
    let index = profile.sample_index(c.profile_sample.as_deref())?;
    crate::profile::Hot::new(path, profile, index, c.min_share)
}

/// The formats each command can print.
fn check_format(mode: Mode, c: &Common) -> Result<(), String> {
    let name = match c.format {
        Format::Text => "text",
        Format::Json => "json",
        Format::Sarif => "sarif",
        Format::Github => "github",
        Format::Grouped => "grouped",
    };
    let stdin = c.paths.len() == 1 && c.paths[0].as_os_str() == "-";
    if mode == Mode::Fix && stdin && c.format != Format::Text {
        return Err(format!(
            "--format {name}: `fix -` writes the fixed file to standard output; use `check -` or `diff -`"
        ));
    }
    if mode != Mode::Check && !matches!(c.format, Format::Text | Format::Json) {
        return Err(format!(
            "--format {name} lists findings: use it with `check` (`diff` and `fix` print text or json)"
        ));
    }
    if c.statistics && !matches!(c.format, Format::Text | Format::Json) {
        return Err(format!("--statistics prints text or json, not {name}"));
    }
    Ok(())
}

/// With `--verify`: the Go toolchain, or why verification cannot run (checked before
/// anything is written).
fn verify_toolchain(
    mode: Mode,
    c: &Common,
    stdin: bool,
) -> Result<Option<crate::verify::Toolchain>, String> {
    if !c.verify && !c.bench {
        return Ok(None);
    }
    let flag = if c.verify { "--verify" } else { "--bench" };
    if mode != Mode::Fix {
        return Err(format!("{flag} applies to `allocfix fix` only"));
    }
    if stdin {
        return Err(format!(
            "{flag} cannot check standard input (it needs the package on disk)"
        ));
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
    if c.select
        .as_ref()
        .is_some_and(|s| s.iter().all(|id| id.trim().is_empty()))
    {
        return Err(
            "--select: empty list: no transform would run (`allocfix list` shows the ids)"
                .to_string(),
        );
    }
    let cli_select = c.select.as_deref().map(ids).transpose()?;
    let cli_ignore = ids(&c.ignore)?;
    let settings = Settings {
        unsafe_fixes: c.unsafe_fixes || config.unsafe_fixes,
        options: config.options.clone(),
        findings_only: false,
        hot: None,
        rank: false,
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
        force_exclude: c.force_exclude,
        interrupted: Default::default(),
    })
}

fn stdin_mode(mode: Mode, c: &Common, rc: &RunConfig) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: <stdin>: cannot read: {e}");
        return ExitCode::from(2);
    }
    let name = c
        .stdin_filename
        .as_ref()
        .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
    let content = match crate::runner::decode_utf8(&name, bytes) {
        Ok(text) => text,
        Err((msg, bytes)) => {
            // The input goes back unchanged (an editor must not lose it), with the error.
            if mode == Mode::Fix {
                write_raw_stdout(&bytes);
            }
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let path = c
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("stdin.go"));
    let excluded = c.force_exclude
        && c.stdin_filename.is_some()
        && crate::walk::is_excluded(&path, &rc.config.exclude, &rc.config.base);
    let outcome = if excluded {
        FileOutcome::untouched(path.clone(), content.clone())
    } else {
        run_source(&path, &content, rc, c.stdin_filename.is_some())
    };
    if mode == Mode::Fix {
        // Editor integration: the (possibly unchanged) content goes to standard output.
        let written = write_raw_stdout(outcome.fixed.as_deref().unwrap_or(&content).as_bytes());
        let result = RunResult {
            errors: outcome.errors.clone(),
            unsafe_applied: rc.settings.unsafe_fixes,
            ..RunResult::default()
        };
        for n in &outcome.notes {
            eprintln!("note: {n}");
        }
        let errors = print_errors(&result);
        let code = if errors || !written {
            2
        } else if c.exit_non_zero_on_fix && outcome.changed {
            1
        } else {
            0
        };
        return ExitCode::from(code);
    }
    let result = RunResult {
        files: vec![outcome],
        unsafe_applied: rc.settings.unsafe_fixes,
        ..RunResult::default()
    };
    report(mode, &result, c, rc, None)
}

/// Writes `bytes` (text with colour codes, stripped when not wanted) to standard output
/// and flushes it; on failure (a full disk, a closed pipe) says so on standard error and
/// returns false.
fn write_stdout(bytes: &[u8]) -> bool {
    let mut out = anstream::stdout();
    check_written(out.write_all(bytes).and_then(|()| out.flush()))
}

/// Writes `bytes` to standard output exactly as they are (a file's content).
fn write_raw_stdout(bytes: &[u8]) -> bool {
    let mut out = std::io::stdout().lock();
    check_written(out.write_all(bytes).and_then(|()| out.flush()))
}

fn check_written(result: std::io::Result<()>) -> bool {
    match result {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: <stdout>: cannot write: {e}");
            false
        }
    }
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

fn report(
    mode: Mode,
    result: &RunResult,
    c: &Common,
    rc: &RunConfig,
    bench: Option<&crate::bench::Report>,
) -> ExitCode {
    let mut out: Vec<u8> = Vec::new();
    let mut err = anstream::stderr();
    for w in &result.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    for n in result.files.iter().flat_map(|f| f.notes.iter()) {
        let _ = writeln!(err, "note: {n}");
    }
    let extras = crate::output::Extras {
        profile: rc.settings.hot.as_ref().map(|h| h.summary()),
        static_rank: rc.settings.rank,
    };
    if let Some(p) = &extras.profile {
        let _ = write!(err, "{}", p.text());
    }
    if extras.static_rank && !c.statistics {
        let _ = writeln!(
            err,
            "ranked by a static hint (no profile): in a loop, then in a function called from a loop in the same package, then the rest"
        );
    }
    let changed: Vec<&FileOutcome> = result.files.iter().filter(|f| f.changed).collect();
    let fixes: usize = changed.iter().map(|f| f.fixes_applied).sum();
    let entries = crate::output::entries(result, c.report_unused_ignores);
    let findings = entries.len();
    let unsafe_left = entries
        .iter()
        .filter(|(_, r)| r.fix == Some(Applicability::Unsafe))
        .count();
    let command = match mode {
        Mode::Check => "check",
        Mode::Diff => "diff",
        Mode::Fix => "fix",
    };
    if c.statistics {
        let stats = crate::output::statistics(result, &entries);
        let text = match c.format {
            Format::Json => crate::output::statistics_json(&stats),
            _ => crate::output::statistics_text(&stats, mode != Mode::Check),
        };
        let _ = write!(out, "{text}");
    } else {
        match (mode, c.format) {
            (_, Format::Json) => {
                let bench = bench.and_then(|b| serde_json::to_value(b).ok());
                let doc = crate::output::json_with(command, result, &entries, bench, &extras);
                let _ = write!(out, "{doc}");
            }
            (Mode::Check, Format::Sarif) => {
                let _ = write!(
                    out,
                    "{}",
                    crate::output::sarif(&entries, &rc.transforms, result, &extras)
                );
            }
            (Mode::Check, Format::Github) => {
                let _ = write!(out, "{}", crate::output::github(&entries));
            }
            (Mode::Check, Format::Grouped) => {
                let _ = write!(out, "{}", crate::output::grouped(&entries));
            }
            (Mode::Check, _) => {
                let _ = write!(out, "{}", crate::output::text(&entries));
            }
            (Mode::Diff, _) => {
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
            }
            (Mode::Fix, _) => {
                for f in &changed {
                    let _ = writeln!(
                        out,
                        "fixed {} ({} fix(es))",
                        crate::diff::display_path(&f.path),
                        f.fixes_applied
                    );
                }
            }
        }
        if mode != Mode::Check && c.format == Format::Text {
            // `diff` and `fix` do not list findings; unused suppressions go to stderr.
            let unused: Vec<(String, &crate::engine::Report)> = entries
                .iter()
                .filter(|(_, r)| r.transform == crate::output::UNUSED_IGNORE)
                .cloned()
                .collect();
            let _ = write!(err, "{}", crate::output::text(&unused));
        }
    }
    match mode {
        Mode::Check => {
            let _ = writeln!(
                err,
                "{findings} finding(s) in {} file(s)",
                result
                    .files
                    .iter()
                    .filter(|f| {
                        !f.findings.is_empty()
                            || (c.report_unused_ignores && !f.unused_ignores.is_empty())
                    })
                    .count()
            );
        }
        Mode::Diff => {
            let _ = writeln!(
                err,
                "{fixes} fix(es) would change {} file(s)",
                changed.len()
            );
        }
        Mode::Fix => {
            let summary = format!("{fixes} fix(es) applied to {} file(s)", changed.len());
            if c.format == Format::Text && !c.statistics {
                let _ = writeln!(out, "{summary}");
            } else {
                let _ = writeln!(err, "{summary}");
            }
        }
    }
    let written = write_stdout(&out);
    if let Some(skipped) = result.interrupted {
        let _ = writeln!(
            err,
            "interrupted: {skipped} folder(s) not processed or not written; every package is either fixed whole or untouched"
        );
    }
    if mode != Mode::Check && unsafe_left > 0 && !result.unsafe_applied {
        let _ = writeln!(
            err,
            "note: {unsafe_left} more fix(es) are offered as unsafe (see `allocfix check`; apply with --unsafe)"
        );
    }
    let errors = print_errors(result);
    if result.interrupted.is_some() {
        return ExitCode::from(130);
    }
    if errors || !written {
        return ExitCode::from(2);
    }
    if c.exit_zero {
        return ExitCode::SUCCESS;
    }
    match mode {
        Mode::Diff if !changed.is_empty() => ExitCode::from(1),
        Mode::Check if findings > 0 => ExitCode::from(1),
        Mode::Fix if c.exit_non_zero_on_fix && !changed.is_empty() => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
