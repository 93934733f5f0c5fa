/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-stream.h"
#include "mysql-binlog-tls-options-private.h"

G_BEGIN_DECLS

/*
 * With mysql-binlog-tls-guard.c (the TLS settings, shared with the
 * command-line tool), the only code that knows which libmysqlclient the
 * library is built against (MariaDB Connector/C or MySQL's client):
 * connecting, plain queries, sending the binlog dump command and reading
 * the raw event packets.
 */

typedef struct _MysqlBinlogTransport MysqlBinlogTransport;

MysqlBinlogTlsOptions *_mysql_binlog_tls_options_copy        (const MysqlBinlogTlsOptions      *options);
void                   _mysql_binlog_tls_options_free        (MysqlBinlogTlsOptions            *options);

typedef struct
{
  const char *host;
  guint       port;
  const char *user;
  const char *password;
  const char *socket;
  guint       connect_timeout;  /* seconds, 0: none; bounds connecting, the login
                                 * and every answer until the dump starts */
  guint       read_timeout;     /* seconds, 0: wait forever; once the dump runs */
  const MysqlBinlogTlsOptions *tls;  /* NULL: the default mode, no files */
} MysqlBinlogConnectOptions;

typedef enum {
  MYSQL_BINLOG_READ_EVENT,     /* *data and *length hold one event */
  MYSQL_BINLOG_READ_END,       /* the server has nothing more (non-blocking dump) */
  MYSQL_BINLOG_READ_ERROR,     /* *error is set */
} MysqlBinlogReadResult;

MysqlBinlogTransport  *_mysql_binlog_transport_connect       (const MysqlBinlogConnectOptions  *options,
                                                              GError                          **error);
void                   _mysql_binlog_transport_free          (MysqlBinlogTransport             *transport);

/* Connecting on a thread of its own, which the caller may walk away from:
 * neither the client library's name lookup nor its connect and login can
 * be interrupted where they block.  start() copies @options and begins;
 * wait() returns the connection, or fails with G_IO_ERROR_CANCELLED as
 * soon as abandon() (thread-safe) is called; free() drops the caller's
 * part (an abandoned attempt closes what it connects itself). */
typedef struct _MysqlBinlogConnecting MysqlBinlogConnecting;

MysqlBinlogConnecting *_mysql_binlog_connecting_start        (const MysqlBinlogConnectOptions  *options);
MysqlBinlogTransport  *_mysql_binlog_connecting_wait         (MysqlBinlogConnecting            *connecting,
                                                              GError                          **error);
void                   _mysql_binlog_connecting_abandon      (MysqlBinlogConnecting            *connecting);
void                   _mysql_binlog_connecting_free         (MysqlBinlogConnecting            *connecting);
/* Bounds every read from now on (0: none); starting the dump sets the
 * read timeout of the options. */
void                   _mysql_binlog_transport_set_read_timeout (MysqlBinlogTransport          *transport,
                                                                 guint                          seconds);

/* Runs @sql; when @rows is not NULL, stores the result there: a GPtrArray
 * of rows, each a GPtrArray of the row's values as strings (SQL NULL is a
 * NULL element), freed with the arrays. */
gboolean               _mysql_binlog_transport_query         (MysqlBinlogTransport             *transport,
                                                              const char                       *sql,
                                                              GPtrArray                       **rows,
                                                              GError                          **error);
/* The first column of the first row of @sql, or NULL (no row, SQL NULL or error). */
char                  *_mysql_binlog_transport_query_value   (MysqlBinlogTransport             *transport,
                                                              const char                       *sql,
                                                              GError                          **error);
/* Runs @sql and reads its rows one at a time (mysql_use_result), so that
 * only the current row is held: next() gives the row (1; @values and
 * @lengths valid until the next call), the end (0) or an error (-1);
 * end() drops what is left.  No other query until end(). */
gboolean               _mysql_binlog_transport_rows_begin    (MysqlBinlogTransport             *transport,
                                                              const char                       *sql,
                                                              guint                            *n_fields,
                                                              GError                          **error);
gint                   _mysql_binlog_transport_rows_next     (MysqlBinlogTransport             *transport,
                                                              char                          ***values,
                                                              gulong                         **lengths,
                                                              GError                          **error);
void                   _mysql_binlog_transport_rows_end      (MysqlBinlogTransport             *transport);
/* The server's id of the connection (what KILL takes). */
guint64                _mysql_binlog_transport_get_connection_id (MysqlBinlogTransport         *transport);
/* Quotes @text as an SQL string literal, quotes included. */
char                  *_mysql_binlog_transport_quote         (MysqlBinlogTransport             *transport,
                                                              const char                       *text);

gboolean               _mysql_binlog_transport_start_dump    (MysqlBinlogTransport             *transport,
                                                              guint32                           server_id,
                                                              const char                       *file,
                                                              guint64                           offset,
                                                              gboolean                          non_blocking,
                                                              GError                          **error);
/* COM_BINLOG_DUMP_GTID (MySQL): sends the events that are not in
 * @gtid_set, encoded as _mysql_binlog_gtid_set_encode() does. */
gboolean               _mysql_binlog_transport_start_dump_gtid (MysqlBinlogTransport           *transport,
                                                                guint32                         server_id,
                                                                GBytes                         *gtid_set,
                                                                gboolean                        non_blocking,
                                                                GError                        **error);
/* Reads the next event.  The data stays valid until the next call. */
MysqlBinlogReadResult  _mysql_binlog_transport_read_event    (MysqlBinlogTransport             *transport,
                                                              const guint8                    **data,
                                                              gsize                            *length,
                                                              GError                          **error);
/* A reference on the bytes @data of @length of the event read_event()
 * handed out last, valid after the next read: with MariaDB Connector/C,
 * the client library's packet buffer when the event is
 * MYSQL_BINLOG_TRANSPORT_TAKE_THRESHOLD bytes or more (the library reads
 * on into a new one, so a big event is not held twice and the buffer does
 * not stay at its size), else a copy. */
#define MYSQL_BINLOG_TRANSPORT_TAKE_THRESHOLD (1024u * 1024u)
GBytes                *_mysql_binlog_transport_take_event    (MysqlBinlogTransport             *transport,
                                                              const guint8                     *data,
                                                              gsize                             length);
/* Thread-safe: makes a blocked read return.  The read then reports
 * G_IO_ERROR_CANCELLED. */
void                   _mysql_binlog_transport_interrupt     (MysqlBinlogTransport             *transport);

G_END_DECLS
