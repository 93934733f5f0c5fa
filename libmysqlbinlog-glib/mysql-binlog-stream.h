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

#define MYSQL_BINLOG_TYPE_STREAM (mysql_binlog_stream_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MysqlBinlogStream, mysql_binlog_stream, MYSQL_BINLOG, STREAM, GObject)

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogStream   *mysql_binlog_stream_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogStream   *mysql_binlog_stream_new_for_file        (GFile             *file) G_GNUC_WARN_UNUSED_RESULT;

MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_stream_run                 (MysqlBinlogStream   *stream,
                                                              GCancellable        *cancellable,
                                                              GError             **error);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_run_async           (MysqlBinlogStream   *stream,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_stream_run_finish          (MysqlBinlogStream   *stream,
                                                              GAsyncResult        *result,
                                                              GError             **error);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_stop                (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_stream_get_position        (MysqlBinlogStream   *stream) G_GNUC_WARN_UNUSED_RESULT;

MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_host            (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_host            (MysqlBinlogStream   *stream,
                                                              const char          *host);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_port            (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_port            (MysqlBinlogStream   *stream,
                                                              guint                port);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_user            (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_user            (MysqlBinlogStream   *stream,
                                                              const char          *user);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_password        (MysqlBinlogStream   *stream,
                                                              const char          *password);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_socket          (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_socket          (MysqlBinlogStream   *stream,
                                                              const char          *socket);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_server_id       (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_server_id       (MysqlBinlogStream   *stream,
                                                              guint                server_id);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPosition *mysql_binlog_stream_get_start_position  (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_start_position  (MysqlBinlogStream   *stream,
                                                              MysqlBinlogPosition *position);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_stream_get_blocking        (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_blocking        (MysqlBinlogStream   *stream,
                                                              gboolean             blocking);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char * const  *mysql_binlog_stream_get_only_schemas    (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_only_schemas    (MysqlBinlogStream   *stream,
                                                              const char * const  *schemas);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char * const  *mysql_binlog_stream_get_ignored_schemas (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_ignored_schemas (MysqlBinlogStream   *stream,
                                                              const char * const  *schemas);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char * const  *mysql_binlog_stream_get_only_tables     (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_only_tables     (MysqlBinlogStream   *stream,
                                                              const char * const  *tables);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char * const  *mysql_binlog_stream_get_ignored_tables  (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_ignored_tables  (MysqlBinlogStream   *stream,
                                                              const char * const  *tables);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogPositionStore *mysql_binlog_stream_get_position_store (MysqlBinlogStream        *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                      mysql_binlog_stream_set_position_store (MysqlBinlogStream        *stream,
                                                                  MysqlBinlogPositionStore *store);

G_END_DECLS
