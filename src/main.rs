fn main() -> std::process::ExitCode {
    followup::cli::main()
}
