/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mysql-binlog-types.h"
#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

#define MYSQL_BINLOG_TYPE_ROW_BATCH (mysql_binlog_row_batch_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
GType                mysql_binlog_row_batch_get_type          (void);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogRowBatch *mysql_binlog_row_batch_ref               (MysqlBinlogRowBatch *batch);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_row_batch_unref             (MysqlBinlogRowBatch *batch);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_row_batch_get_schema        (MysqlBinlogRowBatch *batch);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_row_batch_get_table         (MysqlBinlogRowBatch *batch);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_row_batch_get_n_rows        (MysqlBinlogRowBatch *batch);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_row_batch_has_after         (MysqlBinlogRowBatch *batch);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogRow      *mysql_binlog_row_batch_get_row           (MysqlBinlogRowBatch *batch,
                                                               guint                index);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogRow      *mysql_binlog_row_batch_get_after         (MysqlBinlogRowBatch *batch,
                                                               guint                index);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GPtrArray           *mysql_binlog_row_batch_get_rows          (MysqlBinlogRowBatch *batch,
                                                               gboolean             after) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
gint64              *mysql_binlog_row_batch_get_int64_column  (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               guint                column,
                                                               guint               *n_rows) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint64             *mysql_binlog_row_batch_get_uint64_column (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               guint                column,
                                                               guint               *n_rows) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
double              *mysql_binlog_row_batch_get_double_column (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               guint                column,
                                                               guint               *n_rows) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
char               **mysql_binlog_row_batch_dup_string_column (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               guint                column,
                                                               guint               *n_rows) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char         **mysql_binlog_row_batch_get_strings       (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               guint               *length) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint8              *mysql_binlog_row_batch_dup_numbers       (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               gsize               *length,
                                                               gboolean            *any_null) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint8              *mysql_binlog_row_batch_get_nulls         (MysqlBinlogRowBatch *batch,
                                                               gboolean             after,
                                                               gsize               *length) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogRowBatch, mysql_binlog_row_batch_unref)

G_END_DECLS
