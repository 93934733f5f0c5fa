/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-stream.h"
#include "mysql-binlog-async-runner-private.h"
#include "mysql-binlog-run-private.h"
#include "mysql-binlog-settings-private.h"
#include "mysql-binlog-sink-private.h"
#include "mysql-binlog-stream-properties-private.h"
#include "mysql-binlog-stream-signals-private.h"

G_BEGIN_DECLS

/*
 * The instance of MysqlBinlogStream, shared by the files of the stream's
 * GObject face and by nothing below them: the face (stream.c), the
 * property accessors, the emission of what a run delivers, and the start
 * and end of a run.  The run itself never sees it: it talks to the stream
 * through its sink (mysql-binlog-sink-private.h).
 */
struct _MysqlBinlogStream
{
  GObject parent_instance;

  MysqlBinlogStreamSettings settings; /* the properties */
  gboolean disposed;          /* runs are refused */

  /* Shared with stop() and get_position() on other threads. */
  GMutex lock;
  MysqlBinlogPosition *position;
  gint running;
  gint stop_requested;
  MysqlBinlogAsyncRunner *async; /* set while run_async() runs */
  GError *failure;            /* atomic: what fail() ends the run with */
  MysqlBinlogRun *run;        /* with lock: the run under way, with all its state */

  /* What the stream is doing (mysql-binlog-stream-state.c). */
  gint state;                 /* atomic: a MysqlBinlogStreamState */
  guint notify_interval;      /* atomic: position-notify-interval, in ms */
  guint64 rows_delivered;     /* written on the signals' thread only, read relaxed */
  double lag;                 /* with lock */
  /* On the thread that emits the signals. */
  MysqlBinlogPosition *notified_position;
  guint64 notified_rows;
  gint64 next_notify;         /* monotonic: no position notify before */
  gint64 last_timestamp;      /* of the last transaction delivered; 0: none */
  gboolean caught_up;
  GMainContext *context;      /* of run_async(), for notify_timer */
  GSource *notify_timer;      /* a held-back position notify */
};

/* Filled by class_init. */
extern GParamSpec *_mysql_binlog_stream_properties[N_PROPS];
extern guint _mysql_binlog_stream_signals[N_SIGNALS];

/* The GObject property functions (mysql-binlog-stream-accessors.c). */
void _mysql_binlog_stream_get_property (GObject      *object,
                                        guint         prop_id,
                                        GValue       *value,
                                        GParamSpec   *pspec);
void _mysql_binlog_stream_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec);

/* One emission: what the reading side hands to the side that emits the
 * signals.  The run's sink builds it (mysql-binlog-emission.c); the
 * stream's deliver() emits it. */
typedef enum {
  EMISSION_EVENT,
  EMISSION_ROWS,
  EMISSION_BATCH,            /* a: the MysqlBinlogRowBatch (owned); count: rows to count */
  EMISSION_POSITION,
  EMISSION_RECONNECTING,
  EMISSION_IDLE,
  EMISSION_STATE,
  EMISSION_SCHEMA_CHANGED,   /* a: the table, b: the statement (owned) */
  EMISSION_SCHEMA_SNAPSHOT,  /* a: the schema history's GBytes (owned) */
  EMISSION_SNAPSHOT,         /* a: the table's name (owned); attempt: finished */
} MysqlBinlogEmissionKind;

typedef struct
{
  MysqlBinlogEmissionKind kind;
  guint signal_id;
  GQuark detail;
  gpointer a;        /* the event, the (before) row or the position */
  gpointer b;        /* the row after an update */
  guint attempt;
  guint delay;
  GError *error;
  gsize cost;        /* bytes of binlog it keeps alive, for the async queue */
  gint64 timestamp;  /* of the event that ends the position's transaction; 0: unknown */
  MysqlBinlogStreamState state;
  guint64 count;     /* the rows of a finished snapshot */
} MysqlBinlogEmission;

/* mysql-binlog-stream.c: emits @emission (borrowed) on the thread that
 * emits the signals, for run() and run_async() alike. */
void     _mysql_binlog_stream_deliver (MysqlBinlogStream         *self,
                                       const MysqlBinlogEmission *emission);

/* mysql-binlog-stream-snapshot.c: emits snapshot-started or
 * snapshot-finished. */
void     _mysql_binlog_stream_deliver_snapshot (MysqlBinlogStream         *self,
                                                const MysqlBinlogEmission *emission);

/* mysql-binlog-emission.c: the stream as the sink of its runs, which
 * emits at once during run() and queues for the caller's context during
 * run_async(); and the async runner's side of a queued emission. */
extern const MysqlBinlogSinkFuncs _mysql_binlog_stream_sink_funcs;
void     _mysql_binlog_emission_deliver_queued (gpointer                  owner,
                                                gpointer                  emission);
void     _mysql_binlog_emission_free           (gpointer                  emission);

/* mysql-binlog-stream-run.c: the stream's side of a run's start and end.
 * begin_run() loads the stored position and snapshots the settings into a
 * new run, on the thread that owns the signals; end_run() saves the last
 * position, frees the run and turns its outcome into the result. */
gboolean _mysql_binlog_stream_begin_run (MysqlBinlogStream  *self,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean _mysql_binlog_stream_end_run   (MysqlBinlogStream  *self,
                                         GCancellable       *cancellable,
                                         gboolean            ok,
                                         GError             *run_error,
                                         GError            **error);

/* mysql-binlog-stream-state.c: the observable state, on the thread that
 * emits the signals.  set_state() notifies a change of the state;
 * progress() follows a published position (@timestamp: of the event
 * that ends its transaction, 0: unknown) and notifies the position, the
 * rows delivered and the lag, at most once per position-notify-interval;
 * caught_up() says the server has nothing more to send (lag 0);
 * run_started() and run_ended() frame a run (@caught_up: it read to the
 * end).  Readers on other threads use the lock and atomics. */
void     _mysql_binlog_stream_state_init    (MysqlBinlogStream         *self);
void     _mysql_binlog_stream_state_clear   (MysqlBinlogStream         *self);
void     _mysql_binlog_stream_set_state     (MysqlBinlogStream         *self,
                                             MysqlBinlogStreamState     state);
void     _mysql_binlog_stream_progress      (MysqlBinlogStream         *self,
                                             gint64                     timestamp);
void     _mysql_binlog_stream_caught_up     (MysqlBinlogStream         *self);
void     _mysql_binlog_stream_run_started   (MysqlBinlogStream         *self);
void     _mysql_binlog_stream_run_ended     (MysqlBinlogStream         *self,
                                             gboolean                   caught_up);
gboolean _mysql_binlog_stream_get_state_property (MysqlBinlogStream   *self,
                                                  guint                prop_id,
                                                  GValue              *value);

/* A row handed to the handlers.  There is one writer, so a relaxed
 * atomic store of the increment (no locked instruction) lets another
 * thread read the count whole. */
static inline void
_mysql_binlog_stream_count_row (MysqlBinlogStream *self)
{
  __atomic_store_n (&self->rows_delivered, self->rows_delivered + 1, __ATOMIC_RELAXED);
}

/* @n rows handed to the handlers at once, a batch's. */
static inline void
_mysql_binlog_stream_count_rows (MysqlBinlogStream *self,
                                 guint64            n)
{
  __atomic_store_n (&self->rows_delivered, self->rows_delivered + n, __ATOMIC_RELAXED);
}

static inline gboolean
_mysql_binlog_stream_is_running (MysqlBinlogStream *self)
{
  return g_atomic_int_get (&self->running) != 0;
}

/* A handler called mysql_binlog_stream_fail(): nothing more is emitted,
 * no later position is published or saved. */
static inline gboolean
_mysql_binlog_stream_has_failed (MysqlBinlogStream *self)
{
  return g_atomic_pointer_get (&self->failure) != NULL;
}

#define RETURN_IF_RUNNING(self) \
  G_STMT_START { \
    if (_mysql_binlog_stream_is_running (self)) \
      { \
        g_critical ("%s: the properties of a MysqlBinlogStream cannot change while it runs", \
                    G_STRFUNC); \
        return; \
      } \
  } G_STMT_END

G_END_DECLS
