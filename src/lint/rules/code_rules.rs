//! Shared by the SQL and Python rules: each reports one kind of the
//! problems that [`LintContext::code_problems`] found.

use crate::lint::{CodeProblemKind, Finding, LintContext, RuleMeta};

pub(super) fn report(
    cx: &LintContext<'_>,
    out: &mut Vec<Finding>,
    meta: &'static RuleMeta,
    kind: CodeProblemKind,
    help: &str,
) {
    for problem in cx.code_problems().iter().filter(|p| p.kind == kind) {
        out.push(
            Finding::new(meta, problem.span, problem.message.clone())
                .label(problem.label.clone())
                .help(help),
        );
    }
}
