fn main() {
    std::process::exit(kanbao::cli::main());
}
