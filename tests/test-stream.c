/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test-stream-common.h"

/*
 * Integration tests of MysqlBinlogStream against a real MariaDB server
 * started once for this program (tests/mariadb-server.sh).  The tests are
 * in parts, one file each, all sharing this program's server:
 *
 *   test-stream-types.c    column types and NULLs, live and offline
 *   test-stream-rows.c     statements, transactions, positions, signals
 *   test-stream-filters.c  schema and table filters
 *   test-stream-run.c      start positions, running, stopping, cancelling
 *   test-stream-errors.c   the errors of a run
 *
 * and their helpers (the capture of a run's signals, SQL) in
 * test-stream-common.c.
 *
 * Each test takes the server's position (SHOW MASTER STATUS), runs its
 * statements, then reads the binary log from that position with a
 * non-blocking stream, which ends at the current end of the log.
 */

static void
stop_server (void)
{
  g_clear_pointer (&server, test_server_stop);
}

int
main (int   argc,
      char *argv[])
{
  const char *server_options = g_getenv ("MYSQL_BINLOG_TEST_SERVER_OPTIONS");
  g_auto(GStrv) server_args = NULL;
  int ret;

  /* TIMESTAMPs must come out in UTC whatever the reader's time zone. */
  g_setenv ("TZ", "XST-07:30", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);
  /* One failing case must not hide the results of the others. */
  g_test_set_nonfatal_assertions ();

  test_stream_types_add ();

  /* With MYSQL_BINLOG_TEST_SERVER_OPTIONS (e.g. --log-bin-compress=ON or
   * --binlog-row-image=MINIMAL), the type suite runs alone against a
   * server configured so. */
  if (server_options != NULL && *server_options != '\0')
    {
      server_args = g_strsplit (server_options, " ", -1);
      row_image_minimal = strstr (server_options, "binlog-row-image=MINIMAL") != NULL;
      log_bin_compress = strstr (server_options, "log-bin-compress=ON") != NULL;
      g_test_message ("server options: %s", server_options);
      server = test_server_start ((const char * const *) server_args);
      ret = g_test_run ();
      stop_server ();
      return ret;
    }

  test_stream_rows_add ();
  test_stream_filters_add ();
  test_stream_run_add ();
  test_stream_errors_add ();

  server = test_server_start ((const char * const *) server_args);
  ret = g_test_run ();
  stop_server ();

  return ret;
}
