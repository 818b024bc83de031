//===- NothrowPolicy.cpp - the shared "may this throw" policy -------------===//
#include "support/NothrowPolicy.h"
#include "support/LlvmCompat.h"
#include "support/ProjectThrows.h"
#include "support/StandardStreams.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

static constexpr unsigned MaxBodyDepth = 4;

NothrowPolicy::NothrowPolicy(const NameMatcher &AssumeNothrow,
                             bool CLinkageNothrow, UnseenCalls Unseen,
                             bool AllocationMayThrow)
    : AssumeNothrow(AssumeNothrow), CLinkageNothrow(CLinkageNothrow),
      Unseen(Unseen), AllocationMayThrow(AllocationMayThrow) {
  reset();
}

/// Rule 2: \p FD fails only by failing to allocate.
static bool failsOnlyToAllocate(const FunctionDecl *FD) {
  if (FD->isReplaceableGlobalAllocationFunction())
    return true;
  const IdentifierInfo *II = FD->getIdentifier();
  if (II && FD->isInStdNamespace() &&
      llvm::is_contained({"__throw_bad_alloc", "__throw_length_error",
                          "__throw_bad_array_new_length"},
                         II->getName()))
    return true;
  // `std::string`'s members are compiled into the library (an extern
  // template), so no body shows what they throw: allocation failure, and
  // `out_of_range` for a position past the end, a precondition; `at()` is
  // the one whose point is to throw.
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  const auto *Class =
      MD ? dyn_cast<ClassTemplateSpecializationDecl>(MD->getParent())
         : nullptr;
  return Class && Class->isInStdNamespace() &&
         Class->getName() == "basic_string" &&
         !(II && II->getName() == "at");
}

/// Rule 2 too: functions compiled into the standard library (no body in
/// its headers) that only compute: libstdc++'s hash-table rehash policy
/// and byte hashes, which every `std::unordered_map` insertion calls.
static bool libraryOnlyComputes(const FunctionDecl *FD) {
  const IdentifierInfo *II = FD->getIdentifier();
  if (II && FD->isInStdNamespace() &&
      llvm::is_contained({"_Hash_bytes", "_Fnv_hash_bytes"}, II->getName()))
    return true;
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->getParent()->getIdentifier() &&
         MD->getParent()->getName() == "_Prime_rehash_policy" &&
         MD->getParent()->getQualifiedNameAsString() ==
             "std::__detail::_Prime_rehash_policy";
}

/// A stream function that allocates outside any input or output: a
/// constructor, or a string stream's `str()`.
static bool allocatesStreamState(const FunctionDecl *FD) {
  return isa<CXXConstructorDecl>(FD) ||
         (FD->getIdentifier() && FD->getName() == "str");
}

/// The code a call of \p Def runs: its body, and a constructor's member
/// and base initialisers (which run before it).
static llvm::SmallVector<const Stmt *, 4> codeOf(const FunctionDecl *Def) {
  llvm::SmallVector<const Stmt *, 4> Code{Def->getBody()};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Code.push_back(Init->getInit());
  return Code;
}

/// True if \p Stop holds for one of the parts the walks for throws read
/// below \p S: what a default member initialiser or default argument
/// computes (it runs where it is used); of an `if` whose condition is a
/// constant, the branch it takes only (`if (DEBUG) std::cerr << ..;` with
/// DEBUG 0 throws nothing); else its children.
static bool anyPart(const Stmt *S, const ASTContext &Ctx,
                    llvm::function_ref<bool(const Stmt *)> Stop) {
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(S))
    return Stop(DI->getExpr());
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(S))
    return Stop(DA->getExpr());
  if (const auto *If = dyn_cast<IfStmt>(S);
      If && !If->isConsteval() && !If->getConditionVariable() &&
      If->getCond() && !If->getCond()->isValueDependent()) {
    bool Taken;
    if (If->getCond()->EvaluateAsBooleanCondition(Taken, Ctx))
      return Stop(If->getInit()) || Stop(If->getCond()) ||
             Stop(Taken ? If->getThen() : If->getElse());
  }
  for (const Stmt *C : S->children())
    if (Stop(C))
      return true;
  return false;
}

void NothrowPolicy::reset() {
  Analyzer = std::make_unique<utils::ExceptionAnalyzer>();
  Analyzer->ignoreBadAlloc(!AllocationMayThrow);
  BodyThrows.clear();
  ProjectThrows.reset();
  StreamMasks.reset();
  Callbacks.reset();
  Walking.clear();
  LowestReentered = ~0u;
}

bool NothrowPolicy::unseenMayThrow(SourceLocation Loc, const ASTContext &Ctx) {
  switch (Unseen) {
  case UnseenCalls::Throw:
    return true;
  case UnseenCalls::Nothrow:
    return false;
  case UnseenCalls::AsProjectDoes:
    break;
  }
  if (Loc.isValid() && Ctx.getSourceManager().isInSystemHeader(Loc))
    return true;
  if (!ProjectThrows)
    ProjectThrows = projectThrowsOrCatches(Ctx, AllocationMayThrow);
  return *ProjectThrows;
}

bool NothrowPolicy::indirectMayThrow(const CallExpr *Call,
                                     const ASTContext &Ctx) {
  QualType T = Call->getCallee()->getType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  if (declaredNothrow(T->getAs<FunctionProtoType>()))
    return false;
  if (const ParmVarDecl *P = Callbacks.calledParameter(Call))
    if (auto Given = Callbacks.given(P, Ctx))
      return llvm::any_of(*Given,
                          [&](const FunctionDecl *FD) { return mayThrow(FD); });
  // Outside the evidence mode what a pointer calls is unknown, and may
  // throw in either mode.
  return Unseen != UnseenCalls::AsProjectDoes ||
         unseenMayThrow(Call->getBeginLoc(), Ctx);
}

CanThrowResult specCanThrow(const FunctionProtoType *FPT) {
  if (isUnresolvedExceptionSpec(FPT->getExceptionSpecType()))
    return CT_Dependent;
  return FPT->canThrow();
}

std::optional<NothrowPolicy::Info>
NothrowPolicy::throws(const FunctionDecl *FD) {
  return throwsAt(FD, 0);
}

std::optional<NothrowPolicy::Info>
NothrowPolicy::throwsAt(const FunctionDecl *FD, unsigned Depth) {
  if (!FD)
    return std::nullopt;
  const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
  if (FPT && isNoexceptExceptionSpec(FPT->getExceptionSpecType()) &&
      specCanThrow(FPT) == CT_Cannot)
    return std::nullopt;
  if (FPT && FPT->getExceptionSpecType() == EST_DynamicNone)
    return std::nullopt; // throw()
  // A destructor is `noexcept` unless declared or made otherwise (one not
  // resolved yet is an implicit one, which is too unless a member's or
  // base's is not).
  if (isa<CXXDestructorDecl>(FD) && (!FPT || specCanThrow(FPT) != CT_Can))
    return std::nullopt;
  if (failsOnlyToAllocate(FD))
    return AllocationMayThrow ? std::optional<Info>(Info::createUnknown())
                              : std::nullopt;
  if (libraryOnlyComputes(FD))
    return std::nullopt;
  if (isStandardStreamFunction(FD)) {
    if (!StreamMasks)
      StreamMasks = projectSetsStreamExceptions(FD->getASTContext());
    // Input and output catch what is thrown while they run (allocation
    // failure too); a stream's constructor and its `str()` allocate.
    if (!*StreamMasks)
      return AllocationMayThrow && allocatesStreamState(FD)
                 ? std::optional<Info>(Info::createUnknown())
                 : std::nullopt;
  }
  if (FD->getBuiltinID())
    return std::nullopt;
  // (One with a body in sight is looked into below.)
  if (CLinkageNothrow && (FD->isExternC() || FD->isInExternCContext()) &&
      !FD->hasBody())
    return std::nullopt;
  if (!AssumeNothrow.empty() && AssumeNothrow.matches(FD))
    return std::nullopt;
  Info Result = Analyzer->analyze(FD);
  // The analyzer does not count allocations: with them counted, the body
  // is looked into below. "Throwing" is looked into too: the analyzer sees
  // the `throw` of a branch never taken, and inside the library's stream
  // functions the rethrow of a thread's cancellation.
  if (Result.getBehaviour() == utils::ExceptionAnalyzer::State::NotThrowing &&
      !AllocationMayThrow)
    return std::nullopt;
  const FunctionDecl *Def = nullptr;
  bool HasBody = FD->hasBody(Def) && Def->getBody();
  if (HasBody && Depth < MaxBodyDepth) {
    auto [It, New] = BodyThrows.try_emplace(Def, false);
    if (!New) {
      if (auto W = llvm::find(Walking, Def); W != Walking.end())
        LowestReentered =
            std::min(LowestReentered, unsigned(W - Walking.begin()));
      return It->second ? std::optional<Info>(Result) : std::nullopt;
    }
    // The depth bounds the walk through the project's own code. A system
    // header's function (a container's `push_back` reaching its allocator
    // and `std::__throw_length_error` five calls down) is walked through:
    // each body is looked at once per translation unit.
    const SourceManager &SM = Def->getASTContext().getSourceManager();
    const unsigned Deeper =
        SM.isInSystemHeader(Def->getLocation()) ? Depth : Depth + 1;
    const unsigned Pos = unsigned(Walking.size());
    const unsigned OuterLowest = LowestReentered;
    LowestReentered = ~0u;
    Walking.push_back(Def);
    const bool Throws = llvm::any_of(codeOf(Def), [&](const Stmt *Code) {
      return bodyMayThrow(Code, Deeper, Def->getASTContext());
    });
    Walking.pop_back();
    // Found not to throw only by taking a function still being looked at
    // further up (mutual recursion) as not throwing: a provisional answer,
    // not kept (the function further up is answered exactly, and this one
    // is looked at again when next asked). Its own recursion is answered
    // here.
    const bool Cyclic = LowestReentered < Pos;
    LowestReentered = std::min(OuterLowest, Cyclic ? LowestReentered : ~0u);
    if (!Throws && Cyclic)
      BodyThrows.erase(Def);
    else
      BodyThrows[Def] = Throws;
    return Throws ? std::optional<Info>(Result) : std::nullopt;
  }
  // Too deep to look into: the analyzer's word.
  if (HasBody &&
      Result.getBehaviour() == utils::ExceptionAnalyzer::State::Throwing)
    return Result;
  bool Declared = FPT && (FPT->getExceptionSpecType() == EST_NoexceptFalse ||
                          FPT->getExceptionSpecType() == EST_Dynamic);
  if (Declared || unseenMayThrow(FD->getCanonicalDecl()->getLocation(),
                                 FD->getASTContext()))
    return Result;
  return std::nullopt;
}

std::optional<NothrowPolicy::Info>
NothrowPolicy::throwsTyped(const FunctionDecl *FD) {
  return throwsTypedAt(FD, 0, /*Walk=*/false);
}

std::optional<NothrowPolicy::Info>
NothrowPolicy::throwsTypedAt(const FunctionDecl *FD, unsigned Depth,
                             bool Walk) {
  std::optional<Info> Result = throwsAt(FD, Depth);
  const FunctionDecl *Def = nullptr;
  // Below the first callee the body is always read, and what it cannot
  // type is unknown: the analyzer's types leave out what calls through
  // pointers throw.
  if (!Result || (!Walk && !Result->containsUnknownElements()) ||
      !FD->hasBody(Def) || !Def->getBody() || Depth >= MaxBodyDepth)
    return Result;
  // A function-try-block of a constructor or destructor rethrows what its
  // handlers catch.
  if (isa<CXXTryStmt>(Def->getBody()) &&
      isa<CXXConstructorDecl, CXXDestructorDecl>(Def))
    return Info::createUnknown();
  if (llvm::is_contained(Collecting, Def))
    return Info::createUnknown();
  Info Acc;
  Collecting.push_back(Def);
  const bool Known = llvm::all_of(codeOf(Def), [&](const Stmt *Code) {
    return collectThrown(Code, Depth + 1, Def->getASTContext(), Acc);
  });
  Collecting.pop_back();
  if (!Known)
    return Walk ? Info::createUnknown() : *Result;
  if (compat::hasNoExceptionTypes(Acc))
    return Result;
  return Acc;
}

const Type *caughtType(const CXXCatchStmt *Catch) {
  const Type *T = Catch->getCaughtType()->getUnqualifiedDesugaredType();
  if (const auto *Ref = T->getAs<ReferenceType>())
    T = Ref->getPointeeType()->getUnqualifiedDesugaredType();
  return T;
}

/// Takes out of \p Thrown what the handlers of \p Try catch; false where
/// a handler's type is known only per instantiation.
static bool filterByHandlers(const CXXTryStmt *Try, NothrowPolicy::Info &Thrown,
                             const ASTContext &Ctx) {
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    const CXXCatchStmt *Catch = Try->getHandler(I);
    if (!Catch->getExceptionDecl()) {
      Thrown.clear(); // `catch (...)`
      return true;
    }
    if (Catch->getCaughtType()->isDependentType())
      return false;
    Thrown.filterByCatch(caughtType(Catch), Ctx);
  }
  return true;
}

/// \p S throws without a call: `dynamic_cast<T &>` (`std::bad_cast`),
/// `typeid` of a polymorphic object (`std::bad_typeid`).
static bool throwsByItself(const Stmt *S) {
  if (const auto *DC = dyn_cast<CXXDynamicCastExpr>(S))
    return DC->getTypeAsWritten()->isReferenceType();
  const auto *TI = dyn_cast<CXXTypeidExpr>(S);
  return TI && TI->isPotentiallyEvaluated();
}

/// \p Call gives a function to call back (`qsort(.., cmp)`): what a
/// callee whose body is not in sight throws then depends on it.
static bool passesFunction(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments()) {
    QualType T = Arg->IgnoreParenImpCasts()->getType();
    if (T->isFunctionPointerType() || T->isMemberFunctionPointerType() ||
        T->isFunctionType() || T->isBlockPointerType())
      return true;
  }
  return false;
}

bool NothrowPolicy::collectThrown(const Stmt *S, unsigned Depth,
                                  const ASTContext &Ctx, Info &Acc) {
  if (!S || isa<BlockExpr>(S))
    return true;
  // A lambda's body runs where it is called; its captures' initialisers
  // here.
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : L->capture_inits())
      if (!collectThrown(Init, Depth, Ctx, Acc))
        return false;
    return true;
  }
  // What the walk does not type: a cast or `typeid` that throws
  // (throwsByItself), and a temporary whose destructor may throw.
  if (throwsByItself(S))
    return false;
  if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(S)) {
    const CXXDestructorDecl *D = BT->getTemporary()->getDestructor();
    if (D && throwsAt(D, Depth))
      return false;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (const CXXRecordDecl *RD = VD->getType()->getAsCXXRecordDecl();
            RD && RD->hasDefinition() && RD->getDestructor() &&
            throwsAt(RD->getDestructor(), Depth))
          return false;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    Info Block;
    if (!collectThrown(Try->getTryBlock(), Depth, Ctx, Block) ||
        !filterByHandlers(Try, Block, Ctx))
      return false;
    Acc.merge(Block);
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (!collectThrown(Try->getHandler(I)->getHandlerBlock(), Depth, Ctx,
                         Acc))
        return false;
    return true;
  }
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    const Expr *Sub = Throw->getSubExpr();
    if (!Sub || Sub->isTypeDependent())
      return false; // a rethrow, or a type known only per instantiation
    compat::registerThrow(Acc, Sub->getType()->getUnqualifiedDesugaredType(),
                          Throw->getThrowLoc());
    return collectThrown(Sub, Depth, Ctx, Acc);
  }
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    Callee = Call->getDirectCallee();
    if (!Callee && indirectMayThrow(Call, Ctx))
      return false;
    // An override may throw what the body in sight does not.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
        MC && MC->getMethodDecl() && MC->getMethodDecl()->isVirtual() &&
        !MC->getMethodDecl()->hasAttr<FinalAttr>() &&
        !MC->getMethodDecl()->getParent()->hasAttr<FinalAttr>())
      return false;
    if (Callee && !Callee->hasBody() && passesFunction(Call))
      return false;
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (!CE->getConstructor()->isTrivial())
      Callee = CE->getConstructor();
  } else if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    Callee = New->getOperatorNew();
  }
  // A C function in sight is read: the C-linkage rule speaks of the
  // library's, whose bodies are not.
  if (const FunctionDecl *Def = nullptr;
      Callee && (Callee->isExternC() || Callee->isInExternCContext()) &&
      Callee->hasBody(Def) && Def->getBody()) {
    if (Depth >= MaxBodyDepth || llvm::is_contained(Collecting, Def))
      return false;
    Collecting.push_back(Def);
    const bool Known = collectThrown(Def->getBody(), Depth + 1, Ctx, Acc);
    Collecting.pop_back();
    if (!Known)
      return false;
    Callee = nullptr;
  }
  if (Callee)
    if (std::optional<Info> T = throwsTypedAt(Callee, Depth, /*Walk=*/true)) {
      if (T->containsUnknownElements() || compat::hasNoExceptionTypes(*T))
        return false;
      Acc.merge(*T);
    }
  return !anyPart(S, Ctx, [&](const Stmt *C) {
    return !collectThrown(C, Depth, Ctx, Acc);
  });
}

bool NothrowPolicy::bodyMayThrow(const Stmt *S, unsigned Depth,
                                 const ASTContext &Ctx) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    // Handlers run only when the try block throws (the clean-up-and-rethrow
    // handlers of the standard containers among them).
    if (!bodyMayThrow(Try->getTryBlock(), Depth, Ctx))
      return false;
    bool CatchesAll = false;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      CatchesAll |= !Try->getHandler(I)->getExceptionDecl();
    // Typed handlers: they catch all of it where every type the block may
    // throw is known and theirs.
    if (Info Block;
        !CatchesAll &&
        (!collectThrown(Try->getTryBlock(), Depth, Ctx, Block) ||
         !filterByHandlers(Try, Block, Ctx) ||
         !compat::hasNoExceptionTypes(Block) ||
         Block.containsUnknownElements()))
      return true;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (bodyMayThrow(Try->getHandler(I)->getHandlerBlock(), Depth,
                       Ctx))
        return true;
    return false;
  }
  if (isa<CXXThrowExpr>(S))
    return true;
  if (throwsByItself(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee) {
      if (indirectMayThrow(Call, Ctx))
        return true;
    } else if (throwsAt(Callee, Depth)) {
      return true;
    }
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (!CE->getConstructor()->isTrivial() &&
        throwsAt(CE->getConstructor(), Depth))
      return true;
  } else if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    if (throwsAt(New->getOperatorNew(), Depth))
      return true;
  }
  return anyPart(S, Ctx, [&](const Stmt *C) {
    return bodyMayThrow(C, Depth, Ctx);
  });
}

} // namespace clang::tidy::raii
