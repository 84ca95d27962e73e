//! ## What it does
//! Replaces `errors.New(<constant message>)` and `fmt.Errorf(<constant message without
//! verbs>)` inside function bodies with a package-level sentinel error variable.
//!
//! ## Why
//! `errors.New` allocates a fresh `*errorString` on every call; so does `fmt.Errorf`, after
//! also scanning its format (seed exercise 15: "~13× faster, zero allocations"). A constant
//! message makes a constant error: built once at package initialisation and returned as is.
//! Callers can then match it with `errors.Is`.
//!
//! ## Example
//! ```go
//! func validateAmount(c int64) error {
//!     if c <= 0 {
//!         return errors.New("amount must be positive")
//!     }
//!     return nil
//! }
//! ```
//! becomes
//! ```go
//! var errAmountMustBePositive = errors.New("amount must be positive")
//!
//! func validateAmount(c int64) error {
//!     if c <= 0 {
//!         return errAmountMustBePositive
//!     }
//!     return nil
//! }
//! ```
//! The name is made from the first words of the message (`err` + CamelCase), unique in the
//! package. One variable serves every site with the same message in the package, and an
//! existing package-level `var ErrX = errors.New("same message")` is reused. `%%` in an
//! `fmt.Errorf` format becomes `%` in the message. `errors` is imported when needed (under
//! another name if `errors` means something else in the file), and `fmt` is dropped when
//! the rewrite removed its last use.
//!
//! ## When it does not apply
//! - Messages built at run time, or `fmt.Errorf` with any verb (`%w`, `%v`, `%d`, …) or
//!   arguments: the error carries data.
//! - `errors`/`fmt` that are not the standard packages at that point (a local variable,
//!   `github.com/pkg/errors`, whose `New` records a stack trace).
//! - Calls already at package level, generated files, `_test.go` files.
//!
//! ## Fix safety
//! Safe. The error's text and type are unchanged. What changes is identity: two calls now
//! return the same value, so `err1 == err2` (and `errors.Is` between them) becomes true
//! where it was false. Code relying on distinct error values of the same constant message
//! is vanishingly rare, and the seed treats sentinels as an always-ship win.

use crate::edit::{Edit, Finding, Fix};
use crate::imports::{is_call_to, name_for};
use crate::syntax::{in_function_body, quote, text};
use crate::transform::{Ctx, OptionKind, OptionSpec, TransformDef};

use super::common;

pub static DEF: TransformDef = TransformDef {
    id: "sentinel-error",
    summary: "errors.New / fmt.Errorf with a constant message inside a function → package-level sentinel var",
    fix_safety: "safe",
    source: include_str!("sentinel_error.rs"),
    options: &[
        OptionSpec {
            name: "exported",
            kind: OptionKind::Bool,
            default: "false",
            doc: "name new sentinels ErrXxx (exported) instead of errXxx",
        },
        OptionSpec {
            name: "max-name-words",
            kind: OptionKind::IntAtLeast(1),
            default: "5",
            doc: "how many words of the message make the variable name",
        },
    ],
    needles: &["New(", "Errorf("],
    run,
};

/// The message of `fmt.Errorf(format)` when `format` has no verbs (`%%` unescaped).
fn errorf_message(format: &str) -> Option<String> {
    let mut out = String::with_capacity(format.len());
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c == '%' && chars.next() != Some('%') {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

fn var_name(ctx: &Ctx, message: &str) -> String {
    let max = usize::try_from(ctx.opt_int("max-name-words"))
        .unwrap_or(5)
        .max(1);
    let words = common::words(message);
    let body: String = words
        .iter()
        .take(max)
        .filter(|w| w.is_ascii())
        .map(|w| common::capitalize(w))
        .collect();
    let prefix = if ctx.opt_bool("exported") {
        "Err"
    } else {
        "err"
    };
    let body = if body.is_empty() {
        "Sentinel".to_string()
    } else {
        body
    };
    format!("{prefix}{body}")
}

fn run(ctx: &Ctx) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    let existing = common::package_singletons(pkg, "errors", &["New"]);
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut assigned: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            let is_new = is_call_to(pkg, file, call, "errors", &["New"]).is_some();
            let is_errorf = !is_new && is_call_to(pkg, file, call, "fmt", &["Errorf"]).is_some();
            if !(is_new || is_errorf) || !in_function_body(call) {
                continue;
            }
            let Some(arg) = common::single_argument(call) else {
                continue;
            };
            let Some(value) = common::constant_string_expr(pkg, file, arg) else {
                continue;
            };
            let message = if is_errorf {
                match errorf_message(&value) {
                    Some(m) => m,
                    None => continue,
                }
            } else {
                value
            };

            // An existing package-level sentinel with this message.
            let reuse =
                common::singleton_for(pkg, &existing, &("New".to_string(), message.clone()), file);
            let mut edits = Vec::new();
            let mut fix_claims = Vec::new();
            let mut import_need = None;
            let name = match reuse {
                Some(n) => {
                    if crate::scope::local_decl(call, &n, src).is_some() {
                        continue;
                    }
                    n
                }
                None => {
                    // Distinct names for distinct messages within this run, so that
                    // messages sharing their first words need no extra pass.
                    let name = match assigned.get(&message) {
                        Some(n) => n.clone(),
                        None => {
                            let n = pkg.index().fresh(&var_name(ctx, &message), &taken);
                            taken.insert(n.clone());
                            assigned.insert(message.clone(), n.clone());
                            n
                        }
                    };
                    let Some(top) = crate::syntax::enclosing_top_level(call) else {
                        continue;
                    };
                    let Some(errors) = name_for(pkg, file, "errors", &[top]) else {
                        continue;
                    };
                    // Keep the literal as written when it already is the message.
                    let as_written =
                        arg.kind().ends_with("string_literal") || arg.kind() == "identifier";
                    let literal = if is_new && as_written {
                        text(arg, src).to_string()
                    } else {
                        quote(&message)
                    };
                    let Some(at) = common::hoist_point(call, src) else {
                        continue;
                    };
                    let (edit, claim) = common::insert_package_var(
                        src,
                        file,
                        at,
                        &name,
                        &format!("{}.New({literal})", errors.name),
                        "",
                    );
                    edits.push(edit);
                    fix_claims.extend(claim);
                    import_need = errors.need;
                    fix_claims.push(format!("pkg:{name}"));
                    name
                }
            };
            edits.push(Edit::replace(file, call.byte_range(), name.clone()));
            let mut fix = Fix::safe(edits).with_import(import_need);
            for c in fix_claims {
                fix = fix.with_claim(c);
            }
            let what = if is_new { "errors.New" } else { "fmt.Errorf" };
            out.push(ctx.finding(
                file,
                call,
                format!("{what} with a constant message allocates a new error on every call; use the package-level sentinel `{name}`"),
                Some(fix),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::errorf_message;

    #[test]
    fn errorf_verbs() {
        assert_eq!(errorf_message("100%% sure").as_deref(), Some("100% sure"));
        assert_eq!(errorf_message("bad %d"), None);
        assert_eq!(errorf_message("trailing %"), None);
        assert_eq!(errorf_message("plain").as_deref(), Some("plain"));
    }
}
