//===- LlvmCompat.h - the LLVM majors' API differences, in one place ------===//
//
// raii-tidy is written against LLVM 22 and also builds against LLVM 19
// (`-DRAII_LLVM_MAJOR=19`). Where the two differ, the difference is bridged
// here behind LLVM_VERSION_MAJOR, so the checks read the same for both; the
// rest of the plugin includes this header instead of testing the version.
//
//   ClangTidyModuleRegistry  declared in ClangTidyModule.h since 22; before,
//                            only in ClangTidyModuleRegistry.h (which 22
//                            deprecates with a #warning).
//   ExceptionInfo            since 21 (llvm-project PR #134375) it records
//                            where each type is thrown: getExceptions() is a
//                            map and registerException takes a ThrowInfo;
//                            before, getExceptionTypes() is a set and
//                            registerException takes the type alone.
//
// Written portably instead of bridged here: StringSwitch::Cases takes an
// initializer list only since 22 (and deprecates the variadic form there),
// 19 only the variadic one, so lists of names use llvm::is_contained; and
// llvm::isAlnum / isDigit need llvm/ADT/StringExtras.h, which 22 includes
// transitively and 19 does not.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_LLVMCOMPAT_H
#define RAII_TIDY_SUPPORT_LLVMCOMPAT_H

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "llvm/Config/llvm-config.h"

#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::raii::compat {

using ExceptionInfo = utils::ExceptionAnalyzer::ExceptionInfo;

/// True if \p Info names no exception type (it may still hold unknown ones).
inline bool hasNoExceptionTypes(const ExceptionInfo &Info) {
#if LLVM_VERSION_MAJOR >= 21
  return Info.getExceptions().empty();
#else
  return Info.getExceptionTypes().empty();
#endif
}

/// Records that \p Type is thrown at \p Loc (before 21 the place is dropped:
/// the ExceptionInfo of those versions has nowhere to keep it).
inline void registerThrow(ExceptionInfo &Info, const Type *Type,
                          SourceLocation Loc) {
#if LLVM_VERSION_MAJOR >= 21
  Info.registerException(Type, {Loc, {}});
#else
  (void)Loc;
  Info.registerException(Type);
#endif
}

} // namespace clang::tidy::raii::compat

#endif
