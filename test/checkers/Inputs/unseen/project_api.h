// A project header: functions whose bodies are in other files of the project.
#pragma once
void project_step();
struct Stage {
  virtual ~Stage();
  virtual void run();
};
#if defined(PROJECT_THROWS) || defined(PROJECT_THROWS_UNREFERENCED)
// The project throws somewhere: here, in one of its headers.
inline void project_check(bool ok) {
  if (!ok)
    throw 1;
}
#endif
