//! `exambank server`: a Language Server Protocol server over standard input
//! and output, on `lsp-server` and `lsp-types`.
//!
//! Findings come from the same pipeline as `check` ([`check_source`], the
//! nearest `exambank.toml`, inline suppressions), for the one document that
//! changed. The cross-file rules read a workspace index: each notes file's
//! summary (a few hashes per exercise), kept per file and updated when a
//! document changes or a file changes on disk; a document's cross-file
//! findings are those `check` of the workspace folder reports for it (its
//! files in path order, each judged against the files before it).

mod actions;
mod hover;
mod position;
mod symbols;
mod uri;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CodeDescription, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, HoverProviderCapability, InitializeParams,
    Location, MessageType, NumberOrString, OneOf, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ShowMessageParams, TextDocumentContentChangeEvent,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, notification as note, request as req,
};
use rayon::prelude::*;

use self::position::Lines;
use super::args::{ConfigFileArgs, ServerArgs};
use super::config_files::{LoadError, Resolver};
use super::exit;
use super::files;
use exambank::config;
use exambank::lint::bank::{BankPass, FileSummary};
use exambank::lint::{Finding, RuleMeta, RuleSettings, Severity, find_rule};
use exambank::model;
use exambank::pipeline::check_source;
use exambank::source::{LineIndex, SourceFile};

/// The code-action kind of "fix all safe findings in this file".
const FIX_ALL_KIND: &str = "source.fixAll.exambank";

/// Runs the server until the client shuts it down; the exit code.
pub fn run(args: &ServerArgs) -> u8 {
    let (connection, io_threads) = Connection::stdio();
    let served = serve(&connection, &args.config);
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => exit::CLEAN,
        (Err(error), _) => fail(&error.to_string()),
        (_, Err(error)) => fail(&error.to_string()),
    }
}

fn fail(message: &str) -> u8 {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr().lock(),
        "error: exambank server: {message}"
    );
    exit::FAILURE
}

type Failed = Box<dyn std::error::Error + Send + Sync>;

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

fn serve(connection: &Connection, config: &ConfigFileArgs) -> Result<(), Failed> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "exambank", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result)?;
    let mut server = Server::new(connection, &params, config)?;
    loop {
        let Ok(message) = connection.receiver.recv() else {
            return Ok(());
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                server.flush();
                server.request(request);
            }
            Message::Notification(notification) => {
                if notification.method == note::Exit::METHOD {
                    return Err("exit before shutdown".into());
                }
                server.notify(notification);
            }
            Message::Response(_) => {}
        }
        // Changes that arrive together are checked once, when the queue
        // is empty: a burst of keystrokes costs one check.
        if connection.receiver.is_empty() {
            server.flush();
        }
    }
}

/// An open document.
struct Doc {
    uri: Uri,
    version: i32,
    /// Absolute; `None` for a document that is not a file (`untitled:`).
    path: Option<PathBuf>,
    text: Arc<str>,
    /// The path as `check` of the workspace folder shows it.
    display: String,
    /// Changed since it was last checked.
    dirty: bool,
    checked: Option<Checked>,
}

/// What checking a document found.
struct Checked {
    settings: RuleSettings,
    /// The file's own findings, before the cross-file pass.
    own: Vec<Finding>,
    summary: Option<FileSummary>,
    /// `own` and the cross-file findings, sorted: what is published.
    findings: Vec<Finding>,
    published: Vec<Diagnostic>,
}

/// A notes file of the workspace, for the cross-file rules.
struct Indexed {
    path: PathBuf,
    /// `None` when no cross-file rule runs on it.
    summary: Option<FileSummary>,
}

pub(super) struct Server<'c> {
    connection: &'c Connection,
    config_args: ConfigFileArgs,
    roots: Vec<PathBuf>,
    docs: HashMap<String, Doc>,
    /// Workspace notes files by display path: the order of `check`.
    index: BTreeMap<String, Indexed>,
    /// Configuration files that failed to load at the last check, with what
    /// was reported for them.
    bad_configs: BTreeMap<PathBuf, ConfigProblem>,
    /// Rule documentation pages, by code, for each diagnostic's link.
    docs_links: HashMap<&'static str, Uri>,
    next_request: i32,
}

impl<'c> Server<'c> {
    fn new(
        connection: &'c Connection,
        params: &InitializeParams,
        config_args: &ConfigFileArgs,
    ) -> Result<Self, Failed> {
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|folder| uri::to_path(&folder.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri::to_path)
        {
            roots.push(root);
        }
        let docs_url = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("ruleDocsUrl"))
            .and_then(|u| u.as_str())
            .map(str::to_owned);
        let mut server = Self {
            connection,
            config_args: ConfigFileArgs {
                config: config_args.config.clone(),
                isolated: config_args.isolated,
            },
            roots,
            docs: HashMap::new(),
            index: BTreeMap::new(),
            bad_configs: BTreeMap::new(),
            docs_links: rule_doc_links(docs_url.as_deref()),
            next_request: 0,
        };
        server.watch_files(params);
        server.index_workspace();
        Ok(server)
    }

    fn send(&self, message: impl Into<Message>) {
        // The connection ends only when the client has gone: nothing to tell.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify_client<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params));
    }

    fn show_message(&self, typ: MessageType, message: String) {
        self.notify_client::<note::ShowMessage>(ShowMessageParams { typ, message });
    }

    /// Asks the client to report changes to configuration and notes files,
    /// when it can watch files for the server.
    fn watch_files(&mut self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers: Vec<lsp_types::FileSystemWatcher> =
            [format!("**/{}", config::FILE_NAME), "**/*.md".to_owned()]
                .into_iter()
                .map(|glob| lsp_types::FileSystemWatcher {
                    glob_pattern: lsp_types::GlobPattern::String(glob),
                    kind: None,
                })
                .collect();
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "exambank-watch".to_owned(),
                method: note::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        self.send(Request::new(
            RequestId::from(self.next_request),
            req::RegisterCapability::METHOD.to_owned(),
            params,
        ));
    }

    /// The path `check` of the workspace folder shows for `path`.
    fn display_of(&self, path: &Path) -> String {
        self.roots
            .iter()
            .filter_map(|root| path.strip_prefix(root).ok())
            .min_by_key(|rest| rest.components().count())
            .map_or_else(|| files::display(path), files::display)
    }

    /// Summarizes every notes file of the workspace folders that its
    /// configuration does not exclude, in parallel, as `check` reads them.
    fn index_workspace(&mut self) {
        self.index.clear();
        let mut resolver = match Resolver::new(&self.config_args) {
            Ok(resolver) => resolver,
            Err(error) => {
                self.config_failed(&error);
                return;
            }
        };
        let mut jobs = Vec::new();
        for root in &self.roots {
            let (inputs, _) = files::collect(std::slice::from_ref(root));
            for input in inputs {
                // An invalid configuration is reported when a document under
                // it is checked; its files take no part meanwhile.
                let Ok(loaded) = resolver.for_path(&input.path) else {
                    continue;
                };
                if loaded.excludes(&input.path) {
                    continue;
                }
                let settings = loaded.settings_for(&input.path);
                let display = self.display_of(&input.path);
                jobs.push((input, display, settings));
            }
        }
        let indexed: Vec<(String, Indexed)> = jobs
            .into_par_iter()
            .filter_map(|(mut input, display, settings)| {
                input.display.clone_from(&display);
                let file = files::read(&input).ok()?;
                let checked = check_source(file, "", &settings);
                let entry = Indexed {
                    path: input.path,
                    summary: checked.summary,
                };
                Some((display, entry))
            })
            .collect();
        self.index.extend(indexed);
        // Open documents stand for their files.
        for doc in self.docs.values_mut() {
            doc.dirty = true;
        }
    }

    fn request(&mut self, request: Request) {
        let response = match request.method.as_str() {
            req::HoverRequest::METHOD => self.answer::<req::HoverRequest>(request, Self::hover),
            req::CodeActionRequest::METHOD => {
                self.answer::<req::CodeActionRequest>(request, Self::code_actions)
            }
            req::DocumentSymbolRequest::METHOD => {
                self.answer::<req::DocumentSymbolRequest>(request, Self::symbols)
            }
            req::GotoDefinition::METHOD => {
                self.answer::<req::GotoDefinition>(request, Self::definition)
            }
            _ => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("exambank server does not answer {}", request.method),
            ),
        };
        self.send(response);
    }

    fn answer<R: lsp_types::request::Request>(
        &self,
        request: Request,
        handle: impl Fn(&Self, R::Params) -> R::Result,
    ) -> Response {
        let id = request.id.clone();
        match request.extract::<R::Params>(R::METHOD) {
            Ok((id, params)) => Response::new_ok(id, handle(self, params)),
            Err(error) => Response::new_err(
                id,
                lsp_server::ErrorCode::InvalidParams as i32,
                format!("{error:?}"),
            ),
        }
    }

    fn notify(&mut self, notification: Notification) {
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidOpenTextDocumentParams>(
                    note::DidOpenTextDocument::METHOD,
                ) {
                    let item = params.text_document;
                    self.open(item.uri, item.version, item.text);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    note::DidChangeTextDocument::METHOD,
                ) {
                    self.change(
                        &params.text_document.uri,
                        params.text_document.version,
                        params.content_changes,
                    );
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidSaveTextDocumentParams>(
                    note::DidSaveTextDocument::METHOD,
                ) {
                    self.saved(&params.text_document.uri);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidCloseTextDocumentParams>(
                    note::DidCloseTextDocument::METHOD,
                ) {
                    self.close(&params.text_document.uri);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    note::DidChangeWatchedFiles::METHOD,
                ) {
                    self.files_changed(&params.changes);
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, uri: Uri, version: i32, text: String) {
        let path = uri::to_path(&uri);
        let display = path
            .as_deref()
            .map_or_else(|| uri.as_str().to_owned(), |p| self.display_of(p));
        let doc = Doc {
            uri: uri.clone(),
            version,
            path,
            text: text.into(),
            display,
            dirty: true,
            checked: None,
        };
        self.docs.insert(uri.as_str().to_owned(), doc);
    }

    fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let Some(doc) = self.docs.get_mut(uri.as_str()) else {
            return;
        };
        let mut text = doc.text.to_string();
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let index = LineIndex::new(&text);
                    let span = Lines {
                        text: &text,
                        index: &index,
                    }
                    .span(range);
                    text.replace_range(span.start..span.end, &change.text);
                }
            }
        }
        doc.text = text.into();
        doc.version = version;
        doc.dirty = true;
    }

    fn saved(&mut self, uri: &Uri) {
        if is_config(uri) {
            self.config_changed();
        } else if let Some(doc) = self.docs.get_mut(uri.as_str()) {
            doc.dirty = true;
        }
    }

    fn close(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.remove(uri.as_str()) else {
            return;
        };
        self.publish(&doc.uri, None, Vec::new());
        // The file on disk takes the document's place in the index.
        self.index.remove(&doc.display);
        if let Some(path) = doc.path {
            self.index_file(&path);
        }
        self.refresh_cross_file(&doc.display);
    }

    fn files_changed(&mut self, changes: &[lsp_types::FileEvent]) {
        if changes.iter().any(|change| is_config(&change.uri)) {
            self.config_changed();
            return;
        }
        let mut first: Option<String> = None;
        for change in changes {
            let Some(path) = uri::to_path(&change.uri) else {
                continue;
            };
            if self.docs.contains_key(change.uri.as_str()) {
                continue; // the editor's text stands for the file
            }
            let display = self.display_of(&path);
            self.index.remove(&display);
            if change.typ != lsp_types::FileChangeType::DELETED {
                self.index_file(&path);
            }
            if first.as_ref().is_none_or(|f| display < *f) {
                first = Some(display);
            }
        }
        if let Some(first) = first {
            self.refresh_cross_file(&first);
        }
    }

    /// An `exambank.toml` changed: every file is read again under the new
    /// configuration.
    fn config_changed(&mut self) {
        self.index_workspace();
    }

    /// Adds a notes file on disk to the index, as `check` would read it.
    fn index_file(&mut self, path: &Path) {
        if !self.roots.iter().any(|root| path.starts_with(root)) {
            return;
        }
        let Ok(mut resolver) = Resolver::new(&self.config_args) else {
            return;
        };
        let Ok(loaded) = resolver.for_path(path) else {
            return;
        };
        if loaded.excludes(path) {
            return;
        }
        let display = self.display_of(path);
        let input = files::Input {
            display: display.clone(),
            path: path.to_path_buf(),
        };
        let Ok(file) = files::read(&input) else {
            return;
        };
        let summary = check_source(file, "", &loaded.settings_for(path)).summary;
        self.index.insert(
            display,
            Indexed {
                path: path.to_path_buf(),
                summary,
            },
        );
    }

    /// Checks every changed document, then the cross-file findings of the
    /// open documents that follow the first changed one.
    fn flush(&mut self) {
        let dirty: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(k, _)| k.clone())
            .collect();
        if dirty.is_empty() {
            return;
        }
        let mut resolver = match Resolver::new(&self.config_args) {
            Ok(resolver) => resolver,
            Err(error) => {
                self.config_failed(&error);
                return;
            }
        };
        let mut bad = BTreeMap::new();
        let mut first: Option<String> = None;
        for key in dirty {
            let display = self.docs[&key].display.clone();
            self.check_doc(&key, &mut resolver, &mut bad);
            if first.as_ref().is_none_or(|f| display < *f) {
                first = Some(display);
            }
        }
        self.report_configs(bad);
        if let Some(first) = first {
            self.refresh_cross_file(&first);
        }
    }

    /// Checks one document as `check` checks a file, and publishes what it
    /// finds.
    fn check_doc(
        &mut self,
        key: &str,
        resolver: &mut Resolver,
        bad: &mut BTreeMap<PathBuf, ConfigProblem>,
    ) {
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        doc.dirty = false;
        if is_config(&doc.uri) {
            return;
        }
        let loaded = match &doc.path {
            Some(path) => resolver.for_path(path),
            None => Resolver::new(&ConfigFileArgs {
                config: None,
                isolated: true,
            })
            .and_then(|mut r| r.for_path(Path::new("."))),
        };
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(error) => {
                let (path, problem) = config_error_text(&error);
                bad.insert(path, problem);
                let uri = doc.uri.clone();
                doc.checked = None;
                self.publish(&uri, None, Vec::new());
                return;
            }
        };
        let included = doc.path.as_ref().is_none_or(|p| !loaded.excludes(p));
        let settings = doc.path.as_ref().map_or_else(
            || loaded.config.settings.clone(),
            |p| loaded.settings_for(p),
        );
        let display = doc.display.clone();
        let mut checked = Checked {
            settings,
            own: Vec::new(),
            summary: None,
            findings: Vec::new(),
            published: Vec::new(),
        };
        if included {
            let file = SourceFile::new(display.clone(), Arc::clone(&doc.text));
            let result = check_source(file, "", &checked.settings);
            checked.own = result.findings;
            checked.summary = result.summary;
        }
        doc.checked = Some(checked);
        let entry = self.docs[key].path.clone().filter(|_| included);
        match entry {
            Some(path) => {
                let summary = self.docs[key]
                    .checked
                    .as_ref()
                    .and_then(|c| c.summary.clone());
                self.index.insert(display, Indexed { path, summary });
            }
            None => {
                self.index.remove(&display);
            }
        }
        self.judge_cross_file(key, true);
    }

    /// The cross-file findings of the open documents from `first` on (in
    /// path order) are judged again: a change to one file can add or remove
    /// a duplicate in the files after it.
    fn refresh_cross_file(&mut self, first: &str) {
        let keys: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.display.as_str() >= first && !d.dirty)
            .map(|(k, _)| k.clone())
            .collect();
        for key in keys {
            self.judge_cross_file(&key, false);
        }
    }

    /// Joins a document's own findings with its cross-file ones (what the
    /// cross-file pass of `check` gives it), and publishes them when they
    /// changed (`always`: in any case).
    fn judge_cross_file(&mut self, key: &str, always: bool) {
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let Some(checked) = &doc.checked else {
            return;
        };
        let mut findings = checked.own.clone();
        if let Some(summary) = &checked.summary {
            let mut pass = BankPass::new();
            let before = RuleSettings::default();
            for entry in self.index.range(..doc.display.clone()).map(|(_, e)| e) {
                if let Some(summary) = &entry.summary {
                    // Their own findings are their documents' business.
                    let _ = pass.add(summary.clone(), &before);
                }
            }
            let found = pass.add(summary.clone(), &checked.settings);
            if !found.is_empty() {
                findings.extend(found);
                findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
        }
        let index = LineIndex::new(&doc.text);
        let lines = Lines {
            text: &doc.text,
            index: &index,
        };
        let diagnostics: Vec<Diagnostic> = findings
            .iter()
            .map(|finding| self.diagnostic(&doc.display, &lines, finding))
            .collect();
        let changed = checked.published != diagnostics;
        let (uri, version) = (doc.uri.clone(), doc.version);
        if let Some(checked) = self.docs.get_mut(key).and_then(|d| d.checked.as_mut()) {
            checked.findings = findings;
            checked.published.clone_from(&diagnostics);
        }
        if always || changed {
            self.publish(&uri, Some(version), diagnostics);
        }
    }

    fn publish(&self, uri: &Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
        self.notify_client::<note::PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    /// A finding as the protocol carries it: the same message and help as
    /// `check`, the rule's code linking to its documentation.
    fn diagnostic(&self, display: &str, lines: &Lines<'_>, finding: &Finding) -> Diagnostic {
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let related: Vec<DiagnosticRelatedInformation> = finding
            .related
            .iter()
            .filter_map(|related| {
                Some(DiagnosticRelatedInformation {
                    location: self.location(display, lines, &related.path, related.span)?,
                    message: related.message.clone(),
                })
            })
            .collect();
        Diagnostic {
            range: lines.range(finding.span),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.code.to_owned())),
            code_description: self
                .docs_links
                .get(finding.code)
                .map(|href| CodeDescription { href: href.clone() }),
            source: Some("exambank".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    /// Where a span of the file shown as `path` is: this document (`lines`,
    /// shown as `display`), another open one, or a file of the index.
    fn location(
        &self,
        display: &str,
        lines: &Lines<'_>,
        path: &str,
        span: exambank::source::Span,
    ) -> Option<Location> {
        if path == display {
            let doc = self.docs.values().find(|d| d.display == display)?;
            return Some(Location::new(doc.uri.clone(), lines.range(span)));
        }
        if let Some(doc) = self.docs.values().find(|d| d.display == path) {
            let index = LineIndex::new(&doc.text);
            let other = Lines {
                text: &doc.text,
                index: &index,
            };
            return Some(Location::new(doc.uri.clone(), other.range(span)));
        }
        let entry = self.index.get(path)?;
        let text = std::fs::read_to_string(&entry.path).ok()?;
        let index = LineIndex::new(&text);
        let other = Lines {
            text: &text,
            index: &index,
        };
        Some(Location::new(
            uri::from_path(&entry.path)?,
            other.range(span),
        ))
    }

    /// Reports configuration files that failed to load (once each, and as
    /// a diagnostic on the file), and clears those that load again.
    fn report_configs(&mut self, bad: BTreeMap<PathBuf, ConfigProblem>) {
        let gone: Vec<PathBuf> = self
            .bad_configs
            .keys()
            .filter(|p| !bad.contains_key(*p))
            .cloned()
            .collect();
        for path in gone {
            self.bad_configs.remove(&path);
            if let Some(uri) = uri::from_path(&path) {
                self.publish(&uri, None, Vec::new());
            }
        }
        for (path, problem) in bad {
            if self.bad_configs.get(&path) == Some(&problem) {
                continue;
            }
            self.show_message(MessageType::ERROR, problem.message.clone());
            if let Some(uri) = uri::from_path(&path) {
                self.publish(&uri, None, vec![config_diagnostic(&problem)]);
            }
            self.bad_configs.insert(path, problem);
        }
    }

    fn config_failed(&mut self, error: &LoadError) {
        let (path, problem) = config_error_text(error);
        self.report_configs(BTreeMap::from([(path, problem)]));
    }

    fn doc(&self, uri: &Uri) -> Option<&Doc> {
        self.docs.get(uri.as_str())
    }

    fn definition(
        &self,
        params: lsp_types::GotoDefinitionParams,
    ) -> Option<lsp_types::GotoDefinitionResponse> {
        let at = params.text_document_position_params;
        let doc = self.doc(&at.text_document.uri)?;
        let checked = doc.checked.as_ref()?;
        let index = LineIndex::new(&doc.text);
        let lines = Lines {
            text: &doc.text,
            index: &index,
        };
        let offset = lines.offset(at.position);
        let related = checked
            .findings
            .iter()
            .filter(|f| covers(f.span, offset))
            .find_map(|f| f.related.first())?;
        let location = self.location(&doc.display, &lines, &related.path, related.span)?;
        Some(lsp_types::GotoDefinitionResponse::Scalar(location))
    }
}

/// Whether `offset` falls on `span` (an empty span: at its point).
fn covers(span: exambank::source::Span, offset: usize) -> bool {
    span.start <= offset && (offset < span.end || offset == span.start)
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        // Shown, not merely hinted: style findings fail a run that denies them.
        Severity::Style => DiagnosticSeverity::INFORMATION,
    }
}

fn is_config(uri: &Uri) -> bool {
    uri.as_str()
        .rsplit('/')
        .next()
        .is_some_and(|name| name == config::FILE_NAME)
}

/// What a configuration that failed to load is reported as: its file
/// (absolute), the message, and where in the file (0-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ConfigProblem {
    message: String,
    at: (u32, u32),
}

fn config_error_text(error: &LoadError) -> (PathBuf, ConfigProblem) {
    let absolute = |p: &str| std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p));
    match error {
        LoadError::Io { path, message } => (
            absolute(path),
            ConfigProblem {
                message: format!("cannot read {path}: {message}"),
                at: (0, 0),
            },
        ),
        LoadError::Invalid(error) => {
            let mut message = format!("invalid configuration: {error}");
            if let Some(help) = &error.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let zero_based = |n: usize| u32::try_from(n.saturating_sub(1)).unwrap_or(u32::MAX);
            let at = (zero_based(error.line), zero_based(error.column));
            (absolute(&error.path), ConfigProblem { message, at })
        }
    }
}

/// A configuration error as a diagnostic on its file.
fn config_diagnostic(problem: &ConfigProblem) -> Diagnostic {
    let at = lsp_types::Position::new(problem.at.0, problem.at.1);
    Diagnostic {
        range: lsp_types::Range::new(at, at),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("exambank".to_owned()),
        message: problem.message.clone(),
        ..Diagnostic::default()
    }
}

/// Where each rule's documentation is: `ruleDocsUrl` with `{code}` and
/// `{name}` filled in when the client gives one, else a Markdown page per
/// rule written to the user's cache folder (the text of `exambank explain`,
/// for this version).
fn rule_doc_links(template: Option<&str>) -> HashMap<&'static str, Uri> {
    let metas = exambank::lint::RULES.iter().map(|r| r.meta());
    if let Some(template) = template {
        return metas
            .filter_map(|meta| {
                let url = template
                    .replace("{code}", meta.code)
                    .replace("{name}", meta.name);
                Some((meta.code, url.parse().ok()?))
            })
            .collect();
    }
    let Some(dir) = docs_dir() else {
        return HashMap::new();
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return HashMap::new();
    }
    metas
        .filter_map(|meta| {
            let page = dir.join(format!("{}.md", meta.code));
            let text = rule_doc_page(meta);
            let current = std::fs::read_to_string(&page).ok();
            if current.as_deref() != Some(text.as_str()) {
                super::write::file_atomic(&page, text.as_bytes()).ok()?;
            }
            Some((meta.code, uri::from_path(&page)?))
        })
        .collect()
}

fn docs_dir() -> Option<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(
        cache
            .join("exambank")
            .join(env!("CARGO_PKG_VERSION"))
            .join("rules"),
    )
}

/// A rule's documentation as a page of its own.
pub(super) fn rule_doc_page(meta: &RuleMeta) -> String {
    let mut page = format!(
        "# {} `{}` ({}{})\n\n",
        meta.code,
        meta.name,
        meta.severity.as_str(),
        if meta.fixable {
            if meta.unsafe_fix {
                ", unsafe fix"
            } else {
                ", fixable"
            }
        } else {
            ""
        }
    );
    page.push_str(meta.explanation().trim_end());
    page.push('\n');
    page
}

/// The rule named at `word` (a code or a name).
fn rule_named(word: &str) -> Option<&'static RuleMeta> {
    find_rule(word.trim_matches(|c: char| c == ','))
}

/// Ids of items as `build` of the workspace would give them: the prefixes
/// depend on every file of the run.
fn id_prefix(server: &Server<'_>, display: &str) -> String {
    let mut displays: BTreeSet<&str> = server.index.keys().map(String::as_str).collect();
    displays.insert(display);
    let displays: Vec<&str> = displays.into_iter().collect();
    let at = displays.iter().position(|d| *d == display).unwrap_or(0);
    model::id_prefixes(&displays).swap_remove(at)
}
