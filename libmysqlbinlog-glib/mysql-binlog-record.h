/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mysql-binlog-row.h"
#include "mysql-binlog-types.h"
#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

#define MYSQL_BINLOG_TYPE_RECORD (mysql_binlog_record_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MysqlBinlogRecord, mysql_binlog_record, MYSQL_BINLOG, RECORD, GObject)

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogRow *mysql_binlog_record_get_row    (MysqlBinlogRecord *record);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GVariant       *mysql_binlog_record_get_value  (MysqlBinlogRecord *record,
                                                const char        *column_name) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
char           *mysql_binlog_record_dup_string (MysqlBinlogRecord *record,
                                                const char        *column_name) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
