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

#define MYSQL_BINLOG_TYPE_POSITION (mysql_binlog_position_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
GType                mysql_binlog_position_get_type         (void);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_new              (const char                *file,
                                                             guint64                    offset) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_new_for_gtid_set (const char                *gtid_set) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_new_full         (const char                *file,
                                                             guint64                    offset,
                                                             const char                *gtid_set) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_from_string      (const char                *string,
                                                             GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_ref              (MysqlBinlogPosition       *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_position_unref            (MysqlBinlogPosition       *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_position_get_file         (const MysqlBinlogPosition *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint64              mysql_binlog_position_get_offset       (const MysqlBinlogPosition *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_position_get_gtid_set     (const MysqlBinlogPosition *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
char                *mysql_binlog_position_to_string        (const MysqlBinlogPosition *position) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_position_equal            (const MysqlBinlogPosition *a,
                                                             const MysqlBinlogPosition *b);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_position_hash             (const MysqlBinlogPosition *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_position_contains_gtid_set (const MysqlBinlogPosition *position,
                                                              const char                *gtid_set);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_position_add_gtid_set     (const MysqlBinlogPosition *position,
                                                             const char                *gtid_set,
                                                             GError                   **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogPosition, mysql_binlog_position_unref)

G_END_DECLS
