# lit configuration for raii-tidy. Paths come from lit.site.cfg.py, which CMake
# generates into the build tree; this file holds the logic.
import os
import shlex
import subprocess

import lit.formats

config.name = "raii-tidy"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "tools", "runtime", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.raii_obj_root, "test")

# FileCheck, not, count, ... of the same LLVM come first on PATH.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Keep a developer's .clang-tidy or compile_commands.json out of the tests.
for var in ["RAII_TIDY_CLANG_TIDY", "RAII_TIDY_PLUGIN"]:
    config.environment.pop(var, None)

q = shlex.quote
mock = os.path.join(config.test_source_root, "Inputs")
runtime_include = os.path.join(config.raii_src_root, "runtime", "include")
clang = os.path.join(config.llvm_tools_dir, "clang")
clangxx = os.path.join(config.llvm_tools_dir, "clang++")
filecheck = os.path.join(config.llvm_tools_dir, "FileCheck")

check_raii = " ".join([
    q(config.python_executable),
    q(os.path.join(config.test_source_root, "tools", "check_raii.py")),
    "--clang-tidy", q(config.clang_tidy),
    "--plugin", q(config.raii_plugin),
    "--filecheck", q(filecheck),
    "--cc", q(clang), "--cxx", q(clangxx),
])

config.substitutions += [
    ("%check_raii", check_raii),
    ("%clang_tidy", q(config.clang_tidy)),
    ("%raii_plugin", q(config.raii_plugin)),
    ("%raii_tidy", q(config.raii_wrapper)),
    ("%raii_runtime_include", q(runtime_include)),
    ("%mock_include", q(mock)),
    ("%clangxx", q(clangxx)),
    ("%clang_apply_replacements",
     q(os.path.join(config.llvm_tools_dir, "clang-apply-replacements"))),
    ("%clang", q(clang)),
    ("%python", q(config.python_executable)),
    ("%raii_src", q(config.raii_src_root)),
    ("%raii_obj", q(config.raii_obj_root)),
    ("%llvm_major", str(config.llvm_major)),
]

# Features for what differs between the LLVM majors the suite runs against
# (README: "Supported LLVM versions"):
#   llvm-<N>                  the LLVM major the plugin was built for;
#   ctad-paren-declarator     the compiler accepts `std::scoped_lock(m);`, a
#                             declaration of `m` whose type is deduced from
#                             nothing (clang 22 does; clang 19 rejects it, so
#                             the vexing parse raii-unnamed-guard reports in
#                             it is a compiler error there). Probed, not
#                             assumed from the version.
config.available_features.add("llvm-%d" % config.llvm_major)
_probe = subprocess.run(
    [clangxx, "-fsyntax-only", "-std=c++17", "-x", "c++", "-"],
    input="template <class... T> struct G { explicit G(T &...); };\n"
          "int m;\nvoid f() { G(m); }\n",
    text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if _probe.returncode == 0:
    config.available_features.add("ctad-paren-declarator")
