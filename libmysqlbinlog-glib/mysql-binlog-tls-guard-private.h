/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysql.h>
#include <mysqlbinlog-glib.h>

#include "mysql-binlog-tls-options-private.h"

/* Which client library the code is built against: MariaDB Connector/C
 * (1) or MySQL's libmysqlclient (0).  The code that uses the client
 * library (this guard and the transport) branches on it. */
#if defined(MARIADB_PACKAGE_VERSION_ID) || defined(MARIADB_BASE_VERSION)
# define HAVE_CONNECTOR_C 1
#else
# define HAVE_CONNECTOR_C 0
#endif

G_BEGIN_DECLS

/*
 * The TLS settings of a client library connection, and what keeps a
 * credential from leaving before TLS is known to be used: the library's
 * connections and the command-line tool's own are set up by this code
 * alone.  It is compiled into each of them, so that nothing private is
 * exported from the library; the build names the guard's client
 * authentication plugin (MYSQL_BINLOG_TLS_GUARD_PLUGIN) differently in
 * each, as the client library keeps one plugin of a name per process.
 *
 * Connecting with them:
 *
 *   _mysql_binlog_tls_configure (mysql, tls, error)
 *   _mysql_binlog_tls_guard_begin (&guard, tls)
 *   mysql_real_connect (mysql, ...)
 *   _mysql_binlog_tls_guard_end (&guard)
 *   failed: _mysql_binlog_tls_guard_refused (&guard, where, error), or
 *           _mysql_binlog_tls_explain_failure (mysql, tls, doing, error)
 *   connected: _mysql_binlog_tls_check_encrypted (mysql, tls, where, error)
 */

/* What the guard knows of one connection, on the stack of the thread that
 * connects, for the time of mysql_real_connect(). */
typedef struct
{
  MysqlBinlogTlsMode mode;
  gboolean           refused;  /* the server offered no TLS */
} MysqlBinlogTlsGuard;

const char *_mysql_binlog_tls_mode_name         (MysqlBinlogTlsMode            mode);

/* Hands the TLS settings (NULL: PREFERRED, no files) to the client library
 * before connecting; INVALID_ARGUMENT for settings that cannot go
 * together, TLS when the guard cannot be set up. */
gboolean    _mysql_binlog_tls_configure         (MYSQL                        *mysql,
                                                 const MysqlBinlogTlsOptions  *tls,
                                                 GError                      **error);

/* Around mysql_real_connect() of a handle set up by
 * _mysql_binlog_tls_configure(), on the same thread. */
void        _mysql_binlog_tls_guard_begin       (MysqlBinlogTlsGuard          *guard,
                                                 const MysqlBinlogTlsOptions  *tls);
void        _mysql_binlog_tls_guard_end         (MysqlBinlogTlsGuard          *guard);

/* After a failed connection: TRUE when the guard refused it, the server
 * offering no TLS, with the TLS error set, naming @where (host:port or
 * socket). */
gboolean    _mysql_binlog_tls_guard_refused     (const MysqlBinlogTlsGuard    *guard,
                                                 const char                   *where,
                                                 GError                      **error);

/* After a failed connection whose error of MYSQL_BINLOG_ERROR, about
 * @doing, is in @error: makes it a TLS error, saying so, when the failure
 * was one of TLS. */
void        _mysql_binlog_tls_explain_failure   (MYSQL                        *mysql,
                                                 const MysqlBinlogTlsOptions  *tls,
                                                 const char                   *doing,
                                                 GError                      **error);

/* After connecting: the modes from REQUIRED on fail on a session that is
 * not encrypted, whatever the client library did. */
gboolean    _mysql_binlog_tls_check_encrypted   (MYSQL                        *mysql,
                                                 const MysqlBinlogTlsOptions  *tls,
                                                 const char                   *where,
                                                 GError                      **error);

G_END_DECLS
