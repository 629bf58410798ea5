"""What one worker process of a batch does: take blocks from the main process, evaluate them, and
write each when the main process says it is that block's turn (workers.py coordinates).

SIGINT and SIGTERM are the main process's to act on: a worker ignores them and stops when told,
between blocks, so it never leaves half a block in the output.
"""

from __future__ import annotations

import contextlib
import multiprocessing.connection
import os
import signal
from collections import deque
from collections.abc import Callable

from advies.batch.blocks import Blokuitkomst, Regels
from advies.batch.summary import Telling
from advies.errors import AdviesError, EngineFout


def werk(
    verbinding: multiprocessing.connection.Connection,
    verwerk: Callable[[Regels], Blokuitkomst],
    fd: int,
) -> None:
    """The worker's loop. Messages in: ("blok", n, lines), ("schrijf", n), ("stop",); out:
    ("begin", n) before evaluating, ("klaar", n, outcome without its text), ("geschreven", n),
    or ("fout", error) for anything but a bad case."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    wachtrij: deque[tuple[int, Regels]] = deque()
    klaar: dict[int, bytes] = {}  # evaluated, waiting for their turn
    try:
        while True:
            while not wachtrij or verbinding.poll():
                bericht = verbinding.recv()
                if bericht[0] == "stop":
                    return
                if bericht[0] == "blok":
                    wachtrij.append((bericht[1], bericht[2]))
                else:  # "schrijf": its turn
                    schrijf_alles(fd, klaar.pop(bericht[1]))
                    verbinding.send(("geschreven", bericht[1]))
            nummer, regels = wachtrij.popleft()
            verbinding.send(("begin", nummer))
            try:
                uitkomst = verwerk(regels)
            except AdviesError as fout:  # the engine failed on this block: the batch stops here
                uitkomst = Blokuitkomst(b"", Telling(), fout)
            klaar[nummer], uitkomst.tekst = uitkomst.tekst, b""
            verbinding.send(("klaar", nummer, uitkomst))
    except EOFError:  # the main process is gone
        return
    except BaseException as fout:  # reported by the main process, not as a traceback
        # a full disk (OSError) is worded by the main process; a reader that stopped (| head, a
        # BrokenPipeError) ends the batch without a word
        if not isinstance(fout, AdviesError | OSError):
            fout = EngineFout(f"onverwachte fout in een werkproces: {fout!r}")
        with contextlib.suppress(OSError):
            verbinding.send(("fout", fout))


def schrijf_alles(fd: int, tekst: bytes) -> None:
    geschreven = 0
    while geschreven < len(tekst):  # a pipe may take less than all at once
        geschreven += os.write(fd, memoryview(tekst)[geschreven:])
