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

/**
 * MysqlBinlogTlsMode:
 * @MYSQL_BINLOG_TLS_MODE_DISABLED: never encrypt; the other TLS settings are
 *   ignored
 * @MYSQL_BINLOG_TLS_MODE_PREFERRED: encrypt when the server supports TLS,
 *   otherwise connect unencrypted
 * @MYSQL_BINLOG_TLS_MODE_REQUIRED: encrypt, or fail when the server does not
 *   support TLS
 * @MYSQL_BINLOG_TLS_MODE_VERIFY_CA: like %MYSQL_BINLOG_TLS_MODE_REQUIRED, and
 *   the server's certificate must be signed by a certificate authority of
 *   [property@MysqlBinlog.Stream:tls-ca-file] or
 *   [property@MysqlBinlog.Stream:tls-ca-directory] (one of them is needed)
 * @MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY: like
 *   %MYSQL_BINLOG_TLS_MODE_VERIFY_CA, and the certificate must also name the
 *   host connected to (its subject alternative names, or its common name)
 *
 * How a [class@MysqlBinlog.Stream] encrypts its connections to the server,
 * with the meaning of the `--ssl-mode` option of the MySQL clients.
 *
 * A certificate authority set in %MYSQL_BINLOG_TLS_MODE_PREFERRED or
 * %MYSQL_BINLOG_TLS_MODE_REQUIRED mode is handed to the client library as
 * well: MariaDB Connector/C then checks the server's certificate against it
 * (MySQL's client library does so in the verifying modes only).
 *
 * Since: 1.0
 */
typedef enum {
  MYSQL_BINLOG_TLS_MODE_DISABLED,
  MYSQL_BINLOG_TLS_MODE_PREFERRED,
  MYSQL_BINLOG_TLS_MODE_REQUIRED,
  MYSQL_BINLOG_TLS_MODE_VERIFY_CA,
  MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY,
} MysqlBinlogTlsMode;

/**
 * MysqlBinlogSchemaUnknown:
 * @MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR: the run fails with
 *   %MYSQL_BINLOG_ERROR_UNSUPPORTED, naming the table, the statement that
 *   made its definition unknown (when one did) and what to change
 * @MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL: the rows come with the columns
 *   named `@1`, `@2`, … and only what the table map itself says of their
 *   types (see [property@MysqlBinlog.Stream:schema-unknown])
 *
 * What a [class@MysqlBinlog.Stream] does with the rows of a table whose
 * definition at that point of the binary log it does not know: the table
 * map event does not name the columns (`binlog_row_metadata` is not
 * `FULL`), and the definition the stream holds is not certain to be the
 * one the event was written for.
 *
 * Since: 1.0
 */
typedef enum {
  MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR,
  MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL,
} MysqlBinlogSchemaUnknown;

/**
 * MysqlBinlogSnapshotMode:
 * @MYSQL_BINLOG_SNAPSHOT_NEVER: read only the changes (the default)
 * @MYSQL_BINLOG_SNAPSHOT_INITIAL: a run that has no stored position and no
 *   [property@MysqlBinlog.Stream:start-position] first reads the existing
 *   rows of the watched tables ([signal@MysqlBinlog.Stream::rows-read]),
 *   then streams the changes from the point that read saw
 * @MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY: like %MYSQL_BINLOG_SNAPSHOT_INITIAL,
 *   and the run ends once the rows are read
 *
 * Whether a [class@MysqlBinlog.Stream] reads the rows that exist before it
 * streams the changes: see [property@MysqlBinlog.Stream:snapshot].
 *
 * Since: 1.0
 */
typedef enum {
  MYSQL_BINLOG_SNAPSHOT_NEVER,
  MYSQL_BINLOG_SNAPSHOT_INITIAL,
  MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
} MysqlBinlogSnapshotMode;

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
void                 mysql_binlog_stream_fail                (MysqlBinlogStream   *stream,
                                                              const GError        *error);
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

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogTlsMode   mysql_binlog_stream_get_tls_mode         (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_tls_mode         (MysqlBinlogStream   *stream,
                                                               MysqlBinlogTlsMode   mode);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_tls_ca_file      (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_tls_ca_file      (MysqlBinlogStream   *stream,
                                                               const char          *path);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_tls_ca_directory (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_tls_ca_directory (MysqlBinlogStream   *stream,
                                                               const char          *path);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_tls_cert_file    (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_tls_cert_file    (MysqlBinlogStream   *stream,
                                                               const char          *path);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_tls_key_file     (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_tls_key_file     (MysqlBinlogStream   *stream,
                                                               const char          *path);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          *mysql_binlog_stream_get_tls_cipher       (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_tls_cipher       (MysqlBinlogStream   *stream,
                                                               const char          *cipher);

MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_heartbeat_period      (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_heartbeat_period      (MysqlBinlogStream   *stream,
                                                                    guint               period);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_connect_timeout       (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_connect_timeout       (MysqlBinlogStream   *stream,
                                                                    guint               timeout);
MYSQL_BINLOG_AVAILABLE_IN_1_0
int                  mysql_binlog_stream_get_reconnect_attempts    (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_reconnect_attempts    (MysqlBinlogStream   *stream,
                                                                    int                 attempts);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_reconnect_delay       (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_reconnect_delay       (MysqlBinlogStream   *stream,
                                                                    guint               delay);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_reconnect_max_delay   (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_reconnect_max_delay   (MysqlBinlogStream   *stream,
                                                                    guint               delay);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_save_interval         (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_save_interval         (MysqlBinlogStream   *stream,
                                                                    guint               interval);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_save_transactions     (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_save_transactions     (MysqlBinlogStream   *stream,
                                                                    guint               transactions);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GFile               *mysql_binlog_stream_get_file                  (MysqlBinlogStream   *stream);


/**
 * MysqlBinlogStreamState:
 * @MYSQL_BINLOG_STREAM_STATE_IDLE: the stream has not run yet
 * @MYSQL_BINLOG_STREAM_STATE_CONNECTING: a run connects to the server and
 *   logs in, for its first connection
 * @MYSQL_BINLOG_STREAM_STATE_SNAPSHOTTING: a run reads the existing rows
 *   of the watched tables, before or between the changes it streams
 * @MYSQL_BINLOG_STREAM_STATE_STREAMING: a run reads the binary log: the
 *   server's dump, or the file
 * @MYSQL_BINLOG_STREAM_STATE_RECONNECTING: a run lost its connection to a
 *   transient failure; it waits before connecting again, or connects
 *   again, until the new connection streams
 * @MYSQL_BINLOG_STREAM_STATE_STOPPED: the last run ended: stopped,
 *   cancelled, failed, or at the end of the binary log or file
 *
 * What a [class@MysqlBinlog.Stream] is doing, as its
 * [property@MysqlBinlog.Stream:state] says.
 *
 * Since: 1.0
 */
typedef enum {
  MYSQL_BINLOG_STREAM_STATE_IDLE,
  MYSQL_BINLOG_STREAM_STATE_CONNECTING,
  MYSQL_BINLOG_STREAM_STATE_SNAPSHOTTING,
  MYSQL_BINLOG_STREAM_STATE_STREAMING,
  MYSQL_BINLOG_STREAM_STATE_RECONNECTING,
  MYSQL_BINLOG_STREAM_STATE_STOPPED,
} MysqlBinlogStreamState;

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogStreamState mysql_binlog_stream_get_state                  (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint64              mysql_binlog_stream_get_rows_delivered           (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
double               mysql_binlog_stream_get_lag                      (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_position_notify_interval (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_position_notify_interval (MysqlBinlogStream   *stream,
                                                                       guint                interval);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogSchemaUnknown mysql_binlog_stream_get_schema_unknown (MysqlBinlogStream        *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                     mysql_binlog_stream_set_schema_unknown (MysqlBinlogStream        *stream,
                                                                 MysqlBinlogSchemaUnknown  mode);

MYSQL_BINLOG_AVAILABLE_IN_1_0
GObject             *mysql_binlog_stream_get_schema_source (MysqlBinlogStream *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_schema_source (MysqlBinlogStream *stream,
                                                            GObject           *source);

MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogSnapshotMode mysql_binlog_stream_get_snapshot     (MysqlBinlogStream      *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_snapshot         (MysqlBinlogStream       *stream,
                                                               MysqlBinlogSnapshotMode  mode);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                mysql_binlog_stream_get_snapshot_chunk_size (MysqlBinlogStream   *stream);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                 mysql_binlog_stream_set_snapshot_chunk_size (MysqlBinlogStream   *stream,
                                                                  guint                rows);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean             mysql_binlog_stream_snapshot_table       (MysqlBinlogStream   *stream,
                                                               const char          *schema_table,
                                                               GError             **error);

G_END_DECLS
