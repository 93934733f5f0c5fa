/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* A consumer in replication mode, for test-replication: it writes the id of
 * every row inserted into test.r2 to OUTPUT, one per line, and keeps its
 * position in POSITION_FILE.  The test kills it with SIGKILL at random
 * moments and starts it again.
 *
 *   replication-consumer SOCKET SERVER_ID POSITION_FILE OUTPUT START [--non-blocking] [--slow-us N]
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysqlbinlog-glib.h>

static int output_fd = -1;
static gulong slow_us = 0;

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             gpointer           user_data)
{
  char line[32];
  int length = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n",
                           mysql_binlog_row_get_int64 (row, 0));

  /* Straight to the kernel: a SIGKILL loses nothing written here. */
  if (write (output_fd, line, length) != length)
    g_error ("Could not write the output: %s", g_strerror (errno));
  if (slow_us > 0)
    g_usleep (slow_us);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogFilePositionStore) store = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean blocking = TRUE;

  if (argc < 6)
    {
      g_printerr ("usage: %s SOCKET SERVER_ID POSITION_FILE OUTPUT START [--non-blocking] "
                  "[--slow-us N]\n", argv[0]);
      return 2;
    }
  for (int i = 6; i < argc; i++)
    {
      if (strcmp (argv[i], "--non-blocking") == 0)
        blocking = FALSE;
      else if (strcmp (argv[i], "--slow-us") == 0 && i + 1 < argc)
        slow_us = strtoul (argv[++i], NULL, 10);
    }

  output_fd = open (argv[4], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (output_fd < 0)
    {
      g_printerr ("Could not open %s: %s\n", argv[4], g_strerror (errno));
      return 1;
    }

  start = mysql_binlog_position_from_string (argv[5], &error);
  if (start == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  file = g_file_new_for_path (argv[3]);
  store = mysql_binlog_file_position_store_new (file);
  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "socket", argv[1],
                         "user", "root",
                         "server-id", (guint) strtoul (argv[2], NULL, 10),
                         "blocking", blocking,
                         "start-position", start,
                         "position-store", store,
                         "reconnect-attempts", 20,
                         "reconnect-delay", 100,
                         "heartbeat-period", 1000,
                         NULL);
  g_signal_connect (stream, "rows-inserted::test.r2", G_CALLBACK (on_inserted), NULL);

  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  close (output_fd);
  return 0;
}
