#!/bin/sh
# Lays out the test project in $1 (a fresh directory): sources and a
# compilation database with absolute paths. $2 is the mock include directory.
set -e
src=$(dirname "$0")
rm -rf "$1"
mkdir -p "$1/build"
cp -R "$src/include" "$src/src" "$1/"
sed -e "s|@ROOT@|$1|g" -e "s|@MOCK@|$2|g" "$src/compile_commands.json.in" \
  > "$1/build/compile_commands.json"
