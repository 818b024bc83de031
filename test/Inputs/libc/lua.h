// Lua 5.4's error functions as lua.h and lauxlib.h declare them: no
// `noreturn`, though the manual says they never return.
#pragma once
typedef struct lua_State lua_State;
int lua_error(lua_State *L);
int luaL_error(lua_State *L, const char *fmt, ...);
int luaL_argerror(lua_State *L, int arg, const char *extramsg);
const char *luaL_checklstring(lua_State *L, int arg, unsigned long *l);
