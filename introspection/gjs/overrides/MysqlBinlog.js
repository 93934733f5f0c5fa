// SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// gjs overrides for MysqlBinlog.  gjs loads them when a program imports
// the namespace (`gi://MysqlBinlog` or `imports.gi.MysqlBinlog`) from
// overrides/MysqlBinlog.js in its search path: installed in
// $datadir/gjs-1.0/overrides, or found through GJS_PATH.
//
// gjs logs an exception thrown by a signal handler and goes on, so the
// stream would checkpoint the transaction the handler failed on.  Here the
// handlers connected to a Stream are guarded: a thrown exception calls
// Stream.fail(), which ends the run without checkpointing that transaction,
// and run(), run_finish() or the Promise of runAsync() throw the exception
// itself.  Everything else is the C API unchanged.

const {Gio, GLib} = imports.gi;

function _init() {
    const MysqlBinlog = this;
    const Stream = MysqlBinlog.Stream;
    const proto = Stream.prototype;
    const {connect, connect_after: connectAfter, fail, run} = proto;
    const runAsync = proto.run_async;
    const runFinish = proto.run_finish;
    // Per stream: whether a run of this binding runs, and its first failure.
    const runs = new WeakMap();

    function state(stream) {
        let st = runs.get(stream);
        if (st === undefined) {
            st = {running: false, failed: false, failure: undefined};
            runs.set(stream, st);
        }
        return st;
    }

    function asError(exception) {
        if (exception instanceof GLib.Error)
            return exception;
        let what;
        if (exception instanceof Error)
            what = exception.message ? `${exception.name}: ${exception.message}` : exception.name;
        else
            what = String(exception);
        return new GLib.Error(MysqlBinlog.error_quark(), MysqlBinlog.Error.FAILED,
            `A signal handler threw ${what}`);
    }

    // Fails the run of @stream for @exception; false when there is no run
    // to fail (gjs then logs the exception, as it would without this).
    function handlerFailed(stream, exception) {
        const st = runs.get(stream);
        if (st === undefined || !st.running || st.failed)
            return false;
        st.failed = true;
        st.failure = exception;
        fail.call(stream, asError(exception));
        return true;
    }

    function guard(handler) {
        if (typeof handler !== 'function')
            return handler;  // gjs reports what is not a function
        return function (stream, ...args) {
            try {
                return handler.call(this, stream, ...args);
            } catch (e) {
                if (!(stream instanceof Stream) || !handlerFailed(stream, e))
                    throw e;
                return undefined;
            }
        };
    }

    proto.connect = function (signal, handler) {
        return connect.call(this, signal, guard(handler));
    };

    proto.connect_after = function (signal, handler) {
        return connectAfter.call(this, signal, guard(handler));
    };

    proto.fail = function (error) {
        const st = runs.get(this);
        if (st !== undefined && st.running && !st.failed) {
            st.failed = true;
            st.failure = error;
        }
        return fail.call(this, error);
    };

    function begin(stream) {
        const st = state(stream);
        if (st.running)
            return null;  // the library refuses a second run
        st.running = true;
        st.failed = false;
        st.failure = undefined;
        return st;
    }

    // The outcome of run() or run_finish(): the handler's exception first.
    function finish(stream, call, args) {
        const st = state(stream);
        let ok, error, threw = false;
        try {
            ok = call.apply(stream, args);
        } catch (e) {
            error = e;
            threw = true;
        }
        const {failed, failure} = st;
        st.failed = false;
        st.failure = undefined;
        if (failed && (!threw || failure !== error))
            throw failure;
        if (threw)
            throw error;
        return ok;
    }

    // SIGINT and SIGTERM during run(): a process blocked in the C call
    // would die at once, without saving its position.  run() reads on the
    // library's thread (run_async) and emits the signals on this thread
    // from a context of its own, where SIGINT and SIGTERM stop the run;
    // once it ended and its position was saved, run() throws
    // Gio.IOErrorEnum.CANCELLED naming the signal.
    const SIGNALS = [[2, 'SIGINT'], [15, 'SIGTERM']];

    function runWaking(stream, cancellable) {
        const context = new GLib.MainContext();
        let result = null, caught = null;
        const sources = SIGNALS.map(([signum, name]) => {
            const source = GLib.unix_signal_source_new(signum);
            source.set_callback(() => {
                caught ??= name;
                stream.stop();
                return GLib.SOURCE_CONTINUE;
            });
            source.attach(context);
            return source;
        });
        context.push_thread_default();
        try {
            runAsync.call(stream, cancellable, (source, res) => {
                result = res;
            });
            while (result === null)
                context.iteration(true);
        } finally {
            context.pop_thread_default();
            for (const source of sources)
                source.destroy();
        }
        const ok = finish(stream, runFinish, [result]);
        if (caught !== null) {
            throw new GLib.Error(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED,
                `The run was stopped by ${caught}`);
        }
        return ok;
    }

    proto.run = function (cancellable = null) {
        const st = begin(this);
        if (st === null)
            return run.call(this, cancellable);
        try {
            return runWaking(this, cancellable);
        } finally {
            st.running = false;
        }
    };

    proto.run_async = function (cancellable, callback) {
        const st = begin(this);
        if (st === null)
            return runAsync.call(this, cancellable, callback);
        try {
            return runAsync.call(this, cancellable, (source, result) => {
                st.running = false;
                if (callback)
                    callback(source, result);
            });
        } catch (e) {
            st.running = false;
            throw e;
        }
    };

    proto.run_finish = function (result) {
        return finish(this, runFinish, [result]);
    };

    // A Promise of the run's result; it rejects with the exception a
    // handler threw.
    if (!('runAsync' in proto)) {
        proto.runAsync = function (cancellable = null) {
            return new Promise((resolve, reject) => {
                this.run_async(cancellable, (source, result) => {
                    try {
                        resolve(source.run_finish(result));
                    } catch (e) {
                        reject(e);
                    }
                });
            });
        };
    }
}
