/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "mysql-binlog-transport-private.h"
#include "mysql-binlog-tls-guard-private.h"
#include "mysql-binlog-error.h"
#include "wire-private.h"

/*
 * MariaDB Connector/C and MySQL's libmysqlclient agree on everything this
 * library uses except how the binlog dump is started and its packets read:
 * Connector/C exposes the generic command and packet reader (its own
 * mariadb_rpl_fetch() parses events, which this library does itself), MySQL
 * exposes mysql_binlog_open()/mysql_binlog_fetch().  Those few lines are the
 * #if blocks below (HAVE_CONNECTOR_C, from mysql-binlog-tls-guard-private.h);
 * the TLS settings, which differ as well, are in mysql-binlog-tls-guard.c.
 */

#if HAVE_CONNECTOR_C
# include <ma_pvio.h>
#endif

#define BINLOG_DUMP_NON_BLOCK           0x01
#define BINLOG_SEND_ANNOTATE_ROWS_EVENT 0x02
#define BINLOG_THROUGH_GTID             0x04
#define COM_BINLOG_DUMP_GTID_CODE       0x1e

struct _MysqlBinlogTransport
{
  MYSQL *mysql;
  gint interrupted;  /* atomic */
  gboolean dumping;
  guint read_timeout;  /* s, once the dump runs; 0: none */
  guint timeout;       /* s, the bound of reads now; 0: none */
  MYSQL_RES *rows;     /* the result rows_begin() reads one row at a time */
#if !HAVE_CONNECTOR_C
  MYSQL_RPL rpl;
  char *rpl_file;
#endif
};

static gboolean
error_is_access_denied (guint code)
{
  switch (code)
    {
    case ER_ACCESS_DENIED_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
    case ER_SPECIFIC_ACCESS_DENIED_ERROR:
    case ER_TABLEACCESS_DENIED_ERROR:
    case 1698: /* ER_ACCESS_DENIED_NO_PASSWORD_ERROR */
    case 1251: /* ER_NOT_SUPPORTED_AUTH_MODE */
    case CR_AUTH_PLUGIN_CANNOT_LOAD:
    case CR_AUTH_PLUGIN_ERR:  /* such as no RSA key to send the password with */
      return TRUE;
    default:
      return FALSE;
    }
}

/* The client library's codes for what a server sent that is not the
 * protocol: another attempt gets the same garbage. */
static gboolean
error_is_protocol_violation (guint code)
{
  switch (code)
    {
    case CR_VERSION_ERROR:         /* a greeting that is none */
    case CR_SERVER_HANDSHAKE_ERR:
    case CR_MALFORMED_PACKET:
    case CR_NET_PACKET_TOO_LARGE:
    case 1156:                     /* ER_NET_PACKETS_OUT_OF_ORDER */
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_error_from_code (MysqlBinlogTransport  *transport,
                     GError               **error,
                     const char           *doing,
                     guint                  code,
                     const char            *message)
{
  MysqlBinlogError domain_code;

  if (g_atomic_int_get (&transport->interrupted))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
      return;
    }

  if (error_is_access_denied (code))
    domain_code = MYSQL_BINLOG_ERROR_ACCESS_DENIED;
  else if (error_is_protocol_violation (code))
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                   "%s failed: the server broke the client/server protocol: %s "
                   "(MySQL error %u)", doing,
                   message != NULL && *message != '\0' ? message : "unknown error", code);
      return;
    }
  else if (code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST || code == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */)
    domain_code = MYSQL_BINLOG_ERROR_CONNECTION_LOST;
  else if (code >= CR_MIN_ERROR && code <= CR_MAX_ERROR)
    domain_code = MYSQL_BINLOG_ERROR_CONNECTION_FAILED;
  else if (code == ER_NO_BINARY_LOGGING)
    domain_code = MYSQL_BINLOG_ERROR_BINLOG_DISABLED;
  /* The server has no such position: permanent, as asking again gets the
   * same answer.  MariaDB's GTID refusals say "Could not find GTID state"
   * (purged) or "... which is not in the master's binlog" (never written
   * there, or the requester is ahead); MySQL's say "purged" or "has more
   * GTIDs than the source". */
  else if (code == ER_MASTER_FATAL_ERROR_READING_BINLOG &&
           (strstr (message, "first log") != NULL ||
            strstr (message, "purged") != NULL ||
            strstr (message, "not find") != NULL ||
            strstr (message, "position") != NULL ||
            strstr (message, "not in the master's binlog") != NULL ||
            strstr (message, "not found in binlog") != NULL ||
            strstr (message, "more GTIDs than") != NULL))
    domain_code = MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND;
  else
    domain_code = MYSQL_BINLOG_ERROR_SERVER;

  g_set_error (error, MYSQL_BINLOG_ERROR, domain_code,
               "%s failed: %s (MySQL error %u)", doing,
               message != NULL && *message != '\0' ? message : "unknown error", code);
}

static void
set_error_from_mysql (MysqlBinlogTransport  *transport,
                      GError               **error,
                      const char           *doing)
{
  /* Connector/C leaves errno at ETIMEDOUT when a read or write timed out. */
  int saved_errno = errno;
  guint code = mysql_errno (transport->mysql);

  if (!g_atomic_int_get (&transport->interrupted) && saved_errno == ETIMEDOUT &&
      (code == CR_SERVER_LOST || code == CR_SERVER_GONE_ERROR))
    {
      if (transport->timeout > 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                     "%s failed: the server did not answer within %u s (%s)", doing,
                     transport->timeout,
                     transport->dumping
                       ? "twice the heartbeat period and a second"
                       : "the connect timeout");
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                     "%s failed: the server did not answer: %s", doing,
                     mysql_error (transport->mysql));
      return;
    }

  set_error_from_code (transport, error, doing, code, mysql_error (transport->mysql));
}

MysqlBinlogTlsOptions *
_mysql_binlog_tls_options_copy (const MysqlBinlogTlsOptions *options)
{
  MysqlBinlogTlsOptions *copy;

  if (options == NULL)
    return NULL;
  copy = g_new0 (MysqlBinlogTlsOptions, 1);
  copy->mode = options->mode;
  copy->ca_file = g_strdup (options->ca_file);
  copy->ca_directory = g_strdup (options->ca_directory);
  copy->cert_file = g_strdup (options->cert_file);
  copy->key_file = g_strdup (options->key_file);
  copy->cipher = g_strdup (options->cipher);
  return copy;
}

void
_mysql_binlog_tls_options_free (MysqlBinlogTlsOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->ca_file);
  g_free (options->ca_directory);
  g_free (options->cert_file);
  g_free (options->key_file);
  g_free (options->cipher);
  g_free (options);
}


/* Says what a failed connection had to do with TLS, when it had. */
static void
tls_explain_failure (MysqlBinlogTransport         *transport,
                     const MysqlBinlogTlsOptions  *tls,
                     const char                   *doing,
                     GError                      **error)
{
  MysqlBinlogTlsMode mode = _mysql_binlog_tls_options_mode (tls);
  guint code = mysql_errno (transport->mysql);

  _mysql_binlog_tls_explain_failure (transport->mysql, tls, doing, error);

  if (error == NULL || *error == NULL || (*error)->domain != MYSQL_BINLOG_ERROR)
    return;

  if (error_is_access_denied (code) && code < CR_MIN_ERROR &&
      mode == MYSQL_BINLOG_TLS_MODE_DISABLED)
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_free ((*error)->message);
      (*error)->message = g_strdup_printf ("%s; the connection was not encrypted (TLS mode "
                                           "DISABLED), and accounts created with REQUIRE SSL "
                                           "or REQUIRE X509 refuse such connections",
                                           message);
    }
}

/* After a connection that broke before the greeting was read: the client
 * library says "lost connection" whether the server closed the connection
 * (a restart: worth another attempt) or sent bytes that are no greeting (a
 * port where something else listens: never worth another).  A second
 * look, by a connection of our own that sends nothing, tells them apart.
 * Returns what the server sends instead of a greeting, escaped, or NULL. */
static char *
probe_for_garbage (const MysqlBinlogConnectOptions *options)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GString) shown = NULL;
  guint8 head[48];
  gssize n;
  GSocket *socket;
  gsize length;

  if (options->socket != NULL && *options->socket != '\0')
    return NULL;

  g_socket_client_set_timeout (client, options->connect_timeout > 0 ? options->connect_timeout : 10);
  connection = g_socket_client_connect_to_host (client,
                                                options->host != NULL ? options->host : "localhost",
                                                options->port != 0 ? options->port : 3306,
                                                NULL, NULL);
  if (connection == NULL)
    return NULL;
  socket = g_socket_connection_get_socket (connection);
  g_socket_set_timeout (socket, options->connect_timeout > 0 ? options->connect_timeout : 10);
  n = g_socket_receive (socket, (char *) head, sizeof head, NULL, NULL);
  if (n < 5)
    return NULL;  /* closed, or silent: nothing to judge */

  /* A greeting: a header of length and sequence number 0, then protocol
   * version 10 or an error packet (too many connections, a host that is
   * blocked). */
  length = _mysql_binlog_le24 (head);
  if (head[3] == 0 && length > 0 && length < 65536 && (head[4] == 10 || head[4] == 0xff))
    return NULL;

  /* Shown escaped: it may hold anything, terminal controls included. */
  shown = g_string_new ("“");
  for (gssize i = 0; i < MIN (n, 32); i++)
    if (head[i] >= 0x20 && head[i] < 0x7f && head[i] != '\\')
      g_string_append_c (shown, head[i]);
    else
      g_string_append_printf (shown, "\\x%02x", head[i]);
  g_string_append (shown, n > 32 ? "”…" : "”");
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

MysqlBinlogTransport *
_mysql_binlog_transport_connect (const MysqlBinlogConnectOptions  *options,
                                 GError                          **error)
{
  MysqlBinlogTransport *transport;
  unsigned int timeout = options->connect_timeout;
  unsigned long max_packet = 1024UL * 1024 * 1024;
  const char *where;
  g_autofree char *where_tcp = NULL;
  gboolean connected;
  int saved_errno;
  MysqlBinlogTlsGuard guard;

  transport = g_new0 (MysqlBinlogTransport, 1);
  transport->mysql = mysql_init (NULL);
  if (transport->mysql == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                           "Could not initialise the MySQL client library");
      g_free (transport);
      return NULL;
    }

  transport->read_timeout = options->read_timeout;
  transport->timeout = timeout;
  if (timeout > 0)
    mysql_options (transport->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  /* A single event can be as large as a transaction's rows event: accept
   * what the server may send (its own limit is 1 GiB). */
  mysql_options (transport->mysql, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
  mysql_options (transport->mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (!_mysql_binlog_tls_configure (transport->mysql, options->tls, error))
    {
      _mysql_binlog_transport_free (transport);
      return NULL;
    }
  {
    /* Until the dump starts, the server answers as a server does, within
     * the connect timeout; then _mysql_binlog_transport_start_dump()
     * allows the silence of an idle server.  MySQL's client cannot change
     * the timeout of a connection: there it is the read timeout from the
     * start (the login itself is within the connect timeout). */
#if HAVE_CONNECTOR_C
    unsigned int read_timeout = timeout;
#else
    unsigned int read_timeout = options->read_timeout;

    transport->timeout = read_timeout;
#endif

    if (read_timeout > 0)
      {
        mysql_options (transport->mysql, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
        mysql_options (transport->mysql, MYSQL_OPT_WRITE_TIMEOUT, &read_timeout);
      }
  }
  if (options->socket != NULL && *options->socket != '\0')
    {
      unsigned int protocol = MYSQL_PROTOCOL_SOCKET;
      mysql_options (transport->mysql, MYSQL_OPT_PROTOCOL, &protocol);
      where = options->socket;
    }
  else
    {
      where_tcp = g_strdup_printf ("%s:%u", options->host != NULL ? options->host : "localhost",
                                   options->port != 0 ? options->port : 3306);
      where = where_tcp;
    }

  _mysql_binlog_tls_guard_begin (&guard, options->tls);
  connected = mysql_real_connect (transport->mysql,
                                  options->socket != NULL && *options->socket != '\0' ? NULL : options->host,
                                  options->user,
                                  options->password,
                                  NULL,
                                  options->port,
                                  options->socket != NULL && *options->socket != '\0' ? options->socket : NULL,
                                  0) != NULL;
  saved_errno = errno;
  _mysql_binlog_tls_guard_end (&guard);
  if (!connected && _mysql_binlog_tls_guard_refused (&guard, where, error))
    {
      _mysql_binlog_transport_free (transport);
      return NULL;
    }
  if (!connected)
    {
      g_autofree char *doing = g_strdup_printf ("Connecting to the server at %s as “%s”",
                                                where, options->user != NULL ? options->user : "");
      guint code = mysql_errno (transport->mysql);
      g_autofree char *garbage = NULL;

      if (g_atomic_int_get (&transport->interrupted))
        set_error_from_mysql (transport, error, doing);
      else if (code == CR_SERVER_LOST && saved_errno != ETIMEDOUT &&
               strstr (mysql_error (transport->mysql), "initial communication packet") != NULL &&
               (garbage = probe_for_garbage (options)) != NULL)
        g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                     "%s failed: the server broke the client/server protocol: it does not "
                     "greet as a MySQL server does, but sends %s (is this the port of "
                     "another service?)", doing, garbage);
      else if (code == CR_PLUGIN_NOT_ALLOWED &&
               !(transport->mysql->server_capabilities & CLIENT_PROTOCOL_41))
        g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                     "%s failed: the server broke the client/server protocol: its greeting "
                     "is malformed, or that of a server older than MySQL 4.1 (%s)",
                     doing, mysql_error (transport->mysql));
      else
        {
          errno = saved_errno;
          set_error_from_mysql (transport, error, doing);
          tls_explain_failure (transport, options->tls, doing, error);
        }
      _mysql_binlog_transport_free (transport);
      return NULL;
    }

  if (!_mysql_binlog_tls_check_encrypted (transport->mysql, options->tls, where, error))
    {
      _mysql_binlog_transport_free (transport);
      return NULL;
    }

  return transport;
}

void
_mysql_binlog_transport_set_read_timeout (MysqlBinlogTransport *transport,
                                          guint                 seconds)
{
#if HAVE_CONNECTOR_C
  MARIADB_PVIO *pvio = transport->mysql->net.pvio;

  transport->timeout = seconds;
  if (pvio != NULL && pvio->methods != NULL && pvio->methods->set_timeout != NULL)
    {
      pvio->methods->set_timeout (pvio, PVIO_READ_TIMEOUT, (int) MIN (seconds, G_MAXINT / 1000));
      pvio->methods->set_timeout (pvio, PVIO_WRITE_TIMEOUT, (int) MIN (seconds, G_MAXINT / 1000));
    }
#else
  (void) transport;
  (void) seconds;
#endif
}

void
_mysql_binlog_transport_free (MysqlBinlogTransport *transport)
{
  if (transport == NULL)
    return;

#if !HAVE_CONNECTOR_C
  if (transport->dumping)
    mysql_binlog_close (transport->mysql, &transport->rpl);
  g_free (transport->rpl_file);
#endif
  if (transport->rows != NULL)
    mysql_free_result (transport->rows);
  mysql_close (transport->mysql);
  g_free (transport);
}

struct _MysqlBinlogConnecting
{
  gint ref_count;  /* atomic: the caller's and the thread's */
  GMutex lock;
  GCond done;
  gboolean finished;   /* with lock */
  gboolean abandoned;  /* with lock */
  MysqlBinlogTransport *transport;  /* with lock: the result */
  GError *error;                    /* with lock */

  /* The thread's own copy of the options. */
  MysqlBinlogConnectOptions options;
  char *host;
  char *user;
  char *password;
  char *socket;
  MysqlBinlogTlsOptions *tls;

  /* The caller's: joined once the thread has finished, so that its exit
   * (the client library's and OpenSSL's per-thread state) is over before
   * the result is used; left to run when the connect is abandoned. */
  GThread *thread;
};

static void
connecting_unref (MysqlBinlogConnecting *connecting)
{
  if (!g_atomic_int_dec_and_test (&connecting->ref_count))
    return;
  _mysql_binlog_transport_free (connecting->transport);
  g_clear_error (&connecting->error);
  g_free (connecting->host);
  g_free (connecting->user);
  if (connecting->password != NULL)
    memset (connecting->password, 0, strlen (connecting->password));
  g_free (connecting->password);
  g_free (connecting->socket);
  _mysql_binlog_tls_options_free (connecting->tls);
  g_mutex_clear (&connecting->lock);
  g_cond_clear (&connecting->done);
  g_free (connecting);
}

static void
connecting_run (MysqlBinlogConnecting *connecting)
{
  GError *error = NULL;
  MysqlBinlogTransport *transport;

  transport = _mysql_binlog_transport_connect (&connecting->options, &error);

  g_mutex_lock (&connecting->lock);
  connecting->finished = TRUE;
  if (!connecting->abandoned)
    {
      connecting->transport = g_steal_pointer (&transport);
      connecting->error = g_steal_pointer (&error);
    }
  g_cond_broadcast (&connecting->done);
  g_mutex_unlock (&connecting->lock);

  /* Nobody waits for it any more. */
  _mysql_binlog_transport_free (transport);
  g_clear_error (&error);
}

static gpointer
connecting_thread (gpointer data)
{
  MysqlBinlogConnecting *connecting = data;

#ifdef __linux__
  /* Named for ps, gdb and the tests (the kernel keeps 15 bytes). */
  prctl (PR_SET_NAME, "mysql-binlog-co", 0, 0, 0);
#endif
  connecting_run (connecting);
  connecting_unref (connecting);
  mysql_thread_end ();
  return NULL;
}

MysqlBinlogConnecting *
_mysql_binlog_connecting_start (const MysqlBinlogConnectOptions *options)
{
  MysqlBinlogConnecting *connecting = g_new0 (MysqlBinlogConnecting, 1);

  connecting->ref_count = 2;
  g_mutex_init (&connecting->lock);
  g_cond_init (&connecting->done);
  connecting->options = *options;
  connecting->options.host = connecting->host = g_strdup (options->host);
  connecting->options.user = connecting->user = g_strdup (options->user);
  connecting->options.password = connecting->password = g_strdup (options->password);
  connecting->options.socket = connecting->socket = g_strdup (options->socket);
  connecting->tls = options->tls != NULL ? _mysql_binlog_tls_options_copy (options->tls) : NULL;
  connecting->options.tls = connecting->tls;

  connecting->thread = g_thread_try_new ("mysql-binlog-connect", connecting_thread, connecting, NULL);
  if (connecting->thread == NULL)
    {
      /* No thread to spare: connect here, uninterruptibly. */
      connecting_run (connecting);
      connecting_unref (connecting);
    }
  return connecting;
}

MysqlBinlogTransport *
_mysql_binlog_connecting_wait (MysqlBinlogConnecting  *connecting,
                               GError                **error)
{
  MysqlBinlogTransport *transport = NULL;
  gboolean abandoned;

  g_mutex_lock (&connecting->lock);
  while (!connecting->finished && !connecting->abandoned)
    g_cond_wait (&connecting->done, &connecting->lock);
  abandoned = connecting->abandoned;
  if (abandoned)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  else
    {
      transport = g_steal_pointer (&connecting->transport);
      if (transport == NULL)
        g_propagate_error (error, g_steal_pointer (&connecting->error));
    }
  g_mutex_unlock (&connecting->lock);

  /* The thread only releases its reference and ends after finishing.  A
   * caller that exits the process on an error must not race that end:
   * OpenSSL frees a thread's state when the thread ends, and not at all
   * once its own exit handler has run. */
  if (!abandoned && connecting->thread != NULL)
    g_thread_join (g_steal_pointer (&connecting->thread));
  return transport;
}

void
_mysql_binlog_connecting_abandon (MysqlBinlogConnecting *connecting)
{
  g_mutex_lock (&connecting->lock);
  connecting->abandoned = TRUE;
  g_cond_broadcast (&connecting->done);
  g_mutex_unlock (&connecting->lock);
}

void
_mysql_binlog_connecting_free (MysqlBinlogConnecting *connecting)
{
  if (connecting == NULL)
    return;
  g_clear_pointer (&connecting->thread, g_thread_unref);
  connecting_unref (connecting);
}

char *
_mysql_binlog_transport_quote (MysqlBinlogTransport *transport,
                               const char           *text)
{
  gsize length = strlen (text);
  char *quoted = g_malloc (length * 2 + 3);
  unsigned long n;

  quoted[0] = '\'';
  n = mysql_real_escape_string (transport->mysql, quoted + 1, text, length);
  quoted[n + 1] = '\'';
  quoted[n + 2] = '\0';
  return quoted;
}

gboolean
_mysql_binlog_transport_query (MysqlBinlogTransport  *transport,
                               const char            *sql,
                               GPtrArray            **rows,
                               GError               **error)
{
  MYSQL_RES *result;
  MYSQL_ROW row;
  unsigned int n_fields;
  g_autoptr(GPtrArray) out = NULL;

  if (mysql_real_query (transport->mysql, sql, strlen (sql)) != 0)
    {
      g_autofree char *doing = g_strdup_printf ("The query “%s”", sql);
      set_error_from_mysql (transport, error, doing);
      return FALSE;
    }

  result = mysql_store_result (transport->mysql);
  if (result == NULL)
    {
      if (mysql_field_count (transport->mysql) != 0)
        {
          g_autofree char *doing = g_strdup_printf ("Reading the result of “%s”", sql);
          set_error_from_mysql (transport, error, doing);
          return FALSE;
        }
      if (rows != NULL)
        *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      return TRUE;
    }

  n_fields = mysql_num_fields (result);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while ((row = mysql_fetch_row (result)) != NULL)
    {
      unsigned long *lengths = mysql_fetch_lengths (result);
      GPtrArray *values = g_ptr_array_new_full (n_fields, g_free);

      for (unsigned int i = 0; i < n_fields; i++)
        g_ptr_array_add (values, row[i] != NULL ? g_strndup (row[i], lengths[i]) : NULL);
      g_ptr_array_add (out, values);
    }
  mysql_free_result (result);

  if (rows != NULL)
    *rows = g_steal_pointer (&out);
  return TRUE;
}

char *
_mysql_binlog_transport_query_value (MysqlBinlogTransport  *transport,
                                     const char            *sql,
                                     GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *first;

  if (!_mysql_binlog_transport_query (transport, sql, &rows, error))
    return NULL;
  if (rows->len == 0)
    return NULL;
  first = g_ptr_array_index (rows, 0);
  if (first->len == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (first, 0));
}

gboolean
_mysql_binlog_transport_start_dump (MysqlBinlogTransport  *transport,
                                    guint32                server_id,
                                    const char            *file,
                                    guint64                offset,
                                    gboolean               non_blocking,
                                    GError               **error)
{
  guint16 flags = BINLOG_SEND_ANNOTATE_ROWS_EVENT | (non_blocking ? BINLOG_DUMP_NON_BLOCK : 0);
  gsize file_length = file != NULL ? strlen (file) : 0;

  if (offset > G_MAXUINT32)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "The start offset %" G_GUINT64_FORMAT " does not fit the binlog dump command",
                   offset);
      return FALSE;
    }

#if HAVE_CONNECTOR_C
  {
    g_autofree guint8 *command = g_malloc (10 + file_length);

    /* COM_BINLOG_DUMP: position (4), flags (2), server id (4), file name */
    _mysql_binlog_put_le32 (command, (guint32) offset);
    _mysql_binlog_put_le16 (command + 4, flags);
    _mysql_binlog_put_le32 (command + 6, server_id);
    if (file_length > 0)
      memcpy (command + 10, file, file_length);

    if (transport->mysql->methods->db_command (transport->mysql, COM_BINLOG_DUMP,
                                               (const char *) command, 10 + file_length,
                                               1, NULL) != 0)
      {
        set_error_from_mysql (transport, error, "Starting the binlog dump");
        return FALSE;
      }
  }
#else
  memset (&transport->rpl, 0, sizeof transport->rpl);
  transport->rpl_file = g_strdup (file != NULL ? file : "");
  transport->rpl.file_name_length = file_length;
  transport->rpl.file_name = transport->rpl_file;
  transport->rpl.start_position = offset;
  transport->rpl.server_id = server_id;
  transport->rpl.flags = flags;
  if (mysql_binlog_open (transport->mysql, &transport->rpl) != 0)
    {
      set_error_from_mysql (transport, error, "Starting the binlog dump");
      return FALSE;
    }
#endif

  transport->dumping = TRUE;
  _mysql_binlog_transport_set_read_timeout (transport, transport->read_timeout);
  return TRUE;
}

#if !HAVE_CONNECTOR_C
static void
fix_gtid_set (MYSQL_RPL *rpl,
              guchar    *packet_gtid_set)
{
  GBytes *bytes = rpl->gtid_set_arg;

  memcpy (packet_gtid_set, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}
#endif

gboolean
_mysql_binlog_transport_start_dump_gtid (MysqlBinlogTransport  *transport,
                                         guint32                server_id,
                                         GBytes                *gtid_set,
                                         gboolean               non_blocking,
                                         GError               **error)
{
  guint16 flags = BINLOG_THROUGH_GTID | (non_blocking ? BINLOG_DUMP_NON_BLOCK : 0);
  gsize set_length = g_bytes_get_size (gtid_set);

#if HAVE_CONNECTOR_C
  {
    /* flags (2), server id (4), file name length (4) and name (none),
     * position (8), GTID set length (4) and set */
    g_autoptr(GByteArray) command = g_byte_array_new ();
    guint8 head[22];

    _mysql_binlog_put_le16 (head, flags);
    _mysql_binlog_put_le32 (head + 2, server_id);
    _mysql_binlog_put_le32 (head + 6, 0);
    _mysql_binlog_put_le64 (head + 10, 4);  /* position 4: the first event */
    _mysql_binlog_put_le32 (head + 18, (guint32) set_length);
    g_byte_array_append (command, head, sizeof head);
    g_byte_array_append (command, g_bytes_get_data (gtid_set, NULL), set_length);

    if (transport->mysql->methods->db_command (transport->mysql, COM_BINLOG_DUMP_GTID_CODE,
                                               (const char *) command->data, command->len,
                                               1, NULL) != 0)
      {
        set_error_from_mysql (transport, error, "Starting the binlog dump by GTID");
        return FALSE;
      }
  }
#else
  memset (&transport->rpl, 0, sizeof transport->rpl);
  transport->rpl_file = g_strdup ("");
  transport->rpl.file_name_length = 0;
  transport->rpl.file_name = transport->rpl_file;
  transport->rpl.start_position = 4;
  transport->rpl.server_id = server_id;
  transport->rpl.flags = (non_blocking ? BINLOG_DUMP_NON_BLOCK : 0) | MYSQL_RPL_GTID;
  transport->rpl.gtid_set_encoded_size = set_length;
  transport->rpl.fix_gtid_set = fix_gtid_set;
  transport->rpl.gtid_set_arg = gtid_set;
  if (mysql_binlog_open (transport->mysql, &transport->rpl) != 0)
    {
      set_error_from_mysql (transport, error, "Starting the binlog dump by GTID");
      return FALSE;
    }
#endif

  transport->dumping = TRUE;
  _mysql_binlog_transport_set_read_timeout (transport, transport->read_timeout);
  return TRUE;
}

MysqlBinlogReadResult
_mysql_binlog_transport_read_event (MysqlBinlogTransport  *transport,
                                    const guint8         **data,
                                    gsize                 *length,
                                    GError               **error)
{
  const guint8 *packet;
  gsize packet_length;

#if HAVE_CONNECTOR_C
  unsigned long n = mysql_net_read_packet (transport->mysql);

  /* packet_error is (unsigned int) -1, whatever the width of the result */
  if (n == (unsigned long) (unsigned int) -1 || n == (unsigned long) -1)
    {
      set_error_from_mysql (transport, error, "Reading the binary log");
      return MYSQL_BINLOG_READ_ERROR;
    }
  packet = transport->mysql->net.read_pos;
  packet_length = n;
#else
  if (mysql_binlog_fetch (transport->mysql, &transport->rpl) != 0)
    {
      set_error_from_mysql (transport, error, "Reading the binary log");
      return MYSQL_BINLOG_READ_ERROR;
    }
  if (transport->rpl.size == 0)
    return MYSQL_BINLOG_READ_END;
  packet = transport->rpl.buffer;
  packet_length = transport->rpl.size;
#endif

  if (g_atomic_int_get (&transport->interrupted))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
      return MYSQL_BINLOG_READ_ERROR;
    }

  if (packet_length == 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT,
                           "The server sent an empty replication packet");
      return MYSQL_BINLOG_READ_ERROR;
    }

  /* An EOF packet ends a non-blocking dump. */
  if (packet[0] == 0xfe && packet_length < 9)
    return MYSQL_BINLOG_READ_END;

  /* An error packet: code (2), '#' and SQL state (5), message. */
  if (packet[0] == 0xff)
    {
      g_autofree char *message = NULL;
      guint code = packet_length >= 3 ? _mysql_binlog_le16 (packet + 1) : 0;
      gsize skip = (packet_length >= 9 && packet[3] == '#') ? 9 : MIN (packet_length, 3);

      message = g_utf8_make_valid ((const char *) packet + skip, packet_length - skip);
      set_error_from_code (transport, error, "Reading the binary log", code, message);
      return MYSQL_BINLOG_READ_ERROR;
    }

  if (packet[0] != 0x00)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT,
                   "The server sent a replication packet with the unexpected status byte 0x%02x",
                   packet[0]);
      return MYSQL_BINLOG_READ_ERROR;
    }

  *data = packet + 1;
  *length = packet_length - 1;
  return MYSQL_BINLOG_READ_EVENT;
}

/* The size of the packet buffer the client library starts with. */
#define FRESH_BUFFER_SIZE (16 * 1024)

GBytes *
_mysql_binlog_transport_take_event (MysqlBinlogTransport *transport,
                                    const guint8         *data,
                                    gsize                 length)
{
#if HAVE_CONNECTOR_C
  NET *net = &transport->mysql->net;
  guchar *taken = net->buff;
  guchar *fresh;

  /* The packet read uncompressed, alone at the start of the buffer (its
   * status byte, then the event), nothing being written: the buffer is
   * the packet's alone, and the library needs only a buffer of its own
   * again, in the state it makes one in.  It allocates it with malloc(). */
  if (length >= MYSQL_BINLOG_TRANSPORT_TAKE_THRESHOLD && !net->compress &&
      net->remain_in_buf == 0 && net->where_b == 0 && net->read_pos == taken &&
      net->write_pos == taken && data == taken + 1 &&
      length < net->max_packet && (fresh = malloc (FRESH_BUFFER_SIZE)) != NULL)
    {
      net->buff = net->write_pos = net->read_pos = fresh;
      net->max_packet = FRESH_BUFFER_SIZE;
      net->buff_end = fresh + net->max_packet;
      return g_bytes_new_with_free_func (data, length, free, taken);
    }
#endif
  return g_bytes_new (data, length);
}

void
_mysql_binlog_transport_interrupt (MysqlBinlogTransport *transport)
{
  my_socket fd;

  g_atomic_int_set (&transport->interrupted, 1);
  fd = mysql_get_socket (transport->mysql);
  if (fd >= 0)
    shutdown (fd, SHUT_RDWR);
}

gboolean
_mysql_binlog_transport_rows_begin (MysqlBinlogTransport  *transport,
                                    const char            *sql,
                                    guint                 *n_fields,
                                    GError               **error)
{
  g_return_val_if_fail (transport->rows == NULL, FALSE);

  if (mysql_real_query (transport->mysql, sql, strlen (sql)) != 0)
    {
      g_autofree char *doing = g_strdup_printf ("The query “%s”", sql);

      set_error_from_mysql (transport, error, doing);
      return FALSE;
    }
  transport->rows = mysql_use_result (transport->mysql);
  if (transport->rows == NULL)
    {
      g_autofree char *doing = g_strdup_printf ("Reading the result of “%s”", sql);

      if (mysql_errno (transport->mysql) != 0)
        set_error_from_mysql (transport, error, doing);
      else
        g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                     "%s failed: the statement returned no rows", doing);
      return FALSE;
    }
  *n_fields = mysql_num_fields (transport->rows);
  return TRUE;
}

gint
_mysql_binlog_transport_rows_next (MysqlBinlogTransport  *transport,
                                   char                ***values,
                                   gulong               **lengths,
                                   GError               **error)
{
  MYSQL_ROW row = mysql_fetch_row (transport->rows);

  if (row == NULL)
    {
      if (mysql_errno (transport->mysql) != 0)
        {
          set_error_from_mysql (transport, error, "Reading a row");
          return -1;
        }
      return 0;
    }
  *values = row;
  *lengths = mysql_fetch_lengths (transport->rows);
  return 1;
}

void
_mysql_binlog_transport_rows_end (MysqlBinlogTransport *transport)
{
  if (transport->rows != NULL)
    mysql_free_result (transport->rows);
  transport->rows = NULL;
}

guint64
_mysql_binlog_transport_get_connection_id (MysqlBinlogTransport *transport)
{
  return mysql_thread_id (transport->mysql);
}
