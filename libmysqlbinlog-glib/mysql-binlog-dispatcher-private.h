/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-filter-private.h"
#include "mysql-binlog-schema-history-private.h"
#include "mysql-binlog-source-private.h"
#include "mysql-binlog-sink-private.h"
#include "mysql-binlog-tracker-private.h"

G_BEGIN_DECLS

/*
 * The read loop of a run: reads the events of a source, hands each one to
 * the handler of its kind (decoding it, moving the tracker), and delivers
 * the event, its rows and the transaction boundaries to the sink.  It
 * does not know which source it reads: the source's flags say what
 * differs.  One per connection (the table maps and the format description
 * belong to one).
 */

typedef struct _MysqlBinlogDispatcher MysqlBinlogDispatcher;

/* Borrows @sink, @tracker, @filter and @history (nullable: the tables
 * are completed by no one); takes @decoder.  Heartbeats are delivered as
 * idle moments. */
MysqlBinlogDispatcher *_mysql_binlog_dispatcher_new  (const MysqlBinlogSink    *sink,
                                                      MysqlBinlogTracker       *tracker,
                                                      const MysqlBinlogFilter  *filter,
                                                      MysqlBinlogDecoder       *decoder,
                                                      MysqlBinlogSchemaHistory *history);
void                   _mysql_binlog_dispatcher_free (MysqlBinlogDispatcher    *dispatcher);
/* Reads @source until its end, an error or stop().  @delivered (nullable):
 * the tracker's count of boundaries after the last event handled
 * without error. */
gboolean               _mysql_binlog_dispatcher_read (MysqlBinlogDispatcher    *dispatcher,
                                                      MysqlBinlogSource        *source,
                                                      GCancellable             *cancellable,
                                                      guint64                  *delivered,
                                                      GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogDispatcher, _mysql_binlog_dispatcher_free)

G_END_DECLS
