/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mysql-binlog-types.h"
#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

#define MYSQL_BINLOG_TYPE_POSITION_STORE (mysql_binlog_position_store_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (MysqlBinlogPositionStore, mysql_binlog_position_store,
                     MYSQL_BINLOG, POSITION_STORE, GObject)

/**
 * MysqlBinlogPositionStoreInterface:
 * @g_iface: the parent interface
 * @load: returns the saved position, or %NULL (without an error) when
 *   nothing was saved yet
 * @save: saves a position durably, replacing the previous one
 *
 * The virtual methods of [iface@MysqlBinlog.PositionStore].  Both run on
 * the thread (and main context) that emits the stream's signals.
 *
 * Since: 1.0
 */
struct _MysqlBinlogPositionStoreInterface
{
  GTypeInterface g_iface;

  MysqlBinlogPosition * (* load) (MysqlBinlogPositionStore  *store,
                                  GCancellable              *cancellable,
                                  GError                   **error);
  gboolean              (* save) (MysqlBinlogPositionStore  *store,
                                  MysqlBinlogPosition       *position,
                                  GCancellable              *cancellable,
                                  GError                   **error);
};

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_store_load (MysqlBinlogPositionStore  *store,
                                                       GCancellable              *cancellable,
                                                       GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_position_store_save (MysqlBinlogPositionStore  *store,
                                                       MysqlBinlogPosition       *position,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);

G_END_DECLS
