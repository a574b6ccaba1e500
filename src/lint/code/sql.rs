//! SQL syntax beyond tokens: the code is parsed by sqlparser, and a problem
//! is reported only when the failure is one that can be named with
//! confidence (a misspelled keyword, a missing comma between column
//! definitions, text after the end of a statement) *and* no other dialect
//! that course notes plausibly use accepts the code or reads further. A
//! construct that the parser does not know (a Snowflake type, a template)
//! fails in another way and is not reported: a false error costs more than
//! a missed one.

use sqlparser::dialect::{
    BigQueryDialect, DatabricksDialect, Dialect, DuckDbDialect, GenericDialect, HiveDialect,
    MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect, SnowflakeDialect,
};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError, ParserOptions};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

/// The dialects that may accept code Databricks rejects: a problem is
/// reported only when none of them accepts the code or reads further.
fn other_dialects() -> [&'static dyn Dialect; 9] {
    [
        &GenericDialect {},
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

/// Why one dialect rejected the code: the token it stopped at, and the
/// tokens around it.
struct Rejection {
    found: TokenWithSpan,
    previous: Option<TokenWithSpan>,
    next: Option<TokenWithSpan>,
    /// What the parser expected there.
    expected: String,
    /// Whether a whole statement was read before it.
    after_statement: bool,
}

/// The syntax problem of `code`, when every dialect rejects it and the
/// reason can be named. `tokens` are the code's tokens in the Databricks
/// dialect: most code is accepted on that first parse. Code it rejects for
/// a reason that cannot be named (a construct it does not know, such as
/// `CREATE TABLE t USING delta AS ...`) is left alone at once; only a named
/// problem is put to the other dialects, any of which can clear it.
#[must_use]
pub fn sql_syntax(code: &str, tokens: Vec<TokenWithSpan>) -> Option<SqlSyntax> {
    let rejection = parse(&DatabricksDialect {}, tokens).err()??;
    let problem = name(&rejection)?;
    let at = rejection.found.span.start;
    for dialect in other_dialects() {
        // A dialect whose tokenizer fails (a quote style it lacks) only
        // counts as one more rejection.
        let Ok(tokens) = Tokenizer::new(dialect, code)
            .with_unescape(false)
            .tokenize_with_location()
        else {
            continue;
        };
        match parse(dialect, tokens) {
            Ok(()) => return None,
            Err(Some(other)) if other.found.span.start > at => return None,
            Err(_) => {}
        }
    }
    Some(problem)
}

/// `Ok` when `dialect` accepts the code; `Err(None)` when it rejects it for
/// a reason other than a token it did not expect (the nesting is too deep).
fn parse(
    dialect: &dyn Dialect,
    mut tokens: Vec<TokenWithSpan>,
) -> Result<(), Option<Box<Rejection>>> {
    // The parser steps over whitespace at every look ahead (and the tokens
    // around a problem are its neighbours in the code): drop it once.
    tokens.retain(|t| !matches!(t.token, Token::Whitespace(_)));
    // Statements written one after another without `;` are a list of
    // queries (and valid T-SQL): each is judged on its own.
    let mut options = ParserOptions::new().with_unescape(false);
    options.require_semicolon_stmt_delimiter = false;
    let mut parser = Parser::new(dialect)
        .with_options(options)
        .with_tokens_with_locations(tokens);
    let mut after_statement = false;
    loop {
        while parser.consume_token(&Token::SemiColon) {}
        if parser.peek_token_ref().token == Token::EOF {
            return Ok(());
        }
        match parser.parse_statement() {
            Ok(_) => after_statement = true,
            Err(ParserError::ParserError(message)) => {
                return Err(rejection(&parser, &message, after_statement).map(Box::new));
            }
            Err(_) => return Err(None),
        }
    }
}

/// What the parser's `message` says, with the tokens around the place it
/// names (the parser keeps them).
fn rejection(parser: &Parser<'_>, message: &str, after_statement: bool) -> Option<Rejection> {
    let (expected, at) = expected_at(message)?;
    let token = |k: usize| {
        let t = parser.token_at(k);
        (t.token != Token::EOF).then(|| t.clone())
    };
    let mut k = 0;
    while parser.token_at(k).token != Token::EOF && parser.token_at(k).span.start < at {
        k += 1;
    }
    Some(Rejection {
        found: parser.token_at(k).clone(),
        previous: k.checked_sub(1).and_then(token),
        next: token(k + 1),
        expected: expected.to_owned(),
        after_statement,
    })
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
    "BEGIN",
    "CACHE",
    "CALL",
    "CHECKPOINT",
    "CLUSTER",
    "COPY",
    "DBCC",
    "DEALLOCATE",
    "DECLARE",
    "DESCRIBE",
    "DETACH",
    "END",
    "EXEC",
    "EXECUTE",
    "EXPLAIN",
    "FLUSH",
    "GET",
    "GO",
    "IF",
    "INSTALL",
    "KILL",
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
    "SET",
    "SHOW",
    "THROW",
    "UNCACHE",
    "UNDROP",
    "UNLOAD",
    "UNLOCK",
    "USE",
    "VACUUM",
    "WAITFOR",
    "WHILE",
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
        // A keyword with an ending (`DELETED`, `ORDERS`) is another word.
        distance > 0
            && (distance == 1 || (distance == 2 && keyword.len() >= 7))
            && !upper.starts_with(keyword)
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
    let found = &rejection.found;
    let previous = rejection.previous.as_ref();
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
    // at what the keyword would have taken (a name, a number, `BY` after
    // `GROPU`). Before another keyword (`CREATE TABLE form USING ...`) the
    // word is a name the parser did not expect there, not a slip.
    let takes_what_follows = plain_word(&found.token).is_some()
        || matches!(&found.token, Token::Word(w) if w.quote_style.is_some())
        || matches!(
            &found.token,
            Token::Number(..) | Token::SingleQuotedString(_) | Token::Mul | Token::LParen
        )
        || matches!(&found.token, Token::Word(w) if w.keyword == Keyword::BY);
    if takes_what_follows && let Some(problem) = previous.and_then(|p| misspelled(p, KEYWORDS)) {
        return Some(problem);
    }
    let next = rejection.next.as_ref();
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
    // Prose words are often keywords to the parser (`rows`, `first`): any
    // word counts where no statement can start with it.
    let stray = matches!(&found.token, Token::Word(w) if w.quote_style.is_none() && {
        let w = w.value.as_str();
        !w.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            && !STATEMENT_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
    }) || matches!(
        found.token,
        Token::Comma | Token::Period | Token::RParen | Token::RBracket | Token::RBrace
    );
    // Only where a statement ends as written: after `;`, or on a line of
    // its own. Mid-line, the parser more likely stopped at a construct it
    // does not know (`SELECT a, b INTO x, y`).
    let ends_there = previous
        .is_none_or(|p| p.token == Token::SemiColon || p.span.end.line < found.span.start.line);
    if rejection.expected == "an SQL statement" && rejection.after_statement && stray && ends_there
    {
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
        let tokens = Tokenizer::new(&DatabricksDialect {}, code)
            .tokenize_with_location()
            .unwrap();
        sql_syntax(code, tokens).map(|p| (p.at.line, p.message))
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
    fn slips_read_as_aliases_are_named() {
        for (code, slip) in [
            ("SELECT a FROM t\nGROPU BY a", "GROPU"),
            ("SELECT a FROM t WHRE a = 1", "WHRE"),
            ("SELECT a FROM t ORDER BY a LIMT 5", "LIMT"),
        ] {
            let found = problem(code).map(|(_, m)| m).unwrap_or_default();
            assert!(
                found.contains(&format!("`{slip}` is not a keyword")),
                "{code}: {found}"
            );
        }
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
        // Prose after a query is text after it, not a slip of `FROM`, even
        // when its first word is a keyword to the parser.
        assert_eq!(
            problem("SELECT 1;\nrows come back in any order"),
            Some((
                2,
                "SQL does not parse: `rows` after the end of a statement".into()
            ))
        );
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
            // Templates and slots to fill, not SQL.
            "SELECT * FROM {{ ref('orders') }}",
            "SELECT * FROM orders WHERE region = {{region}}",
            "SELECT <column> FROM <table> WHERE <condition>",
            "CREATE TABLE t USING delta OPTIONS (path '/x') LOCATION '/y' AS (SELECT 1)",
            // Statements the parser does not know.
            "SELECT 1;\nREFRESH MATERIALIZED VIEW v;",
            // A name that reads like a keyword, before a clause the parser
            // does not know.
            "CREATE TABLE form USING delta AS (SELECT 1)",
            // Constructs the parser does not know, stopped at mid-line.
            "SELECT a, b INTO x.y, z.w FROM t",
            "SELECT t.* all_cols FROM t",
            "DELETE FROM t OUTPUT DELETED.* WHERE id = 1",
            "SELECT 1;\nvacuum t;",
            // Prose in an sql fence is a question of shape, not of SQL.
            "Which of these statements is true?",
            "Form a group of the rows that share a key.",
        ] {
            assert_eq!(problem(code), None, "{code}");
        }
    }
}
