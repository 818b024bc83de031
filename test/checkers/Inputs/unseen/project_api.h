// A project header: functions whose bodies are in other files of the project.
#pragma once
void project_step();
struct Stage {
  virtual ~Stage();
  virtual void run();
};
#ifdef PROJECT_THROWS_VIRTUAL
// An override a call of Stage::run may reach, though the unit names it
// nowhere.
struct StrictStage : Stage {
  void run() override { throw 1; }
};
#endif
#if defined(PROJECT_THROWS) || defined(PROJECT_THROWS_UNREFERENCED)
// The project throws somewhere: here, in one of its headers.
inline void project_check(bool ok) {
  if (!ok)
    throw 1;
}
#endif
