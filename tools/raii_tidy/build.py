"""What the launcher (bin/raii-tidy) knows about this build: versions and the
paths of the clang-tidy, plugin and data files it was configured with."""


class Build:
    def __init__(self, *, version, llvm_version, llvm_major, clang_tidy,
                 clang_tidy_version, clang_scan_deps, plugin, data_dir,
                 docs_url):
        self.version = version
        self.llvm_version = llvm_version
        self.llvm_major = llvm_major
        self.clang_tidy = clang_tidy
        # `clang-tidy --version` of clang_tidy, read once when CMake configured
        # this build: that binary needs no check at run time.
        self.clang_tidy_version = clang_tidy_version
        self.clang_scan_deps = clang_scan_deps
        self.plugin = plugin
        self.data_dir = data_dir
        self.docs_url = docs_url
