import CriterioSpelling

/// The machine's Hunspell dictionaries (`scripts/install-deps` installs hunspell-es), shared by the
/// scan tests' linters as `criterio scan` shares them between its threads.
enum TestSpellers {
    static let machine = HunspellSpellers(cacheDirectory: nil)
}
