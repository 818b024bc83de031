"""Source text access: clang-tidy's structured output gives byte offsets;
reports want lines and columns. Each file is read once."""
import bisect


class SourceFile:
    def __init__(self, data):
        self.data = data  # bytes, or None when the file cannot be read
        self._starts = None

    def _line_starts(self):
        if self._starts is None:
            starts = [0]
            find = self.data.find
            i = find(b"\n")
            while i != -1:
                starts.append(i + 1)
                i = find(b"\n", i + 1)
            self._starts = starts
        return self._starts

    def line_col(self, offset):
        """1-based (line, byte column) of a byte offset, as clang counts."""
        if self.data is None:
            return 0, 0
        starts = self._line_starts()
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def char_column(self, line, byte_column):
        """The byte column as a 1-based count of Unicode code points."""
        if self.data is None or line < 1:
            return byte_column
        start = self._line_starts()[line - 1]
        prefix = self.data[start:start + byte_column - 1]
        return len(prefix.decode("utf-8", errors="replace")) + 1

    def line_text(self, line):
        if self.data is None or line < 1:
            return ""
        starts = self._line_starts()
        if line > len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(self.data)
        return self.data[starts[line - 1]:end].decode("utf-8", errors="replace")


class Sources:
    def __init__(self):
        self._files = {}

    def get(self, path):
        f = self._files.get(path)
        if f is None:
            try:
                with open(path, "rb") as fh:
                    f = SourceFile(fh.read())
            except OSError:
                f = SourceFile(None)
            self._files[path] = f
        return f
