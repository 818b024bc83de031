"""Progress of a whole-project run on stderr: on a terminal one line redrawn
in place (files done/total, findings so far, elapsed, ETA); otherwise one
plain line per finished file. --progress=bar|lines|none overrides the choice."""
import sys
import time


def _clock(seconds):
    seconds = int(seconds + 0.5)
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    def __init__(self, total, mode, stream=None, root_shown=lambda p: p):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.shown = root_shown
        self._width = 0

    def update(self, path, findings_so_far, file_findings, seconds, failed):
        self.done += 1
        if self.mode == "none":
            return
        if self.mode == "lines":
            status = "failed" if failed else f"{file_findings} finding" + \
                ("" if file_findings == 1 else "s")
            print(f"[{self.done}/{self.total}] {self.shown(path)}: {status} "
                  f"({seconds:.1f} s)", file=self.stream, flush=True)
            return
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done)
        text = (f"[{self.done}/{self.total}] {findings_so_far} findings, "
                f"{_clock(elapsed)} elapsed, ETA {_clock(eta)}")
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()

    def finish(self):
        if self.mode == "bar" and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
