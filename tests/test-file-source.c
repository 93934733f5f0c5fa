/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The file source hands a big event over without copying it, and the
 * bytes it handed over stay right while it reads on. */

#include "config.h"

#include <string.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-file-source-private.h"

typedef struct
{
  gsize  size;
  guint8 fill;
} Event;

/* Small and big events of type QUERY, each of its own byte after the
 * header. */
static const Event events[] = {
  { 100, 'a' },
  { 2 * 1024 * 1024 + 7, 'B' },
  { 3 * 1024 * 1024, 'C' },
  { 300, 'd' },
  { MYSQL_BINLOG_FILE_TAKE_THRESHOLD, 'E' },
  { MYSQL_BINLOG_FILE_TAKE_THRESHOLD - 1, 'f' },
};

static GBytes *
make_file (void)
{
  GByteArray *file = g_byte_array_new ();
  static const guint8 magic[] = { 0xfe, 'b', 'i', 'n' };

  g_byte_array_append (file, magic, sizeof magic);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      guint8 header[MYSQL_BINLOG_EVENT_HEADER_LENGTH] = { 0 };
      gsize start = file->len;
      guint32 size = events[i].size;

      header[4] = MYSQL_BINLOG_EVENT_QUERY;
      header[9] = size & 0xff;
      header[10] = (size >> 8) & 0xff;
      header[11] = (size >> 16) & 0xff;
      header[12] = size >> 24;
      g_byte_array_append (file, header, sizeof header);
      g_byte_array_set_size (file, start + size);
      memset (file->data + start + sizeof header, events[i].fill, size - sizeof header);
    }
  return g_byte_array_free_to_bytes (file);
}

static gboolean
event_is_right (GBytes      *bytes,
                const Event *event)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (length != event->size || data[4] != MYSQL_BINLOG_EVENT_QUERY)
    return FALSE;
  for (gsize i = MYSQL_BINLOG_EVENT_HEADER_LENGTH; i < length; i++)
    if (data[i] != event->fill)
      return FALSE;
  return TRUE;
}

static void
test_take_event (void)
{
  g_autoptr(GBytes) file = make_file ();
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (file);
  g_autoptr(MysqlBinlogFileSource) source = _mysql_binlog_file_source_new (input);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  const guint8 *data = NULL;
  gsize length = 0;
  guint64 offset = 0, expected_offset = 4;

  g_assert_true (_mysql_binlog_file_source_read_magic (source, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      GBytes *bytes;

      g_assert_cmpint (_mysql_binlog_file_source_read_event (source, &data, &length, &offset,
                                                             NULL, &error),
                       ==, MYSQL_BINLOG_READ_EVENT);
      g_assert_no_error (error);
      g_assert_cmpuint (length, ==, events[i].size);
      g_assert_cmpuint (offset, ==, expected_offset);
      expected_offset += length;

      bytes = _mysql_binlog_file_source_take_event (source, data, length);
      g_ptr_array_add (taken, bytes);
      /* Big events are handed over where they are, small ones copied. */
      if (length >= MYSQL_BINLOG_FILE_TAKE_THRESHOLD)
        g_assert_true (g_bytes_get_data (bytes, NULL) == (gconstpointer) data);
      else
        g_assert_true (g_bytes_get_data (bytes, NULL) != (gconstpointer) data);
      g_assert_true (event_is_right (bytes, &events[i]));
    }
  g_assert_cmpint (_mysql_binlog_file_source_read_event (source, &data, &length, &offset,
                                                         NULL, &error),
                   ==, MYSQL_BINLOG_READ_END);
  g_assert_no_error (error);

  /* Everything handed over is still right once the file is read. */
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_assert_true (event_is_right (g_ptr_array_index (taken, i), &events[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-source/take-event", test_take_event);

  return g_test_run ();
}
