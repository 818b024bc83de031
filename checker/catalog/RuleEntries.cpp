//===- RuleEntries.cpp - one entry of a rule family -----------------------===//
//
// The Loader's entries (RuleLoaderImpl.h): an acquire, release or transfer
// mapping of a family read and checked key by key, its handle and function
// name, and a function another family already has in the same role.
//
//===----------------------------------------------------------------------===//
#include "catalog/RuleLoaderImpl.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::raii::rules {

bool Loader::handle(llvm::yaml::Node *N, HandleSpec &H, bool ForAcquire) {
  auto V = scalar(N, "handle");
  if (!V)
    return false;
  llvm::StringRef S(*V);
  if (S == "return" && ForAcquire) {
    H.Kind = HandleSpec::Return;
    return true;
  }
  if (S == "this") {
    H.Kind = HandleSpec::This;
    return true;
  }
  bool IsOut = ForAcquire && S.consume_front("out");
  bool IsFormat = !IsOut && !ForAcquire && S.consume_front("format");
  if (IsOut || IsFormat || S.consume_front("arg")) {
    unsigned I;
    if (!S.trim().getAsInteger(10, I)) {
      H.Kind = IsOut      ? HandleSpec::Out
               : IsFormat ? HandleSpec::Format
                          : HandleSpec::Arg;
      H.Index = I;
      return true;
    }
  }
  error(N, "bad handle '" + *V + "' (expected " +
               (ForAcquire ? "'return', 'this', 'arg N' or 'out N'"
                           : "'this', 'arg N' or 'format N'") +
               ")");
  return false;
}

/// Reports \p Function when another family already has it in this role.
bool Loader::unclaimed(llvm::yaml::Node *N, llvm::StringRef Function,
                       bool Acquire, const Family &Owner) {
  if (auto Conflict = conflictOf(loaded(), Function, Acquire, Owner)) {
    error(N, *Conflict);
    return false;
  }
  return true;
}

bool Loader::acquire(llvm::yaml::Node *N, Family &F) {
  Acquire A;
  bool HasInvalid = false;
  std::optional<bool> Try;
  bool Ok = mapping(
      N, "acquire",
      {"function", "handle", "invalid", "success", "count", "try",
       "reopens", "discardable", "lifetime"},
      {"function", "handle"},
      [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
        if (K == "function") {
          auto S = scalar(V, K);
          return S && functionName(V, *S, A.Function, true);
        }
        if (K == "handle")
          return handle(V, A.Handle, true);
        if (K == "count") {
          auto S = scalar(V, K);
          if (!S)
            return false;
          if (llvm::StringRef(*S).getAsInteger(10, A.Handle.Count) ||
              A.Handle.Count == 0) {
            error(V, "'count' must be a positive integer, not '" + *S + "'");
            return false;
          }
          return true;
        }
        if (K == "try") {
          Try = boolean(V, K);
          return Try.has_value();
        }
        if (K == "discardable") {
          std::optional<bool> D = boolean(V, K);
          A.Discardable = D.value_or(false);
          return D.has_value();
        }
        if (K == "lifetime") {
          auto S = scalar(V, K);
          if (!S)
            return false;
          if (*S != "process") {
            error(V, "bad lifetime '" + *S + "' (expected 'process')");
            return false;
          }
          A.ProcessLifetime = A.Discardable = true;
          return true;
        }
        if (K == "reopens") {
          auto S = scalar(V, K);
          if (!S)
            return false;
          llvm::StringRef R(*S);
          unsigned Arg;
          if (!R.consume_front("arg ") || R.trim().getAsInteger(10, Arg)) {
            error(V, "bad reopened argument '" + *S + "' (expected 'arg N')");
            return false;
          }
          A.Reopens = int(Arg);
          return true;
        }
        if (K == "invalid") {
          auto S = scalar(V, K);
          if (!S)
            return false;
          HasInvalid = true;
          if (*S == "null")
            A.Invalid = InvalidValue::Null;
          else if (*S == "negative")
            A.Invalid = InvalidValue::Negative;
          else if (*S == "all-ones")
            A.Invalid = InvalidValue::AllOnes;
          else if (*S == "none")
            A.Invalid = InvalidValue::None;
          else {
            error(V, "bad invalid value '" + *S +
                         "' (expected 'null', 'negative', 'all-ones' or "
                         "'none')");
            return false;
          }
          return true;
        }
        auto S = scalar(V, K); // success
        if (!S)
          return false;
        if (*S == "always")
          A.SuccessWhen = Success::Always;
        else if (*S == "true")
          A.SuccessWhen = Success::True;
        else if (*S == "zero")
          A.SuccessWhen = Success::Zero;
        else if (*S == "positive")
          A.SuccessWhen = Success::Positive;
        else {
          error(V, "bad success value '" + *S +
                       "' (expected 'always', 'true', 'zero' or "
                       "'positive')");
          return false;
        }
        return true;
      });
  if (!Ok)
    return false;
  if (A.Reopens >= 0 && A.Handle.Kind != HandleSpec::Return) {
    error(N, "'reopens' needs 'handle: return'");
    return false;
  }
  if (A.ProcessLifetime && !A.Discardable) {
    error(N, "'lifetime: process' acquires are discardable; drop "
             "'discardable: false'");
    return false;
  }
  if (A.Discardable && A.Handle.Kind != HandleSpec::Return) {
    error(N, A.ProcessLifetime ? "'lifetime' needs 'handle: return'"
                               : "'discardable' needs 'handle: return'");
    return false;
  }
  if (A.Handle.Kind == HandleSpec::Return && !HasInvalid &&
      A.SuccessWhen == Success::Always)
    A.Invalid = InvalidValue::Null;
  // A conditional acquire is a try-acquire unless the file says it waits
  // (`pthread_mutex_lock` reports errors but blocks while the lock is taken).
  A.Try = Try.value_or(A.SuccessWhen != Success::Always);
  if (A.Try && A.SuccessWhen == Success::Always) {
    error(N, "'try: true' needs 'success' to say how the acquire reports "
             "that it failed");
    return false;
  }
  if (A.Handle.Kind == HandleSpec::Return && A.SuccessWhen != Success::Always) {
    error(N, "an acquire with 'handle: return' reports failure through "
             "'invalid', not 'success'");
    return false;
  }
  F.Acquires.push_back(std::move(A));
  return true;
}

bool Loader::release(llvm::yaml::Node *N, Family &F) {
  Release R;
  bool Ok = mapping(
      N, "release", {"function", "handle", "throws", "on", "conversion"},
      {"function", "handle"},
      [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
        if (K == "function") {
          auto S = scalar(V, K);
          return S && functionName(V, *S, R.Function, false);
        }
        if (K == "handle")
          return handle(V, R.Handle, false);
        if (K == "throws") {
          auto B = boolean(V, K);
          if (B)
            R.MayThrow = *B;
          return B.has_value();
        }
        if (K == "conversion") {
          auto S = scalar(V, K);
          if (!S)
            return false;
          if (S->size() != 1 || !llvm::isAlpha((*S)[0])) {
            error(V, "bad conversion '" + *S +
                         "' (expected one letter, as in 'z' for '%z')");
            return false;
          }
          R.Conversion = (*S)[0];
          return true;
        }
        auto S = scalar(V, K); // on
        if (!S)
          return false;
        if (*S == "always")
          R.On = Release::Always;
        else if (*S == "success")
          R.On = Release::OnSuccess;
        else if (*S == "failure")
          R.On = Release::OnFailure;
        else {
          error(V, "bad value '" + *S +
                       "' for 'on' (expected 'always', 'success' or "
                       "'failure')");
          return false;
        }
        return true;
      });
  if (Ok && (R.Handle.Kind == HandleSpec::Format) != (R.Conversion != 0)) {
    error(N, R.Conversion ? "'conversion' needs 'handle: format N'"
                          : "'handle: format N' needs a 'conversion'");
    Ok = false;
  }
  if (Ok)
    F.Releases.push_back(std::move(R));
  return Ok;
}

bool Loader::transferCondition(llvm::yaml::Node *N, Transfer &T) {
  std::optional<unsigned> Arg;
  std::optional<int64_t> Value;
  return mapping(N, "transfer condition", {"arg", "equals"}, {"arg", "equals"},
                 [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
                   auto S = scalar(V, K);
                   if (!S)
                     return false;
                   llvm::StringRef Text = llvm::StringRef(*S).trim();
                   if (K == "arg") {
                     unsigned I;
                     if (Text.getAsInteger(10, I)) {
                       error(V, "'arg' must be an argument index, not '" +
                                    *S + "'");
                       return false;
                     }
                     Arg = I;
                     return true;
                   }
                   int64_t E;
                   if (Text.getAsInteger(0, E)) {
                     error(V, "'equals' must be an integer, not '" + *S + "'");
                     return false;
                   }
                   Value = E;
                   return true;
                 }) &&
         (T.When.emplace_back(*Arg, *Value), true);
}

bool Loader::transfer(llvm::yaml::Node *N, Family &F) {
  Transfer T;
  return mapping(N, "transfer", {"function", "arg", "on", "when"},
                 {"function", "arg"},
                 [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
                   if (K == "when")
                     return sequence(V, K, [&](llvm::yaml::Node *I) {
                       return transferCondition(I, T);
                     });
                   auto S = scalar(V, K);
                   if (!S)
                     return false;
                   if (K == "function")
                     return functionName(V, *S, T.Function, false);
                   if (K == "on") {
                     if (*S != "always" && *S != "success") {
                       error(V, "bad transfer 'on' value '" + *S +
                                    "' (expected 'always' or 'success')");
                       return false;
                     }
                     T.OnSuccess = *S == "success";
                     return true;
                   }
                   if (llvm::StringRef(*S).getAsInteger(10, T.Arg)) {
                     error(V, "'arg' must be an argument index, not '" + *S +
                                  "'");
                     return false;
                   }
                   return true;
                 }) &&
         (F.Transfers.push_back(T), true);
}

bool Loader::functionName(llvm::yaml::Node *N, llvm::StringRef S,
                          std::string &Out, bool ForAcquire) {
  S = S.trim();
  bool Operator = ForAcquire ? (S == "new" || S == "new[]")
                             : (S == "delete" || S == "delete[]");
  bool Identifier =
      !S.empty() && llvm::all_of(S, [](char C) {
        return llvm::isAlnum(C) || C == '_' || C == ':';
      }) && !S.ends_with(":") && !llvm::isDigit(lastComponent(S).front());
  if (!Operator && !Identifier) {
    error(N, "bad function name '" + S + "' (expected a qualified name" +
                 (ForAcquire ? ", 'new' or 'new[]')" : ", 'delete' or 'delete[]')"));
    return false;
  }
  Out = S.str();
  return true;
}

} // namespace clang::tidy::raii::rules
