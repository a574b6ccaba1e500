//! `exambank server` as an editor sees it: the binary started as a child
//! process, JSON-RPC over its standard input and output. Transcripts of the
//! exchanges are snapshots; the findings are compared with `check`'s.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a debug build on a loaded machine; only a hung server
/// ever waits this long.
const PATIENCE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Replaces machine-specific paths in transcripts.
    redactions: Vec<(String, &'static str)>,
    /// Notifications received while waiting for something else.
    seen: Vec<Value>,
}

impl Client {
    fn start(workspace: &Path, cache: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exambank"))
            .arg("server")
            .current_dir(workspace)
            .env("XDG_CACHE_HOME", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the exambank binary starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let uri_of = |p: &Path| format!("file://{}", p.display());
        Self {
            child,
            stdin,
            incoming,
            next_id: 0,
            redactions: vec![
                (uri_of(cache), "file://$CACHE"),
                (uri_of(workspace), "file://$WORKSPACE"),
            ],
            seen: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message that `wanted` accepts, among those kept in `seen`
    /// or else the next ones; the others are kept in `seen`.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.seen.iter().position(&wanted) {
            return self.seen.remove(at);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.seen.push(message),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no answer from the server in time; it sent meanwhile: {:#?}",
                    self.seen
                ),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    fn diagnostics_for(&mut self, uri: &str) -> Value {
        let uri = uri.to_owned();
        self.wait(move |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
    }

    /// A message as a snapshot shows it: pretty JSON, paths redacted.
    fn shown(&self, message: &Value) -> String {
        let mut text = String::new();
        layout(message, 0, &mut text);
        for (from, to) in &self.redactions {
            text = text.replace(from, to);
        }
        text
    }

    fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the server exits cleanly: {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Pretty JSON in which each diagnostic, edit, location or range (an
/// object with a `range` and no `children`, or a `start` and an `end`)
/// takes one line: a transcript to read, not a wall of braces.
fn layout(value: &Value, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth + 1);
    let close = "  ".repeat(depth);
    match value {
        Value::Object(map)
            if (map.contains_key("range") && !map.contains_key("children"))
                || (map.contains_key("start") && map.contains_key("end"))
                || map.contains_key("location") =>
        {
            out.push_str(&value.to_string());
        }
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(&format!("{pad}{}: ", Value::String(key.clone())));
                layout(item, depth + 1, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&format!("{close}}}"));
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                layout(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&format!("{close}]"));
        }
        other => out.push_str(&other.to_string()),
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn initialize(client: &mut Client, workspace: &Path) -> Value {
    let root = format!("file://{}", workspace.display());
    let response = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "notes"}],
            "capabilities": {
                "textDocument": {"hover": {"contentFormat": ["markdown"]}},
                "general": {"positionEncodings": ["utf-16"]}
            }
        }),
    );
    client.notify("initialized", json!({}));
    response
}

fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&notes).unwrap();
    (dir, notes, cache)
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `(line, code, message)` of every diagnostic, 0-based lines.
fn listed(publish: &Value) -> Vec<(u64, String, String)> {
    publish["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// What `check --format json` reports for `file`, listed as the server's.
fn checked(dir: &Path, file: &str) -> Vec<(u64, String, String)> {
    let output = common::exambank(dir, &["check", "--format", "json", file]);
    let findings: Value = serde_json::from_slice(&output.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut message = f["message"].as_str().unwrap().to_owned();
            if let Some(help) = f["help"].as_str() {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            (
                f["line"].as_u64().unwrap() - 1,
                f["code"].as_str().unwrap().to_owned(),
                message,
            )
        })
        .collect()
}

/// The position of the first `needle` in `text` (ASCII text: UTF-16
/// columns are bytes).
fn position_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": column})
}

#[test]
fn a_session_on_the_sampler() {
    let Some(sampler) = common::sampler() else {
        eprintln!(
            "NOTICE: ../shared/notes-format/sampler.md is missing: the server session on the sampler did not run"
        );
        return;
    };
    let text = std::fs::read_to_string(sampler).unwrap();
    let (_dir, notes, cache) = workspace();
    let file = notes.join("sampler.md");
    std::fs::write(&file, &text).unwrap();
    let file_uri = uri(&file);
    let mut transcript = String::new();
    let mut log = |title: &str, body: String| {
        transcript.push_str(&format!("===== {title}\n{body}\n"));
    };

    let mut client = Client::start(&notes, &cache);
    let init = initialize(&mut client, &notes);
    log("initialize -> result", client.shown(&init));

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file_uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let opened = client.diagnostics_for(&file_uri);
    log(
        "didOpen sampler.md -> publishDiagnostics",
        client.shown(&opened),
    );
    // The same findings as `check`, in the same order, with the same words.
    assert_eq!(listed(&opened), checked(&notes, "sampler.md"));
    let codes: Vec<String> = listed(&opened).into_iter().map(|d| d.1).collect();
    for code in ["EB005", "EB401", "EB502"] {
        assert!(codes.contains(&code.to_owned()), "{code} in {codes:?}");
    }

    // Fix the misspelling on line 191 by typing over it.
    let start = position_of(&text, "definately");
    let end =
        json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + 10});
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": file_uri, "version": 2},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": "definitely"}]
        }),
    );
    let changed = client.diagnostics_for(&file_uri);
    assert_eq!(changed["params"]["version"], 2);
    let before = listed(&opened);
    let after = listed(&changed);
    let gone: Vec<_> = before.iter().filter(|d| !after.contains(d)).collect();
    let new: Vec<_> = after.iter().filter(|d| !before.contains(d)).collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0].1, "EB401");
    assert_eq!(gone[0].0, 190);
    assert!(new.is_empty(), "{new:?}");
    log(
        "didChange (definately -> definitely) -> publishDiagnostics: what changed",
        format!(
            "version {}\nremoved: {gone:?}\nadded: {new:?}",
            changed["params"]["version"]
        ),
    );
    let text = text.replacen("definately", "definitely", 1);

    // A quick fix for `[X]` on line 87.
    let at = position_of(&text, "[X]Tumbling");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": file_uri},
            "range": {"start": at, "end": at},
            "context": {"diagnostics": []}
        }),
    );
    log(
        "codeAction at [X] (line 87) -> result",
        client.shown(&actions),
    );
    let list = actions["result"].as_array().unwrap();
    let titles: Vec<&str> = list.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.iter().any(|t| t.starts_with("EB502:")), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.starts_with("Disable EB502")),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Fix all safe findings")),
        "{titles:?}"
    );
    // Apply the quick fix as an editor does, and see the finding go.
    let quick = list
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("EB502:"))
        .unwrap();
    let edits = quick["edit"]["changes"][&file_uri]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(edits.len(), 1);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": file_uri, "version": 3},
            "contentChanges": [{"range": edits[0]["range"], "text": edits[0]["newText"]}]
        }),
    );
    let fixed = client.diagnostics_for(&file_uri);
    let remaining = listed(&fixed);
    assert!(
        !remaining.iter().any(|d| d.1 == "EB502" && d.0 == 86),
        "{remaining:?}"
    );
    log(
        "didChange (the quick fix's edit) -> publishDiagnostics: what changed",
        format!(
            "removed: {:?}",
            after
                .iter()
                .filter(|d| !remaining.contains(d))
                .collect::<Vec<_>>()
        ),
    );

    // "Disable for this line" on the duplicate, then its hover and definition.
    let duplicate = fixed["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "EB005")
        .unwrap()
        .clone();
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": file_uri}, "position": duplicate["range"]["start"]}),
    );
    log(
        "definition on the EB005 finding -> result",
        client.shown(&definition),
    );
    let earlier = position_of(&text, "[x]Track consumer lag");
    assert_eq!(definition["result"]["uri"], file_uri.as_str());
    assert_eq!(
        definition["result"]["range"]["start"]["line"],
        earlier["line"]
    );

    let disable = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": file_uri},
            "range": duplicate["range"],
            "context": {"diagnostics": [duplicate], "only": ["quickfix"]}
        }),
    );
    log(
        "codeAction on the EB005 finding (only quickfix) -> result",
        client.shown(&disable),
    );

    // Its edit silences the finding, and the comment is not reported unused.
    let action = &disable["result"][0];
    assert_eq!(
        action["title"],
        "Disable EB005 (duplicate-exercise) for this line"
    );
    let edit = action["edit"]["changes"][&file_uri][0].clone();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": file_uri, "version": 4},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]
        }),
    );
    let silenced = listed(&client.diagnostics_for(&file_uri));
    assert!(
        !silenced.iter().any(|d| d.1 == "EB005" || d.1 == "EB006"),
        "{silenced:?}"
    );
    assert_eq!(silenced.len(), remaining.len() - 1);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": file_uri, "version": 5},
            "contentChanges": [{"range": {"start": edit["range"]["start"], "end": {"line": edit["range"]["start"]["line"].as_u64().unwrap() + 1, "character": 0}}, "text": ""}]
        }),
    );
    assert_eq!(listed(&client.diagnostics_for(&file_uri)), remaining);

    let heading = position_of(&text, "## Monitoring the pipeline");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri}, "position": heading}),
    );
    log(
        "hover on \"## Monitoring the pipeline\" -> result",
        client.shown(&hover),
    );
    let preview = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(preview.starts_with("**multiple_choice**"), "{preview}");
    assert!(preview.contains("**[x]** Track consumer lag"), "{preview}");

    let finding_hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri}, "position": duplicate["range"]["start"]}),
    );
    let docs = finding_hover["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert!(docs.contains("# EB005 `duplicate-exercise`"), "{docs}");
    assert!(docs.contains("## Why is this bad?"), "{docs}");

    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": file_uri}}),
    );
    log("documentSymbol -> result", client.shown(&symbols));
    let chapters = symbols["result"].as_array().unwrap();
    assert_eq!(chapters.len(), 3);

    client.shutdown();
    common::settings().bind(|| insta::assert_snapshot!("server_sampler_session", transcript));
}

#[test]
fn positions_are_utf16_and_configuration_is_read_again() {
    let (_dir, notes, cache) = workspace();
    // `é` is one UTF-16 unit and two bytes, `𝔸` two units and four bytes:
    // the trailing spaces start at UTF-16 column 18 of line 3 (17 in
    // characters, 21 in bytes).
    let text = "# 1. Café\n## Which 𝔸?\n```\n[x]Café au lait 𝔸  \n[ ]Thé\n[ ]Eau\n```\n";
    let file = notes.join("cafe.md");
    std::fs::write(&file, text).unwrap();
    let file_uri = uri(&file);
    let mut client = Client::start(&notes, &cache);
    initialize(&mut client, &notes);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file_uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let opened = client.diagnostics_for(&file_uri);
    let trailing = opened["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "EB501")
        .unwrap_or_else(|| panic!("{opened}"))
        .clone();
    assert_eq!(
        trailing["range"],
        json!({"start": {"line": 3, "character": 18}, "end": {"line": 3, "character": 20}})
    );
    // Its quick fix deletes exactly those two spaces.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": file_uri}, "range": trailing["range"], "context": {"diagnostics": [trailing]}}),
    );
    let fix = &actions["result"][0];
    assert_eq!(fix["title"], "EB501: Delete the trailing whitespace");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(
        fix["edit"]["changes"][&file_uri][0],
        json!({"range": trailing["range"], "newText": ""})
    );

    // A new exambank.toml turns the rule off: no restart needed.
    std::fs::write(
        notes.join("exambank.toml"),
        "disable = [\"trailing-whitespace\"]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&notes.join("exambank.toml")), "type": 1}]}),
    );
    let reread = client.diagnostics_for(&file_uri);
    assert!(!listed(&reread).iter().any(|d| d.1 == "EB501"), "{reread}");
    // A broken one is reported, on the file and to the user.
    std::fs::write(
        notes.join("exambank.toml"),
        "exclude = []\ndisable = [\"trailing-whitespce\"]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&notes.join("exambank.toml")), "type": 2}]}),
    );
    let config_uri = uri(&notes.join("exambank.toml"));
    let broken = client.diagnostics_for(&config_uri);
    let message = broken["params"]["diagnostics"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("trailing-whitespce"), "{message}");
    assert_eq!(
        broken["params"]["diagnostics"][0]["range"]["start"],
        json!({"line": 1, "character": 11})
    );
    // Fixed, the configuration applies again and its diagnostic goes.
    client.seen.clear();
    std::fs::write(notes.join("exambank.toml"), "disable = [\"EB502\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let cleared = client.diagnostics_for(&config_uri);
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    let again = client.diagnostics_for(&file_uri);
    assert!(listed(&again).iter().any(|d| d.1 == "EB501"), "{again}");
    client.shutdown();
}

#[test]
fn hover_on_a_rule_named_in_a_suppression_comment() {
    let (_dir, notes, cache) = workspace();
    let text = "# 1. A\n## Q\n<!-- exambank-disable-next-line EB102, single-option -->\n```\n[ ]Only one option here\n```\n";
    let file = notes.join("q.md");
    std::fs::write(&file, text).unwrap();
    let file_uri = uri(&file);
    let mut client = Client::start(&notes, &cache);
    initialize(&mut client, &notes);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file_uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let opened = client.diagnostics_for(&file_uri);
    assert_eq!(listed(&opened), checked(&notes, "q.md"));
    for (needle, page) in [
        ("EB102", "# EB102 `no-correct-option` (error)"),
        ("single-option", "# EB103 `single-option` (error)"),
    ] {
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": file_uri}, "position": position_of(text, needle)}),
        );
        let shown = hover["result"]["contents"]["value"].as_str().unwrap();
        assert!(shown.contains(page), "{shown}");
        assert!(shown.contains("## What it does"), "{shown}");
    }
    client.shutdown();
}

#[test]
fn cross_file_duplicates_follow_the_workspace_index() {
    let (_dir, notes, cache) = workspace();
    let question = "```\n[x]Track consumer lag for every partition.\n[ ]Check the pipeline once a month.\n[x]Alert when the error rate rises.\n```\n";
    let first = format!("# 1. Ops\n## Monitoring the pipeline\n{question}");
    let second = format!("# 1. Ops\n## Watching the pipeline\n{question}");
    std::fs::write(notes.join("a.md"), &first).unwrap();
    std::fs::write(notes.join("b.md"), &second).unwrap();
    let b_uri = uri(&notes.join("b.md"));
    let a_uri = uri(&notes.join("a.md"));
    let mut client = Client::start(&notes, &cache);
    initialize(&mut client, &notes);
    // b.md is judged against a.md on disk, which is not open.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": b_uri, "languageId": "markdown", "version": 1, "text": second}}),
    );
    let opened = client.diagnostics_for(&b_uri);
    assert_eq!(
        listed(&opened),
        checked(&notes, ".").into_iter().collect::<Vec<_>>()
    );
    let duplicate = opened["params"]["diagnostics"][0].clone();
    assert_eq!(duplicate["code"], "EB005");
    assert!(
        duplicate["message"].as_str().unwrap().contains("a.md:2"),
        "{duplicate}"
    );
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": b_uri}, "position": duplicate["range"]["start"]}),
    );
    assert_eq!(definition["result"]["uri"], a_uri.as_str());
    assert_eq!(definition["result"]["range"]["start"]["line"], 3);

    // Editing a.md in the editor takes the duplicate away from b.md, whose
    // text did not change: only its cross-file findings are judged again.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a_uri, "languageId": "markdown", "version": 1, "text": first}}),
    );
    client.diagnostics_for(&a_uri);
    let other = first.replace(
        "Alert when the error rate rises",
        "Restart every broker at noon",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a_uri, "version": 2}, "contentChanges": [{"text": other}]}),
    );
    let refreshed = client.diagnostics_for(&b_uri);
    assert!(
        !listed(&refreshed).iter().any(|d| d.1 == "EB005"),
        "{refreshed}"
    );
    client.shutdown();
}
