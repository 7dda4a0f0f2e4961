fn main() -> std::process::ExitCode {
    planbot::surface::cli::main()
}
