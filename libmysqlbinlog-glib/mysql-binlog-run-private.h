/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-checkpoint-private.h"
#include "mysql-binlog-settings-private.h"
#include "mysql-binlog-sink-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * One run of a stream, from run() (or run_async()) until it returns: the
 * settings as they were when it started, and everything it changes while
 * it reads (the source, the decoder and its table maps, the tracker, the
 * checkpoint).  The stream's properties cannot reach a running one.
 */

typedef struct _MysqlBinlogRun MysqlBinlogRun;

/* @sink: where the run delivers (copied).  @settings: the stream's, as
 * they are when the run starts (copied).  @start: (transfer full)
 * (nullable): where the run starts (the stored or the start position);
 * NULL: at the server's end. */
MysqlBinlogRun        *_mysql_binlog_run_new            (const MysqlBinlogSink        *sink,
                                                         const MysqlBinlogStreamSettings *settings,
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
/* Thread-safe: asks the run under way to read the existing rows of
 * @schema_table between its changes (mysql-binlog-snapshot.c). */
gboolean               _mysql_binlog_run_request_snapshot (MysqlBinlogRun             *run,
                                                           const char                 *schema_table,
                                                           GError                    **error);
/* On the thread that emits the signals. */
MysqlBinlogCheckpoint *_mysql_binlog_run_get_checkpoint (MysqlBinlogRun               *run);
/* Before the run reads: the schema history saved with its start
 * position (NULL: none, the definitions are read afresh). */
void                   _mysql_binlog_run_set_schema     (MysqlBinlogRun               *run,
                                                         GBytes                       *snapshot);
/* Before a run of a file reads: where the definitions its DDL does not
 * give come from, the server of @server's connection settings and/or a
 * saved history (both nullable); @no_source says why none gives them
 * when there is no server (NULL: there is one). */
void                   _mysql_binlog_run_set_file_schema (MysqlBinlogRun              *run,
                                                          const MysqlBinlogStreamSettings *server,
                                                          GBytes                      *snapshot,
                                                          const char                  *no_source);

G_END_DECLS
