/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * TLS connections against throwaway MariaDB servers: one with a
 * certificate made at test time by openssl (a test CA signs the server's
 * and the client's certificates; another CA signs nothing the server
 * uses), one without TLS.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <mysqlbinlog-glib.h>

#include "test-server.h"

#define PASSWORD "tls-secret"

typedef struct
{
  char       *dir;           /* certificates */
  TestServer *server;        /* TLS */
  TestServer *plain_server;  /* no TLS */
} Fixture;

static Fixture fixture;

static void
openssl (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) "openssl");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (fixture.dir, (char **) argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("openssl %s failed: %s\n%s", first, error->message, err != NULL ? err : "");
}

static char *
cert_path (const char *name)
{
  return g_build_filename (fixture.dir, name, NULL);
}

/* A key and a certificate signed by @ca (self-signed when NULL). */
static void
make_certificate (const char *name,
                  const char *subject,
                  const char *ca,
                  const char *alt_names)
{
  g_autofree char *key = g_strdup_printf ("%s-key.pem", name);
  g_autofree char *cert = g_strdup_printf ("%s.pem", name);
  g_autofree char *csr = g_strdup_printf ("%s.csr", name);
  g_autofree char *ext = g_strdup_printf ("%s.ext", name);
  g_autofree char *ext_path = cert_path (ext);
  g_autofree char *ca_cert = g_strdup_printf ("%s.pem", ca != NULL ? ca : "");
  g_autofree char *ca_key = g_strdup_printf ("%s-key.pem", ca != NULL ? ca : "");
  g_autoptr(GError) error = NULL;

  if (ca == NULL)
    {
      openssl ("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
               "-nodes", "-days", "2", "-subj", subject, "-keyout", key, "-out", cert, NULL);
      return;
    }

  g_file_set_contents (ext_path,
                       alt_names != NULL ? alt_names : "basicConstraints=CA:FALSE\n",
                       -1, &error);
  g_assert_no_error (error);
  openssl ("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-subj", subject, "-keyout", key, "-out", csr, NULL);
  openssl ("x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key,
           "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", cert, NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *from_path = cert_path (from);
  g_autofree char *to_path = cert_path (to);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to_path, contents, length, &error);
  g_assert_no_error (error);
}

/* The server presents @name's certificate from now on. */
static void
use_server_certificate (const char *name)
{
  g_autofree char *cert = g_strdup_printf ("%s.pem", name);
  g_autofree char *key = g_strdup_printf ("%s-key.pem", name);

  copy_file (cert, "active.pem");
  copy_file (key, "active-key.pem");
  test_server_exec (fixture.server, "FLUSH SSL");
}

static MysqlBinlogStream *
new_stream (TestServer         *server,
            const char         *user,
            MysqlBinlogTlsMode  mode,
            const char         *ca)
{
  static guint server_id = 0;
  g_autofree char *ca_file = ca != NULL ? cert_path (ca) : NULL;
  g_autoptr(MysqlBinlogPosition) start = test_server_master_position (server);

  if (server_id == 0)
    server_id = 3000 + (guint) (getpid () % 100000) * 10;

  return g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                       "host", "127.0.0.1",
                       "port", test_server_get_port (server),
                       "user", user,
                       "password", PASSWORD,
                       "server-id", server_id++,
                       "start-position", start,
                       "blocking", FALSE,
                       "tls-mode", mode,
                       "tls-ca-file", ca_file,
                       NULL);
}

static void
on_row_inserted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gpointer           user_data)
{
  GPtrArray *names = user_data;
  g_autoptr(GVariant) value = mysql_binlog_row_lookup (row, "name");

  g_ptr_array_add (names, value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                          ? g_variant_dup_string (value, NULL)
                          : g_strdup ("(no column “name”)"));
}

/* Inserts two rows and checks that @stream delivers them, named (the
 * column names come through the metadata connection, with the same TLS
 * settings: the binary log of the server has minimal metadata). */
static void
assert_delivers_rows (MysqlBinlogStream *stream,
                      TestServer        *server)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_signal_connect (stream, "rows-inserted::tlsdb.items", G_CALLBACK (on_row_inserted), names);
  test_server_exec (server, "INSERT INTO tlsdb.items (name) VALUES ('first'), ('second')");

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "first");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "second");
}

static void
assert_connection_fails (MysqlBinlogStream *stream,
                         int                code,
                         const char        *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, code);
  g_test_message ("expected failure: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_required_encrypts (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;

  /* The account refuses any connection that is not encrypted: the
   * replica's and the metadata connection's. */
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_REQUIRED, NULL);
  g_assert_cmpint (mysql_binlog_stream_get_tls_mode (stream), ==, MYSQL_BINLOG_TLS_MODE_REQUIRED);
  assert_delivers_rows (stream, fixture.server);
}

static void
test_default_is_preferred (void)
{
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();

  g_assert_cmpint (mysql_binlog_stream_get_tls_mode (stream), ==, MYSQL_BINLOG_TLS_MODE_PREFERRED);
  g_assert_null (mysql_binlog_stream_get_tls_ca_file (stream));

  /* PREFERRED encrypts when the server can. */
  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_PREFERRED, NULL);
  assert_delivers_rows (stream, fixture.server);
}

static void
test_disabled_refused (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;

  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_DISABLED, "ca.pem");
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_ACCESS_DENIED, "REQUIRE SSL");

  /* An account without the requirement is served in plain text. */
  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_plain", MYSQL_BINLOG_TLS_MODE_DISABLED, NULL);
  assert_delivers_rows (stream, fixture.server);
}

static void
test_verify_ca (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;

  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, "other-ca.pem");
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_TLS, "TLS (mode VERIFY_CA)");

  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, "ca.pem");
  assert_delivers_rows (stream, fixture.server);

  /* Without a CA there is nothing to verify against. */
  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, NULL);
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT, "CA file");
}

static void
test_verify_identity (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;

  /* server.pem names 127.0.0.1. */
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY, "ca.pem");
  assert_delivers_rows (stream, fixture.server);

  /* wrong-name.pem, from the same CA, names another host only. */
  use_server_certificate ("wrong-name");

  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY, "ca.pem");
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_TLS, "TLS (mode VERIFY_IDENTITY)");

  /* The chain is still good. */
  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, "ca.pem");
  assert_delivers_rows (stream, fixture.server);

  use_server_certificate ("server");
}

static void
test_client_certificate (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autofree char *cert = cert_path ("client.pem");
  g_autofree char *key = cert_path ("client-key.pem");

  stream = new_stream (fixture.server, "repl_x509", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, "ca.pem");
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_ACCESS_DENIED, "repl_x509");

  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_x509", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, "ca.pem");
  g_object_set (stream, "tls-cert-file", cert, "tls-key-file", key, NULL);
  g_assert_cmpstr (mysql_binlog_stream_get_tls_cert_file (stream), ==, cert);
  g_assert_cmpstr (mysql_binlog_stream_get_tls_key_file (stream), ==, key);
  assert_delivers_rows (stream, fixture.server);

  /* A certificate without its key is a configuration error. */
  g_clear_object (&stream);
  stream = new_stream (fixture.server, "repl_x509", MYSQL_BINLOG_TLS_MODE_REQUIRED, NULL);
  mysql_binlog_stream_set_tls_cert_file (stream, cert);
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT, "key");
}

static void
test_cipher (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;

  /* No cipher of the list exists: no TLS session can be set up. */
  stream = new_stream (fixture.server, "repl_ssl", MYSQL_BINLOG_TLS_MODE_REQUIRED, NULL);
  mysql_binlog_stream_set_tls_cipher (stream, "NO-SUCH-CIPHER");
  g_assert_cmpstr (mysql_binlog_stream_get_tls_cipher (stream), ==, "NO-SUCH-CIPHER");
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_TLS, "TLS");
}

static void
test_server_without_tls (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;

  /* MariaDB Connector/C would answer in plain text here even when told
   * to enforce TLS: the stream refuses before it sends the user name
   * (tests/test-fake-server.c shows that nothing reaches the server). */
  stream = new_stream (fixture.plain_server, "repl_plain", MYSQL_BINLOG_TLS_MODE_REQUIRED, NULL);
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_TLS, "offers no TLS");

  g_clear_object (&stream);
  stream = new_stream (fixture.plain_server, "repl_plain", MYSQL_BINLOG_TLS_MODE_VERIFY_CA, "ca.pem");
  assert_connection_fails (stream, MYSQL_BINLOG_ERROR_TLS, "TLS");

  /* PREFERRED falls back to plain text. */
  g_clear_object (&stream);
  stream = new_stream (fixture.plain_server, "repl_plain", MYSQL_BINLOG_TLS_MODE_PREFERRED, NULL);
  assert_delivers_rows (stream, fixture.plain_server);
}

static void
create_accounts (TestServer *server)
{
  test_server_exec (server, "CREATE DATABASE tlsdb");
  test_server_exec (server, "CREATE TABLE tlsdb.items (id INT AUTO_INCREMENT PRIMARY KEY, "
                            "name VARCHAR(20))");
  test_server_exec (server, "CREATE USER repl_plain@'%' IDENTIFIED BY '" PASSWORD "'");
  test_server_exec (server, "GRANT ALL ON *.* TO repl_plain@'%'");
  test_server_exec (server, "CREATE USER repl_ssl@'%' IDENTIFIED BY '" PASSWORD "' REQUIRE SSL");
  test_server_exec (server, "GRANT ALL ON *.* TO repl_ssl@'%'");
  test_server_exec (server, "CREATE USER repl_x509@'%' IDENTIFIED BY '" PASSWORD "' REQUIRE X509");
  test_server_exec (server, "GRANT ALL ON *.* TO repl_x509@'%'");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl_path = NULL;
  g_autofree char *ca_option = NULL;
  g_autofree char *cert_option = NULL;
  g_autofree char *key_option = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  openssl_path = g_find_program_in_path ("openssl");
  if (openssl_path == NULL)
    {
      g_test_skip ("openssl is not installed: it makes the test certificates "
                   "(Debian package openssl)");
      return g_test_run ();
    }

  fixture.dir = g_dir_make_tmp ("mysqlbinlog-tls-XXXXXX", &error);
  g_assert_no_error (error);
  make_certificate ("ca", "/CN=libmysqlbinlog-glib test CA", NULL, NULL);
  make_certificate ("other-ca", "/CN=libmysqlbinlog-glib other CA", NULL, NULL);
  make_certificate ("server", "/CN=127.0.0.1", "ca",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  make_certificate ("wrong-name", "/CN=wrong-name.invalid", "ca",
                    "subjectAltName=DNS:wrong-name.invalid\n");
  make_certificate ("client", "/CN=repl_x509", "ca", NULL);
  copy_file ("server.pem", "active.pem");
  copy_file ("server-key.pem", "active-key.pem");

  ca_option = g_strdup_printf ("--ssl-ca=%s/ca.pem", fixture.dir);
  cert_option = g_strdup_printf ("--ssl-cert=%s/active.pem", fixture.dir);
  key_option = g_strdup_printf ("--ssl-key=%s/active-key.pem", fixture.dir);
  {
    const char *tls_args[] = { ca_option, cert_option, key_option, NULL };

    fixture.server = test_server_start (tls_args);
  }
  fixture.plain_server = test_server_start (NULL);
  create_accounts (fixture.server);
  create_accounts (fixture.plain_server);

  g_test_add_func ("/tls/required-encrypts", test_required_encrypts);
  g_test_add_func ("/tls/default-is-preferred", test_default_is_preferred);
  g_test_add_func ("/tls/disabled-refused", test_disabled_refused);
  g_test_add_func ("/tls/verify-ca", test_verify_ca);
  g_test_add_func ("/tls/verify-identity", test_verify_identity);
  g_test_add_func ("/tls/client-certificate", test_client_certificate);
  g_test_add_func ("/tls/cipher", test_cipher);
  g_test_add_func ("/tls/server-without-tls", test_server_without_tls);

  status = g_test_run ();

  test_server_stop (fixture.plain_server);
  test_server_stop (fixture.server);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = cert_path (name);
        g_unlink (path);
      }
    g_rmdir (fixture.dir);
  }
  g_free (fixture.dir);
  return status;
}
