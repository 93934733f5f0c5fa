/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* A consumer of a snapshot, for test-snapshot: it reads the existing rows
 * of TABLE (MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, chunks of CHUNK rows) and
 * writes the id of each to OUTPUT, one per line, keeping its position in
 * POSITION_FILE.  The test kills it with SIGKILL in the middle and starts
 * it again.
 *
 *   snapshot-consumer SOCKET SERVER_ID POSITION_FILE OUTPUT TABLE CHUNK SLOW_US
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
on_read (MysqlBinlogStream *stream,
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
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detailed = NULL;

  if (argc != 8)
    {
      g_printerr ("usage: %s SOCKET SERVER_ID POSITION_FILE OUTPUT TABLE CHUNK SLOW_US\n",
                  argv[0]);
      return 2;
    }
  slow_us = strtoul (argv[7], NULL, 10);
  output_fd = open (argv[4], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (output_fd < 0)
    {
      g_printerr ("Could not open %s: %s\n", argv[4], g_strerror (errno));
      return 1;
    }

  file = g_file_new_for_path (argv[3]);
  store = mysql_binlog_file_position_store_new (file);
  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "socket", argv[1],
                         "user", "root",
                         "server-id", (guint) strtoul (argv[2], NULL, 10),
                         "position-store", store,
                         "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
                         "snapshot-chunk-size", (guint) strtoul (argv[6], NULL, 10),
                         NULL);
  detailed = g_strdup_printf ("rows-read::%s", argv[5]);
  g_signal_connect (stream, detailed, G_CALLBACK (on_read), NULL);

  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  close (output_fd);
  return 0;
}
