/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

/* The TLS settings of a connection: see the tls-* properties of
 * MysqlBinlogStream.  The strings are NULL (or empty) when not set.  Apart
 * from mysql-binlog-tls-guard-private.h, so that the code that uses them
 * without connecting does not see the client library's headers. */
typedef struct
{
  MysqlBinlogTlsMode  mode;
  char               *ca_file;
  char               *ca_directory;
  char               *cert_file;
  char               *key_file;
  char               *cipher;
} MysqlBinlogTlsOptions;

/* The mode of @options; NULL settings are the default, PREFERRED. */
static inline MysqlBinlogTlsMode
_mysql_binlog_tls_options_mode (const MysqlBinlogTlsOptions *options)
{
  return options != NULL ? options->mode : MYSQL_BINLOG_TLS_MODE_PREFERRED;
}

G_END_DECLS
