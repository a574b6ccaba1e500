//! `exambank-gen`: writes a synthetic corpus of course notes for benchmarks
//! and tests (`scripts/bench`); the generator itself is the library beside
//! this file, which the tests call directly.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use exambank_gen::{Corpus, write_corpus};

/// Write a deterministic corpus of synthetic course notes.
#[derive(Debug, Parser)]
#[command(name = "exambank-gen", version)]
struct Args {
    /// Directory that receives `course_NNNNN.md` files and `manifest.jsonl`.
    out: PathBuf,
    /// Number of files.
    #[arg(long, default_value_t = 10)]
    files: usize,
    /// Exercises per file.
    #[arg(long, default_value_t = 30)]
    exercises: usize,
    /// Seed of the random streams (any text).
    #[arg(long, default_value = "0")]
    seed: String,
    /// Probability that an exercise carries one planted defect (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    defect_rate: f64,
    /// Probability that a single-answer question carries one planted
    /// item-writing flaw (EB123-EB132), and that a file carries a
    /// pattern of keys (0 to 1). Drawn from a stream of its own: the
    /// notes of a seed are the same as without it, but for the flaws.
    #[arg(long, default_value_t = 0.0)]
    item_flaw_rate: f64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !(0.0..=1.0).contains(&args.defect_rate) || !(0.0..=1.0).contains(&args.item_flaw_rate) {
        let _ = writeln!(
            std::io::stderr(),
            "error: --defect-rate and --item-flaw-rate must be between 0 and 1"
        );
        return ExitCode::from(2);
    }
    let corpus = Corpus {
        files: args.files,
        exercises: args.exercises,
        seed: args.seed,
        defect_rate: args.defect_rate,
        item_flaw_rate: args.item_flaw_rate,
    };
    match write_corpus(&args.out, &corpus) {
        Ok(summary) => {
            let _ = writeln!(std::io::stdout(), "{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot write {}: {error}",
                args.out.display()
            );
            ExitCode::from(2)
        }
    }
}
