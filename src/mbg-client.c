/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The client library, used directly for what the stream does not offer
 * (see mbg-client.h). */

#include "config.h"

#include <string.h>

#include <mysql.h>

#include "mbg-client.h"
#include "mysql-binlog-tls-guard-private.h"

#if defined(MARIADB_PACKAGE_VERSION_ID) || defined(MARIADB_BASE_VERSION)
# define HAVE_CONNECTOR_C 1
#else
# define HAVE_CONNECTOR_C 0
#endif

/* Whether the client library stops reading an option file, without an
 * error, at a line it cannot read (Connector/C does): then
 * mbg-option-files.c checks the files first. */
gboolean
mbg_client_stops_at_bad_option_lines (void)
{
  return HAVE_CONNECTOR_C;
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
get_string_option (MYSQL             *mysql,
                   enum mysql_option  option)
{
  const char *value = NULL;

  if (mysql_get_option (mysql, option, &value) != 0)
    return NULL;
  return dup_nonempty (value);
}

/* The TLS settings of the option files, and in @unsupported the name of
 * the first one the stream cannot honour. */
static void
get_tls_options (MYSQL           *probe,
                 MbgOptionFiles  *files,
                 const char     **unsupported)
{
#if HAVE_CONNECTOR_C
  my_bool enforce = FALSE;
  my_bool verify = FALSE;
  g_autofree char *fingerprint = get_string_option (probe, MARIADB_OPT_SSL_FP);
  g_autofree char *fingerprints = get_string_option (probe, MARIADB_OPT_SSL_FP_LIST);
  g_autofree char *crl = get_string_option (probe, MYSQL_OPT_SSL_CRL);
  g_autofree char *crl_path = get_string_option (probe, MYSQL_OPT_SSL_CRLPATH);
  g_autofree char *tls_version = get_string_option (probe, MARIADB_OPT_TLS_VERSION);
  g_autofree char *passphrase = get_string_option (probe, MARIADB_OPT_TLS_PASSPHRASE);

  mysql_get_option (probe, MYSQL_OPT_SSL_ENFORCE, &enforce);
  mysql_get_option (probe, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  files->has_tls_mode = enforce || verify;
  files->tls_mode = verify ? MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY
                           : MYSQL_BINLOG_TLS_MODE_REQUIRED;
  *unsupported = fingerprint != NULL ? "ssl-fp"
               : fingerprints != NULL ? "ssl-fp-list"
               : crl != NULL ? "ssl-crl"
               : crl_path != NULL ? "ssl-crlpath"
               : tls_version != NULL ? "tls-version"
               : passphrase != NULL ? "ssl-passphrase"
               : NULL;
#else
  unsigned int ssl_mode = SSL_MODE_PREFERRED;
  g_autofree char *crl = get_string_option (probe, MYSQL_OPT_SSL_CRL);
  g_autofree char *crl_path = get_string_option (probe, MYSQL_OPT_SSL_CRLPATH);
  g_autofree char *tls_version = get_string_option (probe, MYSQL_OPT_TLS_VERSION);

  mysql_get_option (probe, MYSQL_OPT_SSL_MODE, &ssl_mode);
  files->has_tls_mode = ssl_mode != SSL_MODE_PREFERRED;
  files->tls_mode = ssl_mode == SSL_MODE_DISABLED ? MYSQL_BINLOG_TLS_MODE_DISABLED
                  : ssl_mode == SSL_MODE_REQUIRED ? MYSQL_BINLOG_TLS_MODE_REQUIRED
                  : ssl_mode == SSL_MODE_VERIFY_CA ? MYSQL_BINLOG_TLS_MODE_VERIFY_CA
                  : ssl_mode == SSL_MODE_VERIFY_IDENTITY ? MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY
                  : MYSQL_BINLOG_TLS_MODE_PREFERRED;
  *unsupported = crl != NULL ? "ssl-crl"
               : crl_path != NULL ? "ssl-crlpath"
               : tls_version != NULL ? "tls-version"
               : NULL;
#endif
}

/* The option files as the client library itself reads them: only
 * @defaults_file (and what it includes) when given, else the standard
 * ones it knows; their [client] groups (Connector/C also [client-server]
 * and [client-mariadb]) and [@group].  The library reads them when it
 * connects: the handle is made to connect to the host ",", an empty list
 * of hosts, which fails before any connection is made, and keeps what the
 * files set (CLIENT_REMEMBER_OPTIONS). */
gboolean
mbg_client_read_option_files (const char      *defaults_file,
                              const char      *group,
                              MbgOptionFiles  *files,
                              const char     **unsupported,
                              GError         **error)
{
  MYSQL *probe = mysql_init (NULL);

  if (probe == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "Cannot read the option files: out of memory");
      return FALSE;
    }
  if (defaults_file != NULL)
    mysql_options (probe, MYSQL_READ_DEFAULT_FILE, defaults_file);
  mysql_options (probe, MYSQL_READ_DEFAULT_GROUP, group);
  if (mysql_real_connect (probe, ",", NULL, NULL, NULL, 0, NULL,
                          CLIENT_REMEMBER_OPTIONS) != NULL)
    {
      mysql_close (probe);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "Cannot read the option files: the client library "
                           "connected to the host “,”");
      return FALSE;
    }

  files->host = dup_nonempty (probe->options.host);
  files->port = probe->options.port;
  files->socket_path = dup_nonempty (probe->options.unix_socket);
  files->user = dup_nonempty (probe->options.user);
  files->password = probe->options.password != NULL ? g_strdup (probe->options.password) : NULL;
  files->tcp = probe->options.protocol == MYSQL_PROTOCOL_TCP;
  files->ssl_ca = get_string_option (probe, MYSQL_OPT_SSL_CA);
  files->ssl_capath = get_string_option (probe, MYSQL_OPT_SSL_CAPATH);
  files->ssl_cert = get_string_option (probe, MYSQL_OPT_SSL_CERT);
  files->ssl_key = get_string_option (probe, MYSQL_OPT_SSL_KEY);
  files->ssl_cipher = get_string_option (probe, MYSQL_OPT_SSL_CIPHER);
  get_tls_options (probe, files, unsupported);
  if (probe->options.password != NULL)
    memset (probe->options.password, 0, strlen (probe->options.password));
  mysql_close (probe);
  return TRUE;
}

/* The tool's own connection is set up for TLS by the library's code (a
 * copy of it, compiled into the tool): the same options, and the same
 * guard that sends no credential before TLS is known to be used, as on
 * the stream's connections. */
static MYSQL *
client_connect (const MbgClientSettings  *settings,
                GError                  **error)
{
  MysqlBinlogTlsGuard guard;
  g_autofree char *where = NULL;
  g_autofree char *doing = NULL;
  gboolean connected;
  MYSQL *sql;

  if (settings->socket_path != NULL)
    where = g_strdup (settings->socket_path);
  else
    where = g_strdup_printf ("%s:%u", settings->host != NULL ? settings->host : "localhost",
                             settings->port != 0 ? settings->port : 3306);
  doing = g_strdup_printf ("Connecting to the server at %s as “%s”", where,
                           settings->user != NULL ? settings->user : "");

  sql = mysql_init (NULL);
  if (sql == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                           "Could not initialise the MySQL client library");
      return NULL;
    }
  mysql_options (sql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  /* As the stream's connection: a server that accepts and then stays
   * silent is an error within --connect-timeout, not a hang. */
  if (settings->connect_timeout > 0)
    {
      unsigned int timeout = settings->connect_timeout;

      mysql_options (sql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
      mysql_options (sql, MYSQL_OPT_READ_TIMEOUT, &timeout);
      mysql_options (sql, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
    }
  if (!_mysql_binlog_tls_configure (sql, &settings->tls, error))
    {
      mysql_close (sql);
      return NULL;
    }

  _mysql_binlog_tls_guard_begin (&guard, &settings->tls);
  connected = mysql_real_connect (sql,
                                  settings->socket_path != NULL ? "localhost" : settings->host,
                                  settings->user, settings->password, NULL,
                                  settings->socket_path != NULL ? 0 : settings->port,
                                  settings->socket_path, 0) != NULL;
  _mysql_binlog_tls_guard_end (&guard);

  if (!connected)
    {
      if (!_mysql_binlog_tls_guard_refused (&guard, where, error))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CONNECTION_FAILED,
                       "%s failed: %s (MySQL error %u)", doing, mysql_error (sql),
                       mysql_errno (sql));
          _mysql_binlog_tls_explain_failure (sql, &settings->tls, doing, error);
        }
      mysql_close (sql);
      return NULL;
    }
  if (!_mysql_binlog_tls_check_encrypted (sql, &settings->tls, where, error))
    {
      mysql_close (sql);
      return NULL;
    }
  return sql;
}

/* The name of the oldest binary log the server still has (the first row
 * of SHOW BINARY LOGS). */
char *
mbg_client_dup_oldest_binlog (const MbgClientSettings  *settings,
                              GError                  **error)
{
  static const char query[] = "SHOW BINARY LOGS";
  MYSQL *sql = client_connect (settings, error);
  MYSQL_RES *result;
  MYSQL_ROW sql_row;
  char *name = NULL;

  if (sql == NULL)
    return NULL;
  if (mysql_query (sql, query) != 0 || (result = mysql_store_result (sql)) == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_SERVER,
                   "“%s” failed: %s", query, mysql_error (sql));
      mysql_close (sql);
      return NULL;
    }
  while (name == NULL && (sql_row = mysql_fetch_row (result)) != NULL)
    if (sql_row[0] != NULL)
      name = g_strdup (sql_row[0]);
  mysql_free_result (result);
  mysql_close (sql);
  if (name == NULL)
    g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
                         "The server lists no binary log");
  return name;
}
