/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <mysqlbinlog-glib.h>

#include "test-fake-server.h"

/*
 * No credential reaches a server that strips TLS from its greeting or asks
 * for an authentication that sends the password in clear text, in any TLS
 * mode (the fake server of test-fake-server.c records every byte).
 */

/* A CA bundle for the VERIFY modes: the connection never gets as far as
 * checking a certificate. */
static const char *
ca_file (void)
{
  static const char *const candidates[] = {
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_EXISTS))
      return candidates[i];
  return NULL;
}

static const char *
mode_name (MysqlBinlogTlsMode mode)
{
  static const char *const names[] = {
    "DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY",
  };

  return names[mode];
}

/* Connects to a fake server in @fake_mode with TLS mode @tls_mode; the
 * password must never reach the server, nor, when TLS is required, the
 * user name, and the run fails at once. */
static void
assert_no_credential (FakeMode            fake_mode,
                      MysqlBinlogTlsMode  tls_mode,
                      int                 expected_code)
{
  FakeServer *server = fake_server_start (fake_mode);
  g_autoptr(MysqlBinlogStream) stream = new_stream (server, tls_mode);
  g_autoptr(GError) error = NULL;
  double seconds;
  gboolean stopped;
  gboolean ok;

  if (tls_mode >= MYSQL_BINLOG_TLS_MODE_VERIFY_CA)
    mysql_binlog_stream_set_tls_ca_file (stream, ca_file ());
  /* A permanent error is never retried: were this one retried, the test
   * would see a second connection. */
  g_object_set (stream, "reconnect-attempts", 2, "reconnect-delay", 50, NULL);

  ok = run_with_limit (stream, 20, &seconds, &stopped, &error);
  g_test_message ("TLS mode %s: %s", mode_name (tls_mode),
                  error != NULL ? error->message : "no error");
  g_assert_false (fake_server_received (server, PASSWORD));
  if (tls_mode >= MYSQL_BINLOG_TLS_MODE_REQUIRED)
    g_assert_false (fake_server_received (server, USER));

  g_assert_false (ok);
  g_assert_false (stopped);
  g_assert_nonnull (error);
  if (expected_code >= 0)
    g_assert_error (error, MYSQL_BINLOG_ERROR, expected_code);
  g_assert_cmpuint (fake_server_connections (server), ==, 1);

  fake_server_stop (server);
}

static void
assert_no_credential_all_modes (FakeMode fake_mode,
                                int      code_without_tls)
{
  for (MysqlBinlogTlsMode mode = MYSQL_BINLOG_TLS_MODE_REQUIRED;
       mode <= MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY; mode++)
    {
      if (mode >= MYSQL_BINLOG_TLS_MODE_VERIFY_CA && ca_file () == NULL)
        {
          g_test_message ("no CA bundle on this system: TLS mode %s not tried",
                          mode_name (mode));
          continue;
        }
      assert_no_credential (fake_mode, mode, MYSQL_BINLOG_ERROR_TLS);
    }
  /* Without TLS, no authentication that sends the password as it is. */
  assert_no_credential (fake_mode, MYSQL_BINLOG_TLS_MODE_PREFERRED, code_without_tls);
  assert_no_credential (fake_mode, MYSQL_BINLOG_TLS_MODE_DISABLED, code_without_tls);
}

static void
test_greeting_clear_password (void)
{
  /* Without TLS the client refuses the plugin before answering; the
   * stream says why. */
  assert_no_credential_all_modes (FAKE_GREETING_CLEAR_PASSWORD, -1);
}

static void
test_switch_clear_password (void)
{
  assert_no_credential_all_modes (FAKE_SWITCH_CLEAR_PASSWORD, MYSQL_BINLOG_ERROR_TLS);
}

static void
test_switch_caching_sha2 (void)
{
  /* Over plain text, the full authentication of caching_sha2_password
   * needs the server's RSA key: the fake server sends none, and the
   * password must not go out as it is. */
  assert_no_credential_all_modes (FAKE_SWITCH_CACHING_SHA2, -1);
}

static void
test_switch_dialog (void)
{
  assert_no_credential_all_modes (FAKE_SWITCH_DIALOG, MYSQL_BINLOG_ERROR_TLS);
}

static void
test_no_plugin_auth (void)
{
  assert_no_credential_all_modes (FAKE_NO_PLUGIN_AUTH, MYSQL_BINLOG_ERROR_TLS);
}

static void
test_advertises_tls (void)
{
  for (MysqlBinlogTlsMode mode = MYSQL_BINLOG_TLS_MODE_PREFERRED;
       mode <= MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY; mode++)
    {
      if (mode >= MYSQL_BINLOG_TLS_MODE_VERIFY_CA && ca_file () == NULL)
        continue;
      assert_no_credential (FAKE_ADVERTISES_TLS, mode, MYSQL_BINLOG_ERROR_TLS);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-server/tls/greeting-clear-password", test_greeting_clear_password);
  g_test_add_func ("/fake-server/tls/switch-clear-password", test_switch_clear_password);
  g_test_add_func ("/fake-server/tls/switch-caching-sha2", test_switch_caching_sha2);
  g_test_add_func ("/fake-server/tls/switch-dialog", test_switch_dialog);
  g_test_add_func ("/fake-server/tls/no-plugin-auth", test_no_plugin_auth);
  g_test_add_func ("/fake-server/tls/advertises-tls", test_advertises_tls);

  return g_test_run ();
}
