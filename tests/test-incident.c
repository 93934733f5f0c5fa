/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A real INCIDENT event: a MariaDB server writes one when a statement on a
 * non-transactional table does not fit its binlog cache, so its changes are
 * not in the binary log.  A live stream stops there with an error that says
 * where to resume; the same file read offline shows the incident and goes
 * on.
 */

#include "config.h"

#include <string.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             GString           *rows)
{
  g_string_append_printf (rows, "%" G_GINT64_FORMAT " ", mysql_binlog_row_get_int64 (row, 0));
}

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           GPtrArray         *incidents)
{
  if (mysql_binlog_event_get_event_type (event) == MYSQL_BINLOG_EVENT_INCIDENT)
    g_ptr_array_add (incidents, mysql_binlog_event_ref (event));
}

static void
test_incident (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) after = NULL;
  g_autoptr(MysqlBinlogStream) live = NULL;
  g_autoptr(MysqlBinlogStream) resumed = NULL;
  g_autoptr(MysqlBinlogStream) offline = NULL;
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_event_unref);
  g_autoptr(GString) live_rows = g_string_new (NULL);
  g_autoptr(GString) resumed_rows = g_string_new (NULL);
  g_autoptr(GString) offline_rows = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *resume_at = NULL;
  g_autofree char *live_message = NULL;
  MysqlBinlogEvent *incident;
  const char *log_file;

  /* The resumed stream starts after the CREATE TABLE of a MyISAM table,
   * whose definition information_schema cannot date: the table maps
   * name the columns. */
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = FULL; FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  log_file = mysql_binlog_position_get_file (start);
  test_server_exec (server,
                    "SET GLOBAL max_binlog_stmt_cache_size = 4096;"
                    "CREATE DATABASE inc;"
                    "CREATE TABLE inc.t (id INT, v TEXT) ENGINE=MyISAM;"
                    "INSERT INTO inc.t VALUES (1, 'a')");
  /* Too large for the statement cache: the rows are in the table, the
   * binary log gets an incident instead. */
  g_assert_false (test_server_sql (server,
                                   "INSERT INTO inc.t SELECT seq, REPEAT('x', 1000) "
                                   "FROM seq.seq_100_to_149", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "max_binlog_stmt_cache_size"));
  g_clear_error (&error);
  test_server_exec (server,
                    "SET GLOBAL max_binlog_stmt_cache_size = DEFAULT;"
                    "INSERT INTO inc.t VALUES (2, 'b')");
  test_server_exec (server, "FLUSH BINARY LOGS");

  /* Live: the rows before it, then the error. */
  live = test_server_new_stream (server);
  mysql_binlog_stream_set_start_position (live, start);
  g_signal_connect (live, "rows-inserted::inc.t", G_CALLBACK (on_inserted), live_rows);
  g_assert_false (mysql_binlog_stream_run (live, NULL, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_SERVER);
  g_assert_cmpstr (live_rows->str, ==, "1 ");
  g_assert_nonnull (strstr (error->message, "The source lost events (incident LOST_EVENTS: "));
  live_message = g_strdup (error->message);
  g_clear_error (&error);

  /* Offline: the incident is an event like the others, and the rows after
   * it come through. */
  path = g_build_filename (test_server_get_dir (server), "binlog", log_file, NULL);
  file = g_file_new_for_path (path);
  offline = mysql_binlog_stream_new_for_file (file);
  g_signal_connect (offline, "rows-inserted::inc.t", G_CALLBACK (on_inserted), offline_rows);
  g_signal_connect (offline, "binlog", G_CALLBACK (on_binlog), incidents);
  g_assert_true (mysql_binlog_stream_run (offline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (offline_rows->str, ==, "1 2 ");
  g_assert_cmpuint (incidents->len, ==, 1);
  incident = g_ptr_array_index (incidents, 0);
  dump = mysql_binlog_event_dump (incident);
  g_assert_true (g_str_has_suffix (dump, "Incident: LOST_EVENTS (1)\n"
                                         "Message: error writing to the binary log\n"));

  /* The error names the position after the incident, where a live
   * stream can resume. */
  resume_at = g_strdup_printf ("start after the incident, at %s:%" G_GUINT64_FORMAT, log_file,
                               mysql_binlog_event_get_next_position (incident));
  g_assert_true (g_str_has_suffix (live_message, resume_at));
  after = mysql_binlog_position_new (log_file, mysql_binlog_event_get_next_position (incident));
  resumed = test_server_new_stream (server);
  mysql_binlog_stream_set_start_position (resumed, after);
  g_signal_connect (resumed, "rows-inserted::inc.t", G_CALLBACK (on_inserted), resumed_rows);
  g_assert_true (mysql_binlog_stream_run (resumed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (resumed_rows->str, ==, "2 ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stream/incident", test_incident);
  return g_test_run ();
}
