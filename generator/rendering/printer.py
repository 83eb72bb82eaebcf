"""A printer process started before the page exists, so WeasyPrint's import overlaps the build.

Importing WeasyPrint takes about a second (it parses its C declarations and user-agent
style sheets), longer than building the page. The CLI starts this process as soon as it
knows a PDF is wanted; the process imports WeasyPrint on the other core, then waits for one
page on its standard input and answers on its standard output with a stream of pickled frames:
  ("progress", words, percent)  a step of the print, as `printing.reporting` words it;
  ("log", logger, level, text)  a log record of the print (a refused fetch, a CSS warning);
  ("done", pdf, refused)        the PDF and the refused fetches' messages, the last frame;
  ("error", text)               why the page could not be printed, the last frame.
Only this program's own parent writes to it: the frames are pickles because both ends are ours.
"""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
import weakref
from pathlib import Path
from typing import IO, Any

from telepolicy.generator.rendering.printing import Progress, log, print_page, reporting


class PrinterError(Exception):
    """Raised by `Printer.print` when the printer process could not print the page; says why in words."""


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the printer process if it still runs, and close its pipes."""
    if process.poll() is None:
        process.kill()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()
    process.wait()


class Printer:
    """The parent's handle on one printer process; it prints one page, then the process ends.

    A printer that is dropped unused (the PDF came from the cache, or the build failed) ends its process.
    """

    def __init__(self) -> None:
        # -P: the current folder is not on the path, so a file there cannot stand in for a module.
        command = [sys.executable, "-P", "-m", "telepolicy.generator.rendering.printer"]
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._finalizer = weakref.finalize(self, _stop, self._process)

    def close(self) -> None:
        self._finalizer()

    def print(self, html: str, templates: Path, on_progress: Progress | None) -> tuple[bytes, list[str]]:
        """The PDF and the refused fetches; log records are logged here; `on_progress` hears each step.

        Raises `PrinterError` when the page could not be printed, and whatever `on_progress`
        raises (the process is ended then).
        """
        process = self._process
        assert process.stdin is not None
        assert process.stdout is not None
        level = min(logging.getLogger(name).getEffectiveLevel() for name in ("weasyprint", log.name))
        try:
            try:
                pickle.dump((html, templates, level, on_progress is not None), process.stdin)
                process.stdin.close()
            except OSError:
                pass  # the process has ended: reading its answer says why
            while True:
                try:
                    frame = pickle.load(process.stdout)
                except (EOFError, pickle.UnpicklingError, OSError):
                    code = process.wait()
                    raise PrinterError(f"the printer process stopped unexpectedly (exit code {code})") from None
                if frame[0] == "progress" and on_progress is not None:
                    on_progress(frame[1], frame[2])
                elif frame[0] == "log":
                    logging.getLogger(frame[1]).log(frame[2], "%s", frame[3])
                elif frame[0] == "done":
                    return frame[1], frame[2]
                elif frame[0] == "error":
                    raise PrinterError(frame[1])
        finally:
            self.close()


class _Forward(logging.Handler):
    """In the printer process: each log record goes to the parent as a frame."""

    def __init__(self, send: Any, level: int) -> None:
        super().__init__(level)
        self.send = send

    def emit(self, record: logging.LogRecord) -> None:
        self.send("log", record.name, record.levelno, record.getMessage())


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The printer process: import WeasyPrint at once, then print the one page asked for."""

    def send(*frame: Any) -> None:
        pickle.dump(frame, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()

    try:
        import weasyprint  # noqa: F401  the reason this process starts early

        failed: Exception | None = None
    except Exception as error:  # a missing native library (Pango): said when the page comes
        failed = error
    try:
        html, templates, level, wants_progress = pickle.load(requests)
    except EOFError:
        return  # the parent did not need a print (the cache had it) or has ended
    if failed is not None:
        send("error", f"WeasyPrint could not be loaded: {failed}")
        return
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(_Forward(send, level))
    refused: list[str] = []
    try:
        with reporting((lambda words, percent: send("progress", words, percent)) if wants_progress else None, html):
            pdf = print_page(html, templates, refused)
    except Exception as error:  # WeasyPrint raises many kinds; the user needs one message
        send("error", str(error))
        return
    send("done", pdf, refused)


if __name__ == "__main__":  # python -m telepolicy.generator.rendering.printer, started by Printer
    serve(sys.stdin.buffer, sys.stdout.buffer)
