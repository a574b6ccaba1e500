//! `exambank rules` and `exambank explain`.

use std::io::Write as _;

use super::args::{ExplainArgs, RulesArgs};
use super::exit;
use exambank::lint::{RULES, find_rule, precision};

pub fn list(args: &RulesArgs) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if args.json {
        let rules: Vec<_> = RULES
            .iter()
            .map(|r| {
                let m = r.meta();
                serde_json::json!({
                    "code": m.code,
                    "name": m.name,
                    "severity": m.severity.as_str(),
                    "fixable": m.fixable,
                    "unsafe_fix": m.unsafe_fix,
                    "default_enabled": m.default_enabled,
                    "summary": m.summary(),
                    "real_notes": precision::stated(m).map(|p| serde_json::json!({
                        "findings": p.findings,
                        "judged": p.judged,
                        "right": p.right,
                        "percent": p.percent(),
                    })),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rules)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        RULES.iter().try_for_each(|r| {
            let m = r.meta();
            let mut flags = String::new();
            if m.fixable && m.unsafe_fix {
                flags.push_str(" (fixable with --unsafe-fixes)");
            } else if m.fixable {
                flags.push_str(" (fixable)");
            }
            if !m.default_enabled {
                flags.push_str(" (off by default)");
            }
            // How often the rule is right on the real notes, from its docs.
            let figure =
                precision::stated(m).map_or_else(|| "not measured".to_owned(), |p| p.brief());
            writeln!(
                out,
                "{:<6} {:<30} {:<8} {}{flags} [real notes: {figure}]",
                m.code,
                m.name,
                m.severity.as_str(),
                m.summary()
            )
        })
    };
    if result.is_err() {
        exit::FAILURE
    } else {
        exit::CLEAN
    }
}

pub fn explain(args: &ExplainArgs) -> u8 {
    let Some(meta) = find_rule(&args.rule) else {
        eprintln_failure(&format!(
            "error: no rule `{}`; `exambank rules` lists them",
            args.rule
        ));
        return exit::FAILURE;
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let fix = if meta.fixable && meta.unsafe_fix {
        "Fix is available with --unsafe-fixes."
    } else if meta.fixable {
        "Fix is available."
    } else {
        "No fix."
    };
    let result = writeln!(
        out,
        "# {} ({})\n\nDefault severity: {}. {fix}{}\n\n{}",
        meta.name,
        meta.code,
        meta.severity.as_str(),
        if meta.default_enabled {
            ""
        } else {
            " Off by default."
        },
        meta.explanation().trim_end()
    );
    if result.is_err() {
        exit::FAILURE
    } else {
        exit::CLEAN
    }
}

fn eprintln_failure(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
