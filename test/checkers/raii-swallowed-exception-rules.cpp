// Releases described by a user rule file count as releases: a catch (...)
// that only calls them and falls through swallows the exception.
// RUN: %check_raii %s raii-swallowed-exception %t \
// RUN:   --config="{CheckOptions: {RaiiRuleFiles: '%S/../rules/Inputs/db.yaml'}}" \
// RUN:   -- -std=c++17
// Without the rule file, kv_close is an unknown call: no finding.
// RUN: %check_raii --prefix=NORULES %s raii-swallowed-exception %t.norules -- -std=c++17

struct kvstore;
extern "C" int kv_close(kvstore *);
void query(kvstore *db);

void run(kvstore *db) {
  try {
    query(db);
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'catch (...)' only releases resources and falls through, silently swallowing the exception; add 'throw;', report it, or say in a comment that it is ignored intentionally [raii-swallowed-exception]
    kv_close(db);
  }
}
