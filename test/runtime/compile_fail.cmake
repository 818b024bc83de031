# Runs one compile-fail test: SOURCE must compile with -DRAII_CF_OK and must
# fail to compile without it, with a diagnostic matching its RAII_CF_EXPECT.
# Usage: cmake -DCXX=... -DSOURCE=... -DINCLUDE=... -P compile_fail.cmake
# (for a .c SOURCE, CXX names a C compiler)
file(STRINGS ${SOURCE} _expect REGEX "^// RAII_CF_EXPECT: ")
if(NOT _expect)
  message(FATAL_ERROR "${SOURCE}: no '// RAII_CF_EXPECT: <regex>' line")
endif()
string(REGEX REPLACE "^// RAII_CF_EXPECT: " "" _expect "${_expect}")

# C++17 unless the file says "// RAII_CF_STD: 20" (the coroutine parts); a
# .c file (<raii/cleanup.h>) is C99 unless it says "// RAII_CF_STD: c11".
if(SOURCE MATCHES "\\.c$")
  set(_std c99)
  set(_std_prefix "")
else()
  set(_std 17)
  set(_std_prefix "c++")
endif()
file(STRINGS ${SOURCE} _std_line REGEX "^// RAII_CF_STD: ")
if(_std_line)
  string(REGEX REPLACE "^// RAII_CF_STD: " "" _std "${_std_line}")
endif()
# Extra flags for both builds: "// RAII_CF_FLAGS: <flags>".
file(STRINGS ${SOURCE} _extra REGEX "^// RAII_CF_FLAGS: ")
string(REGEX REPLACE "^// RAII_CF_FLAGS: " "" _extra "${_extra}")
separate_arguments(_extra UNIX_COMMAND "${_extra}")
set(_flags -std=${_std_prefix}${_std} -Wall -Wextra -Werror -fsyntax-only
           -I${INCLUDE} ${_extra})

execute_process(COMMAND ${CXX} ${_flags} -DRAII_CF_OK ${SOURCE}
                RESULT_VARIABLE _ok_rc OUTPUT_VARIABLE _ok_out
                ERROR_VARIABLE _ok_out)
if(NOT _ok_rc EQUAL 0)
  message(FATAL_ERROR "control build with -DRAII_CF_OK failed; the test "
                      "would pass for the wrong reason:\n${_ok_out}")
endif()

execute_process(COMMAND ${CXX} ${_flags} ${SOURCE}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(_rc EQUAL 0)
  message(FATAL_ERROR "compiled, but must not")
endif()
if(NOT _out MATCHES "${_expect}")
  message(FATAL_ERROR "failed to compile, but no diagnostic matches "
                      "'${_expect}':\n${_out}")
endif()
message(STATUS "failed to compile as expected (matched '${_expect}')")
