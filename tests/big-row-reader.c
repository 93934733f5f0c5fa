/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* A reader of big rows, for tests/test-big-row.py, which measures its peak
 * resident set: it reads the rows inserted into test.big, (id INT,
 * payload LONGBLOB), live from a server or from a binlog file, and checks
 * every payload byte against the pattern the test wrote (PATTERN repeated,
 * LENGTH bytes for the row of id 1, SMALL_LENGTH for the others).
 *
 *   big-row-reader --socket SOCKET --start FILE:OFFSET LENGTH SMALL_LENGTH
 *   big-row-reader --file BINLOG LENGTH SMALL_LENGTH
 *
 * The row of id 1 is kept to the end of the run, and checked again then:
 * its bytes stay right while the stream reads on.
 *
 * It prints "rows N" and exits 0 when every row was right, 1 otherwise.
 * "sanitized" on its own: whether it was built with AddressSanitizer. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <mysqlbinlog-glib.h>

static const guint8 pattern[] = { 0x00, 0xff, 0x22, 0x5c, 0x0a, 0x61, 0x7a, 0x7f };

typedef struct
{
  gsize    length;
  gsize    small_length;
  guint    rows;
  guint    wrong;
  MysqlBinlogRow *kept;
} Check;

static gboolean
payload_is_right (MysqlBinlogRow *row,
                  gsize           expected)
{
  gsize length = 0;
  const guint8 *payload = mysql_binlog_row_peek_bytes (row, 1, &length);
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  if (payload == NULL || length != expected)
    {
      g_printerr ("row %" G_GINT64_FORMAT ": %" G_GSIZE_FORMAT " bytes, expected %"
                  G_GSIZE_FORMAT "\n", id, length, expected);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if (payload[i] != pattern[i % sizeof pattern])
      {
        g_printerr ("row %" G_GINT64_FORMAT ": byte %" G_GSIZE_FORMAT " is 0x%02x\n",
                    id, i, payload[i]);
        return FALSE;
      }
  return TRUE;
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Check             *check)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  check->rows++;
  if (!payload_is_right (row, id == 1 ? check->length : check->small_length))
    check->wrong++;
  if (id == 1 && check->kept == NULL)
    check->kept = mysql_binlog_row_ref (row);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  Check check = { 0 };

  if (argc == 2 && strcmp (argv[1], "sanitized") == 0)
    {
#if defined(__SANITIZE_ADDRESS__)
      g_print ("yes\n");
#else
      g_print ("no\n");
#endif
      return 0;
    }

  if (argc == 7 && strcmp (argv[1], "--socket") == 0 && strcmp (argv[3], "--start") == 0)
    {
      g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_from_string (argv[4], &error);

      if (start == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                             "socket", argv[2],
                             "user", "root",
                             "server-id", 5000 + (guint) (getpid () % 10000),
                             "blocking", FALSE,
                             "start-position", start,
                             NULL);
    }
  else if (argc == 5 && strcmp (argv[1], "--file") == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);

      stream = mysql_binlog_stream_new_for_file (file);
    }
  else
    {
      g_printerr ("usage: %s --socket SOCKET --start FILE:OFFSET LENGTH SMALL_LENGTH\n"
                  "       %s --file BINLOG LENGTH SMALL_LENGTH\n", argv[0], argv[0]);
      return 2;
    }
  check.length = g_ascii_strtoull (argv[argc - 2], NULL, 10);
  check.small_length = g_ascii_strtoull (argv[argc - 1], NULL, 10);

  g_signal_connect (stream, "rows-inserted::test.big", G_CALLBACK (on_inserted), &check);
  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (check.kept != NULL)
    {
      if (!payload_is_right (check.kept, check.length))
        check.wrong++;
      mysql_binlog_row_unref (check.kept);
    }
  g_print ("rows %u\n", check.rows);
  return check.wrong == 0 && check.rows > 0 ? 0 : 1;
}
