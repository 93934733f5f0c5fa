/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A MySQL transaction compressed into one large TRANSACTION_PAYLOAD event,
 * read from a file in parts: the file is written at test time by
 * bench-make-payload (tests/bench/), a few MiB, and read through the
 * public file stream.  Every row is checked, and so are the positions,
 * a corrupt checksum and a truncated payload (the GError and its offset),
 * stop() inside the payload, a start position after it, and the same file
 * read whole.  The real MySQL fixture is also read in small parts.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <mysqlbinlog-glib.h>

#include "mysql-binlog-file-source-private.h"

#include "test-util.h"

#define ROW_SIZE 4000
#define DATA_SIZE (3 * 1024 * 1024)
#define ROTATE_SIZE 44   /* the rotate event that ends the file */

static char *work_dir;
static char *payload_path;   /* the generated file */
static guint64 n_rows;
static guint64 file_size;
static guint64 payload_offset;

/* The text bench-make-payload writes into row @id. */
static guint64
splitmix64 (guint64 x)
{
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

static char *
expected_text (guint32 id)
{
  static const char hex[] = "0123456789abcdef";
  char *text = g_malloc (ROW_SIZE + 1);

  for (gsize i = 0; i < ROW_SIZE; i += 16)
    {
      guint64 h = splitmix64 (((guint64) id << 32) | (i / 16));

      for (gsize j = 0; j < 16 && i + j < ROW_SIZE; j++)
        text[i + j] = hex[(h >> (60 - 4 * j)) & 0xf];
    }
  text[ROW_SIZE] = '\0';
  return text;
}

typedef struct
{
  guint64    n_rows;
  guint64    n_bad;           /* rows whose values are not the expected ones */
  guint64    stop_after;      /* stop() after this many rows (0: never) */
  GPtrArray *positions;       /* "file:offset" */
  guint64    payload_size;    /* of the TRANSACTION_PAYLOAD event */
  gsize      payload_bytes;   /* the length of its get_bytes() */
} Reading;

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Reading           *r)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);
  gsize length = 0;
  const guint8 *text = mysql_binlog_row_peek_bytes (row, 1, &length);
  g_autofree char *expected = expected_text (id);

  r->n_rows++;
  /* In order, from 1, with the generator's text. */
  if (id != (gint64) r->n_rows || length != ROW_SIZE || memcmp (text, expected, ROW_SIZE) != 0 ||
      g_strcmp0 (mysql_binlog_row_get_column_name (row, 1), "payload") != 0 ||
      g_strcmp0 (mysql_binlog_row_get_table (row), "large") != 0)
    r->n_bad++;
  if (r->stop_after > 0 && r->n_rows == r->stop_after)
    mysql_binlog_stream_stop (stream);
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Reading             *r)
{
  g_ptr_array_add (r->positions, mysql_binlog_position_to_string (position));
}

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           Reading           *r)
{
  if (mysql_binlog_event_get_event_type (event) == MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD)
    {
      r->payload_size = mysql_binlog_event_get_size (event);
      r->payload_bytes = g_bytes_get_size (mysql_binlog_event_get_bytes (event));
    }
}

static gboolean
read_file (const char           *path,
           MysqlBinlogPosition  *start,
           Reading              *r,
           GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);

  memset (r, 0, sizeof *r);
  r->positions = g_ptr_array_new_with_free_func (g_free);
  if (start != NULL)
    mysql_binlog_stream_set_start_position (stream, start);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), r);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), r);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), r);
  return mysql_binlog_stream_run (stream, NULL, error);
}

static void
reading_clear (Reading *r)
{
  g_clear_pointer (&r->positions, g_ptr_array_unref);
}

/* A copy of the generated file, changed by @edit. */
static char *
edited_copy (const char *name,
             void      (*edit) (GByteArray *contents))
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (work_dir, name, NULL);

  g_assert_true (g_file_get_contents (payload_path, &contents, &length, &error));
  g_assert_no_error (error);
  bytes = g_byte_array_new_take ((guint8 *) g_steal_pointer (&contents), length);
  edit (bytes);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error));
  g_assert_no_error (error);
  return path;
}

static char *
end_position (void)
{
  return g_strdup_printf ("payload.000001:%" G_GUINT64_FORMAT, file_size - ROTATE_SIZE);
}

static void
test_rows (void)
{
  Reading r;
  g_autoptr(GError) error = NULL;
  g_autofree char *end = end_position ();

  g_assert_true (read_file (payload_path, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_rows, ==, n_rows);
  g_assert_cmpuint (r.n_bad, ==, 0);
  /* The commit inside the payload: one position, after the payload. */
  g_assert_cmpuint (r.positions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r.positions, 0), ==, end);
  /* The event's size is its whole size; its bytes are its first part. */
  g_assert_cmpuint (r.payload_size, ==, file_size - ROTATE_SIZE - payload_offset);
  g_assert_cmpuint (r.payload_bytes, ==, 64 * 1024);
  reading_clear (&r);
}

static void
test_whole (void)
{
  Reading r;
  g_autoptr(GError) error = NULL;
  g_autofree char *end = end_position ();

  /* Read whole, as events under the threshold are: the same. */
  _mysql_binlog_file_source_set_parts_threshold (G_MAXSIZE);
  g_assert_true (read_file (payload_path, NULL, &r, &error));
  _mysql_binlog_file_source_set_parts_threshold (0);
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_rows, ==, n_rows);
  g_assert_cmpuint (r.n_bad, ==, 0);
  g_assert_cmpuint (r.positions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r.positions, 0), ==, end);
  g_assert_cmpuint (r.payload_bytes, ==, r.payload_size);
  reading_clear (&r);
}

static void
flip_checksum (GByteArray *contents)
{
  /* The last byte of the payload event's CRC32. */
  contents->data[file_size - ROTATE_SIZE - 1] ^= 0x01;
}

static void
test_checksum (void)
{
  Reading r;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = edited_copy ("checksum.000001", flip_checksum);
  g_autofree char *prefix = g_strdup_printf ("%s at offset %" G_GUINT64_FORMAT ": Checksum "
                                             "mismatch in an event of type 40", path,
                                             payload_offset);

  g_assert_false (read_file (path, NULL, &r, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  /* The checksum comes at the end of the payload: its rows went through,
   * but the position after them is never reported. */
  g_assert_cmpuint (r.n_rows, ==, n_rows);
  g_assert_cmpuint (r.positions->len, ==, 0);
  reading_clear (&r);
}

static void
truncate_payload (GByteArray *contents)
{
  g_byte_array_set_size (contents, payload_offset + 1024 * 1024);
}

static void
test_truncated (void)
{
  Reading r;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = edited_copy ("truncated.000001", truncate_payload);
  g_autofree char *message = g_strdup_printf ("%s at offset %" G_GUINT64_FORMAT ": Truncated "
                                              "event: the file ends 1048576 bytes into an event "
                                              "of type 40 that declares %" G_GUINT64_FORMAT
                                              " bytes", path, payload_offset,
                                              file_size - ROTATE_SIZE - payload_offset);

  g_assert_false (read_file (path, NULL, &r, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (r.n_rows, <, n_rows);
  g_assert_cmpuint (r.n_bad, ==, 0);
  g_assert_cmpuint (r.positions->len, ==, 0);
  reading_clear (&r);
}

static void
test_stop (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (payload_path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);
  g_autoptr(GError) error = NULL;
  Reading r = { 0 };

  r.positions = g_ptr_array_new_with_free_func (g_free);
  r.stop_after = 10;
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), &r);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), &r);
  /* stop() ends the run after the current inner event (two rows each). */
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_rows, ==, 10);
  g_assert_cmpuint (r.n_bad, ==, 0);
  g_assert_cmpuint (r.positions->len, ==, 0);
  reading_clear (&r);
}

static void
test_start_position (void)
{
  Reading r;
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) after = mysql_binlog_position_new ("payload.000001",
                                                                    file_size - ROTATE_SIZE);
  g_autoptr(MysqlBinlogPosition) at = mysql_binlog_position_new ("payload.000001",
                                                                 payload_offset);

  /* After the payload: it is read again without a signal. */
  g_assert_true (read_file (payload_path, after, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_rows, ==, 0);
  g_assert_cmpuint (r.positions->len, ==, 0);
  reading_clear (&r);

  /* At the payload: every row. */
  g_assert_true (read_file (payload_path, at, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_rows, ==, n_rows);
  g_assert_cmpuint (r.n_bad, ==, 0);
  g_assert_cmpuint (r.positions->len, ==, 1);
  reading_clear (&r);
}

/* The real MySQL 8.0.32 file, its 157-byte payload read in 64-byte parts. */
static void
test_fixture_in_parts (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  Reading r = { 0 };

  if (!test_util_have_fixtures ())
    return;
  path = test_util_fixture_path ("transaction_compression.000001");

  r.positions = g_ptr_array_new_with_free_func (g_free);
  file = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (file);
  /* MINIMAL metadata, no CREATE TABLE in the file. */
  mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), &r);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), &r);
  _mysql_binlog_file_source_set_parts_threshold (100);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  _mysql_binlog_file_source_set_parts_threshold (0);
  g_assert_no_error (error);
  g_assert_cmpuint (r.payload_size, ==, 157);
  g_assert_cmpuint (r.payload_bytes, ==, 64);
  g_assert_cmpuint (r.positions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r.positions, 0), ==,
                   "transaction_compression.000001:431 "
                   "gtid:357df524-4139-11ee-9979-b033ee13919e:1");
  reading_clear (&r);
}

/* Writes the file with the generator; its line of counts gives the
 * numbers the tests expect. */
static void
make_payload_file (const char *generator)
{
  g_autofree char *size = g_strdup_printf ("--size=%d", DATA_SIZE);
  const char *argv[] = { generator, size, payload_path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  gint status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  words = g_strsplit_set (g_strstrip (out), " =", -1);
  for (guint i = 0; words[i] != NULL && words[i + 1] != NULL; i += 2)
    {
      guint64 value = g_ascii_strtoull (words[i + 1], NULL, 10);

      if (strcmp (words[i], "rows") == 0)
        n_rows = value;
      else if (strcmp (words[i], "file") == 0)
        file_size = value;
      else if (strcmp (words[i], "payload_offset") == 0)
        payload_offset = value;
    }
  g_assert_cmpuint (n_rows, ==, (DATA_SIZE + ROW_SIZE - 1) / ROW_SIZE);
  g_assert_cmpuint (file_size, >, MYSQL_BINLOG_FILE_PARTS_THRESHOLD);
  g_assert_cmpuint (payload_offset, >, 4);
}

int
main (int    argc,
      char **argv)
{
  const char *generator = g_getenv ("MYSQL_BINLOG_MAKE_PAYLOAD");
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("mysqlbinlog-payload-XXXXXX", &error);
  g_assert_no_error (error);
  payload_path = g_build_filename (work_dir, "payload.000001", NULL);
  if (generator == NULL || *generator == '\0')
    g_error ("MYSQL_BINLOG_MAKE_PAYLOAD must name bench-make-payload");
  make_payload_file (generator);

  g_test_add_func ("/payload/parts/rows", test_rows);
  g_test_add_func ("/payload/parts/whole", test_whole);
  g_test_add_func ("/payload/parts/checksum", test_checksum);
  g_test_add_func ("/payload/parts/truncated", test_truncated);
  g_test_add_func ("/payload/parts/stop", test_stop);
  g_test_add_func ("/payload/parts/start-position", test_start_position);
  g_test_add_func ("/payload/parts/fixture", test_fixture_in_parts);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (work_dir);
  g_free (payload_path);
  g_free (work_dir);
  return status;
}
