# Tests of <raii/cleanup.h>, the runtime's C header, included from
# CMakeLists.txt (which sets RAII_RUNTIME_INCLUDE). C has no GoogleTest
# here: each run test is a C program whose main() checks and exits 0, built
# with gcc and with LLVM 22's clang, C99, -Wall -Wextra -Werror, once plain
# (-O2) and once under AddressSanitizer + UBSan with LeakSanitizer on
# (runtime.c.<compiler>.<name>, runtime.asan.c.<compiler>.<name>). Then the
# header's self-containment and user-code compile tests as C (C99, C11, C17)
# and C++ (C++11, 17, 20), and its compile-fail tests (compile_fail/*.c).

find_program(RAII_TEST_CC NAMES gcc-12 gcc)
set(RAII_TEST_CLANG /usr/lib/llvm-22/bin/clang CACHE FILEPATH
    "clang used by the C runtime tests")
set(_raii_c_compilers)
if(RAII_TEST_CC)
  list(APPEND _raii_c_compilers "gcc=${RAII_TEST_CC}")
endif()
if(EXISTS "${RAII_TEST_CLANG}")
  list(APPEND _raii_c_compilers "clang=${RAII_TEST_CLANG}")
endif()

set(RAII_C_RUN_TEST_SOURCES
  cleanup_cancel_test.c
  cleanup_define_test.c
  cleanup_free_test.c
  cleanup_handles_test.c
  cleanup_invalid_test.c
  cleanup_mutex_test.c
  cleanup_steal_test.c
)
set(_c_header ${RAII_RUNTIME_INCLUDE}/raii/cleanup.h)
set(_c_support ${CMAKE_CURRENT_SOURCE_DIR}/support/c_check.h)
set(_c_flags -std=c99 -Wall -Wextra -Werror -D_GNU_SOURCE -pthread
             -I${RAII_RUNTIME_INCLUDE} -I${CMAKE_CURRENT_SOURCE_DIR})
set(_c_variants "plain" "asan")
set(_c_variant_flags_plain -O2)
set(_c_variant_flags_asan -O1 -g -fsanitize=address,undefined
                          -fno-sanitize-recover=all -fno-omit-frame-pointer)
# LeakSanitizer is on by default with ASan on x86-64 Linux; say so anyway.
set(_c_asan_env "ASAN_OPTIONS=detect_leaks=1"
                "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")

# raii_add_c_program(<out-var> <compiler-id> <compiler> <variant> <source>)
# builds <source> into c/<compiler-id>/<variant>/<name> at build time.
function(raii_add_c_program out cid cc variant src)
  get_filename_component(_name ${src} NAME_WE)
  set(_exe ${CMAKE_CURRENT_BINARY_DIR}/c/${cid}/${variant}/${_name})
  set(_src ${CMAKE_CURRENT_SOURCE_DIR}/${src})
  # A source may ask for more compile/link flags: "// RAII_C_FLAGS: <flags>".
  file(STRINGS ${_src} _more REGEX "^// RAII_C_FLAGS: ")
  string(REGEX REPLACE "^// RAII_C_FLAGS: " "" _more "${_more}")
  separate_arguments(_more UNIX_COMMAND "${_more}")
  add_custom_command(OUTPUT ${_exe}
    COMMAND ${CMAKE_COMMAND} -E make_directory
            ${CMAKE_CURRENT_BINARY_DIR}/c/${cid}/${variant}
    COMMAND ${cc} ${_c_flags} ${_c_variant_flags_${variant}} ${_src}
            -o ${_exe} ${_more}
    DEPENDS ${_src} ${_c_header} ${_c_support}
    COMMENT "Building C test ${cid}/${variant}/${_name}"
    VERBATIM)
  set(${out} ${_exe} PARENT_SCOPE)
endfunction()

set(_c_programs)
foreach(_c IN LISTS _raii_c_compilers)
  string(REPLACE "=" ";" _c "${_c}")
  list(GET _c 0 _cid)
  list(GET _c 1 _cc)
  foreach(_variant IN LISTS _c_variants)
    if(_variant STREQUAL "asan" AND NOT RAII_RUNTIME_SANITIZERS)
      continue()
    endif()
    set(_prefix runtime.c.${_cid})
    if(_variant STREQUAL "asan")
      set(_prefix runtime.asan.c.${_cid})
    endif()
    foreach(_src IN LISTS RAII_C_RUN_TEST_SOURCES)
      raii_add_c_program(_exe ${_cid} ${_cc} ${_variant} ${_src})
      list(APPEND _c_programs ${_exe})
      get_filename_component(_name ${_src} NAME_WE)
      string(REGEX REPLACE "_test$" "" _name "${_name}")
      add_test(NAME ${_prefix}.${_name} COMMAND ${_exe})
      set_tests_properties(${_prefix}.${_name} PROPERTIES TIMEOUT 60)
      if(_variant STREQUAL "asan")
        set_tests_properties(${_prefix}.${_name} PROPERTIES
                             ENVIRONMENT "${_c_asan_env}")
      endif()
    endforeach()
    # The control: a leak the sanitizer build must report, so the run
    # tests' "no leak" means something.
    if(_variant STREQUAL "asan")
      raii_add_c_program(_exe ${_cid} ${_cc} ${_variant} cleanup_lsan_control.c)
      list(APPEND _c_programs ${_exe})
      add_test(NAME ${_prefix}.lsan_control COMMAND ${_exe})
      set_tests_properties(${_prefix}.lsan_control PROPERTIES
        ENVIRONMENT "${_c_asan_env}" TIMEOUT 60
        PASS_REGULAR_EXPRESSION "LeakSanitizer: detected memory leaks")
    endif()
  endforeach()
endforeach()
add_custom_target(raii_runtime_c_tests ALL DEPENDS ${_c_programs})

# --- compile tests: the header on its own, as C and as C++ --------------------
# Included twice: the second inclusion checks the include guard.
set(_c_tu ${CMAKE_CURRENT_BINARY_DIR}/self_contained/cleanup.c)
set(_cxx_tu ${CMAKE_CURRENT_BINARY_DIR}/self_contained/cleanup.cpp)
set(_c_tu_text
    "#include <raii/cleanup.h>\n#include <raii/cleanup.h>\nint main(void) { return 0; }\n")
file(GENERATE OUTPUT ${_c_tu} CONTENT "${_c_tu_text}")
file(GENERATE OUTPUT ${_cxx_tu} CONTENT "${_c_tu_text}")
set(_strict -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror
            -fsyntax-only -I${RAII_RUNTIME_INCLUDE})
foreach(_c IN LISTS _raii_c_compilers)
  string(REPLACE "=" ";" _c "${_c}")
  list(GET _c 0 _cid)
  list(GET _c 1 _cc)
  foreach(_std IN ITEMS c99 c11 c17)
    add_test(NAME runtime.header.${_cid}.${_std}.cleanup
             COMMAND ${_cc} -std=${_std} ${_strict} ${_c_tu})
  endforeach()
endforeach()
foreach(_c IN LISTS _raii_compilers)
  string(REPLACE "=" ";" _c "${_c}")
  list(GET _c 0 _cid)
  list(GET _c 1 _cxx)
  foreach(_std IN ITEMS 11 17 20)
    add_test(NAME runtime.header.${_cid}.cxx${_std}.cleanup
             COMMAND ${_cxx} -std=c++${_std} ${_strict} ${_cxx_tu})
  endforeach()
endforeach()

# --- compile tests: C user code that must build warning-free -----------------
# (compile/*.cpp, including cleanup_usage.cpp, run from CMakeLists.txt.)
file(GLOB _raii_c_compile_sources CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/compile/*.c)
foreach(_src IN LISTS _raii_c_compile_sources)
  get_filename_component(_name ${_src} NAME_WE)
  foreach(_c IN LISTS _raii_c_compilers)
    string(REPLACE "=" ";" _c "${_c}")
    list(GET _c 0 _cid)
    list(GET _c 1 _cc)
    foreach(_std IN ITEMS c99 c11)
      add_test(NAME runtime.compile.${_cid}.${_std}.${_name}
               COMMAND ${_cc} -std=${_std} ${_strict} ${_src})
    endforeach()
  endforeach()
endforeach()

# --- compile-fail tests (compile_fail/*.c, C99 by default) -------------------
file(GLOB _raii_c_cf_sources CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/*.c)
foreach(_src IN LISTS _raii_c_cf_sources)
  get_filename_component(_name ${_src} NAME_WE)
  file(STRINGS ${_src} _only REGEX "^// RAII_CF_COMPILERS:")
  foreach(_c IN LISTS _raii_c_compilers)
    string(REPLACE "=" ";" _c "${_c}")
    list(GET _c 0 _cid)
    list(GET _c 1 _cc)
    if(_only AND NOT _only MATCHES "${_cid}")
      continue()
    endif()
    add_test(NAME runtime.compile_fail.${_cid}.${_name}
             COMMAND ${CMAKE_COMMAND}
                     -DCXX=${_cc} -DSOURCE=${_src}
                     -DINCLUDE=${RAII_RUNTIME_INCLUDE}
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail.cmake)
  endforeach()
endforeach()
