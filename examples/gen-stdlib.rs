//! Regenerates `src/analysis/stdlib_api.txt` from `$(go env GOROOT)/api`.
//!
//! `cargo run --example gen-stdlib` uses every api file of the installed Go;
//! `cargo run --example gen-stdlib -- --max 25` stops at go1.25;
//! `--goroot DIR` reads DIR/api instead of asking `go env GOROOT`.

use std::path::PathBuf;
use std::process::Command;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut max = None;
    let mut goroot = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--max" => max = Some(args.next().unwrap_or_default().parse::<u16>()?),
            "--goroot" => goroot = args.next().map(PathBuf::from),
            other => anyhow::bail!("unknown argument {other:?} (expected --max N, --goroot DIR)"),
        }
    }
    let goroot = match goroot {
        Some(g) => g,
        None => {
            let out = Command::new("go").args(["env", "GOROOT"]).output()?;
            anyhow::ensure!(out.status.success(), "`go env GOROOT` failed");
            PathBuf::from(String::from_utf8(out.stdout)?.trim())
        }
    };
    let table = allocfix::analysis::stdlib::generator::generate_from_dir(&goroot.join("api"), max)?;
    let dest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/analysis/stdlib_api.txt");
    std::fs::write(&dest, &table)?;
    eprintln!(
        "wrote {} ({} bytes, {} lines)",
        dest.display(),
        table.len(),
        table.lines().count()
    );
    Ok(())
}
