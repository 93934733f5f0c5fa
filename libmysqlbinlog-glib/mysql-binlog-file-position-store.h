/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mysql-binlog-position-store.h"
#include "mysql-binlog-types.h"
#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

#define MYSQL_BINLOG_TYPE_FILE_POSITION_STORE (mysql_binlog_file_position_store_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MysqlBinlogFilePositionStore, mysql_binlog_file_position_store,
                      MYSQL_BINLOG, FILE_POSITION_STORE, GObject)

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogFilePositionStore *mysql_binlog_file_position_store_new      (GFile                        *file) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
GFile                        *mysql_binlog_file_position_store_get_file (MysqlBinlogFilePositionStore *store);

G_END_DECLS
