// The families of rules/xcurses.yaml on mock curses declarations: windows
// deleted on every path, a subwindow leaked on an early return, and the
// streams newterm keeps (ncdu opens /dev/tty for its screen and never
// closes it).
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c11 -isystem %S/Inputs/api

#include <curses_api.h>

int negativeWindow(const char *msg) {
  WINDOW *w = newwin(3, 40, 0, 0);
  if (!w)
    return -1;
  waddstr(w, msg);
  wrefresh(w);
  delwin(w);
  return 0;
}

int positiveSubwindow(WINDOW *parent, const char *msg) {
  WINDOW *box = derwin(parent, 3, 20, 1, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'box' acquired by 'derwin' is not released on every path [raii-release-skipped]
  if (!box)
    return -1;
  if (waddstr(box, msg) != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'box' is skipped by this return
  delwin(box);
  return 0;
}

void positiveDeletedTwice(void) {
  WINDOW *pad = newpad(100, 80);
  if (!pad)
    return;
  delwin(pad);
  delwin(pad);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pad' is released by 'delwin' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'pad' was first released here
}

// ncdu: the screen keeps the terminal's stream until the program ends.
static SCREEN *screen;

int negativeTerminalKept(void) {
  FILE *tty = fopen("/dev/tty", "r+");
  if (!tty)
    return -1;
  screen = newterm(NULL, tty, tty);
  return screen ? 0 : -1;
}

// ncdu again: the new screen becomes the current one, which the library
// holds.
void negativeScreenCurrent(FILE *tty) {
  SCREEN *term = newterm(NULL, tty, tty);
  if (!term)
    return;
  set_term(term);
}

int positiveScreenDropped(FILE *out, FILE *in) {
  SCREEN *s = newterm("xterm", out, in);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 's' acquired by 'newterm' is not released on every path [raii-release-skipped]
  if (!s)
    return -1;
  if (endwin() != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  delscreen(s);
  return 0;
}
