fn main() -> std::process::ExitCode {
    gen_repl::cli::run()
}
