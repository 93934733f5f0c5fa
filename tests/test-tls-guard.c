/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The TLS guard when the client library will not take it: with MariaDB
 * Connector/C, the guard is the plugin that keeps the password from
 * leaving before TLS is known to be used.  If the client library refuses
 * to register it, every connection that could send a password must fail
 * with the TLS error, before anything is sent, and say why; only TLS mode
 * DISABLED (plain text by choice) still connects.
 *
 * The refusal is made here: this program's own mysql_client_register_plugin()
 * answers for the client library's, as the library's objects are linked
 * into it.  Nothing else of the client library is replaced.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <mysql.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-tls-guard-private.h"
#include "mysql-binlog-transport-private.h"

static guint n_registrations;

struct st_mysql_client_plugin *mysql_client_register_plugin (MYSQL                         *mysql,
                                                             struct st_mysql_client_plugin *plugin);

struct st_mysql_client_plugin *
mysql_client_register_plugin (MYSQL                         *mysql,
                              struct st_mysql_client_plugin *plugin)
{
  n_registrations++;
  return NULL;
}

static gboolean
skip_without_guard (void)
{
  if (HAVE_CONNECTOR_C)
    return FALSE;
  g_test_skip ("The TLS guard is MariaDB Connector/C's; MySQL's client refuses by itself");
  return TRUE;
}

/* Every mode that may send a password refuses to set up the handle, each
 * time; DISABLED needs no guard. */
static void
test_refused_configure (void)
{
  static const MysqlBinlogTlsMode modes[] = {
    MYSQL_BINLOG_TLS_MODE_PREFERRED,
    MYSQL_BINLOG_TLS_MODE_REQUIRED,
    MYSQL_BINLOG_TLS_MODE_VERIFY_CA,
    MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY,
  };

  if (skip_without_guard ())
    return;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
      {
        MysqlBinlogTlsOptions tls = { modes[i], (char *) "/nonexistent/ca.pem", NULL, NULL, NULL, NULL };
        g_autoptr(GError) error = NULL;
        MYSQL *mysql = mysql_init (NULL);

        g_assert_nonnull (mysql);
        g_assert_false (_mysql_binlog_tls_configure (mysql, &tls, &error));
        g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_TLS);
        g_assert_nonnull (strstr (error->message, "refused the plugin that keeps the password"));
        g_assert_nonnull (strstr (error->message, "no connection is made"));
        mysql_close (mysql);
      }

  /* The default settings (NULL) are PREFERRED: refused too. */
  {
    g_autoptr(GError) error = NULL;
    MYSQL *mysql = mysql_init (NULL);

    g_assert_false (_mysql_binlog_tls_configure (mysql, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_TLS);
    mysql_close (mysql);
  }

  /* Plain text by choice: no guard, no error. */
  {
    MysqlBinlogTlsOptions tls = { MYSQL_BINLOG_TLS_MODE_DISABLED, NULL, NULL, NULL, NULL, NULL };
    g_autoptr(GError) error = NULL;
    MYSQL *mysql = mysql_init (NULL);

    g_assert_true (_mysql_binlog_tls_configure (mysql, &tls, &error));
    g_assert_no_error (error);
    mysql_close (mysql);
  }

  /* The client library was asked once, and its answer kept. */
  g_assert_cmpuint (n_registrations, ==, 1);
}

/* A connection with the default settings fails with the TLS error before
 * it reaches the server: nothing connects to the listening socket. */
static void
test_refused_no_connection (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) accepted = NULL;
  g_autoptr(GError) error = NULL;
  MysqlBinlogConnectOptions options = { 0 };
  MysqlBinlogTransport *transport;

  if (skip_without_guard ())
    return;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (listener, address, TRUE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  options.host = "127.0.0.1";
  options.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  options.user = "root";
  options.password = "secret";
  options.connect_timeout = 2;
  transport = _mysql_binlog_transport_connect (&options, &error);
  g_assert_null (transport);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_TLS);
  g_clear_error (&error);

  g_socket_set_blocking (listener, FALSE);
  accepted = g_socket_accept (listener, NULL, &error);
  g_assert_null (accepted);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls-guard/refused/configure", test_refused_configure);
  g_test_add_func ("/tls-guard/refused/no-connection", test_refused_no_connection);

  return g_test_run ();
}
