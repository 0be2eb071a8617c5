"""Running service calls off the GUI thread: one database worker, results back on the GUI thread.

Modelled on Anki's ``CollectionOp`` + ``taskman``: every database access goes through one
``ThreadPoolExecutor(max_workers=1)``, so SQLCipher connections are used by one thread at a time
and the window never freezes.  ``success``/``failure`` callbacks run on the GUI thread.

    runner.run(families.register_family, ws, data,
               success=lambda fam: self.show_family(fam.id),
               failure=self.show_error)

Long jobs take a ``progress`` keyword (``progress(done, total)``) and get a progress dialog via
``run_with_progress``.

Like Anki's ``OpChanges``, every job is recorded (``app.services.changes.recording``): what it
wrote reaches the screens once, as ``changed(Changes)`` after its callback, and each screen asks
``changes.touches(...)`` for what it shows.  Nobody announces a change by hand.
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.config import log_dir
from app.errors import KooperacjaError
from app.i18n import _
from app.services.changes import Changes, recording
from app.store.fileops import explain_failure

log = logging.getLogger(__name__)


class _WorkerGc:
    """No cyclic garbage collection while a job runs on the database thread.

    Python's cycle collector runs in whichever thread happens to allocate; run on the worker it
    may finalise a Qt wrapper held in a garbage cycle, and shiboken's deferred deletion of that
    wrapper crashes the program.  The collector is paused (on the GUI thread) before a job is
    submitted and resumed on the GUI thread once every runner is idle, so it only ever runs there.
    """

    busy_runners = 0
    paused = False

    @classmethod
    def runner_busy(cls) -> None:
        cls.busy_runners += 1
        if cls.busy_runners == 1 and gc.isenabled():
            gc.disable()
            cls.paused = True

    @classmethod
    def runner_idle(cls) -> None:
        cls.busy_runners = max(cls.busy_runners - 1, 0)
        if cls.busy_runners == 0 and cls.paused:
            cls.paused = False
            gc.enable()


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker arrive queued."""

    finished = Signal(int, object, object, object)  # job id, value, exception, Changes
    progressed = Signal(int, int, int)  # job id, done, total


class OpRunner(QObject):
    """The application's single database worker.

    Callbacks (often bound methods of widgets) are kept only on the GUI thread, keyed by a job
    id: the worker never holds the last reference to a widget, so no Qt object is ever
    destroyed on the database thread.
    """

    busy_changed = Signal(bool)
    changed = Signal(object)  # the Changes of a job that wrote something, after its callback

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._jobs: dict[int, tuple] = {}
        self._jobs_lock = threading.Lock()
        self._ids = itertools.count(1)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        success: Callable[[Any], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        progress: Callable[[int, int], None] | None = None,
        **kwargs: Any,
    ) -> Future:
        """Call ``fn(*args, **kwargs)`` on the database thread (``fn`` must not touch Qt)."""
        job_id = next(self._ids)
        relay = self._relay
        if progress is not None:
            kwargs["progress"] = lambda done, total: relay.progressed.emit(job_id, done, total)
        with self._jobs_lock:
            self._jobs[job_id] = (fn, args, kwargs, success, failure, progress)
            first = len(self._jobs) == 1
        if first:
            _WorkerGc.runner_busy()
            self.busy_changed.emit(True)
        return self._executor.submit(self._work, job_id)

    def _work(self, job_id: int) -> None:
        with self._jobs_lock:
            fn, args, kwargs = self._jobs[job_id][:3]
        error: BaseException | None = None
        value: Any = None
        with recording() as written:
            try:
                value = fn(*args, **kwargs)
            except BaseException as exc:  # delivered to the GUI thread, never swallowed
                error = exc
        # Drop this thread's references before handing over: the GUI thread releases them.
        fn = args = kwargs = None
        self._relay.finished.emit(job_id, value, error, written.changes)

    def _progress(self, job_id: int, done: int, total: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None and job[5] is not None:
            job[5](done, total)

    def _deliver(self, job_id: int, value: Any, error: Any, changes: Changes) -> None:
        with self._jobs_lock:
            job = self._jobs.pop(job_id, None)
            idle = not self._jobs
        if idle:
            if job is not None:
                _WorkerGc.runner_idle()
            self.busy_changed.emit(False)
        try:
            if job is None:
                return
            success, failure = job[3], job[4]
            if error is not None:
                if failure is not None:
                    failure(error)
                else:
                    show_error(None, error)
            elif success is not None:
                success(value)
        finally:
            if changes:  # also after a failure: an earlier transaction of the job may have landed
                self.changed.emit(changes)

    def run_with_progress(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        success: Callable[[Any], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        **kwargs: Any,
    ) -> Future:
        """Like ``run`` with a modal progress dialog fed by ``fn``'s ``progress`` callback."""
        dialog = QProgressDialog(title, "", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)

        def finish(cb: Callable[[Any], object] | None) -> Callable[[Any], None]:
            def inner(value: Any) -> None:
                dialog.close()
                dialog.deleteLater()
                if cb is not None:
                    cb(value)

            return inner

        return self.run(
            fn,
            *args,
            success=finish(success),
            failure=finish(failure or (lambda exc: show_error(parent, exc))),
            progress=on_progress,
            **kwargs,
        )

    @property
    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet (0: idle, results delivered)."""
        with self._jobs_lock:
            return len(self._jobs)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until queued jobs ran (tests and shutdown); callbacks still need the loop."""
        self._executor.submit(lambda: None).result(timeout=timeout)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, KooperacjaError):
        return exc.message
    problem = explain_failure(exc)  # a full disk, a read-only medium…: said as such
    if problem is not None:
        return problem.message
    return _(
        "Something unexpected went wrong and the action was not completed. "
        "Nothing you saved earlier was lost. Details (without personal data) are in the log "
        "file in {folder}"
    ).format(folder=log_dir())


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show an error in Polish; unexpected errors are logged without their messages."""
    if not isinstance(exc, KooperacjaError) and explain_failure(exc) is None:
        log.error("unexpected error in an operation", exc_info=(type(exc), exc, exc.__traceback__))
    QMessageBox.warning(parent, _("Kooperacja"), error_text(exc))
