//! Shell completions and man pages come from the clap definition; the
//! committed pages in docs/man/ must be what the binary prints now.
//! After changing the command line: `EXAMBANK_UPDATE_MAN=1 cargo test --test docs`.

mod common;

/// The subcommands, as `exambank man` lists them when asked for one it
/// does not have.
fn subcommands() -> Vec<String> {
    let output = common::exambank(&common::root(), &["man", "-"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let (_, pages) = stderr
        .trim_end()
        .split_once("; pages: ")
        .unwrap_or_else(|| panic!("no list of pages in {stderr:?}"));
    pages.split(", ").map(str::to_owned).collect()
}

#[test]
fn committed_man_pages_match_the_command_line() {
    let root = common::root();
    let dir = root.join("docs/man");
    let update = std::env::var_os("EXAMBANK_UPDATE_MAN").is_some();
    let mut expected = vec![("exambank.1".to_owned(), None)];
    expected.extend(
        subcommands()
            .into_iter()
            .map(|s| (format!("exambank-{s}.1"), Some(s))),
    );
    for (file, subcommand) in &expected {
        let mut args = vec!["man"];
        args.extend(subcommand.as_deref());
        let output = common::exambank(&root, &args);
        assert!(output.status.success(), "{}", common::transcript(&output));
        let page = String::from_utf8(output.stdout).expect("UTF-8 roff");
        assert!(
            page.starts_with(".ie \\n(.g .ds Aq \\(aq") || page.contains(".TH "),
            "not roff"
        );
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).expect("docs/man");
            std::fs::write(&path, &page).expect("write the page");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "missing {}; run EXAMBANK_UPDATE_MAN=1 cargo test --test docs",
                path.display()
            )
        });
        assert!(
            committed == page,
            "{file} is stale; run EXAMBANK_UPDATE_MAN=1 cargo test --test docs"
        );
    }
    // No page of a subcommand that is gone.
    for entry in std::fs::read_dir(&dir).expect("docs/man") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            expected.iter().any(|(file, _)| *file == name),
            "docs/man/{name} has no command"
        );
    }
}

#[test]
fn man_rejects_an_unknown_subcommand() {
    let output = common::exambank(&common::root(), &["man", "chek"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no subcommand `chek`"));
}

#[test]
fn completions_cover_every_subcommand_in_every_shell() {
    let root = common::root();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = common::exambank(&root, &["completions", shell]);
        assert!(
            output.status.success(),
            "{shell}: {}",
            common::transcript(&output)
        );
        let script = String::from_utf8(output.stdout).expect("UTF-8 script");
        for name in subcommands() {
            assert!(script.contains(&name), "{shell} completion lacks {name}");
        }
        for flag in [
            "--format",
            "--fix",
            "--diff",
            "--deny",
            "--config",
            "--isolated",
        ] {
            // fish spells long options `-l fix`.
            let fish = format!("-l {}", &flag[2..]);
            assert!(
                script.contains(flag) || script.contains(&fish),
                "{shell} completion lacks {flag}"
            );
        }
    }
    // The bash script at least parses.
    let output = common::exambank(&root, &["completions", "bash"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("exambank.bash");
    std::fs::write(&script, &output.stdout).expect("write");
    if let Ok(check) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
    {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}
