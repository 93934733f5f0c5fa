/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdbool.h>

#include <mysql.h>
#include <errmsg.h>

#include "mysql-binlog-tls-guard-private.h"

#if HAVE_CONNECTOR_C
# include <mysql/plugin_auth.h>
#endif

#ifndef MYSQL_BINLOG_TLS_GUARD_PLUGIN
# error "MYSQL_BINLOG_TLS_GUARD_PLUGIN names the guard's plugin: a name of its own in each program"
#endif

const char *
_mysql_binlog_tls_mode_name (MysqlBinlogTlsMode mode)
{
  switch (mode)
    {
    case MYSQL_BINLOG_TLS_MODE_DISABLED:
      return "DISABLED";
    case MYSQL_BINLOG_TLS_MODE_PREFERRED:
      return "PREFERRED";
    case MYSQL_BINLOG_TLS_MODE_REQUIRED:
      return "REQUIRED";
    case MYSQL_BINLOG_TLS_MODE_VERIFY_CA:
      return "VERIFY_CA";
    case MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY:
      return "VERIFY_IDENTITY";
    default:
      return "unknown";
    }
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

#if HAVE_CONNECTOR_C
/*
 * No credential before TLS (MariaDB Connector/C).
 *
 * Connector/C 3.3 encrypts as soon as any TLS setting is made, but when the
 * greeting of the server offers no TLS it answers in plain text, even with
 * MYSQL_OPT_SSL_ENFORCE: the user name and the first authentication data
 * leave before the library could tell that the session is not encrypted
 * (only MYSQL_OPT_SSL_VERIFY_SERVER_CERT, which also checks the host name,
 * refuses earlier).  That first answer is the password itself when the
 * greeting asks for mysql_clear_password, and so is a later answer after
 * an authentication switch to mysql_clear_password or dialog, or to
 * caching_sha2_password and sha256_password, which consider a connection
 * with TLS settings secure whether or not it is encrypted.
 *
 * So the first answer comes from a plugin of our own, named as the
 * default authentication: it runs after the greeting is read and before
 * anything is sent.  The client library keeps its plugins by name for the
 * whole process: a second plugin of a name it has is refused ("it is
 * already loaded"), or (Connector/C 3.3.20 of Debian 12) accepted but never
 * found, the first one answering for both.  So the library and the
 * command-line tool, which uses the library in the same process, each
 * register their own copy under a name of their own
 * (MYSQL_BINLOG_TLS_GUARD_PLUGIN); each copy answers only for the
 * connections its own program makes, and refuses any other.  When the server offers TLS, the library is about to
 * encrypt (or fail), and every authentication is allowed from then on.
 * When it does not, the modes from REQUIRED on refuse there, and PREFERRED
 * continues as DISABLED.  The plugin answers with no data: the server then
 * switches to the account's own authentication, which runs as usual.
 *
 * MARIADB_OPT_RESTRICTED_AUTH lists the plugins allowed to run, checked at
 * the first answer and at every switch: without TLS, none that sends the
 * password as it is; with a mode from REQUIRED on, nothing but the guard
 * until it has seen TLS offered (a server that does not announce plugin
 * authentication would otherwise get a mysql_native_password answer before
 * any check).
 */

#define TLS_GUARD_PLUGIN MYSQL_BINLOG_TLS_GUARD_PLUGIN
#define PLAIN_TEXT_PLUGINS "mysql_native_password,client_ed25519,caching_sha2_password," \
                           "sha256_password,auth_gssapi_client,parsec"

/* The plugin declaration of <mysql/client_plugin.h>, which Connector/C 3.3
 * installs without a header it includes (ma_compress.h). */
typedef struct
{
  int type;
  unsigned int interface_version;
  const char *name;
  const char *author;
  const char *desc;
  unsigned int version[3];
  const char *license;
  void *mysql_api;
  int (*init) (char *, size_t, int, va_list);
  int (*deinit) (void);
  int (*options) (const char *option, const void *);
  int (*authenticate_user) (MYSQL_PLUGIN_VIO *vio, MYSQL *mysql);
} AuthPlugin;

#define CLIENT_AUTHENTICATION_PLUGIN 2
#define CLIENT_AUTHENTICATION_PLUGIN_INTERFACE_VERSION 0x0100

struct st_mysql_client_plugin *mysql_client_register_plugin (MYSQL                          *mysql,
                                                             struct st_mysql_client_plugin  *plugin);

/* The guard of the connection being made on this thread, if any. */
static GPrivate tls_guard_current;

static int
tls_guard_authenticate (MYSQL_PLUGIN_VIO *vio,
                        MYSQL            *mysql)
{
  MysqlBinlogTlsGuard *guard = g_private_get (&tls_guard_current);

  if (guard == NULL)
    return CR_ERROR;  /* a connection of someone else's naming it */

  if (mysql->server_capabilities & CLIENT_SSL)
    {
      /* The answer below starts TLS first, or fails. */
      mysql_optionsv (mysql, MARIADB_OPT_RESTRICTED_AUTH, NULL);
    }
  else if (guard->mode >= MYSQL_BINLOG_TLS_MODE_REQUIRED)
    {
      guard->refused = TRUE;
      return CR_ERROR;
    }
  else
    {
      /* PREFERRED without TLS: plain text, and known to be. */
      mysql->options.use_ssl = 0;
      mysql_optionsv (mysql, MARIADB_OPT_RESTRICTED_AUTH, PLAIN_TEXT_PLUGINS);
    }

  if (vio->write_packet (vio, (const unsigned char *) "", 0) != 0)
    return CR_ERROR;
  return CR_OK;
}

static AuthPlugin tls_guard_plugin = {
  CLIENT_AUTHENTICATION_PLUGIN,
  CLIENT_AUTHENTICATION_PLUGIN_INTERFACE_VERSION,
  TLS_GUARD_PLUGIN,
  "libmysqlbinlog-glib",
  "Sends no credential before TLS is known to be used",
  { 1, 0, 0 },
  "LGPL",
  NULL, NULL, NULL, NULL,
  tls_guard_authenticate,
};

/* Registers the guard once for the process.  When the client library
 * refuses it, no connection with TLS settings is made from then on (each
 * fails with the TLS error): without the guard, the password could leave
 * before TLS is known to be used.  That is the caller's error to report,
 * not a warning of the library's. */
static gboolean
tls_guard_register (MYSQL   *mysql,
                    GError **error)
{
  static gsize registered = 0;
  static gboolean ok = FALSE;
  static char *refusal = NULL;  /* the client library's words, if any */

  if (g_once_init_enter (&registered))
    {
      ok = mysql_client_register_plugin (mysql, (struct st_mysql_client_plugin *) &tls_guard_plugin) != NULL;
      if (!ok && *mysql_error (mysql) != '\0')
        refusal = g_strdup (mysql_error (mysql));
      g_once_init_leave (&registered, 1);
    }
  if (!ok)
    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_TLS,
                 "The client library refused the plugin that keeps the password "
                 "from leaving before TLS is set up (%s): no connection is made "
                 "unless TLS mode is DISABLED",
                 refusal != NULL ? refusal : "no reason given");
  return ok;
}
#endif

/* Hands the TLS settings to the client library, before connecting.
 *
 * MariaDB Connector/C (3.3, Debian 12) checks the server's certificate
 * chain whenever a CA file or directory is set, and the host name only
 * with MYSQL_OPT_SSL_VERIFY_SERVER_CERT; see above for what keeps the
 * password from leaving before TLS.  MySQL's client has one option,
 * MYSQL_OPT_SSL_MODE, with the same modes as MysqlBinlogTlsMode; from
 * REQUIRED on it refuses a server without TLS before it answers the
 * greeting, and it never runs mysql_clear_password unless told to. */
gboolean
_mysql_binlog_tls_configure (MYSQL                        *mysql,
                             const MysqlBinlogTlsOptions  *tls,
                             GError                      **error)
{
  MysqlBinlogTlsMode mode = _mysql_binlog_tls_options_mode (tls);
  const char *ca_file = tls != NULL ? empty_to_null (tls->ca_file) : NULL;
  const char *ca_directory = tls != NULL ? empty_to_null (tls->ca_directory) : NULL;
  const char *cert_file = tls != NULL ? empty_to_null (tls->cert_file) : NULL;
  const char *key_file = tls != NULL ? empty_to_null (tls->key_file) : NULL;
  const char *cipher = tls != NULL ? empty_to_null (tls->cipher) : NULL;

  if (mode > MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "Unknown TLS mode %d", (int) mode);
      return FALSE;
    }
  if (mode >= MYSQL_BINLOG_TLS_MODE_VERIFY_CA && ca_file == NULL && ca_directory == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "TLS mode %s needs a certificate authority to check the server "
                   "against: set a CA file or a CA directory", _mysql_binlog_tls_mode_name (mode));
      return FALSE;
    }
  if ((cert_file == NULL) != (key_file == NULL) && mode != MYSQL_BINLOG_TLS_MODE_DISABLED)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "A TLS client certificate needs its key, and a key its "
                           "certificate: set both or neither");
      return FALSE;
    }

#if HAVE_CONNECTOR_C
  if (mode == MYSQL_BINLOG_TLS_MODE_DISABLED)
    {
      /* No TLS setting at all: plain text. */
      mysql_optionsv (mysql, MARIADB_OPT_RESTRICTED_AUTH, PLAIN_TEXT_PLUGINS);
      return TRUE;
    }

  if (!tls_guard_register (mysql, error))
    return FALSE;
  mysql_options (mysql, MYSQL_DEFAULT_AUTH, TLS_GUARD_PLUGIN);
  mysql_optionsv (mysql, MARIADB_OPT_RESTRICTED_AUTH,
                  mode >= MYSQL_BINLOG_TLS_MODE_REQUIRED
                    ? TLS_GUARD_PLUGIN
                    : TLS_GUARD_PLUGIN "," PLAIN_TEXT_PLUGINS);

  mysql_ssl_set (mysql, key_file, cert_file, ca_file, ca_directory, cipher);
  if (mode >= MYSQL_BINLOG_TLS_MODE_REQUIRED)
    {
      my_bool enforce = TRUE;

      mysql_options (mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
    }
  if (mode == MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY)
    {
      my_bool verify = TRUE;

      mysql_options (mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    }
#else
  {
    unsigned int ssl_mode;

    switch (mode)
      {
      case MYSQL_BINLOG_TLS_MODE_DISABLED:
        ssl_mode = SSL_MODE_DISABLED;
        break;
      case MYSQL_BINLOG_TLS_MODE_PREFERRED:
        ssl_mode = SSL_MODE_PREFERRED;
        break;
      case MYSQL_BINLOG_TLS_MODE_REQUIRED:
        ssl_mode = SSL_MODE_REQUIRED;
        break;
      case MYSQL_BINLOG_TLS_MODE_VERIFY_CA:
        ssl_mode = SSL_MODE_VERIFY_CA;
        break;
      case MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY:
      default:
        ssl_mode = SSL_MODE_VERIFY_IDENTITY;
        break;
      }
    mysql_options (mysql, MYSQL_OPT_SSL_MODE, &ssl_mode);
    if (mode < MYSQL_BINLOG_TLS_MODE_REQUIRED)
      {
        /* Whatever LIBMYSQL_ENABLE_CLEARTEXT_PLUGIN says. */
        bool cleartext = false;

        mysql_options (mysql, MYSQL_ENABLE_CLEARTEXT_PLUGIN, &cleartext);
      }
    if (mode != MYSQL_BINLOG_TLS_MODE_DISABLED)
      {
        if (ca_file != NULL)
          mysql_options (mysql, MYSQL_OPT_SSL_CA, ca_file);
        if (ca_directory != NULL)
          mysql_options (mysql, MYSQL_OPT_SSL_CAPATH, ca_directory);
        if (cert_file != NULL)
          mysql_options (mysql, MYSQL_OPT_SSL_CERT, cert_file);
        if (key_file != NULL)
          mysql_options (mysql, MYSQL_OPT_SSL_KEY, key_file);
        if (cipher != NULL)
          mysql_options (mysql, MYSQL_OPT_SSL_CIPHER, cipher);
      }
  }
#endif

  return TRUE;
}

void
_mysql_binlog_tls_guard_begin (MysqlBinlogTlsGuard          *guard,
                               const MysqlBinlogTlsOptions  *tls)
{
  guard->mode = _mysql_binlog_tls_options_mode (tls);
  guard->refused = FALSE;
#if HAVE_CONNECTOR_C
  g_private_set (&tls_guard_current, guard);
#endif
}

void
_mysql_binlog_tls_guard_end (MysqlBinlogTlsGuard *guard)
{
#if HAVE_CONNECTOR_C
  g_private_set (&tls_guard_current, NULL);
#endif
}

gboolean
_mysql_binlog_tls_guard_refused (const MysqlBinlogTlsGuard  *guard,
                                 const char                 *where,
                                 GError                    **error)
{
  if (!guard->refused)
    return FALSE;

  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_TLS,
               "The server at %s offers no TLS, and TLS mode %s requires it: refused "
               "before sending the user name or the password (a server without a "
               "certificate, or something on the way that removes TLS)",
               where, _mysql_binlog_tls_mode_name (guard->mode));
  return TRUE;
}

void
_mysql_binlog_tls_explain_failure (MYSQL                        *mysql,
                                   const MysqlBinlogTlsOptions  *tls,
                                   const char                   *doing,
                                   GError                      **error)
{
  MysqlBinlogTlsMode mode = _mysql_binlog_tls_options_mode (tls);
  guint code = mysql_errno (mysql);

  if (error == NULL || *error == NULL || (*error)->domain != MYSQL_BINLOG_ERROR)
    return;

  if (code == CR_SSL_CONNECTION_ERROR)
    {
      /* Another attempt meets the same certificate, or the same server
       * without TLS. */
      (*error)->code = MYSQL_BINLOG_ERROR_TLS;
      g_prefix_error (error, "TLS (mode %s) failed: ", _mysql_binlog_tls_mode_name (mode));
    }
  else if (code == CR_PLUGIN_NOT_ALLOWED)
    {
      /* The client library's own message names the wrong plugin. */
      (*error)->code = MYSQL_BINLOG_ERROR_TLS;
      g_free ((*error)->message);
      if (mode >= MYSQL_BINLOG_TLS_MODE_REQUIRED)
        (*error)->message = g_strdup_printf ("%s failed: the server does not announce "
                                             "authentication plugins, without which TLS mode %s "
                                             "cannot make sure that TLS is used before the "
                                             "password is; refused, nothing was sent",
                                             doing, _mysql_binlog_tls_mode_name (mode));
      else
        (*error)->message = g_strdup_printf ("%s failed: the server asked for an "
                                             "authentication that sends the password as it is "
                                             "(such as mysql_clear_password or dialog), and the "
                                             "connection is not encrypted (TLS mode %s); refused "
                                             "before sending the password.  Such an account "
                                             "needs TLS mode REQUIRED or stronger",
                                             doing, _mysql_binlog_tls_mode_name (mode));
    }
}

gboolean
_mysql_binlog_tls_check_encrypted (MYSQL                        *mysql,
                                   const MysqlBinlogTlsOptions  *tls,
                                   const char                   *where,
                                   GError                      **error)
{
  MysqlBinlogTlsMode mode = _mysql_binlog_tls_options_mode (tls);

  if (mode < MYSQL_BINLOG_TLS_MODE_REQUIRED || mysql_get_ssl_cipher (mysql) != NULL)
    return TRUE;

  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_TLS,
               "The connection to the server at %s is not encrypted, and TLS mode %s "
               "requires it: the server does not support TLS (it has no certificate, "
               "or was built without TLS)", where, _mysql_binlog_tls_mode_name (mode));
  return FALSE;
}
