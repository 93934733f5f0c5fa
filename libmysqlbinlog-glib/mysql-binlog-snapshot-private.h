/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-filter-private.h"
#include "mysql-binlog-sink-private.h"
#include "mysql-binlog-source-private.h"
#include "mysql-binlog-tracker-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * The existing rows of tables, read in chunks on a connection of their own
 * and delivered between the binlog's events at the point each chunk saw:
 * per chunk, a transaction WITH CONSISTENT SNAPSHOT gives its binlog
 * position P (MariaDB's binlog_snapshot_file/_position, without a lock);
 * the binlog reader delivers every event up to P; the chunk's rows are
 * delivered there (rows-read); the position, with the snapshot's progress,
 * is delivered as a transaction boundary, so the checkpoint saves it.
 *
 * The run reads the binlog through wrap(): before each event, the wrapper
 * does the chunks whose point the reader has reached.  On the reading
 * thread, except request() and interrupt().
 */

typedef struct _MysqlBinlogSnapshot MysqlBinlogSnapshot;

/* Borrows @sink and @filter; copies @options. */
MysqlBinlogSnapshot *_mysql_binlog_snapshot_new       (const MysqlBinlogSink            *sink,
                                                       const MysqlBinlogConnectOptions  *options,
                                                       const MysqlBinlogFilter          *filter,
                                                       guint                             chunk_size);
void                 _mysql_binlog_snapshot_free      (MysqlBinlogSnapshot              *snapshot);
/* Queues every table the stream watches (its filters, and the handlers
 * of rows-read connected). */
gboolean             _mysql_binlog_snapshot_plan_watched (MysqlBinlogSnapshot           *snapshot,
                                                          GError                       **error);
/* Takes up the progress a saved position carries. */
gboolean             _mysql_binlog_snapshot_resume    (MysqlBinlogSnapshot              *snapshot,
                                                       const char                       *token,
                                                       GError                          **error);
/* Opens the first chunk's transaction: (transfer full) the position it
 * sees, carrying the progress, where the binlog reader starts. */
MysqlBinlogPosition *_mysql_binlog_snapshot_open      (MysqlBinlogSnapshot              *snapshot,
                                                       GError                          **error);
/* Thread-safe: queues @schema_table ("schema.table"). */
gboolean             _mysql_binlog_snapshot_request   (MysqlBinlogSnapshot              *snapshot,
                                                       const char                       *schema_table,
                                                       GError                          **error);
/* Whether no table is left to read; then (or with @force, when the run
 * ends anyway) later requests are refused, so that none is accepted that
 * no chunk will read.  Tables still queued stay in the positions already
 * delivered, for the next run. */
gboolean             _mysql_binlog_snapshot_close_if_done (MysqlBinlogSnapshot          *snapshot,
                                                           gboolean                      force);
/* Thread-safe: makes a blocked query return (stop()). */
void                 _mysql_binlog_snapshot_interrupt (MysqlBinlogSnapshot              *snapshot);
/* A source that reads @inner (borrowed) and does the snapshot's chunks
 * between its events, moving @tracker's progress; with @end_when_done it
 * ends once nothing is left to read. */
MysqlBinlogSource   *_mysql_binlog_snapshot_wrap      (MysqlBinlogSnapshot              *snapshot,
                                                       MysqlBinlogSource                *inner,
                                                       MysqlBinlogTracker               *tracker,
                                                       gboolean                          end_when_done);

G_END_DECLS
