/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mysql-binlog-stream.h"
#include "mysql-binlog-types.h"
#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

#define MYSQL_BINLOG_TYPE_TABLE_MODEL (mysql_binlog_table_model_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MysqlBinlogTableModel, mysql_binlog_table_model,
                      MYSQL_BINLOG, TABLE_MODEL, GObject)

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogTableModel *mysql_binlog_table_model_new              (MysqlBinlogStream     *stream,
                                                                  const char            *schema_table) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char            *mysql_binlog_table_model_get_schema_table (MysqlBinlogTableModel *model);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                  mysql_binlog_table_model_get_max_items    (MysqlBinlogTableModel *model);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                   mysql_binlog_table_model_set_max_items    (MysqlBinlogTableModel *model,
                                                                  guint                  max_items);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const GError          *mysql_binlog_table_model_get_error        (MysqlBinlogTableModel *model);

G_END_DECLS
