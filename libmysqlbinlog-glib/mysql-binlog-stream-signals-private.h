/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The signals of MysqlBinlogStream, created (and documented) in
 * mysql-binlog-stream-signals.c and emitted by mysql-binlog-stream.c. */
typedef enum
{
  SIGNAL_BINLOG,
  SIGNAL_BINLOG_POSITION,
  SIGNAL_ROWS_INSERTED,
  SIGNAL_ROWS_UPDATED,
  SIGNAL_ROWS_DELETED,
  SIGNAL_RECONNECTING,
  SIGNAL_ROWS_READ,
  SIGNAL_SNAPSHOT_STARTED,
  SIGNAL_SNAPSHOT_FINISHED,
  SIGNAL_SCHEMA_CHANGED,
  SIGNAL_ROWS_INSERTED_BATCH,
  SIGNAL_ROWS_UPDATED_BATCH,
  SIGNAL_ROWS_DELETED_BATCH,
  N_SIGNALS
} MysqlBinlogStreamSignal;

/* Creates the signals of @type into @signals (N_SIGNALS long). */
void _mysql_binlog_stream_install_signals (GType  type,
                                           guint *signals);

G_END_DECLS
