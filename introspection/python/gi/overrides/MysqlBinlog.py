# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# PyGObject overrides for MysqlBinlog: rows behave as read-only mappings
# from column names to Python values, the rows of a rows event come as a
# list of dicts (Stream.on_rows, RowBatch.to_dicts), and an exception
# raised by a signal handler fails the stream's run.  Everything here is
# comfort over the C API (MysqlBinlog.Row.dup_values, get_column_names,
# get_column_value, the RowBatch column accessors, MysqlBinlog.Stream.fail).

import os
import signal
import socket
import sys
import threading
import weakref

from gi.repository import GLib

from ..module import get_introspection_module
from ..overrides import override

MysqlBinlog = get_introspection_module('MysqlBinlog')

__all__ = []

_Variant = GLib.Variant


def _from_variant(value):
    # Byte strings (ay) become bytes, vectors (ad) a list of floats.
    if value.get_type_string() == 'ay':
        return value.get_data_as_bytes().get_data()
    return value.unpack()


# A function of a row's values that returns its dict, for each list of
# column names: a dict display with constant keys builds a dict in a
# fraction of the time dict(zip(names, values)) takes.  The keys are the
# names' repr(), so any name is a literal.
_dict_makers = {}
_MAX_DICT_MAKERS = 1024
_MAX_MAKER_COLUMNS = 255


def _dict_maker(names):
    names = tuple(names)
    maker = _dict_makers.get(names)
    if maker is None:
        if len(names) > _MAX_MAKER_COLUMNS:
            return lambda *values: dict(zip(names, values))
        args = ', '.join('v%d' % i for i in range(len(names)))
        items = ', '.join('%r: v%d' % (name, i) for i, name in enumerate(names))
        maker = eval('lambda %s: {%s}' % (args, items), {})
        if len(_dict_makers) >= _MAX_DICT_MAKERS:
            _dict_makers.clear()
        _dict_makers[names] = maker
    return maker


# The introspected methods to_dict() calls, looked up once.
_dup_values = MysqlBinlog.Row.dup_values
_get_column_names = MysqlBinlog.Row.get_column_names


class Row(MysqlBinlog.Row):
    """A row image; also a read-only mapping from column names to values.

    Values are the natural Python types: int, float, str, bytes, list (SET)
    and None (NULL).  ``row.to_dict()`` gives them all at once, in column
    order, and is the fast way to read a whole row.
    """

    def to_dict(self):
        """Returns the row as a dict from column names to Python values."""
        values = _dup_values(self)
        if _Variant in map(type, values):
            values = [_from_variant(value) if type(value) is _Variant else value
                      for value in values]
        return _dict_maker(_get_column_names(self))(*values)

    def _index(self, key):
        if isinstance(key, int):
            n = self.get_n_columns()
            index = key + n if key < 0 else key
            if not 0 <= index < n:
                raise IndexError('column index %d out of range' % key)
            return index
        index = self.get_column_index(key)
        if index < 0:
            raise KeyError(key)
        return index

    def __getitem__(self, key):
        """row['name'] or row[index]: one value, as to_dict() gives it."""
        value = self.get_column_value(self._index(key))
        if type(value) is _Variant:
            return _from_variant(value)
        return value

    def get(self, name, default=None):
        try:
            return self[name]
        except (KeyError, IndexError):
            return default

    def __len__(self):
        return self.get_n_columns()

    def __bool__(self):
        # A row is a row even when its image holds no column.
        return True

    def __iter__(self):
        return iter(self.get_column_names())

    def __contains__(self, name):
        return isinstance(name, str) and self.get_column_index(name) >= 0

    def keys(self):
        return self.get_column_names()

    def values(self):
        return list(self.to_dict().values())

    def items(self):
        return list(self.to_dict().items())

    def __repr__(self):
        return '<MysqlBinlog.Row %s.%s %r>' % (self.get_schema(), self.get_table(),
                                               self.to_dict())


Row = override(Row)
__all__.append('Row')


# RowBatch.dup_numbers() packs gint64 ('x'), guint64 ('t') or double
# ('d') values: their memoryview format.
_PACKED = {'x': 'q', 't': 'Q', 'd': 'd'}


class RowBatch(MysqlBinlog.RowBatch):
    """The changed rows of one rows event, as the ``*-batch`` signals give
    them; also a sequence of its rows (MysqlBinlog.Row).

    ``batch.to_dicts()`` gives every row as a dict (an update batch's rows
    as they were before the update; ``to_dicts(after=True)`` as they are
    after it), ``batch.to_pairs()`` an update batch's rows as (before,
    after) pairs of dicts: the dicts ``Row.to_dict()`` gives, built a
    column at a time.
    """

    def _columns(self, after):
        """The column names of the rows and the values of each column.

        A call into the library costs more than converting a few dozen
        values, so all the text columns come in one call, all the
        numeric ones in another.
        """
        first = self.get_after(0) if after else self.get_row(0)
        if first is None:
            raise ValueError('the batch holds no after images')
        names = first.get_column_names()
        kinds = first.get_column_type_strings()
        n_rows = self.get_n_rows()
        columns = []
        numeric = []
        strings = numbers = rows = None
        any_null = False
        at_string = at_number = 0
        for i, kind in enumerate(kinds):
            if kind == 's':
                if strings is None:
                    strings = self.get_strings(after)
                columns.append(strings[at_string:at_string + n_rows])
                at_string += n_rows
                continue
            packed = _PACKED.get(kind)
            if packed is not None:
                if numbers is None:
                    numbers, any_null = self.dup_numbers(after)
                    numbers = memoryview(numbers)
                end = at_number + 8 * n_rows
                columns.append(numbers[at_number:end].cast(packed).tolist())
                at_number = end
                numeric.append(i)
                continue
            # bytes, SET, VECTOR, the NULL type: a value at a time
            if rows is None:
                rows = self.get_rows(after)
            columns.append([Row.__getitem__(row, i) for row in rows])
        if any_null:
            # the numbers of NULL values are 0s
            nulls = self.get_nulls(after)
            n = len(names)
            for i in numeric:
                column = columns[i]
                for r in range(n_rows):
                    if nulls[r * n + i]:
                        column[r] = None
        return names, columns

    def to_dicts(self, after=False):
        """Returns the rows as a list of dicts from column names to values,
        as Row.to_dict() gives them; with @after, the after images of an
        update batch."""
        names, columns = self._columns(after)
        if not names:
            return [{} for _ in range(self.get_n_rows())]
        return list(map(_dict_maker(names), *columns))

    def to_pairs(self):
        """Returns the rows of an update batch as (before, after) pairs of
        dicts."""
        return list(zip(self.to_dicts(), self.to_dicts(after=True)))

    def __len__(self):
        return self.get_n_rows()

    def __bool__(self):
        return True

    def __getitem__(self, index):
        """batch[i]: row i (its before image in an update batch)."""
        n = self.get_n_rows()
        if isinstance(index, slice):
            return [self.get_row(i) for i in range(*index.indices(n))]
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError('row index %d out of range' % index)
        return self.get_row(i)

    def __iter__(self):
        return iter(self.get_rows(False))

    def __repr__(self):
        return '<MysqlBinlog.RowBatch %s.%s, %d rows>' % (self.get_schema(), self.get_table(),
                                                          self.get_n_rows())


RowBatch = override(RowBatch)
__all__.append('RowBatch')


# Handler failures ---------------------------------------------------------
#
# PyGObject prints an exception that escapes a signal handler and carries
# on, so the stream would checkpoint the transaction the handler failed
# on.  Instead, the handlers connected to a Stream are guarded: an
# exception (KeyboardInterrupt and SystemExit included) calls
# Stream.fail(), which ends the run without checkpointing that
# transaction, and run() / run_finish() raise the exception itself.

_ERROR_DOMAIN = 'mysql-binlog-error-quark'

# The streams that run() runs on this thread, innermost last.
_local = threading.local()
_hook_lock = threading.Lock()
_hook_users = 0
_previous_excepthook = None


def _excepthook(exc_type, value, traceback):
    # PyGObject prints an exception that escaped a handler through
    # sys.excepthook.  A guard cannot catch every one: an exception that a
    # Python signal handler raises is raised as the next handler is
    # entered, before its guard's try.  Inside run(), any such exception
    # fails the run.
    streams = getattr(_local, 'streams', None)
    if streams and streams[-1]._handler_failed(value):
        return
    (_previous_excepthook or sys.__excepthook__)(exc_type, value, traceback)


def _hook_excepthook():
    global _hook_users, _previous_excepthook
    with _hook_lock:
        if sys.excepthook is not _excepthook:
            _previous_excepthook = sys.excepthook
            sys.excepthook = _excepthook
        _hook_users += 1


def _unhook_excepthook():
    global _hook_users, _previous_excepthook
    with _hook_lock:
        _hook_users -= 1
        if _hook_users == 0 and sys.excepthook is _excepthook:
            sys.excepthook = _previous_excepthook or sys.__excepthook__
            _previous_excepthook = None


def _as_error(exc):
    """The GLib.Error that fails the run for @exc."""
    if isinstance(exc, GLib.Error):
        return exc
    name = type(exc).__qualname__
    text = str(exc)
    return GLib.Error('A signal handler raised %s%s' % (name, ': ' + text if text else ''),
                      _ERROR_DOMAIN, MysqlBinlog.Error.FAILED)


class _Guarded:
    """A signal handler whose exceptions fail the stream's run.

    It compares equal to the function it guards, so that
    disconnect_by_func() and handler_block_by_func() find it.
    """

    __slots__ = ('func', 'stream')

    def __init__(self, func, stream):
        self.func = func
        self.stream = weakref.ref(stream)

    def __call__(self, *args):
        try:
            return self.func(*args)
        except BaseException as exc:
            stream = self.stream()
            if stream is None or not stream._handler_failed(exc):
                raise

    def __eq__(self, other):
        if isinstance(other, _Guarded):
            return self.func == other.func
        return self.func == other

    def __hash__(self):
        return hash(self.func)

    def __repr__(self):
        return '<guarded %r>' % (self.func,)


def _guard(handler, stream):
    if not callable(handler) or isinstance(handler, _Guarded):
        return handler  # PyGObject reports what is not callable
    # An attribute keeps this wrapper alive as long as the stream, for the
    # guard's weak reference.
    stream._guarded = True
    return _Guarded(handler, stream)


# Signals during a blocking run() -------------------------------------------
#
# Python runs a signal handler on the main thread, between two bytecodes:
# never while that thread is blocked in C.  run() therefore waits on a
# context that Python's signal wakeup fd wakes (signal.set_wakeup_fd), so
# that the handlers run while the stream runs.


class _SignalWakeup:
    """Python's signal wakeup fd, as a GLib source, for the main thread.

    Entering gives None on another thread (set_wakeup_fd refuses).  A
    wakeup fd set before (asyncio's, say) is restored afterwards, and gets
    the signal numbers that arrived meanwhile.
    """

    def __enter__(self):
        self._read, self._write = socket.socketpair()
        for sock in (self._read, self._write):
            sock.setblocking(False)
        self._source = None
        try:
            self._previous = signal.set_wakeup_fd(self._write.fileno(),
                                                  warn_on_full_buffer=False)
        except ValueError:
            self._close()
            return None
        return self

    def attach(self, context):
        channel = GLib.IOChannel.unix_new(self._read.fileno())
        self._source = GLib.io_create_watch(channel, GLib.IOCondition.IN)
        self._source.set_callback(self._drain)
        self._source.attach(context)

    def _drain(self, *args):
        # Python calls the handlers of the signals as this code runs.
        try:
            while True:
                data = self._read.recv(256)
                if not data:
                    break
                if self._previous >= 0:
                    try:
                        os.write(self._previous, data)
                    except OSError:
                        pass
        except (BlockingIOError, InterruptedError):
            pass
        return True

    def _close(self):
        self._read.close()
        self._write.close()

    def __exit__(self, *exc):
        signal.set_wakeup_fd(self._previous)
        if self._source is not None:
            self._source.destroy()
        self._close()
        return False


class _SigintHandler:
    """Replaces Python's default SIGINT handler (the one that raises
    KeyboardInterrupt wherever the main thread is) for the duration."""

    def __init__(self, handler):
        self._handler = handler
        self._previous = None

    def __enter__(self):
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        return False


class Stream(MysqlBinlog.Stream):
    """Reads a binary log and emits one signal per event and changed row.

    A handler that raises an exception fails the run: nothing more is
    emitted, the transaction it failed on is not checkpointed (the
    position store keeps the position before it, so the next run delivers
    it again), and run() (or run_finish()) raises that exception, with the
    handler's traceback.  Outside a run an exception is printed as
    PyGObject prints it.

    On the main thread, signals reach their Python handlers while run()
    waits for the server: Ctrl-C stops the run (the position of the last
    transaction delivered is saved) and run() then raises
    KeyboardInterrupt, as GLib.MainLoop.run() does; a SIGTERM handler that
    calls stop() ends it at once.  The handlers still run on the thread
    that called run().
    """

    _failure = None   # the first exception of the run
    _running = False

    def _handler_failed(self, exc):
        """Fails the run for @exc; False when there is no run to fail."""
        if not self._running:
            return False
        if self._failure is not None:
            return False  # the first failure wins; PyGObject prints this one
        self._failure = exc
        MysqlBinlog.Stream.fail(self, _as_error(exc))
        return True

    def fail(self, error):
        """Fails the run with @error (a GLib.Error), like a raised exception."""
        if self._running and self._failure is None:
            self._failure = error
        MysqlBinlog.Stream.fail(self, error)

    def connect(self, detailed_signal, handler, *args):
        return super().connect(detailed_signal, _guard(handler, self), *args)

    def connect_after(self, detailed_signal, handler, *args):
        return super().connect_after(detailed_signal, _guard(handler, self), *args)

    def connect_object(self, detailed_signal, handler, gobject, *args):
        return super().connect_object(detailed_signal, _guard(handler, self), gobject, *args)

    def connect_object_after(self, detailed_signal, handler, gobject, *args):
        return super().connect_object_after(detailed_signal, _guard(handler, self), gobject,
                                            *args)

    def connect_data(self, detailed_signal, handler, *data, **kwargs):
        return super().connect_data(detailed_signal, _guard(handler, self), *data, **kwargs)

    def _begin(self):
        self._failure = None
        self._running = True

    def _finish(self, call, *args):
        """Calls run() or run_finish(); raises the handler's exception."""
        error = None
        try:
            ok = call(self, *args)
        except GLib.Error as e:
            error = e
        failure, self._failure = self._failure, None
        if failure is not None and failure is not error:
            raise failure
        if error is not None:
            raise error
        return ok

    def run(self, cancellable=None):
        """Runs the stream until it ends (see MysqlBinlog.Stream.run).

        Raises the exception a handler raised, or GLib.Error.
        """
        if self._running:
            # the library refuses a second run
            return MysqlBinlog.Stream.run(self, cancellable)
        streams = getattr(_local, 'streams', None)
        if streams is None:
            streams = _local.streams = []
        self._begin()
        streams.append(self)
        _hook_excepthook()
        try:
            with _SignalWakeup() as wakeup:
                if wakeup is None:
                    # not the main thread: no Python signal handler runs here
                    return self._finish(MysqlBinlog.Stream.run, cancellable)
                return self._run_waking(cancellable, wakeup)
        finally:
            _unhook_excepthook()
            streams.remove(self)
            self._running = False

    def _run_waking(self, cancellable, wakeup):
        """run() on the main thread, where Python runs signal handlers.

        A blocking C call would keep them from running until the next
        event, so the run reads on a thread of the library (run_async) and
        this thread emits the signals from a context of its own, woken by
        Python's signal wakeup fd: a handler (SIGTERM's calling stop(), say)
        runs at once.  Ctrl-C stops the run, and KeyboardInterrupt is
        raised once it ended and its position was saved, as
        GLib.MainLoop.run() does.
        """
        context = GLib.MainContext()
        results = []
        interrupted = []

        def done(stream, result, *args):
            results.append(result)

        def on_sigint(signum, frame):
            interrupted.append(signum)
            self.stop()

        raised = None
        wakeup.attach(context)
        with _SigintHandler(on_sigint):
            # The run delivers to the context that is the thread's default
            # when it starts; its handlers then run with the caller's own
            # default, as under a plain run() (an asynchronous call a
            # handler starts completes there).
            context.push_thread_default()
            try:
                MysqlBinlog.Stream.run_async(self, cancellable, done)
            finally:
                context.pop_thread_default()
            while not results:
                try:
                    context.iteration(True)
                except BaseException as e:
                    # raised by a signal handler between two iterations:
                    # the run ends first, then it goes on
                    if raised is None:
                        raised = e
                    self.stop()
        ok = self._finish(MysqlBinlog.Stream.run_finish, results[0])
        if raised is not None:
            raise raised
        if interrupted:
            raise KeyboardInterrupt
        return ok

    def run_async(self, cancellable, callback, *user_data):
        """Runs the stream on the main context (see MysqlBinlog.Stream.run_async).

        run_finish() raises the exception a handler raised.
        """
        if self._running:
            return MysqlBinlog.Stream.run_async(self, cancellable, callback, *user_data)

        def done(*args):
            self._running = False
            if callback is not None:
                callback(*args)

        self._begin()
        try:
            MysqlBinlog.Stream.run_async(self, cancellable, done, *user_data)
        except BaseException:
            self._running = False
            raise

    def run_finish(self, result):
        """The result of run_async(); raises the exception a handler raised."""
        return self._finish(MysqlBinlog.Stream.run_finish, result)


Stream = override(Stream)
__all__.append('Stream')


# Decorators --------------------------------------------------------------


def _stream_on(self, signal, table=None):
    """A decorator that connects the decorated function to @signal.

    With @table ('schema.table'), to that table's rows only, the detailed
    signal 'rows-inserted::schema.table'; without it, to every table's.
    The function is returned unchanged, so it stays callable::

        @stream.on('rows-inserted', 'shop.orders')
        def on_order(stream, row):
            print(row['id'])
    """
    detailed = signal if table is None else '%s::%s' % (signal, table)

    def connect(func):
        self.connect(detailed, func)
        return func

    return connect


Stream.on = _stream_on

_BATCH_SIGNALS = {
    'rows-inserted': 'rows-inserted-batch',
    'rows-updated': 'rows-updated-batch',
    'rows-deleted': 'rows-deleted-batch',
}


class _RowsHandler:
    """Calls a function with the dicts of a batch's rows; compares equal to
    the function, as _Guarded does, for disconnect_by_func()."""

    __slots__ = ('func', 'pairs')

    def __init__(self, func, pairs):
        self.func = func
        self.pairs = pairs

    def __call__(self, stream, batch, *args):
        rows = batch.to_pairs() if self.pairs else batch.to_dicts()
        return self.func(stream, rows, *args)

    def __eq__(self, other):
        if isinstance(other, _RowsHandler):
            return self.func == other.func
        return self.func == other

    def __hash__(self):
        return hash(self.func)

    def __repr__(self):
        return '<rows handler %r>' % (self.func,)


def _stream_on_rows(self, signal, table=None):
    """A decorator that connects the decorated function to the rows of
    @signal ('rows-inserted', 'rows-updated' or 'rows-deleted') a rows event
    at a time, as a list: of dicts for inserted and deleted rows, of
    (before, after) pairs of dicts for updated ones.  It connects to the
    batch signal ('rows-inserted-batch', ...), detailed by @table
    ('schema.table') when given.  The dicts are those Row.to_dict() gives;
    building them a column at a time costs a fraction of a handler call
    per row.  The function is returned unchanged::

        @stream.on_rows('rows-inserted', 'shop.orders')
        def on_orders(stream, rows):
            for row in rows:
                print(row['id'])
    """
    batch_signal = _BATCH_SIGNALS.get(signal)
    if batch_signal is None:
        raise ValueError('on_rows() takes rows-inserted, rows-updated or rows-deleted, not %r'
                         % (signal,))
    detailed = batch_signal if table is None else '%s::%s' % (batch_signal, table)

    def connect(func):
        self.connect(detailed, _RowsHandler(func, signal == 'rows-updated'))
        return func

    return connect


Stream.on_rows = _stream_on_rows
