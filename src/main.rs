fn main() -> std::process::ExitCode {
    allocfix::cli::main(allocfix::transforms::ALL)
}
