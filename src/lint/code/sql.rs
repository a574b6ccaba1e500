//! SQL syntax beyond tokens: the code is parsed by sqlparser in every
//! dialect that course notes plausibly use, and a problem is reported only
//! when every dialect rejects the code *and* the failure is one that can be
//! named with confidence: a misspelled keyword, a missing comma between
//! column definitions, text after the end of a statement. A construct that
//! the parser does not know (a Snowflake type, a template) fails in another
//! way and is not reported: a false error costs more than a missed one.

use sqlparser::dialect::{
    BigQueryDialect, DatabricksDialect, Dialect, DuckDbDialect, GenericDialect, HiveDialect,
    MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect, SnowflakeDialect,
};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError, ParserOptions};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

/// The dialects tried in turn; the code is fine as soon as one accepts it.
/// Generic first: it accepts most of what notes hold, so most blocks are
/// parsed once.
fn dialects() -> [&'static dyn Dialect; 10] {
    [
        &GenericDialect {},
        &DatabricksDialect {},
        &HiveDialect {},
        &PostgreSqlDialect {},
        &MsSqlDialect {},
        &MySqlDialect {},
        &SnowflakeDialect {},
        &BigQueryDialect {},
        &SQLiteDialect {},
        &DuckDbDialect {},
    ]
}

/// A syntax problem in SQL, at a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlSyntax {
    /// Where the offending token starts (1-based line, character column).
    pub at: Location,
    /// Its length in characters.
    pub len: usize,
    pub message: String,
    pub label: String,
}

/// Why one dialect rejected the code: the token it stopped at.
struct Rejection {
    /// The tokens of the code in that dialect, without whitespace.
    tokens: Vec<TokenWithSpan>,
    /// Index in `tokens` of the token the parser stopped at.
    found: usize,
    /// What the parser expected there.
    expected: String,
    /// Whether a whole statement was read before it.
    after_statement: bool,
}

/// The syntax problem of `code`, when every dialect rejects it and the
/// reason can be named.
#[must_use]
pub fn sql_syntax(code: &str) -> Option<SqlSyntax> {
    let mut furthest: Option<Rejection> = None;
    for dialect in dialects() {
        // A dialect whose tokenizer fails (a quote style it lacks) rejects
        // the code in a way nobody can name: it only counts as a rejection.
        let rejection = match parse(dialect, code) {
            Ok(()) => return None,
            Err(rejection) => rejection,
        };
        let Some(rejection) = rejection else {
            continue;
        };
        let position = |r: &Rejection| r.tokens.get(r.found).map(|t| t.span.start);
        if furthest
            .as_ref()
            .is_none_or(|f| position(&rejection) > position(f))
        {
            furthest = Some(rejection);
        }
    }
    name(&furthest?)
}

/// `Ok` when `dialect` accepts the code; `Err(None)` when it rejects it for
/// a reason other than a token it did not expect.
fn parse(dialect: &dyn Dialect, code: &str) -> Result<(), Option<Rejection>> {
    let tokens: Vec<TokenWithSpan> = Tokenizer::new(dialect, code)
        .with_unescape(false)
        .tokenize_with_location()
        .map_err(|_| None)?
        .into_iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    // Statements written one after another without `;` are a list of
    // queries (and valid T-SQL): each is judged on its own.
    let mut options = ParserOptions::new().with_unescape(false);
    options.require_semicolon_stmt_delimiter = false;
    let mut parser = Parser::new(dialect)
        .with_options(options)
        .with_tokens_with_locations(tokens.clone());
    let mut after_statement = false;
    loop {
        while parser.consume_token(&Token::SemiColon) {}
        if parser.peek_token_ref().token == Token::EOF {
            return Ok(());
        }
        match parser.parse_statement() {
            Ok(_) => after_statement = true,
            Err(ParserError::ParserError(message)) => {
                let Some((expected, at)) = expected_at(&message) else {
                    return Err(None);
                };
                let found = tokens
                    .iter()
                    .position(|t| t.span.start >= at)
                    .unwrap_or(tokens.len());
                return Err(Some(Rejection {
                    tokens,
                    found,
                    expected: expected.to_owned(),
                    after_statement,
                }));
            }
            Err(_) => return Err(None),
        }
    }
}

/// `Expected: X, found: Y at Line: L, Column: C` as (X, its location).
fn expected_at(message: &str) -> Option<(&str, Location)> {
    let rest = message.strip_prefix("Expected: ")?;
    let (body, at) = rest.rsplit_once(" at Line: ")?;
    let (line, column) = at.split_once(", Column: ")?;
    let (expected, _found) = body.rsplit_once(", found: ")?;
    Some((
        expected,
        Location {
            line: line.trim().parse().ok()?,
            column: column.trim().parse().ok()?,
        },
    ))
}

/// Keywords whose misspelling is worth naming, by where they stand.
const KEYWORDS: &[&str] = &[
    "SELECT",
    "FROM",
    "WHERE",
    "GROUP",
    "ORDER",
    "HAVING",
    "LIMIT",
    "JOIN",
    "INNER",
    "OUTER",
    "LEFT",
    "RIGHT",
    "FULL",
    "CROSS",
    "UNION",
    "INTERSECT",
    "EXCEPT",
    "INSERT",
    "INTO",
    "VALUES",
    "UPDATE",
    "DELETE",
    "CREATE",
    "TABLE",
    "VIEW",
    "DROP",
    "ALTER",
    "DISTINCT",
    "BETWEEN",
    "WHEN",
    "THEN",
    "ELSE",
    "CASE",
    "WITH",
    "OFFSET",
    "PARTITION",
    "OVER",
    "NULL",
    "PRIMARY",
    "FOREIGN",
    "REFERENCES",
    "DEFAULT",
    "CONSTRAINT",
    "UNIQUE",
    "INDEX",
    "RETURNING",
    "WINDOW",
    "QUALIFY",
    "EXISTS",
    "LIKE",
    "CAST",
    "COALESCE",
];

/// The keywords a statement starts with, in the queries notes hold.
const STATEMENT_KEYWORDS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "WITH", "MERGE", "TRUNCATE",
    "VALUES",
];

/// Words that start a statement in some dialect although the parser may
/// not know them: never a stray word.
const STATEMENT_WORDS: &[&str] = &[
    "ANALYZE",
    "ATTACH",
    "BACKUP",
    "CACHE",
    "CALL",
    "CHECKPOINT",
    "CLUSTER",
    "COPY",
    "DBCC",
    "DEALLOCATE",
    "DETACH",
    "EXEC",
    "EXECUTE",
    "GET",
    "GO",
    "LIST",
    "LOAD",
    "LOCK",
    "MSCK",
    "OPTIMIZE",
    "PRAGMA",
    "PRINT",
    "PUT",
    "RAISERROR",
    "REFRESH",
    "REINDEX",
    "REMOVE",
    "REPAIR",
    "RESTORE",
    "RETURN",
    "THROW",
    "UNCACHE",
    "UNDROP",
    "UNLOCK",
    "VACUUM",
    "WAITFOR",
];

/// The keyword `word` is a slip of, when it is one: one edit away
/// (a letter missing, added, changed, or two swapped), two for long words.
fn misspelled_keyword(word: &str, keywords: &[&'static str]) -> Option<&'static str> {
    if word.len() < 4 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let upper = word.to_ascii_uppercase();
    keywords.iter().copied().find(|keyword| {
        let distance = strsim::damerau_levenshtein(&upper, keyword);
        distance > 0 && (distance == 1 || (distance == 2 && keyword.len() >= 7))
    })
}

/// An unquoted word that is not a keyword in the dialect.
fn plain_word(token: &Token) -> Option<&str> {
    match token {
        Token::Word(w) if w.quote_style.is_none() && w.keyword == Keyword::NoKeyword => {
            Some(w.value.as_str())
        }
        _ => None,
    }
}

fn at_token(token: &TokenWithSpan, message: String, label: &str) -> SqlSyntax {
    SqlSyntax {
        at: token.span.start,
        len: token.to_string().chars().count().max(1),
        message,
        label: label.to_owned(),
    }
}

/// The problem a rejection shows, when it can be named.
fn name(rejection: &Rejection) -> Option<SqlSyntax> {
    let tokens = &rejection.tokens;
    let found = tokens.get(rejection.found)?;
    let previous = rejection.found.checked_sub(1).and_then(|k| tokens.get(k));
    let misspelled = |token: &TokenWithSpan, keywords: &[&'static str]| {
        let word = plain_word(&token.token)?;
        let keyword = misspelled_keyword(word, keywords)?;
        Some(at_token(
            token,
            format!("SQL does not parse: `{word}` is not a keyword; did you mean `{keyword}`?"),
            "misspelled keyword",
        ))
    };
    // Where a statement starts afresh (first in the code, or after `;`),
    // only a statement's first keyword can have been meant: `Form a group`
    // in prose is not a slip of `FROM`. Without a `;` before it, the word
    // may continue the statement before (`... AS n FORM t`).
    let fresh_start = rejection.expected == "an SQL statement"
        && previous.is_none_or(|p| p.token == Token::SemiColon);
    let meant = if fresh_start {
        STATEMENT_KEYWORDS
    } else {
        KEYWORDS
    };
    if let Some(problem) = misspelled(found, meant) {
        return Some(problem);
    }
    // `SELECT a FORM t`: the slip is read as an alias, and the parser stops
    // at the word after it.
    if let Some(problem) = previous.and_then(|p| misspelled(p, KEYWORDS)) {
        return Some(problem);
    }
    let next = tokens.get(rejection.found + 1);
    if rejection.expected.contains("after column definition")
        && plain_word(&found.token).is_some()
        && next.is_some_and(|t| matches!(t.token, Token::Word(_)))
    {
        return Some(at_token(
            found,
            format!(
                "SQL does not parse: a comma is missing before the column definition `{}`",
                found
            ),
            "`,` expected before this column",
        ));
    }
    // After a whole statement, a word that no statement can start with, or
    // a stray mark: text left over from an edit, or prose in the code. A
    // word in capitals is more likely a statement the parser does not know
    // (`REFRESH MATERIALIZED VIEW`) than a slip.
    let stray = plain_word(&found.token).is_some_and(|w| {
        !w.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            && !STATEMENT_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
    }) || matches!(
        found.token,
        Token::Comma | Token::Period | Token::RParen | Token::RBracket | Token::RBrace
    );
    if rejection.expected == "an SQL statement" && rejection.after_statement && stray {
        return Some(at_token(
            found,
            format!("SQL does not parse: `{found}` after the end of a statement"),
            "not part of any statement",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(code: &str) -> Option<(u64, String)> {
        sql_syntax(code).map(|p| (p.at.line, p.message))
    }

    #[test]
    fn valid_sql_in_any_dialect_is_fine() {
        for code in [
            "SELECT a, b FROM t WHERE c = 1",
            "SELECT 1;\nSELECT 2;",
            "SELECT 1\n\nSELECT 2",
            "## step one\nSELECT 1\n\n## step two\nSELECT 2",
            "SELECT TOP 5 * FROM t",
            "SELECT a::int FROM t",
            "CREATE TABLE t (a INT, b VARCHAR(10))",
            "CREATE TABLE t (a STRING) USING DELTA",
            "SELECT `a b` FROM t",
        ] {
            assert_eq!(problem(code), None, "{code}");
        }
    }

    #[test]
    fn misspelled_keywords_are_named() {
        assert_eq!(
            problem("SELEC a FROM t"),
            Some((
                1,
                "SQL does not parse: `SELEC` is not a keyword; did you mean `SELECT`?".into()
            ))
        );
        assert_eq!(
            problem("SELECT a\nFORM t\nWHERE b = 1"),
            Some((
                2,
                "SQL does not parse: `FORM` is not a keyword; did you mean `FROM`?".into()
            ))
        );
    }

    #[test]
    fn a_missing_comma_between_columns_is_named() {
        assert_eq!(
            problem("CREATE TABLE t (\n  a INT\n  b TEXT\n)"),
            Some((
                3,
                "SQL does not parse: a comma is missing before the column definition `b`".into()
            ))
        );
    }

    #[test]
    fn text_after_the_last_statement_is_named() {
        // Prose after a query is text after it, not a slip of `FROM`.
        assert_eq!(
            problem("SELECT 1;\nForm a group of the rows."),
            Some((
                2,
                "SQL does not parse: `Form` after the end of a statement".into()
            ))
        );
        assert_eq!(
            problem("SELECT a FROM t;\nx"),
            Some((
                2,
                "SQL does not parse: `x` after the end of a statement".into()
            ))
        );
    }

    #[test]
    fn what_the_parser_does_not_know_is_not_reported() {
        for code in [
            // Snowflake types with a precision, unknown to the parser.
            "CREATE TABLE t (a TIMESTAMP_NTZ(9), b INT)",
            // A template, not SQL.
            "SELECT * FROM {{ ref('orders') }}",
            // Statements the parser does not know.
            "SELECT 1;\nREFRESH MATERIALIZED VIEW v;",
            "SELECT 1;\nvacuum t;",
            // Prose in an sql fence is a question of shape, not of SQL.
            "Which of these statements is true?",
            "Form a group of the rows that share a key.",
        ] {
            assert_eq!(problem(code), None, "{code}");
        }
    }
}
