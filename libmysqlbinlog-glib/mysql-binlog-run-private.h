/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-checkpoint-private.h"
#include "mysql-binlog-position-store.h"
#include "mysql-binlog-sink-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * One run of a stream, from run() (or run_async()) until it returns: the
 * settings as they were when it started, and everything it changes while
 * it reads (the source, the decoder and its table maps, the tracker, the
 * checkpoint).  The stream's properties cannot reach a running one.
 */

/* The stream's properties at the start of a run.  Given to
 * _mysql_binlog_run_new(), which copies what it needs. */
typedef struct
{
  const char *host;
  guint port;
  const char *user;
  const char *password;
  const char *socket;
  const MysqlBinlogTlsOptions *tls;
  guint server_id;
  gboolean blocking;
  const char * const *only_schemas;
  const char * const *ignored_schemas;
  const char * const *only_tables;
  const char * const *ignored_tables;
  GFile *file;                        /* reads this file instead of a server */
  MysqlBinlogPositionStore *position_store;
  guint heartbeat_period;             /* ms */
  guint connect_timeout;              /* s */
  gint reconnect_attempts;
  guint reconnect_delay;              /* ms */
  guint reconnect_max_delay;          /* ms */
  guint save_interval;                /* ms */
  guint save_transactions;
} MysqlBinlogRunSettings;

typedef struct _MysqlBinlogRun MysqlBinlogRun;

/* @sink: where the run delivers (copied).  @start: (transfer full)
 * (nullable): where the run starts (the stored or the start position);
 * NULL: at the server's end. */
MysqlBinlogRun        *_mysql_binlog_run_new            (const MysqlBinlogSink        *sink,
                                                         const MysqlBinlogRunSettings *settings,
                                                         MysqlBinlogPosition          *start);
void                   _mysql_binlog_run_free           (MysqlBinlogRun               *run);
/* Reads what the stream was made for, a file or a server, until the end,
 * stop() or an error.  On the reading thread. */
gboolean               _mysql_binlog_run_read           (MysqlBinlogRun               *run,
                                                         GCancellable                 *cancellable,
                                                         GError                      **error);
/* Thread-safe: makes a blocked read or a wait before reconnecting return
 * (stop() has asked the stream to end). */
void                   _mysql_binlog_run_interrupt      (MysqlBinlogRun               *run);
/* The reading ended: closes the source, frees the reading side. */
void                   _mysql_binlog_run_release        (MysqlBinlogRun               *run);
/* On the thread that emits the signals. */
MysqlBinlogCheckpoint *_mysql_binlog_run_get_checkpoint (MysqlBinlogRun               *run);

G_END_DECLS
