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
//! var errAmountNotPositive = errors.New("amount must be positive")
//!
//! func validateAmount(c int64) error {
//!     if c <= 0 {
//!         return errAmountNotPositive
//!     }
//!     return nil
//! }
//! ```
//! The name is made from the message's content words (`err` + CamelCase, at most about
//! 30 characters): a `pkg:` prefix, articles, auxiliaries and fillers are dropped,
//! contractions expanded (`can't register a sink` → `errCannotRegisterSink`), and a
//! requirement names its failure (`port must be set` → `errPortNotSet`, `name must not be
//! empty` → `errNameEmpty`, `at least one range must be specified` → `errNoRangeSpecified`).
//! When the name is taken, the words that tell the two messages apart are added; a digit
//! suffix is the last resort. One variable serves every site with the same message in the
//! package. A sentinel this run created is reused, but never one that was in the code
//! before: a fresh error and an existing sentinel with the same text are different values
//! on purpose (callers compare with `==` and `errors.Is`), so the site gets its own
//! variable, and the finding names the existing one. `%%` in an `fmt.Errorf` format
//! becomes `%` in the message. `errors` is imported when needed (under another name if
//! `errors` means something else in the file), and `fmt` is dropped when the rewrite
//! removed its last use.
//!
//! ## When it does not apply
//! - Messages built at run time, or `fmt.Errorf` with any verb (`%w`, `%v`, `%d`, …) or
//!   arguments: the error carries data.
//! - `errors`/`fmt` that are not the standard packages at that point (a local variable,
//!   `github.com/pkg/errors`, whose `New` records a stack trace).
//! - Calls already at package level, generated files, `_test.go` files.
//! - Code that runs once: `func init()`, and `func main()` of package main outside loops
//!   and function literals; files outside the package build (`//go:build ignore`, a
//!   `package main` program next to a library). A package-level var saves nothing there.
//!
//! ## Fix safety
//! Safe. The error's text and type are unchanged. What changes is identity: two calls now
//! return the same value, so `err1 == err2` (and `errors.Is` between them) becomes true
//! where it was false. Code relying on distinct error values of the same constant message
//! is vanishingly rare, and the seed treats sentinels as an always-ship win.

use crate::fixkit::edit::{Claim, Finding, FixBuilder};
use crate::fixkit::imports::{is_call_to, name_for};
use crate::fixkit::names;
use crate::fixkit::place;
use crate::syntax::{in_function_body, quote, text};
use serde::{Deserialize, Serialize};

use crate::transform::{AtLeast, Ctx, FixAvailability, Meta, Rule, TransformDef};

use super::common;

/// The rule; what it does is the module documentation above.
pub struct SentinelError;

impl Rule for SentinelError {
    type Options = SentinelErrorOptions;
    const META: Meta = Meta {
        id: "sentinel-error",
        summary: "errors.New / fmt.Errorf with a constant message inside a function → package-level sentinel var",
        fix: FixAvailability::Safe,
        fix_note: "",
        source: include_str!("sentinel_error.rs"),
        needles: &["New(", "Errorf("],
        node_kinds: &["call_expression"],
        opt_in: false,
    };

    fn run(ctx: &Ctx, options: &SentinelErrorOptions) -> Vec<Finding> {
        run(ctx, options)
    }
}

pub static DEF: TransformDef = TransformDef::of::<SentinelError>();

/// The options of `sentinel-error` (`[transforms.sentinel-error]` in allocfix.toml): each
/// field's doc comment is what `allocfix explain sentinel-error` prints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct SentinelErrorOptions {
    /// name new sentinels ErrXxx (exported) instead of errXxx
    pub exported: bool,
    /// how many content words of the message make the variable name (prepositions not counted)
    pub max_name_words: AtLeast<1>,
}

impl Default for SentinelErrorOptions {
    fn default() -> Self {
        SentinelErrorOptions {
            exported: false,
            max_name_words: AtLeast::new(5).expect("at least 1"),
        }
    }
}

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

/// The longest name made from the first words of a message; later words are added only to
/// tell two messages apart.
const MAX_NAME_LEN: usize = 30;

/// Words that carry no meaning in a name: articles, auxiliaries, fillers.
const FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "be",
    "is",
    "are",
    "was",
    "were",
    "been",
    "being",
    "am",
    "will",
    "would",
    "shall",
    "may",
    "might",
    "could",
    "you",
    "your",
    "sorry",
    "can",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "having",
    "it",
    "its",
    "this",
    "these",
    "those",
    "there",
    "please",
    "currently",
    "just",
    "very",
    "s",
    "re",
    "ll",
    "ve",
    "d",
    "m",
];

/// Words that make a poor last word of a name cut short.
const WEAK_TAIL: &[&str] = &[
    "of", "to", "for", "and", "or", "with", "in", "on", "at", "by", "from", "too", "than", "as",
    "into", "after", "before", "not", "no", "cannot", "non", "when", "if", "while", "because",
    "but", "via", "per", "without", "also",
];

/// Words of a first clause that say nothing of what failed (`internal error: empty chain`).
const GENERIC: &[&str] = &[
    "internal", "error", "err", "fatal", "warning", "failed", "failure",
];

/// Prepositions and conjunctions that open a phrase: a name cut short inside that phrase
/// ends before it (`FZF_API_KEY is required to allow remote access` → `…Required`).
const PHRASE_OPENERS: &[&str] = &[
    "to", "for", "with", "in", "on", "at", "by", "from", "into", "after", "before", "when", "if",
    "while", "because", "via", "per", "as",
];

/// Common words spelled in capitals inside constant and environment names (`FZF_API_KEY`):
/// cased as words, not kept as initialisms.
const CAPS_WORDS: &[&str] = &[
    "key", "token", "path", "home", "dir", "file", "name", "user", "port", "host", "mode", "level",
    "secret", "config", "default", "command", "opts", "addr", "address", "timeout", "size", "max",
    "min", "debug", "log", "type", "data", "cache", "password", "auth",
];

/// Initialisms written in capitals in Go names (golint's list).
const INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
];

/// The words of `message` that name it, in order and capitalised: a leading `pkg:` prefix
/// is dropped, contractions are expanded (`can't` → `Cannot`, `doesn't` → `Not`), articles,
/// auxiliaries and fillers are dropped, and a requirement names its failure (`must be set`
/// → `NotSet`, `must not be empty` → `Empty`, `must be non-negative` → `Negative`).
pub fn name_words(message: &str) -> Vec<String> {
    let (_, rest) = split_prefix(message);
    let mut rest = rest.replace('\u{2019}', "'");
    // The first sentence or clause says what went wrong; the rest advises.
    for stop in [". ", "; "] {
        if let Some((first, _)) = rest.split_once(stop) {
            rest = first.to_string();
        }
    }
    // Examples give detail too (`must be a duration like "30s" or "5m"`).
    for example in [" like \"", " like '", " like `", " e.g.", " such as "] {
        if let Some((first, _)) = rest.split_once(example)
            && first.split_whitespace().count() >= 2
        {
            rest = first.to_string();
        }
    }
    // A parenthesis gives detail (`invalid layout (expected: default / reverse)`).
    if let Some((first, _)) = rest.split_once(" (")
        && first.split_whitespace().count() >= 2
    {
        rest = first.to_string();
    }
    // `must be >= 0`, `must be > 0`: the comparison in words, which the tokens would drop
    // (`LevelNot0`).
    for (op, words) in [(">= 0", "non-negative"), ("> 0", "positive")] {
        if let Some(at) = rest.find(op)
            && rest[at + op.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.')
        {
            rest.replace_range(at..at + op.len(), words);
        }
    }
    // A message in capitals (`MISSING_ARG_TOPIC`, a protocol code) says nothing by its case:
    // its words are cased like any others (`MissingArgTopic`; initialisms stay capitals).
    if rest.chars().any(char::is_alphabetic) && !rest.chars().any(char::is_lowercase) {
        rest = rest.to_lowercase();
    }
    let mut raw: Vec<String> = Vec::new();
    for token in rest.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let token = token.trim_matches('\'');
        if token.is_empty() {
            continue;
        }
        let lower = token.to_lowercase();
        match lower.as_str() {
            "can't" | "cannot" | "couldn't" => raw.push("cannot".into()),
            // `could not find`: what failed, said as `cannot`.
            "not" if raw.last().is_some_and(|w| w.eq_ignore_ascii_case("could")) => {
                raw.pop();
                raw.push("cannot".into());
            }
            "won't" => raw.push("not".into()),
            _ if lower.ends_with("n't") => {
                raw.push(token[..token.len() - 3].to_string());
                raw.push("not".into());
            }
            _ => match token.split_once('\'') {
                // `user's`, `it's`, `they're`: the stem.
                Some((stem, _)) => raw.push(stem.to_string()),
                None => raw.push(token.to_string()),
            },
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let lower_raw: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let requirement = |w: &String| w == "must" || w == "should";
    // `at least one range must be specified`: the error is that there is none.
    let mut negated = false;
    if lower_raw.len() > 3
        && lower_raw[..3] == ["at", "least", "one"]
        && lower_raw.iter().any(requirement)
    {
        out.push("No".into());
        negated = true;
        i = 3;
        // `at least one of 'file' or 'dir' should be specified`.
        if lower_raw.get(3).is_some_and(|w| w == "of") {
            i = 4;
        }
    }
    while i < raw.len() {
        let lower = raw[i].to_lowercase();
        i += 1;
        // `compression value must be one of 0, 1 or 2`, `mode not one of …`: the value is
        // invalid (`InvalidCompressionValue`, not `CompressionValueNotOneOf0`).
        let mut j = i;
        while j < raw.len() && matches!(lower_raw[j].as_str(), "be" | "not" | "in") {
            j += 1;
        }
        let one_of = matches!(lower.as_str(), "must" | "should" | "not" | "is")
            && lower_raw.get(j).is_some_and(|w| w == "one")
            && lower_raw.get(j + 1).is_some_and(|w| w == "of");
        if one_of && !out.is_empty() && !negated {
            out.insert(0, "Invalid".into());
            break;
        }
        if lower == "must" || lower == "should" {
            // `must be a non-negative integer`: the article does not stop the negation.
            while i < raw.len()
                && matches!(
                    raw[i].to_lowercase().as_str(),
                    "be" | "have" | "been" | "a" | "an" | "the"
                )
            {
                i += 1;
            }
            let next = raw.get(i).map(|w| w.to_lowercase());
            match next.as_deref() {
                // `must not be empty`: the error is that it is empty.
                Some("not") => {
                    i += 1;
                    while i < raw.len() && matches!(raw[i].to_lowercase().as_str(), "be" | "have") {
                        i += 1;
                    }
                }
                // `must be non-negative`: the error is that it is negative.
                Some("non") => i += 1,
                Some(_) if !negated => out.push("Not".into()),
                Some(_) => {}
                None => {}
            }
            continue;
        }
        // `cannot be blank` keeps its `be`: `CannotBeBlank`, not `CannotBlank`; so do
        // `cannot have` and `unable to do` (`CannotHave1Compactor`, not `Cannot1Compactor`).
        if matches!(lower.as_str(), "be" | "have" | "do")
            && out.last().is_some_and(|w| w == "Cannot" || w == "To")
            && i < raw.len()
        {
            out.push(word_case(&raw[i - 1]));
            continue;
        }
        if FILLERS.contains(&lower.as_str()) || !raw[i - 1].is_ascii() {
            continue;
        }
        out.push(word_case(&raw[i - 1]));
    }
    // `error getting referrer image`: every sentinel is an error.
    if out.len() > 1 && out[0] == "Error" {
        out.remove(0);
    }
    out
}

/// Splits off the package prefixes of a message (`crypto/sha1: invalid state` →
/// `crypto/sha1`, `invalid state`; `Float.GobDecode: buffer too small`).
fn split_prefix(message: &str) -> (Vec<&str>, &str) {
    let mut rest = message.trim();
    let mut prefixes = Vec::new();
    while let Some((head, tail)) = rest.split_once(": ") {
        if head.is_empty() || head.contains(char::is_whitespace) || tail.trim().is_empty() {
            break;
        }
        prefixes.push(head);
        rest = tail.trim();
    }
    (prefixes, rest)
}

/// The words of a message's last package prefix (`crypto/sha1` → `Sha1`,
/// `Float.GobDecode` → `Float`, `GobDecode`): what tells apart the same text from two
/// packages.
fn prefix_words(message: &str) -> Vec<String> {
    let (prefixes, _) = split_prefix(message);
    let Some(last) = prefixes.last() else {
        return Vec::new();
    };
    let last = last.rsplit('/').next().unwrap_or(last);
    last.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_case)
        .collect()
}

/// `url` → `URL`, `read` → `Read`, `TabStop` → `TabStop`.
fn word_case(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if INITIALISMS.contains(&lower.as_str()) {
        return lower.to_ascii_uppercase();
    }
    let shouted = !word.chars().any(|c| c.is_ascii_lowercase());
    if shouted && CAPS_WORDS.contains(&lower.as_str()) {
        return names::capitalize(&lower);
    }
    // A long word in capitals is emphasis or a file's name (`MANIFEST file has …`), not an
    // initialism: `Manifest`. Short ones stay (`FZF`, `AWS`, `TOML`).
    if shouted && word.len() >= 6 && word.chars().all(|c| c.is_ascii_alphabetic()) {
        return names::capitalize(&lower);
    }
    names::capitalize(word)
}

/// How many of `message`'s name words its first clause holds, when a `: ` ends that clause
/// after at least two words that say what failed (`profiling not supported: FZF must be
/// built with …`). None when there is one clause, or when the first is generic
/// (`internal error: …`).
fn first_clause_len(message: &str) -> Option<usize> {
    let (_, rest) = split_prefix(message);
    let (first, _) = rest.split_once(": ")?;
    let words = name_words(first);
    let telling = words
        .iter()
        .filter(|w| !GENERIC.contains(&w.to_ascii_lowercase().as_str()))
        .count();
    (telling >= 1 && words.len() >= 2).then_some(words.len())
}

/// How many of `words` say something: not a preposition, negation or number.
fn content(words: &[String]) -> usize {
    words
        .iter()
        .filter(|w| {
            !WEAK_TAIL.contains(&w.to_ascii_lowercase().as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .count()
}

/// How many of `words` make the base name: at most `max_words`, within [`MAX_NAME_LEN`]
/// (at least one word), not ending on a preposition or a negation when cut short. A name
/// cut short ends with the first clause of `message`, or before a phrase it cannot finish.
fn base_len(prefix: &str, message: &str, words: &[String], max_words: usize) -> usize {
    let mut k = 0;
    let mut len = prefix.len();
    let mut counted = 0;
    while k < words.len() && counted < max_words && (k == 0 || len + words[k].len() <= MAX_NAME_LEN)
    {
        len += words[k].len();
        if !WEAK_TAIL.contains(&words[k].to_ascii_lowercase().as_str()) {
            counted += 1;
        }
        k += 1;
    }
    if k < words.len() {
        // Cut short, a name ending in a number reads like a collision suffix.
        let trim = |mut k: usize| {
            while k > 1
                && (WEAK_TAIL.contains(&words[k - 1].to_ascii_lowercase().as_str())
                    || words[k - 1].chars().all(|c| c.is_ascii_digit()))
            {
                k -= 1;
            }
            k
        };
        k = trim(k);
        if let Some(clause) = first_clause_len(message).filter(|&c| c < k) {
            k = clause;
        } else if let Some(j) = (2..k).rev().find(|&j| {
            // A negation after the cut starts the next part (`to keep | must be …`).
            content(&words[k..]) >= 2
                && !matches!(words[k].as_str(), "Not" | "No" | "Cannot")
                && PHRASE_OPENERS.contains(&words[j].to_ascii_lowercase().as_str())
                && content(&words[..j]) >= 2
        }) {
            // `…RequiredToAllow` says less than `…Required`: the phrase is cut anyway (at
            // least two of its words would be left out).
            k = j;
        }
        k = trim(k);
    }
    k
}

/// Splits a Go name into lower-case words (`errFooBarURL` → err, foo, bar, url).
fn name_parts(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = c.is_uppercase()
            && i > 0
            && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if (boundary || c == '_') && !cur.is_empty() {
            out.push(std::mem::take(&mut cur).to_lowercase());
        }
        if c != '_' {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur.to_lowercase());
    }
    out
}

/// The variable name for `message`: `prefix` and the message's first content words. When
/// that name is taken, the first words of the message that the holder's message (or name)
/// does not have are added, so that two messages differ in a word; a digit suffix is the
/// last resort (the same message, or nothing left to tell them apart).
fn var_name(
    prefix: &str,
    message: &str,
    max_words: usize,
    free: impl Fn(&str) -> bool,
    holder_words: impl Fn(&str) -> Option<Vec<String>>,
    fresh: impl Fn(&str) -> String,
) -> String {
    let words = name_words(message);
    if words.is_empty() {
        return fresh(&format!("{prefix}Sentinel"));
    }
    let k = base_len(prefix, message, &words, max_words);
    let base = format!("{prefix}{}", words[..k].concat());
    if free(&base) {
        return base;
    }
    let theirs: Vec<String> = holder_words(&base)
        .unwrap_or_else(|| name_parts(&base))
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let mut name = base.clone();
    let mut pending = String::new();
    // The words left out of the base, then those of the next sentence or clause, which the
    // base never uses (`…malformed backend state file; data is empty` → `…MalformedData`,
    // not `…Malformed0`).
    let (_, rest) = split_prefix(message);
    let later = [". ", "; "]
        .iter()
        .filter_map(|stop| {
            rest.split_once(stop)
                .map(|(first, tail)| (first.len(), tail))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, tail)| name_words(tail))
        .unwrap_or_default();
    for w in words[k..].iter().chain(&later) {
        if theirs.contains(&w.to_lowercase()) {
            continue;
        }
        // A preposition or conjunction only together with the word after it.
        if WEAK_TAIL.contains(&w.to_ascii_lowercase().as_str()) {
            pending.push_str(w);
            continue;
        }
        name.push_str(&std::mem::take(&mut pending));
        name.push_str(w);
        if free(&name) {
            return name;
        }
    }
    // The same words with another package prefix: the prefix tells them apart.
    let own_prefix = prefix_words(message).concat();
    if !own_prefix.is_empty() {
        let name = format!("{prefix}{own_prefix}{}", words[..k].concat());
        if free(&name) {
            return name;
        }
    }
    fresh(&base)
}

fn run(ctx: &Ctx, options: &SentinelErrorOptions) -> Vec<Finding> {
    let pkg = ctx.pkg;
    let mut out = Vec::new();
    let all_singletons = common::package_singletons(pkg, "errors", &["New"]);
    // Only sentinels this run created may be reused: a variable that was in the code before
    // is a different value on purpose (callers compare it with `==` or `errors.Is`).
    let mut created = all_singletons.clone();
    for list in created.values_mut() {
        list.retain(|(_, name)| !pkg.is_preexisting_var(name));
    }
    let message_of: std::collections::HashMap<&str, &str> = all_singletons
        .iter()
        .flat_map(|((_, msg), list)| list.iter().map(move |(_, n)| (n.as_str(), msg.as_str())))
        .collect();
    let max_words = options.max_name_words.get();
    let prefix = if options.exported { "Err" } else { "err" };
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut assigned: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut sites = Vec::new();
    for file in ctx.files() {
        let src = ctx.src(file);
        for &call in ctx.nodes(file, "call_expression") {
            let is_new = is_call_to(pkg, file, call, "errors", &["New"]).is_some();
            let is_errorf = !is_new && is_call_to(pkg, file, call, "fmt", &["Errorf"]).is_some();
            if !(is_new || is_errorf)
                || !in_function_body(call)
                || common::runs_once(pkg, call, src)
            {
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

            // A sentinel an earlier pass of this run created for this message.
            let key = ("New".to_string(), message.clone());
            let reuse = common::singleton_for(pkg, &created, &key, file);
            sites.push((file, call, arg, message, is_new, key, reuse));
        }
    }

    // Names for the new sentinels, messages whose whole name fits first: a message cut
    // short ("route not found by method and path") then meets the full name of a shorter
    // one ("route not found by method") and adds the words that tell them apart, instead
    // of the shorter one getting a digit.
    let mut seen: std::collections::HashSet<&String> = std::collections::HashSet::new();
    let mut order: Vec<&String> = Vec::new();
    for (_, _, _, message, _, _, reuse) in &sites {
        if reuse.is_none() && seen.insert(message) {
            order.push(message);
        }
    }
    order.sort_by_cached_key(|m| {
        let words = name_words(m);
        base_len(prefix, m, &words, max_words) < words.len()
    });
    // The message each new name was given for (the holder of a taken name).
    let mut named: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for message in order {
        let free = |n: &str| !pkg.index().is_taken(n) && !taken.contains(n);
        let holder = |n: &str| {
            named
                .get(n)
                .map(String::as_str)
                .or_else(|| message_of.get(n).copied())
                .map(name_words)
        };
        let fresh = |n: &str| names::fresh_in_package(pkg.index(), n, &taken);
        let n = var_name(prefix, message, max_words, free, holder, fresh);
        taken.insert(n.clone());
        named.insert(n.clone(), message.clone());
        assigned.insert(message.clone(), n);
    }

    for (file, call, arg, message, is_new, key, reuse) in sites {
        let src = ctx.src(file);
        {
            let mut fix = FixBuilder::new(file);
            let name = match reuse {
                Some(n) => {
                    if crate::analysis::resolve::local_decl(call, &n, src).is_some() {
                        continue;
                    }
                    n
                }
                None => {
                    // Distinct names for distinct messages within this run (above), so
                    // that messages sharing their first words need no extra pass.
                    let Some(name) = assigned.get(&message).cloned() else {
                        continue;
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
                    let Some(at) = place::hoist_point(call, src) else {
                        continue;
                    };
                    let (edit, claim) = place::insert_package_var(
                        src,
                        file,
                        at,
                        &name,
                        &format!("{}.New({literal})", errors.name),
                        "",
                    );
                    fix.edit(edit)
                        .claims(claim)
                        .import(errors.need)
                        .claim(Claim::PackageName(name.clone()));
                    name
                }
            };
            fix.replace(call.byte_range(), name.clone());
            let fix = fix.safe();
            let what = if is_new { "errors.New" } else { "fmt.Errorf" };
            let mut text = format!(
                "{what} with a constant message allocates a new error on every call; use the package-level sentinel `{name}`"
            );
            if let Some(old) = all_singletons
                .get(&key)
                .into_iter()
                .flatten()
                .find(|(_, n)| pkg.is_preexisting_var(n) && *n != name)
            {
                text.push_str(&format!(
                    " (`{}` has the same text but is not reused: that would change what `==` and errors.Is report)",
                    old.1
                ));
            }
            out.push(ctx.finding(file, call, text, Some(fix)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name for `message` in an empty package.
    fn name(message: &str) -> String {
        var_name("err", message, 5, |_| true, |_| None, |n| n.to_string())
    }

    #[test]
    fn names_from_content_words() {
        assert!(NAMES.len() >= 30);
        let mut wrong = Vec::new();
        for (message, want) in NAMES {
            let got = name(message);
            if got != *want {
                wrong.push(format!("{message:?}: got {got}, want {want}"));
            }
            assert!(got.len() <= MAX_NAME_LEN, "{got} is too long");
            assert!(names::is_identifier(&got), "{got}");
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert_eq!(name("fatal"), "errFatal");
        assert_eq!(name("!!!"), "errSentinel");
    }

    #[test]
    fn distinct_messages_differ_in_a_word() {
        // The review's pairs: cut after a few words they became …An/…A and …A/…A0.
        let taken = |t: &'static str| move |n: &str| n != t;
        let first = "precompressor does not specify an extension";
        let second = "precompressor does not specify a content encoding for the extension";
        let holder = |_: &str| Some(name_words(first));
        let got = var_name(
            "err",
            second,
            5,
            taken("errPrecompressorNotSpecify"),
            holder,
            |n| format!("{n}0"),
        );
        assert_eq!(got, "errPrecompressorNotSpecifyContent");
        // The holder is known only by its name: words it lacks still tell them apart.
        let got = var_name(
            "err",
            "local address must be a string or a number",
            5,
            taken("errLocalAddressNotString"),
            |_| None,
            |n| format!("{n}0"),
        );
        assert_eq!(got, "errLocalAddressNotStringOrNumber");
        // Messages that differ only after the first clause: a word of the next one.
        let first = "attempted to encode a malformed backend state file; data is empty";
        let second = "attempted to encode a malformed backend state file; provider data is missing";
        let got = var_name(
            "err",
            second,
            5,
            |n: &str| n != "errAttemptedToEncodeMalformed",
            |_| Some(name_words(first)),
            |n| format!("{n}0"),
        );
        assert_eq!(got, "errAttemptedToEncodeMalformedProvider");
        // The same message (a sentinel that must not be reused): a digit is all that is left.
        let got = var_name(
            "err",
            "short read",
            5,
            taken("errShortRead"),
            |_| Some(name_words("short read")),
            |n| format!("{n}0"),
        );
        assert_eq!(got, "errShortRead0");
        // The same words under another package prefix (crypto/internal/boring's sha.go).
        let got = var_name(
            "err",
            "crypto/sha512: invalid hash state identifier",
            5,
            taken("errInvalidHashStateIdentifier"),
            |_| Some(name_words("crypto/sha1: invalid hash state identifier")),
            |n| format!("{n}0"),
        );
        assert_eq!(got, "errSha512InvalidHashStateIdentifier");
    }

    #[test]
    fn errorf_verbs() {
        assert_eq!(errorf_message("100%% sure").as_deref(), Some("100% sure"));
        assert_eq!(errorf_message("bad %d"), None);
        assert_eq!(errorf_message("trailing %"), None);
        assert_eq!(errorf_message("plain").as_deref(), Some("plain"));
    }

    /// Real messages (nats-server, fzf, caddy from the review; the rest from the Go standard
    /// library) and the names a reviewer accepts for them.
    const NAMES: &[(&str, &str)] = &[
        // nsq protocol codes, and an initialism inside them.
        ("MISSING_ARG_TOPIC", "errMissingArgTopic"),
        // badger: a file's name in capitals, a choice of values, a comparison.
        (
            "MANIFEST file has invalid manifestChange op",
            "errManifestFileInvalid",
        ),
        (
            "compression value must be one of 0 (disabled), 1 (Snappy), or 2 (ZSTD)",
            "errInvalidCompressionValue",
        ),
        ("mode not one of read, write", "errInvalidMode"),
        // pflag: an article after `must be`, examples after `like`.
        ("must be a non-negative integer", "errNegativeInteger"),
        (
            "must be a duration like \"30s\" or \"5m\"",
            "errNotDuration",
        ),
        ("must be a number", "errNotNumber"),
        // terraform: a name cut short does not end in `without` or `also`.
        (
            "PlanOutPath set without also setting PlanOutStateStore or PlanOutBackend (this is a bug in Terraform)",
            "errPlanOutPathSet",
        ),
        ("level must be >= 0", "errLevelNegative"),
        ("count must be > 0", "errCountNotPositive"),
        ("FZF_API_KEY is required", "errFZFAPIKeyRequired"),
        ("E_BAD_TLS_CONFIG", "errEBadTLSConfig"),
        (
            "history max must be a positive integer",
            "errHistoryMaxNotPositive",
        ),
        (
            "tab stop must be a positive integer",
            "errTabStopNotPositiveInteger",
        ),
        ("can't register a sink", "errCannotRegisterSink"),
        (
            "at least one range must be specified",
            "errNoRangeSpecified",
        ),
        (
            "precompressor does not specify an extension",
            "errPrecompressorNotSpecify",
        ),
        ("local address must be a string", "errLocalAddressNotString"),
        ("last sequence mismatch", "errLastSequenceMismatch"),
        ("unable to recover keys", "errUnableToRecoverKeys"),
        ("amount must be positive", "errAmountNotPositive"),
        ("port must be set", "errPortNotSet"),
        ("name must not be empty", "errNameEmpty"),
        ("age must be non-negative", "errAgeNegative"),
        (
            "currency code must have three letters",
            "errCurrencyCodeNotThreeLetters",
        ),
        ("lame referral", "errLameReferral"),
        ("malformed time zone information", "errMalformedTimeZone"),
        ("Rat.GobEncode: numerator too large", "errNumeratorTooLarge"),
        (
            "zip: FileHeader.Extra too long",
            "errFileHeaderExtraTooLong",
        ),
        (
            "x509: macos certificate verification internal error",
            "errMacosCertificate",
        ),
        (
            "must not read or write any tokens when skipping",
            "errReadOrWriteAnyTokens",
        ),
        (
            "ScanState's Read should not be called. Use ReadRune",
            "errScanStateReadCalled",
        ),
        (
            "too many Authorities to pack (>65535)",
            "errTooManyAuthoritiesToPack",
        ),
        (
            "no LastInsertId available after DDL statement",
            "errNoLastInsertIdAvailable",
        ),
        ("http: '=' not found in cookie", "errNotFoundInCookie"),
        (
            "length of symbol section is not a multiple of Sym64Size",
            "errLengthOfSymbolSection",
        ),
        ("$home is not defined", "errHomeNotDefined"),
        (
            "tls: handshake did not verify certificate chain",
            "errHandshakeNotVerify",
        ),
        (
            "crypto/rsa: public exponent is even",
            "errPublicExponentEven",
        ),
        (
            "File must contain a complete sentence or a TODO.",
            "errFileNotContainComplete",
        ),
        (
            "tls: internal error: empty verified chain",
            "errInternalErrorEmptyVerified",
        ),
        ("invalid DNS response", "errInvalidDNSResponse"),
        ("file is in another module", "errFileInAnotherModule"),
        (
            "no acceptable authentication methods",
            "errNoAcceptableAuthentication",
        ),
        (
            "bufio.Scanner: SplitFunc returns negative advance count",
            "errSplitFuncReturnsNegative",
        ),
        ("archive/tar: invalid tar header", "errInvalidTarHeader"),
        ("wrong content-type", "errWrongContentType"),
        ("net/http: request canceled", "errRequestCanceled"),
        (
            "http: server closed idle connection",
            "errServerClosedIdleConnection",
        ),
        ("unexpected EOF", "errUnexpectedEOF"),
        ("it's not a valid url", "errNotValidURL"),
        ("quota 100% used", "errQuota100Used"),
        ("the user’s token isn't valid", "errUserTokenNotValid"),
        (
            "failed to parse configuration file header section",
            "errFailedToParseConfiguration",
        ),
        (
            "timezone hour outside of range [0,23]",
            "errTimezoneHourOutsideOfRange",
        ),
        (
            "crypto/rsa: public exponent too large",
            "errPublicExponentTooLarge",
        ),
        ("$HOME is not defined", "errHomeNotDefined"),
        // cli/cli.
        ("username cannot be blank", "errUsernameCannotBeBlank"),
        // dgraph-io/badger.
        (
            "Cannot have 1 compactor. Need at least 2",
            "errCannotHave1Compactor",
        ),
        (
            "Unable to do incremental writes because MemTable has data",
            "errUnableToDoIncrementalWrites",
        ),
        ("title can't be blank", "errTitleCannotBeBlank"),
        ("couldn't rebuild codespace", "errCannotRebuildCodespace"),
        (
            "could not find key \"oauth_token\"",
            "errCannotFindKeyOauthToken",
        ),
        ("you do not own this gist", "errNotOwnGist"),
        (
            "error getting referrer image: no layers found",
            "errGettingReferrerImage",
        ),
        (
            "sorry :( this command only works on linux and macos",
            "errCommandOnlyWorksOnLinux",
        ),
        // fzf: an environment name, a phrase cut short, a clause that explains.
        (
            "FZF_API_KEY is required to allow remote access",
            "errFZFAPIKeyRequired",
        ),
        (
            "error: profiling not supported: FZF must be built with '-tags=pprof' to enable profiling",
            "errProfilingNotSupported",
        ),
        (
            "number of items to keep must be a positive integer",
            "errNumberOfItemsToKeep",
        ),
        (
            "invalid algorithm (expected: v1 or v2)",
            "errInvalidAlgorithm",
        ),
        (
            "at least one of 'file' or 'dir' should be specified",
            "errNoFileOrDirSpecified",
        ),
        (
            "unable to read configuration file from disk because of permissions",
            "errUnableToReadConfiguration",
        ),
        (
            "xml: comments must not contain \"--\"",
            "errCommentsContain",
        ),
    ];
}
