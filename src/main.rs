fn main() -> std::process::ExitCode {
    exambank::cli::run()
}
