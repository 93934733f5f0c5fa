/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-event.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-stream.h"

G_BEGIN_DECLS

/*
 * What the stream offers the run that reads for it (mysql-binlog-run.c and
 * the parts it drives): whether anyone listens, and deliver(), which emits
 * on the stream's thread or queues for it.  Called on the reading thread.
 */

/* Whether stop() (or a cancellation, or fail()) asked the run to end. */
gboolean _mysql_binlog_stream_stop_requested        (MysqlBinlogStream   *stream);
/* Whether a `binlog` handler is connected. */
gboolean _mysql_binlog_stream_wants_events          (MysqlBinlogStream   *stream);
/* The signal of rows of @kind ('i', 'u', 'd') when a handler of every
 * table or of @detail is connected, else 0. */
guint    _mysql_binlog_stream_rows_signal           (MysqlBinlogStream   *stream,
                                                     guint8               kind,
                                                     GQuark               detail);

/* @event: (transfer full).  @cost: the bytes of binlog it keeps alive. */
void     _mysql_binlog_stream_deliver_event         (MysqlBinlogStream   *stream,
                                                     MysqlBinlogEvent    *event,
                                                     gsize                cost);
/* @cost: the bytes of the event that this emission accounts for, so that
 * the rows of one event add up to its size. */
void     _mysql_binlog_stream_deliver_rows          (MysqlBinlogStream   *stream,
                                                     guint                signal_id,
                                                     GQuark               detail,
                                                     MysqlBinlogRow      *row,
                                                     MysqlBinlogRow      *after,
                                                     gsize                cost);
/* A transaction boundary: @position (transfer full) is safe to resume from. */
void     _mysql_binlog_stream_deliver_position      (MysqlBinlogStream   *stream,
                                                     MysqlBinlogPosition *position);
/* No transaction for a while: a moment to save what was held back. */
void     _mysql_binlog_stream_deliver_idle          (MysqlBinlogStream   *stream);
void     _mysql_binlog_stream_deliver_reconnecting  (MysqlBinlogStream   *stream,
                                                     guint                attempt,
                                                     guint                delay,
                                                     const GError        *error);
/* Where the run starts, before any transaction: what get_position()
 * returns until the first transaction is delivered.  @position: (transfer
 * full). */
void     _mysql_binlog_stream_note_start            (MysqlBinlogStream   *stream,
                                                     MysqlBinlogPosition *position);

G_END_DECLS
