// Mock declarations of the X/Open Curses functions in rules/xcurses.yaml.
#pragma once
#define NULL ((void *)0)
typedef struct _win_st WINDOW;
typedef struct screen SCREEN;
typedef struct _IO_FILE FILE;
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *f);
WINDOW *newwin(int nlines, int ncols, int begin_y, int begin_x);
WINDOW *newpad(int nlines, int ncols);
WINDOW *subwin(WINDOW *orig, int nlines, int ncols, int begin_y, int begin_x);
WINDOW *derwin(WINDOW *orig, int nlines, int ncols, int begin_y, int begin_x);
WINDOW *dupwin(WINDOW *win);
int delwin(WINDOW *win);
int wrefresh(WINDOW *win);
int waddstr(WINDOW *win, const char *str);
SCREEN *newterm(const char *type, FILE *outfd, FILE *infd);
SCREEN *set_term(SCREEN *new_screen);
void delscreen(SCREEN *sp);
int endwin(void);
