//! Inline suppressions: HTML comments in the notes that silence named rules.
//!
//! ```text
//! <!-- exambank-disable-next-line EB102 -->     the next line (a whole fenced block when it opens one)
//! <!-- exambank-disable EB102, EB103 -->        from here ...
//! <!-- exambank-enable EB102 EB103 -->          ... to here (or to the end of the file)
//! <!-- exambank-disable-file no-correct-option -->   the whole file
//! ```
//!
//! Rules are named by code or name, separated by spaces or commas. Comments
//! inside fences are code, not suppressions. The parser finds the comments
//! ([`ast::Directive`]); this pass resolves their words and rule names. A suppression that silences
//! nothing is reported (EB006), and so is one the checker cannot read
//! (EB007). This pass runs after every rule, on the findings they made.

use super::rules::eb006_unused_suppression::UnusedSuppression;
use super::rules::eb007_invalid_suppression::InvalidSuppression;
use super::{Finding, LintContext, RULES, RuleMeta, RuleSettings, find_rule};
use crate::parse::ast;
use crate::source::Span;
use crate::suggest::did_you_mean;

/// Every directive starts with this; a file without it is skipped at once.
const PREFIX: &str = "exambank-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

const KINDS: [(&str, Kind); 4] = [
    ("disable-next-line", Kind::NextLine),
    ("disable", Kind::Disable),
    ("enable", Kind::Enable),
    ("disable-file", Kind::File),
];

/// One suppression comment as written.
#[derive(Debug)]
struct Directive<'t> {
    kind: Kind,
    /// `exambank-disable-next-line`, as written.
    word: &'t str,
    /// The comment, `<!--` to `-->`.
    span: Span,
    /// The rules it names, each with its name as written.
    rules: Vec<(&'static RuleMeta, &'t str)>,
    /// Whether the names were separated by commas (kept when rewriting).
    commas: bool,
    /// What `disable-next-line` covers.
    next_line: Span,
}

/// A rule silenced over a byte range by one directive.
#[derive(Debug)]
struct Entry {
    directive: usize,
    code: &'static str,
    range: Span,
    used: bool,
}

/// Removes the findings that a suppression names and reports unused and
/// invalid suppressions. `findings` may be in any order.
pub(super) fn apply(cx: &LintContext<'_>, settings: &RuleSettings, findings: &mut Vec<Finding>) {
    let text: &str = &cx.file.text;
    // Cheap test first: most files have no suppression at all.
    if cx.doc.directives.is_empty() {
        return;
    }
    let mut invalid = Vec::new();
    let directives = scan(cx, &mut invalid);
    let mut entries = ranges(cx, &directives, &mut invalid);

    findings.retain(|finding| !silence(&mut entries, finding, text.len()));

    let mut reported = invalid;
    for (k, directive) in directives.iter().enumerate() {
        if directive.kind == Kind::Enable {
            continue;
        }
        let mut unused: Vec<usize> = entries
            .iter()
            .filter(|e| e.directive == k && !e.used)
            // Silencing the suppression rules themselves is never reported:
            // that would need a pass over this pass's own findings.
            .filter(|e| {
                e.code != UnusedSuppression::META.code && e.code != InvalidSuppression::META.code
            })
            // Cross-file findings come after this pass: a suppression of a
            // cross-file rule cannot be judged unused here.
            .filter(|e| !is_bank_rule(e.code))
            .filter_map(|e| directive.rules.iter().position(|(m, _)| m.code == e.code))
            .collect();
        // A rule named twice in one comment is one rule.
        unused.sort_unstable();
        unused.dedup();
        if !unused.is_empty() {
            reported.push(unused_finding(cx, settings, directive, &unused));
        }
    }
    for mut finding in reported {
        if !settings.is_enabled(rule_meta(finding.code)) {
            continue;
        }
        if silence(&mut entries, &finding, text.len()) {
            continue;
        }
        finding.severity = settings.severity_of(rule_meta(finding.code));
        findings.push(finding);
    }
}

fn is_bank_rule(code: &str) -> bool {
    RULES
        .iter()
        .any(|r| r.meta().code == code && r.checks_bank())
}

/// The byte ranges over which this file's suppressions silence cross-file
/// rules, for the pass that runs after every file was checked.
pub(super) fn bank_rule_ranges(cx: &LintContext<'_>) -> Vec<(&'static str, Span)> {
    if cx.doc.directives.is_empty() {
        return Vec::new();
    }
    let mut ignored = Vec::new();
    let directives = scan(cx, &mut ignored);
    ranges(cx, &directives, &mut ignored)
        .into_iter()
        .filter(|e| is_bank_rule(e.code))
        .map(|e| (e.code, e.range))
        .collect()
}

fn rule_meta(code: &str) -> &'static RuleMeta {
    if code == UnusedSuppression::META.code {
        &UnusedSuppression::META
    } else {
        &InvalidSuppression::META
    }
}

/// Whether an entry silences `finding`; every such entry is marked used.
fn silence(entries: &mut [Entry], finding: &Finding, text_len: usize) -> bool {
    let at = finding.span.start;
    let mut silenced = false;
    for entry in entries.iter_mut() {
        let covers = entry.range.start <= at
            && (at < entry.range.end || (entry.range.end == text_len && at == text_len));
        if entry.code == finding.code && covers {
            entry.used = true;
            silenced = true;
        }
    }
    silenced
}

/// Every `<!-- exambank-... -->` comment outside fences (the parser found
/// them), with its word and rule names resolved.
fn scan<'t>(cx: &LintContext<'t>, invalid: &mut Vec<Finding>) -> Vec<Directive<'t>> {
    let mut directives = Vec::new();
    for comment in &cx.doc.directives {
        if comment.unclosed {
            // The rest of the file is a comment to a Markdown renderer.
            invalid.push(
                Finding::new(
                    &InvalidSuppression::META,
                    comment.span,
                    "Suppression comment is never closed",
                )
                .label("no `-->` after this")
                .help("End the comment with `-->` on the same line"),
            );
            continue;
        }
        if let Some(directive) = directive(comment, invalid) {
            directives.push(directive);
        }
    }
    directives
}

/// Resolves one comment (`exambank-disable EB101, EB102`).
fn directive<'t>(comment: &'t ast::Directive, invalid: &mut Vec<Finding>) -> Option<Directive<'t>> {
    let word = comment.word.as_str();
    let span = comment.span;
    let Some(&(_, kind)) = KINDS
        .iter()
        .find(|(name, _)| word[PREFIX.len()..] == **name)
    else {
        let mut finding = Finding::new(
            &InvalidSuppression::META,
            span,
            format!("Unknown suppression directive `{word}`"),
        )
        .label("not a directive");
        let known = KINDS.iter().map(|(name, _)| *name);
        finding = match did_you_mean(&word[PREFIX.len()..], known) {
            Some(name) => finding.help(format!("Did you mean `{PREFIX}{name}`?")),
            None => finding.help(
                "Use `exambank-disable-next-line`, `exambank-disable`, `exambank-enable` or `exambank-disable-file`",
            ),
        };
        invalid.push(finding);
        return None;
    };
    if comment.names.is_empty() {
        invalid.push(
            Finding::new(
                &InvalidSuppression::META,
                span,
                format!("`{word}` names no rule"),
            )
            .label("which rules?")
            .help(format!(
                "Name the rules by code or name: `<!-- {word} EB102 -->`"
            )),
        );
    }
    let mut rules = Vec::new();
    for name in &comment.names {
        match find_rule(name) {
            Some(meta) => rules.push((meta, name.as_str())),
            None => invalid.push(unknown_rule(name, span)),
        }
    }
    Some(Directive {
        kind,
        word,
        span,
        rules,
        commas: comment.commas,
        next_line: comment.next_line,
    })
}

fn unknown_rule(name: &str, span: Span) -> Finding {
    let known = RULES.iter().flat_map(|r| [r.meta().code, r.meta().name]);
    let finding = Finding::new(
        &InvalidSuppression::META,
        span,
        format!("Unknown rule `{name}` in suppression"),
    )
    .label("no such rule");
    match did_you_mean(name, known) {
        Some(close) => finding.help(format!("Did you mean `{close}`? `exambank rules` lists every rule")),
        None => finding.help("Name a rule by code (`EB102`) or name (`no-correct-option`); `exambank rules` lists them"),
    }
}

/// The byte range each named rule is silenced over.
fn ranges(
    cx: &LintContext<'_>,
    directives: &[Directive<'_>],
    invalid: &mut Vec<Finding>,
) -> Vec<Entry> {
    let text_len = cx.file.text.len();
    let mut entries: Vec<Entry> = Vec::new();
    // Open `disable` entries, by index into `entries`.
    let mut open: Vec<usize> = Vec::new();
    for (k, directive) in directives.iter().enumerate() {
        let range = match directive.kind {
            Kind::File => Span::new(0, text_len),
            Kind::NextLine => directive.next_line,
            // Closed below by a matching `enable`, if one comes.
            Kind::Disable => Span::new(directive.span.end, text_len),
            Kind::Enable => {
                for &(meta, name) in &directive.rules {
                    let opened = open.iter().rposition(|&e| entries[e].code == meta.code);
                    match opened {
                        Some(at) => {
                            let e = open.remove(at);
                            entries[e].range.end = directive.span.start;
                        }
                        None => invalid.push(
                            Finding::new(
                                &InvalidSuppression::META,
                                directive.span,
                                format!("`{}` re-enables `{name}`, which no `exambank-disable` above turned off", directive.word),
                            )
                            .label("nothing to enable")
                            .help(format!("Remove `{name}` here, or add `<!-- exambank-disable {name} -->` above")),
                        ),
                    }
                }
                continue;
            }
        };
        for &(meta, _) in &directive.rules {
            if directive.kind == Kind::Disable {
                open.push(entries.len());
            }
            entries.push(Entry {
                directive: k,
                code: meta.code,
                range,
                used: false,
            });
        }
    }
    entries
}

/// The EB006 finding of a directive, with a fix when one is safe.
fn unused_finding(
    cx: &LintContext<'_>,
    settings: &RuleSettings,
    directive: &Directive<'_>,
    unused: &[usize],
) -> Finding {
    let names: Vec<String> = unused
        .iter()
        .map(|&k| format!("`{}`", directive.rules[k].1))
        .collect();
    let not_enabled: Vec<&str> = unused
        .iter()
        .map(|&k| directive.rules[k])
        .filter(|(meta, _)| !settings.is_enabled(meta))
        .map(|(_, name)| name)
        .collect();
    let mut finding = Finding::new(
        &UnusedSuppression::META,
        directive.span,
        format!("Suppression of {} silences nothing", names.join(", ")),
    )
    .label("no finding here to silence");
    finding = if not_enabled.is_empty() {
        if unused.len() == directive.rules.len() {
            finding.help("Remove the comment")
        } else {
            finding.help(format!("Remove {} from the comment", names.join(", ")))
        }
    } else {
        let list: Vec<String> = not_enabled.iter().map(|n| format!("`{n}`")).collect();
        let (verb, pronoun) = if not_enabled.len() == 1 {
            ("is", "it")
        } else {
            ("are", "them")
        };
        finding.help(format!(
            "{} {verb} not enabled for this file; remove {pronoun} from the comment",
            list.join(", ")
        ))
    };
    // Removing a `disable` would leave its `enable` dangling: no fix.
    if directive.kind == Kind::Disable {
        return finding;
    }
    if unused.len() == directive.rules.len() {
        let span = comment_line(&cx.file.text, directive.span);
        return finding.fix(span, "", "Remove the unused suppression");
    }
    let kept: Vec<&str> = directive
        .rules
        .iter()
        .enumerate()
        .filter(|(k, _)| !unused.contains(k))
        .map(|(_, (_, name))| *name)
        .collect();
    let separator = if directive.commas { ", " } else { " " };
    let replacement = format!("<!-- {} {} -->", directive.word, kept.join(separator));
    finding.fix(
        directive.span,
        replacement,
        format!("Remove {} from the suppression", names.join(", ")),
    )
}

/// The comment's whole line(s) with the line ending when nothing else
/// stands on them, otherwise the comment alone.
fn comment_line(text: &str, comment: Span) -> Span {
    let line_start = text[..comment.start].rfind('\n').map_or_else(
        || if text.starts_with('\u{feff}') { 3 } else { 0 },
        |i| i + 1,
    );
    let line_end = text[comment.end..]
        .find('\n')
        .map_or(text.len(), |i| comment.end + i + 1);
    let alone = text[line_start..comment.start].trim().is_empty()
        && text[comment.end..line_end].trim().is_empty();
    if alone {
        Span::new(line_start, line_end)
    } else {
        comment
    }
}
