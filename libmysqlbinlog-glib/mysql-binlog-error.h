/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <glib.h>

#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

/**
 * MYSQL_BINLOG_ERROR:
 *
 * The error domain of libmysqlbinlog-glib. Errors in this domain are from
 * the [error@MysqlBinlog.Error] enumeration.
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED, unchanged.
 *
 * Since: 1.0
 */
#define MYSQL_BINLOG_ERROR (mysql_binlog_error_quark ())

/**
 * MysqlBinlogError:
 * @MYSQL_BINLOG_ERROR_FAILED: a failure no other code describes
 * @MYSQL_BINLOG_ERROR_INVALID_ARGUMENT: the stream was configured wrongly
 *   (for example a server id of zero)
 * @MYSQL_BINLOG_ERROR_CONNECTION_FAILED: the server could not be reached
 *   (nothing listening, unknown host, TLS failure)
 * @MYSQL_BINLOG_ERROR_ACCESS_DENIED: the server refused the credentials, or
 *   the account lacks a privilege replication needs
 * @MYSQL_BINLOG_ERROR_CONNECTION_LOST: an established connection broke
 * @MYSQL_BINLOG_ERROR_BINLOG_DISABLED: the server does not write a binary log
 * @MYSQL_BINLOG_ERROR_NOT_ROW_BASED: the server's `binlog_format` is not `ROW`,
 *   so changes would not arrive as rows
 * @MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND: the start position names a binary
 *   log file the server does not have (never written, or purged)
 * @MYSQL_BINLOG_ERROR_SERVER: the server reported an error
 * @MYSQL_BINLOG_ERROR_CORRUPT_EVENT: an event is malformed or truncated, or a
 *   rows event refers to a table map that was never sent
 * @MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH: an event's CRC32 checksum does not
 *   match its contents
 * @MYSQL_BINLOG_ERROR_UNSUPPORTED: the binary log uses a feature this version
 *   cannot decode
 * @MYSQL_BINLOG_ERROR_INVALID_POSITION: a position string could not be parsed
 * @MYSQL_BINLOG_ERROR_TLS: the connection cannot be as secure as
 *   [property@MysqlBinlog.Stream:tls-mode] requires (the server offers no
 *   TLS, its certificate does not verify, the TLS handshake failed), or the
 *   server asked for an authentication that would send the password
 *   unencrypted; it is refused before the password leaves the client, and
 *   not retried
 * @MYSQL_BINLOG_ERROR_PROTOCOL: the server broke the client/server protocol
 *   (garbage, a malformed or unexpected packet); not retried
 *
 * Error codes of the %MYSQL_BINLOG_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum {
  MYSQL_BINLOG_ERROR_FAILED,
  MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
  MYSQL_BINLOG_ERROR_CONNECTION_FAILED,
  MYSQL_BINLOG_ERROR_ACCESS_DENIED,
  MYSQL_BINLOG_ERROR_CONNECTION_LOST,
  MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
  MYSQL_BINLOG_ERROR_NOT_ROW_BASED,
  MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND,
  MYSQL_BINLOG_ERROR_SERVER,
  MYSQL_BINLOG_ERROR_CORRUPT_EVENT,
  MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH,
  MYSQL_BINLOG_ERROR_UNSUPPORTED,
  MYSQL_BINLOG_ERROR_INVALID_POSITION,
  MYSQL_BINLOG_ERROR_TLS,
  MYSQL_BINLOG_ERROR_PROTOCOL,
} MysqlBinlogError;

MYSQL_BINLOG_AVAILABLE_IN_1_0
GQuark mysql_binlog_error_quark (void);

G_END_DECLS
