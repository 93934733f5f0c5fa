/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "test-server.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <mysql.h>

struct _TestServer
{
  char  *dir;
  char  *socket;
  guint  port;
  GPid   pid;
  MYSQL *conn;
};

static char *
find_script (void)
{
  const char *env = g_getenv ("MYSQL_BINLOG_TEST_SERVER_SCRIPT");
  const char *srcdir;
  char *path;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  srcdir = g_getenv ("G_TEST_SRCDIR");
  if (srcdir != NULL)
    {
      path = g_build_filename (srcdir, "mariadb-server.sh", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }

#ifdef MYSQL_BINLOG_TESTS_SRCDIR
  /* Run by hand from the build directory, without meson's environment. */
  path = g_build_filename (MYSQL_BINLOG_TESTS_SRCDIR, "mariadb-server.sh", NULL);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free (path);
#endif

  path = g_test_build_filename (G_TEST_DIST, "mariadb-server.sh", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("tests/mariadb-server.sh not found (looked for %s): "
             "set MYSQL_BINLOG_TEST_SERVER_SCRIPT", path);
  return path;
}

static void
parse_env (TestServer *server,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "SOCKET="))
        {
          g_free (server->socket);
          server->socket = g_strdup (line + strlen ("SOCKET="));
        }
      else if (g_str_has_prefix (line, "PORT="))
        server->port = (guint) g_ascii_strtoull (line + strlen ("PORT="), NULL, 10);
      else if (g_str_has_prefix (line, "PID="))
        server->pid = (GPid) g_ascii_strtoll (line + strlen ("PID="), NULL, 10);
    }
}

/**
 * test_server_start:
 * @extra_args: (nullable): extra mariadbd options, NULL-terminated
 *
 * Starts a throwaway server in a new directory under the temporary
 * directory.  Aborts the test program when the server does not start.
 *
 * Returns: (transfer full): the server
 */
TestServer *
test_server_start (const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *script = find_script ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tmp = NULL;
  TestServer *server;
  int status = 0;

  /* The socket path must stay short (a Unix socket path holds 108 bytes),
   * so the server lives under the temporary directory, not the build
   * directory. */
  tmp = g_dir_make_tmp ("mysqlbinlog-test-XXXXXX", &error);
  g_assert_no_error (error);

  /* The script removes this directory when the server stops, or when the
   * test process dies and the watchdog stops the server. */
  server = g_new0 (TestServer, 1);
  server->dir = g_steal_pointer (&tmp);

  g_ptr_array_add (argv, g_strdup ("/bin/bash"));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup ("start"));
  g_ptr_array_add (argv, g_strdup (server->dir));
  g_ptr_array_add (argv, g_strdup ("--owner"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) getpid ()));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("Could not run %s: %s", script, error->message);

  if (!g_spawn_check_wait_status (status, &error))
    g_error ("Could not start a MariaDB server (%s): %s\n%s", error->message,
             server->dir, err);

  parse_env (server, out);
  if (server->socket == NULL || server->pid <= 0)
    g_error ("mariadb-server.sh printed no SOCKET/PID: %s\n%s", out, err);

  g_test_message ("MariaDB server %d on %s, port %u", (int) server->pid, server->socket,
                  server->port);

  return server;
}

/**
 * test_server_stop:
 * @server: (transfer full): the server
 *
 * Stops the server and removes its directory.
 */
void
test_server_stop (TestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *err = NULL;
  const char *argv[5];
  int status = 0;

  if (server == NULL)
    return;

  g_clear_pointer (&server->conn, mysql_close);

  script = find_script ();
  argv[0] = "/bin/bash";
  argv[1] = script;
  argv[2] = "stop";
  argv[3] = server->dir;
  argv[4] = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_warning ("Could not run %s: %s", script, error->message);
  else if (!g_spawn_check_wait_status (status, &error))
    g_warning ("Could not stop the server in %s: %s\n%s", server->dir, error->message, err);

  g_free (server->dir);
  g_free (server->socket);
  g_free (server);
}

/**
 * test_server_restart:
 * @server: the server
 *
 * Shuts the server down cleanly and starts it again on the same data,
 * port and socket.  The helper's own connection is opened again on next
 * use.  Aborts the test program when the server does not come back.
 */
void
test_server_restart (TestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = find_script ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[5];
  int status = 0;

  g_clear_pointer (&server->conn, mysql_close);

  argv[0] = "/bin/bash";
  argv[1] = script;
  argv[2] = "restart";
  argv[3] = server->dir;
  argv[4] = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("Could not run %s: %s", script, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("Could not restart the MariaDB server in %s (%s): %s", server->dir,
             error->message, err);

  parse_env (server, out);
  g_test_message ("MariaDB server restarted as %d on %s", (int) server->pid, server->socket);
}

GPid
test_server_get_pid (TestServer *server)
{
  return server->pid;
}

const char *
test_server_get_socket (TestServer *server)
{
  return server->socket;
}

guint
test_server_get_port (TestServer *server)
{
  return server->port;
}

const char *
test_server_get_dir (TestServer *server)
{
  return server->dir;
}

static gboolean
set_mysql_error (MYSQL       *conn,
                 const char  *what,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s (%u)", what, mysql_error (conn),
               mysql_errno (conn));
  return FALSE;
}

static MYSQL *
get_connection (TestServer  *server,
                GError     **error)
{
  MYSQL *conn;

  if (server->conn != NULL)
    return server->conn;

  conn = mysql_init (NULL);
  if (conn == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "mysql_init failed");
      return NULL;
    }

  mysql_options (conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, server->socket,
                          CLIENT_MULTI_STATEMENTS) == NULL)
    {
      set_mysql_error (conn, "Could not connect", error);
      mysql_close (conn);
      return NULL;
    }

  server->conn = conn;
  return conn;
}

/* Runs @sql (one or several statements) and fetches every result, so that
 * the connection is ready for the next statement. */
static gboolean
run_sql (TestServer  *server,
         const char  *sql,
         gsize        length,
         MYSQL_RES  **first_result,
         GError     **error)
{
  MYSQL *conn = get_connection (server, error);
  int status;

  if (first_result != NULL)
    *first_result = NULL;

  if (conn == NULL)
    return FALSE;

  if (mysql_real_query (conn, sql, length) != 0)
    return set_mysql_error (conn, sql, error);

  do
    {
      MYSQL_RES *result = mysql_store_result (conn);

      if (result == NULL && mysql_field_count (conn) != 0)
        return set_mysql_error (conn, sql, error);

      if (result != NULL && first_result != NULL && *first_result == NULL)
        *first_result = result;
      else if (result != NULL)
        mysql_free_result (result);

      status = mysql_next_result (conn);
      if (status > 0)
        {
          if (first_result != NULL)
            g_clear_pointer (first_result, mysql_free_result);
          return set_mysql_error (conn, sql, error);
        }
    }
  while (status == 0);

  return TRUE;
}

/**
 * test_server_sql:
 *
 * Runs one or several statements (separated by `;`) on the helper's own
 * connection, which keeps its session between calls.
 */
gboolean
test_server_sql (TestServer  *server,
                 const char  *sql,
                 GError     **error)
{
  return run_sql (server, sql, strlen (sql), NULL, error);
}

gboolean
test_server_sqlf (TestServer  *server,
                  GError     **error,
                  const char  *format,
                  ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return test_server_sql (server, sql, error);
}

/* Runs @sql and asserts that it succeeded. */
void
test_server_exec (TestServer *server,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;

  test_server_sql (server, sql, &error);
  g_assert_no_error (error);
}

/**
 * test_server_query_bytes:
 *
 * Returns: (transfer full) (nullable): the first column of the first row,
 *   or %NULL with @error unset when that value is SQL NULL or there is no
 *   row
 */
GBytes *
test_server_query_bytes (TestServer  *server,
                         const char  *sql,
                         GError     **error)
{
  MYSQL_RES *result = NULL;
  MYSQL_ROW row;
  unsigned long *lengths;
  GBytes *bytes = NULL;

  if (!run_sql (server, sql, strlen (sql), &result, error))
    return NULL;
  if (result == NULL)
    return NULL;

  row = mysql_fetch_row (result);
  if (row != NULL && row[0] != NULL)
    {
      lengths = mysql_fetch_lengths (result);
      bytes = g_bytes_new (row[0], lengths[0]);
    }

  mysql_free_result (result);
  return bytes;
}

/**
 * test_server_query_value:
 *
 * Returns: (transfer full) (nullable): the first column of the first row as
 *   a string, or %NULL when that value is SQL NULL or there is no row
 */
char *
test_server_query_value (TestServer  *server,
                         const char  *sql,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = test_server_query_bytes (server, sql, error);
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/**
 * test_server_master_position:
 *
 * Returns: (transfer full): the server's current binary log position, from
 *   `SHOW MASTER STATUS`, with the GTID state there (`BINLOG_GTID_POS`)
 */
MysqlBinlogPosition *
test_server_master_position (TestServer *server)
{
  g_autoptr(GError) error = NULL;
  MYSQL_RES *result = NULL;
  MYSQL_ROW row;
  MysqlBinlogPosition *position;

  run_sql (server, "SHOW MASTER STATUS", strlen ("SHOW MASTER STATUS"), &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  row = mysql_fetch_row (result);
  g_assert_nonnull (row);
  g_assert_nonnull (row[0]);
  g_assert_nonnull (row[1]);

  {
    g_autofree char *sql = g_strdup_printf ("SELECT BINLOG_GTID_POS('%s', %s)", row[0], row[1]);
    g_autofree char *gtid = test_server_query_value (server, sql, &error);

    g_assert_no_error (error);
    position = mysql_binlog_position_new_full (row[0], g_ascii_strtoull (row[1], NULL, 10),
                                               gtid);
  }
  mysql_free_result (result);

  return position;
}

/**
 * test_server_new_stream:
 *
 * Returns: (transfer full): a non-blocking stream that connects to @server
 *   through its socket as root, with a server id of its own
 */
MysqlBinlogStream *
test_server_new_stream (TestServer *server)
{
  static guint next_server_id = 0;
  guint server_id;

  if (next_server_id == 0)
    next_server_id = 1000 + (guint) (getpid () % 100000) * 10;
  server_id = next_server_id++;

  return g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                       "socket", server->socket,
                       "user", "root",
                       "password", "",
                       "server-id", server_id,
                       "blocking", FALSE,
                       NULL);
}

char *
test_server_kill_dump_thread (TestServer *server,
                              guint       timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = test_server_query_value (server,
                                                     "SELECT ID FROM information_schema.PROCESSLIST "
                                                     "WHERE COMMAND LIKE 'Binlog Dump%' LIMIT 1",
                                                     &error);

      g_assert_no_error (error);
      if (id != NULL)
        {
          test_server_sqlf (server, &error, "KILL CONNECTION %s", id);
          /* It may have ended by itself in between. */
          if (error == NULL || strstr (error->message, "Unknown thread") != NULL)
            return g_steal_pointer (&id);
          g_assert_no_error (error);
        }
      g_usleep (20000);
    }
  return NULL;
}
