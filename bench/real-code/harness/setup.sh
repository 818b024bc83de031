#!/usr/bin/env bash
# Fetches the Debian bookworm source packages raii-tidy is evaluated on into
# DIR (apt-get source; deb-src must be enabled) and writes, per project,
# DIR/raii-harness/<project>/compile_commands.json: the TUs run.sh runs, with
# the flags bench/real-code/RESULTS*.md describe (where they name none, the
# project's own build; README.md lists which). Idempotent: a package
# already unpacked is not fetched again, a build already configured or
# recorded is not redone; the selection step always runs (it is cheap).
#
#   setup.sh DIR [PROJECT...]     (default: every project below)
#
# Builds that must run to be recorded (bear) take the CPU lock and use -j2.
set -uo pipefail

# apt packages the harness needs beyond scripts/install-deps.sh (build tools,
# and headers without which a project does not configure or its TUs do not
# parse). setup.sh installs the missing ones.
APT_PACKAGES=(
  bear meson pkg-config
  autoconf automake libtool autopoint gettext   # libexif ships no configure
  libevent-dev libsasl2-dev   # memcached
  libglib2.0-dev     # dconf, xdg-dbus-proxy
  libdbus-1-dev      # dconf
  libssl-dev         # stunnel4, socat
  zlib1g-dev liblzma-dev   # zstd, kyotocabinet
  libleptonica-dev   # tesseract
)

# project  source package  directory under DIR  fallback version (when the
# newest version's files are gone from the archive)
PROJECTS=(
  "sqlite3        sqlite3         sqlite3-3.40.1        -"
  "leveldb        leveldb         leveldb-1.23          -"
  "lz4            lz4             lz4-1.9.4             -"
  "libzmq         zeromq3         zeromq3-4.3.4         -"
  "yaml-cpp       yaml-cpp        yaml-cpp-0.7.0+dfsg   -"
  "cppcheck       cppcheck        cppcheck-2.10         -"
  "memcached      memcached       memcached-1.6.18      -"
  "zstd           libzstd         libzstd-1.5.4+dfsg2   1.5.4+dfsg2-5"
  "re2            re2             re2-20220601+dfsg     -"
  "libexif        libexif         libexif-0.6.24        -"
  "log4cplus      log4cplus       log4cplus-2.0.8       -"
  "dconf          dconf           dconf-0.40.0          -"
  "socat          socat           socat-1.7.4.4         -"
  "stunnel4       stunnel4        stunnel4-5.68         -"
  "xdg-dbus-proxy xdg-dbus-proxy  xdg-dbus-proxy-0.1.4  0.1.4-3+deb12u1"
  "kyotocabinet   kyotocabinet    kyotocabinet-1.2.79   -"
  "tesseract      tesseract       tesseract-5.3.0       -"
)

here=$(cd "$(dirname "$0")" && pwd)
[[ $# -ge 1 ]] || { echo "usage: setup.sh DIR [PROJECT...]" >&2; exit 2; }
DIR=$(mkdir -p "$1" && cd "$1" && pwd); shift
OUT=$DIR/raii-harness
LOCK=/tmp/raii-cpu.lock
CC=clang-22
CXX=clang++-22
CMAKE_CC=("-DCMAKE_C_COMPILER=$CC" "-DCMAKE_CXX_COMPILER=$CXX"
          -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
select_tus() { python3 "$here/select_tus.py" "$@"; }

install_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  (( ${#missing[@]} == 0 )) && return 0
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
}

fetch() {  # fetch PACKAGE DIRNAME FALLBACK
  [[ -d $DIR/$2 ]] && return 0
  echo "setup: apt-get source $1"
  (cd "$DIR" && apt-get source -q "$1") && return 0
  [[ $3 != - ]] && (cd "$DIR" && apt-get source -q "$1=$3")
}

# bear_make SRC LOG MAKE-ARGS...: records a make build (once) under the lock.
bear_make() {
  local src=$1 log=$2; shift 2
  [[ -s $src/compile_commands.json ]] && return 0
  (cd "$src" && make clean) > /dev/null 2>&1   # every TU compiled, so recorded
  (cd "$src" && flock "$LOCK" bear --output compile_commands.json -- \
     make -k -j2 CC=$CC CXX=$CXX "$@") > "$log" 2>&1
  [[ -s $src/compile_commands.json ]]
}

# configure_once SRC LOG ARGS...: ./configure with clang-22, unless done
# with these arguments (a stamp records them; a tree configured otherwise is
# configured again and its recorded build dropped). autoreconf first where
# the tarball ships no configure.
configure_once() {
  local src=$1 log=$2; shift 2
  local stamp=$src/.harness-configured
  [[ -f $src/Makefile && -f $stamp && $(cat "$stamp") == "$*" ]] && return 0
  rm -f "$src/compile_commands.json" "$stamp"
  (cd "$src" && { [[ -x configure ]] || autoreconf -fi; } \
     && CC=$CC CXX=$CXX ./configure "$@") > "$log" 2>&1 && echo "$*" > "$stamp"
}

# ---- one function per project: build a database, select its TUs ----------

setup_sqlite3() {  # bench/engine/RESULTS.md: the amalgamation and the shell
  local src=$1 b=$DIR/sqlite-build
  mkdir -p "$b"
  if [[ ! -f $b/sqlite3.c || ! -f $b/shell.c ]]; then
    (cd "$b" && { [[ -f Makefile ]] || CC=$CC "$src/configure" --disable-tcl; } \
       && flock "$LOCK" make sqlite3.c shell.c) > "$b/harness-setup.log" 2>&1 || return 1
  fi
  select_tus --root "$b" --dest "$OUT/sqlite3" --expect 2 \
    "--hand=-DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -I$b::sqlite3.c" \
    "--hand=-DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -I$b::shell.c"
}

setup_leveldb() {  # non-test TUs of its build with tests, its own -fno-exceptions
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src" -B "$src/b" "${CMAKE_CC[@]}" \
    -DLEVELDB_BUILD_TESTS=ON -DLEVELDB_BUILD_BENCHMARKS=OFF >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/leveldb" --db "$src/b/compile_commands.json" \
    --include '^(db|table|util|helpers)/' --exclude '_test\.cc?$|_bench\.cc$' --expect 40
}

setup_lz4() {  # RESULTS.md: hand-written, 30 TUs
  local src=$1 f='-std=gnu99 -O2 -D_GNU_SOURCE'
  select_tus --root "$src" --dest "$OUT/lz4" --expect 30 \
    "--hand=$f -Ilib::lib/*.c" "--hand=$f -Ilib -Iprograms::programs/*.c" \
    "--hand=$f -Ilib::examples/*.c" "--hand=$f -Ilib -Iprograms::tests/*.c"
}

setup_libzmq() {  # RESULTS.md: the 60 largest of the src/*.cpp entries
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src" -B "$src/b" "${CMAKE_CC[@]}" \
    -DWITH_LIBSODIUM=OFF -DENABLE_CURVE=OFF -DWITH_DOCS=OFF -DBUILD_TESTS=OFF \
    >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/libzmq" --db "$src/b/compile_commands.json" \
    --include '^src/[^/]*\.cpp$' --largest 60 --expect 60
}

setup_yaml-cpp() {  # RESULTS.md: every entry
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src" -B "$src/b" "${CMAKE_CC[@]}" \
    -DYAML_CPP_BUILD_TESTS=OFF >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/yaml-cpp" --db "$src/b/compile_commands.json" \
    --expect 34
}

setup_cppcheck() {  # RESULTS.md: cli/*.cpp + the lib/*.cpp naming a resource
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src" -B "$src/b" "${CMAKE_CC[@]}" \
    -DUSE_MATCHCOMPILER=Off -DHAVE_RULES=Off -DBUILD_GUI=Off -DBUILD_TESTS=Off \
    -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/cppcheck" --db "$src/b/compile_commands.json" \
    --include '^(cli|lib)/[^/]*\.cpp$' --keep '^cli/' \
    --grep 'catch|new|delete|fopen|lock|mutex|malloc' --expect 48
}

setup_memcached() {  # its autotools build with Debian's options, recorded
  local src=$1
  configure_once "$src" "$src/harness-configure.log" --enable-sasl --enable-tls || return 1
  bear_make "$src" "$src/harness-build.log" memcached
  select_tus --root "$src" --dest "$OUT/memcached" --db "$src/compile_commands.json" \
    --include '^[^/]*\.c$' --drop=-Werror --expect 29
}

setup_zstd() {  # Debian's CMake build (legacy support on) with pzstd, and
  # the examples by hand as for lz4 (with them the recorded 6 findings)
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src/build/cmake" -B "$src/b" \
    "${CMAKE_CC[@]}" -DZSTD_LEGACY_SUPPORT=ON -DZSTD_BUILD_PROGRAMS=ON \
    -DZSTD_BUILD_CONTRIB=ON -DZSTD_BUILD_TESTS=OFF >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/zstd" --db "$src/b/compile_commands.json" \
    "--hand=-O2 -Ilib::examples/*.c" \
    --include '^(lib|programs|contrib/pzstd|examples)/' --exclude '/test/' --expect 27
}

setup_re2() {  # the library by hand: the +dfsg tarball lacks the three
  # generated Unicode tables its CMakeLists.txt names, so CMake cannot
  # configure. No -std: clang's default C++17, as its Makefile leaves it (with
  # Debian's -std=c++11 util/strutil.cc:70 is not reported, 34 findings, not
  # the 35 recorded); no -DNDEBUG (with it sparse_set.h:247 goes)
  local src=$1 f='-O2 -pthread -I.'
  select_tus --root "$src" --dest "$OUT/re2" --compiler $CXX \
    "--hand=$f::re2/*.cc" "--hand=$f::util/rune.cc" "--hand=$f::util/strutil.cc" \
    --expect 20
}

setup_libexif() {  # library and its test programs (make check's binaries)
  local src=$1
  configure_once "$src" "$src/harness-configure.log" --disable-nls || return 1
  bear_make "$src" "$src/harness-build.log" all check TESTS=
  select_tus --root "$src" --dest "$OUT/libexif" --db "$src/compile_commands.json" \
    --include '^(libexif|test)/' --expect 39
}

setup_log4cplus() {
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src" -B "$src/b" "${CMAKE_CC[@]}" \
    -DLOG4CPLUS_BUILD_TESTING=OFF -DWITH_UNIT_TESTS=OFF >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/log4cplus" --db "$src/b/compile_commands.json" \
    --include '^src/' --expect 50
}

setup_dconf() {  # meson writes the database; generated headers need a build
  local src=$1
  [[ -f $src/b/build.ninja ]] || (cd "$src" && rm -rf b && CC=$CC meson setup b -Dman=false -Dbash_completion=false \
    -Dvapi=false -Dgtk_doc=false) >"$src/b.log" 2>&1 || return 1
  [[ -f $src/b/.harness-built ]] || { flock "$LOCK" ninja -C "$src/b" -j2 -k 0 \
    >>"$src/b.log" 2>&1; touch "$src/b/.harness-built"; }
  select_tus --root "$src" --dest "$OUT/dconf" --db "$src/b/compile_commands.json"
}

setup_socat() {
  local src=$1
  configure_once "$src" "$src/harness-configure.log" || return 1
  bear_make "$src" "$src/harness-build.log"
  select_tus --root "$src" --dest "$OUT/socat" --db "$src/compile_commands.json"
}

setup_stunnel4() {
  local src=$1
  configure_once "$src" "$src/harness-configure.log" || return 1
  bear_make "$src" "$src/harness-build.log"
  select_tus --root "$src" --dest "$OUT/stunnel4" --db "$src/compile_commands.json" \
    --include '^src/'
}

setup_xdg-dbus-proxy() {
  local src=$1
  if [[ -f $src/meson.build ]]; then
    [[ -f $src/b/build.ninja ]] || (cd "$src" && rm -rf b && CC=$CC meson setup b -Dman=disabled) \
      >"$src/b.log" 2>&1 || return 1
    select_tus --root "$src" --dest "$OUT/xdg-dbus-proxy" --db "$src/b/compile_commands.json"
  else
    configure_once "$src" "$src/harness-configure.log" --disable-man || return 1
    bear_make "$src" "$src/harness-build.log"
    select_tus --root "$src" --dest "$OUT/xdg-dbus-proxy" --db "$src/compile_commands.json"
  fi
}

setup_kyotocabinet() {  # the 18 library TUs (kc*.cc without the tools);
  # --disable-atomic: its GCC-atomics path (kcthread.cc:671) is no valid C++
  # for clang, so the TU would not parse
  local src=$1
  configure_once "$src" "$src/harness-configure.log" --disable-atomic || return 1
  bear_make "$src" "$src/harness-build.log" libkyotocabinet.a
  select_tus --root "$src" --dest "$OUT/kyotocabinet" --db "$src/compile_commands.json" \
    --include '^kc[^/]*\.cc$' --exclude 'test\.cc$|mgr\.cc$' --expect 18
}

setup_tesseract() {  # RESULTS-fixes.md: every TU of its CMake build
  local src=$1
  [[ -s $src/b/compile_commands.json ]] || cmake -S "$src" -B "$src/b" -G Ninja \
    "${CMAKE_CC[@]}" -DSW_BUILD=OFF -DBUILD_TRAINING_TOOLS=OFF -DDISABLE_ARCHIVE=ON \
    -DDISABLE_CURL=ON -DOPENMP_BUILD=OFF -DCMAKE_BUILD_TYPE=Release \
    >"$src/b.log" 2>&1 || return 1
  select_tus --root "$src" --dest "$OUT/tesseract" --db "$src/b/compile_commands.json" \
    --expect 220
}

# ---------------------------------------------------------------------------

install_packages || { echo "setup: could not install ${APT_PACKAGES[*]}" >&2; exit 1; }
mkdir -p "$OUT"
want=("$@")
status=0
for row in "${PROJECTS[@]}"; do
  read -r name pkg dirname fallback <<<"$row"
  if (( ${#want[@]} )) && [[ " ${want[*]} " != *" $name "* ]]; then continue; fi
  if ! fetch "$pkg" "$dirname" "$fallback"; then
    echo "setup: $name: apt-get source $pkg failed" >&2; status=1; continue
  fi
  if ! "setup_$name" "$DIR/$dirname"; then
    echo "setup: $name: no compilation database (see the logs in $DIR/$dirname)" >&2
    status=1
  fi
done
exit $status
