//! Finding and reading `exambank.toml` (nearest to each file wins), and
//! `exambank config --show`.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::args::{ConfigArgs, ConfigFileArgs};
use super::exit;
use super::files::io_message;
use super::terminal;
use exambank::config::{self, Config, ConfigError};
use exambank::lint::RuleSettings;

/// Why a configuration could not be used.
#[derive(Debug)]
pub enum LoadError {
    Io { path: String, message: String },
    Invalid(ConfigError),
}

impl LoadError {
    /// Prints the error on standard error, with the excerpt of the file.
    pub fn report(&self) {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        match self {
            Self::Io { path, message } => {
                let _ = writeln!(err, "error: cannot read {path}: {message}");
            }
            Self::Invalid(error) => {
                let theme = terminal::theme(terminal::use_color_on_stderr());
                let mut text = String::new();
                let rendered = miette::GraphicalReportHandler::new_themed(theme)
                    .with_width(100)
                    .render_report(&mut text, error);
                if rendered.is_err() {
                    text = error.to_string();
                }
                let _ = writeln!(err, "error: invalid configuration\n{text}");
            }
        }
    }
}

/// A configuration with the folder its globs are relative to.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Arc<Config>,
    /// Absolute; `None` for the defaults (nothing is excluded or ignored).
    root: Option<PathBuf>,
    /// The configuration's rule settings, shared by the files that no
    /// per-file ignore names.
    settings: Arc<RuleSettings>,
}

impl Loaded {
    /// `path` relative to the configuration's folder (as given when it
    /// lies elsewhere), for its globs.
    fn relative(&self, path: &Path) -> PathBuf {
        let absolute = absolute(path);
        match &self.root {
            Some(root) => absolute
                .strip_prefix(root)
                .map_or_else(|_| absolute.clone(), Path::to_path_buf),
            None => absolute,
        }
    }

    /// Whether the configuration excludes `path`.
    #[must_use]
    pub fn excludes(&self, path: &Path) -> bool {
        self.root.is_some() && self.config.is_excluded(&self.relative(path))
    }

    /// The rule settings for `path`.
    #[must_use]
    pub fn settings_for(&self, path: &Path) -> RuleSettings {
        if self.root.is_none() {
            return self.config.settings.clone();
        }
        self.config.settings_for(&self.relative(path))
    }

    /// [`Loaded::settings_for`], shared with the other files that the same
    /// settings apply to: a run holds one per file until its end.
    #[must_use]
    pub fn shared_settings_for(&self, path: &Path) -> Arc<RuleSettings> {
        if self.root.is_some() {
            let relative = self.relative(path);
            let ignores = &self.config.per_file_ignores;
            if ignores
                .iter()
                .any(|(pattern, _)| pattern.matches(&relative))
            {
                return Arc::new(self.config.settings_for(&relative));
            }
        }
        Arc::clone(&self.settings)
    }
}

/// Finds the configuration of each file, reading each `exambank.toml` once.
pub struct Resolver {
    /// `--config FILE` or `--isolated`: one configuration for every file.
    fixed: Option<Loaded>,
    /// Folder -> the configuration found from it upwards.
    by_dir: HashMap<PathBuf, Loaded>,
    /// Configuration file -> its parsed form.
    by_file: HashMap<PathBuf, Loaded>,
}

impl Resolver {
    /// # Errors
    /// When `--config FILE` cannot be read or is invalid.
    pub fn new(args: &ConfigFileArgs) -> Result<Self, LoadError> {
        let fixed = if args.isolated {
            Some(defaults())
        } else if let Some(path) = &args.config {
            Some(load(path)?)
        } else {
            None
        };
        Ok(Self {
            fixed,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
        })
    }

    /// The configuration of a file or folder: `--config`, or the nearest
    /// `exambank.toml` from its folder up, or the defaults.
    ///
    /// # Errors
    /// When the configuration found cannot be read or is invalid.
    pub fn for_path(&mut self, path: &Path) -> Result<Loaded, LoadError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let absolute = absolute(path);
        let dir = if absolute.is_dir() {
            absolute
        } else {
            absolute
                .parent()
                .map_or_else(|| absolute.clone(), Path::to_path_buf)
        };
        if let Some(found) = self.by_dir.get(&dir) {
            return Ok(found.clone());
        }
        let file = dir
            .ancestors()
            .map(|d| d.join(config::FILE_NAME))
            .find(|candidate| candidate.is_file());
        let loaded = match file {
            None => defaults(),
            Some(file) => match self.by_file.get(&file) {
                Some(loaded) => loaded.clone(),
                None => {
                    let loaded = load(&file)?;
                    self.by_file.insert(file, loaded.clone());
                    loaded
                }
            },
        };
        self.by_dir.insert(dir, loaded.clone());
        Ok(loaded)
    }
}

fn defaults() -> Loaded {
    let config = Config::default();
    Loaded {
        settings: Arc::new(config.settings.clone()),
        config: Arc::new(config),
        root: None,
    }
}

fn load(path: &Path) -> Result<Loaded, LoadError> {
    let shown = display(path);
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::Io {
        path: shown.clone(),
        message: io_message(&e),
    })?;
    let config = Config::parse(Path::new(&shown), &text).map_err(LoadError::Invalid)?;
    let root = absolute(path).parent().map(Path::to_path_buf);
    Ok(Loaded {
        settings: Arc::new(config.settings.clone()),
        config: Arc::new(config),
        root,
    })
}

/// Absolute without touching the file system's links (`..` stays as written).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A path relative to the working folder when it lies below it.
fn display(path: &Path) -> String {
    let absolute = absolute(path);
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| absolute.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(absolute);
    shown.to_string_lossy().replace('\\', "/")
}

/// `exambank config --show [PATH]`.
pub fn show(args: &ConfigArgs) -> u8 {
    let loaded = Resolver::new(&args.config).and_then(|mut r| r.for_path(&args.path));
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(error) => {
            error.report();
            return exit::FAILURE;
        }
    };
    let source = loaded.config.path.as_ref().map_or_else(
        || "defaults (no exambank.toml found, or --isolated)".to_owned(),
        |p| p.display().to_string(),
    );
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = writeln!(
        out,
        "# The configuration in effect for {}\n# from: {source}\n\n{}",
        args.path.display(),
        loaded.config.effective_toml()
    );
    if written.is_err() {
        exit::FAILURE
    } else {
        exit::CLEAN
    }
}
