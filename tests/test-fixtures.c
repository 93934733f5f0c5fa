/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-util.h"

/*
 * Real binary log files written by MySQL (5.0 to 8.0) and MariaDB servers,
 * read offline.  They live outside the repository, in shared/fixtures
 * beside it (or where MYSQL_BINLOG_FIXTURES_DIR points); without them the
 * tests skip.
 */

/* What reading a file gave: one line per row, the events, the positions. */
typedef struct
{
  GString   *rows;
  GPtrArray *row_objects;   /* every row image, in order */
  GArray    *event_types;
  GPtrArray *positions;     /* "file:offset" */
  GArray    *rows_at;       /* the length of @rows at each position */
} Transcript;

static void
transcript_clear (Transcript *t)
{
  g_string_free (t->rows, TRUE);
  g_ptr_array_unref (t->row_objects);
  g_array_unref (t->event_types);
  g_ptr_array_unref (t->positions);
  g_array_unref (t->rows_at);
}

static void
append_row (Transcript     *t,
            const char     *what,
            MysqlBinlogRow *row)
{
  test_util_append_row (t->rows, what, row);
  g_ptr_array_add (t->row_objects, mysql_binlog_row_ref (row));
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Transcript        *t)
{
  append_row (t, "I", row);
}

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Transcript        *t)
{
  append_row (t, "D", row);
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            Transcript        *t)
{
  append_row (t, "U-", before);
  append_row (t, "U+", after);
}

static void
on_event (MysqlBinlogStream *stream,
          MysqlBinlogEvent  *event,
          Transcript        *t)
{
  guint type = mysql_binlog_event_get_event_type (event);

  g_array_append_val (t->event_types, type);
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Transcript          *t)
{
  g_ptr_array_add (t->positions, mysql_binlog_position_to_string (position));
  g_array_append_val (t->rows_at, t->rows->len);
}

/* Reads a file from @start (NULL: its start) to its end; returns whether
 * it succeeded. */
static gboolean
read_file_path_from (const char           *path,
                     MysqlBinlogPosition  *start,
                     Transcript           *t,
                     GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);

  mysql_binlog_stream_set_start_position (stream, start);

  t->rows = g_string_new (NULL);
  t->row_objects = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  t->event_types = g_array_new (FALSE, FALSE, sizeof (guint));
  t->positions = g_ptr_array_new_with_free_func (g_free);
  t->rows_at = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), t);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), t);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_updated), t);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_event), t);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), t);
  return mysql_binlog_stream_run (stream, NULL, error);
}

static gboolean
read_file_path (const char  *path,
                Transcript  *t,
                GError     **error)
{
  return read_file_path_from (path, NULL, t, error);
}

static gboolean
read_fixture (const char  *name,
              Transcript  *t,
              GError     **error)
{
  g_autofree char *path = test_util_fixture_path (name);

  return read_file_path (path, t, error);
}

static guint
count_events (Transcript *t,
              guint       type)
{
  guint n = 0;

  for (guint i = 0; i < t->event_types->len; i++)
    if (g_array_index (t->event_types, guint, i) == type)
      n++;
  return n;
}

/* Every fixture: read to the end with the stated number of events and
 * row images, or the error that file deserves at the offset it deserves. */
typedef struct
{
  const char *name;
  guint       n_events;     /* events read (before the error, if any) */
  guint       n_rows;       /* rows-* emissions (an update counts once) */
  gint        error_code;   /* -1: read to the end */
  guint64     error_offset;
  const char *error_text;
} FixtureCase;

static const FixtureCase fixture_cases[] = {
  { "binlog-invisible-columns.000001", 22, 3, -1, 0, NULL },
  { "binlog_56_gtid_reserved_word.000001", 20, 1, -1, 0, NULL },
  { "binlog_savepoint.000001", 12, 0, -1, 0, NULL },
  { "binlog_transaction.000001", 20, 0, -1, 0, NULL },
  { "binlog_transaction_previous_GTID_no_tag.000001", 3, 0, -1, 0, NULL },
  { "binlog_transaction_with_GTID.000001", 11, 0, -1, 0, NULL },
  { "binlog_transaction_with_anonymous_GTID.000001", 9, 0, -1, 0, NULL },
  { "binlog_truncated_event.000001", 0, 0, MYSQL_BINLOG_ERROR_CORRUPT_EVENT, 4,
    "Truncated event: the file ends 10 bytes into the 19-byte header" },
  { "binlog_truncated_prev_gtid_event.000001", 1, 0, MYSQL_BINLOG_ERROR_CORRUPT_EVENT, 120,
    "Truncated event: the file ends 9 bytes into the 19-byte header" },
  { "bug11747887-bin.000003", 9, 0, -1, 0, NULL },
  { "bug16266.000001", 6, 0, -1, 0, NULL },
  { "bug27213339-bin.000001", 95, 0, -1, 0, NULL },
  { "bug32407.001", 7, 2, -1, 0, NULL },
  { "bug33029-slave-relay-bin.000001", 43, 0, -1, 0, NULL },
  { "bug40482-bin.000001", 3, 0, -1, 0, NULL },
  { "corrupt-relay-bin.000624", 872, 0, MYSQL_BINLOG_ERROR_CORRUPT_EVENT, 91204,
    "Query event too short" },
  { "json.binlog.000001", 36, 18, -1, 0, NULL },
  { "mariadb-bin.000001", 13, 2, -1, 0, NULL },
  { "master-bin.000001", 3, 0, -1, 0, NULL },
  { "mysql_type_bit.000001", 11, 1, -1, 0, NULL },
  { "rpl_atomic_ddl_rollback_full.000001", 11, 0, -1, 0, NULL },
  { "rpl_atomic_ddl_rollback_table.000001", 7, 0, -1, 0, NULL },
  { "rpl_atomic_ddl_rollback_view.000001", 7, 0, -1, 0, NULL },
  { "rpl_cross_version_default_utf8mb4_collation.000001", 19, 0, -1, 0, NULL },
  { "rpl_unfiltered_hidden_gcol.000001", 15, 1, -1, 0, NULL },
  { "slave-relay-bin.000001", 6, 0, -1, 0, NULL },
  { "transaction_compression.000001", 9, 1, -1, 0, NULL },
  { "update-full-row.binlog", 10, 7, -1, 0, NULL },
  { "update-partial-row.binlog", 10, 7, -1, 0, NULL },
  { "ver_5_1-wl2325_r.001", 4, 0, MYSQL_BINLOG_ERROR_CORRUPT_EVENT, 428,
    "XID event of 38 bytes" },
  { "ver_5_1-wl2325_s.001", 15, 0, -1, 0, NULL },
  { "ver_5_1_23.001", 24, 5, -1, 0, NULL },
  { "ver_trunk_row_v2.001", 40, 5, -1, 0, NULL },
  { "write-full-row.binlog", 9, 7, -1, 0, NULL },
  { "write-partial-row.binlog", 10, 7, -1, 0, NULL },
};

static guint
count_emissions (Transcript *t)
{
  guint n = 0;

  for (const char *p = t->rows->str; *p != '\0'; p = strchr (p, '\n') + 1)
    if (!g_str_has_prefix (p, "U+"))
      n++;
  return n;
}

static void
test_fixture (gconstpointer data)
{
  const FixtureCase *c = data;
  Transcript t;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!test_util_have_fixtures ())
    return;

  ok = read_fixture (c->name, &t, &error);
  if (c->error_code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_autofree char *where = g_strdup_printf ("%s at offset %" G_GUINT64_FORMAT ": ",
                                                c->name, c->error_offset);

      g_assert_false (ok);
      g_assert_error (error, MYSQL_BINLOG_ERROR, c->error_code);
      /* The message names the file and the offset of the bad event. */
      g_assert_nonnull (strstr (error->message, where));
      g_assert_nonnull (strstr (error->message, c->error_text));
    }
  g_assert_cmpuint (t.event_types->len, ==, c->n_events);
  g_assert_cmpuint (count_emissions (&t), ==, c->n_rows);
  transcript_clear (&t);
}

static void
assert_rows (Transcript *t,
             const char *expected)
{
  g_assert_cmpstr (t->rows->str, ==, expected);
}

static void
test_invisible_columns (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  MysqlBinlogRow *row;
  g_autoptr(GBytes) blob = NULL;

  if (!test_util_have_fixtures ())
    return;
  g_assert_true (read_fixture ("binlog-invisible-columns.000001", &t, &error));
  g_assert_no_error (error);
  /* Invisible columns are columns like the others; UNSIGNED comes from
   * the table map's signedness metadata. */
  assert_rows (&t,
    "I mysql.t1 {'f1': <uint64 1>, 'f2': <uint64 2>, 'f3': <int64 -3>, 'f4': <'4'>, "
    "'f5': <[byte 0x05]>, 'f6': <uint64 6000000000>}\n"
    "I mysql.t1 {'f1': <@mv nothing>, 'f2': <@mv nothing>, 'f3': <int64 -33>, 'f4': <'44'>, "
    "'f5': <[byte 0x55]>, 'f6': <@mv nothing>}\n"
    "U- mysql.t1 {'f1': <@mv nothing>, 'f2': <@mv nothing>, 'f3': <int64 -33>, 'f4': <'44'>, "
    "'f5': <[byte 0x55]>, 'f6': <@mv nothing>}\n"
    "U+ mysql.t1 {'f1': <uint64 111>, 'f2': <uint64 222>, 'f3': <int64 -333>, 'f4': <'444'>, "
    "'f5': <[byte 0x55]>, 'f6': <@mv nothing>}\n");

  row = g_ptr_array_index (t.row_objects, 0);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 6);
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, 5), ==, G_GUINT64_CONSTANT (6000000000));
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 2), ==, -3);
  blob = mysql_binlog_row_get_bytes (row, 4);
  g_assert_cmpmem (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), "\x05", 1);
  transcript_clear (&t);
}

static void
test_bit (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  MysqlBinlogRow *row;
  g_autofree char *b = NULL;

  if (!test_util_have_fixtures ())
    return;
  g_assert_true (read_fixture ("mysql_type_bit.000001", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (t.row_objects->len, ==, 1);
  row = g_ptr_array_index (t.row_objects, 0);
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, "foo");
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, 0), ==, 0x4);   /* BIT(3) 0b100 */
  b = mysql_binlog_row_dup_string (row, 1);
  g_assert_cmpstr (b, ==, "foo");
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, 2), ==, 0x20);  /* BIT(8) 0b100000 */
  transcript_clear (&t);
}

/* Table maps that MySQL wrote, read under the MySQL counting rules (see
 * mysql-binlog-table-map.c), which check that every field fits the columns
 * it covers.  A JSON column before a VARCHAR (json.binlog) and a BIT
 * before a TEXT (mysql_type_bit) come with a DEFAULT_CHARSET without
 * exceptions, which cannot tell whether they were counted: these files
 * show the rules do not break MySQL, not which one MySQL uses for YEAR or
 * GEOMETRY (no fixture has such a column; test-table-map.c has crafted
 * ones). */
static void
test_mysql_metadata_counting (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  MysqlBinlogRow *row;
  g_autoptr(GVariant) name = NULL;

  if (!test_util_have_fixtures ())
    return;
  g_assert_true (read_fixture ("json.binlog.000001", &t, &error));
  g_assert_no_error (error);
  row = g_ptr_array_index (t.row_objects, 0);
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 1), ==, MYSQL_BINLOG_COLUMN_TYPE_JSON);
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 2), ==, MYSQL_BINLOG_COLUMN_TYPE_VARCHAR);
  name = mysql_binlog_row_get_value (row, 2);
  g_assert_cmpstr (g_variant_get_type_string (name), ==, "s");   /* utf8mb4, not bytes */
  g_assert_cmpstr (g_variant_get_string (name, NULL), ==, "Joe");
  g_assert_false (mysql_binlog_row_get_column_is_unsigned (row, 3));
  transcript_clear (&t);

  g_assert_true (read_fixture ("mysql_type_bit.000001", &t, &error));
  g_assert_no_error (error);
  row = g_ptr_array_index (t.row_objects, 0);
  g_clear_pointer (&name, g_variant_unref);
  name = mysql_binlog_row_get_value (row, 1);
  g_assert_cmpstr (g_variant_get_type_string (name), ==, "s");
  g_assert_cmpstr (g_variant_get_string (name, NULL), ==, "foo");
  transcript_clear (&t);
}

static void
test_mariadb (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "id", "topic", "event_type", "event", "created" };

  if (!test_util_have_fixtures ())
    return;
  /* Its rotate event names the next file with extra bytes after it: the
   * file is still read to its end. */
  g_assert_true (read_fixture ("mariadb-bin.000001", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (t.row_objects->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      MysqlBinlogRow *row = g_ptr_array_index (t.row_objects, i);
      g_autofree char *topic = NULL;
      g_autofree char *event_type = NULL;
      g_autoptr(GBytes) event = NULL;

      g_assert_cmpstr (mysql_binlog_row_get_schema (row), ==, "toddy_test");
      g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, "outbox");
      g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, G_N_ELEMENTS (names));
      for (guint c = 0; c < G_N_ELEMENTS (names); c++)
        g_assert_cmpstr (mysql_binlog_row_get_column_name (row, c), ==, names[c]);
      topic = mysql_binlog_row_dup_string (row, 1);
      event_type = mysql_binlog_row_dup_string (row, 2);
      event = mysql_binlog_row_get_bytes (row, 3);
      g_assert_cmpstr (topic, ==, "foo");
      g_assert_cmpstr (event_type, ==, "JSON");
      g_assert_cmpmem (g_bytes_get_data (event, NULL), g_bytes_get_size (event),
                       "{\"foo\":1}", 9);
    }
  g_assert_cmpint (mysql_binlog_row_get_int64 (g_ptr_array_index (t.row_objects, 0), 0), ==, 62);
  g_assert_cmpint (mysql_binlog_row_get_int64 (g_ptr_array_index (t.row_objects, 1), 0), ==, 63);
  transcript_clear (&t);
}

/* The primary key and visibility that binlog_row_metadata=FULL writes. */
static void
test_column_metadata (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  const char * const *keys;
  MysqlBinlogRow *row;

  if (!test_util_have_fixtures ())
    return;
  g_assert_true (read_fixture ("mariadb-bin.000001", &t, &error));
  g_assert_no_error (error);
  row = g_ptr_array_index (t.row_objects, 0);
  keys = mysql_binlog_row_get_primary_key (row);
  g_assert_nonnull (keys);
  g_assert_cmpstr (keys[0], ==, "id");
  g_assert_null (keys[1]);
  g_assert_true (mysql_binlog_row_is_primary_key (row, 0));
  g_assert_cmpuint (mysql_binlog_row_get_primary_key_prefix (row, 0), ==, 0);
  for (guint c = 1; c < mysql_binlog_row_get_n_columns (row); c++)
    g_assert_false (mysql_binlog_row_is_primary_key (row, c));
  for (guint c = 0; c < mysql_binlog_row_get_n_columns (row); c++)
    g_assert_false (mysql_binlog_row_get_column_is_invisible (row, c));
  transcript_clear (&t);

  g_assert_true (read_fixture ("binlog-invisible-columns.000001", &t, &error));
  g_assert_no_error (error);
  row = g_ptr_array_index (t.row_objects, 0);
  /* f1, f2 and f6 are INVISIBLE; the table has no primary key, which the
   * full metadata says by listing none. */
  for (guint c = 0; c < 6; c++)
    {
      g_assert_cmpint (mysql_binlog_row_get_column_is_invisible (row, c), ==,
                       c == 0 || c == 1 || c == 5);
      g_assert_false (mysql_binlog_row_is_primary_key (row, c));
    }
  keys = mysql_binlog_row_get_primary_key (row);
  g_assert_nonnull (keys);
  g_assert_null (keys[0]);
  transcript_clear (&t);

  /* Without the metadata nothing is known. */
  g_assert_true (read_fixture ("write-full-row.binlog", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (t.row_objects->len, >, 0);
  g_assert_null (mysql_binlog_row_get_primary_key (g_ptr_array_index (t.row_objects, 0)));
  transcript_clear (&t);
}

static void
collect_incident_dumps (MysqlBinlogStream *stream,
                        MysqlBinlogEvent  *event,
                        GPtrArray         *dumps)
{
  if (mysql_binlog_event_get_event_type (event) == MYSQL_BINLOG_EVENT_INCIDENT)
    g_ptr_array_add (dumps, mysql_binlog_event_dump (event));
}

/* bug40482-bin.000001 holds an INCIDENT event with an incident number no
 * server defines (66): a file reads on, and the dump says what it is. */
static void
test_incident (void)
{
  g_autoptr(GPtrArray) dumps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!test_util_have_fixtures ())
    return;
  path = test_util_fixture_path ("bug40482-bin.000001");
  file = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (file);
  g_signal_connect (stream, "binlog", G_CALLBACK (collect_incident_dumps), dumps);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dumps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (dumps, 0), ==,
                   "=== INCIDENT (26) ===\n"
                   "Position: bug40482-bin.000001:106\n"
                   "Next position: 128\n"
                   "Date: 2008-11-03 16:22:11 UTC (1225729331)\n"
                   "Server id: 1\n"
                   "Size: 22 bytes\n"
                   "Incident: UNKNOWN (66)\n");
}

static void
test_json (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  if (!test_util_have_fixtures ())
    return;
  g_assert_true (read_fixture ("json.binlog.000001", &t, &error));
  g_assert_no_error (error);
  lines = g_strsplit (t.rows->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 31);   /* 6 inserts, 12 updates, "" */
  /* Binary JSON documents as JSON text; the generated columns follow. */
  g_assert_cmpstr (lines[0], ==,
    "I mysql.t {'@1': <int64 1>, '@2': <'{\"age\": 24, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}'>, "
    "'@3': <'Joe'>, '@4': <int64 24>}");
  g_assert_cmpstr (lines[5], ==,
    "I mysql.t {'@1': <int64 6>, '@2': <'{\"age\": 40, \"data\": \"zzzzzzzzzz\", \"name\": \"Pete\"}'>, "
    "'@3': <'Pete'>, '@4': <int64 40>}");
  g_assert_cmpstr (lines[7], ==,
    "U+ mysql.t {'@1': <int64 1>, '@2': <'{\"age\": 25, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}'>, "
    "'@3': <'Joe'>, '@4': <int64 25>}");
  /* PARTIAL_UPDATE_ROWS with binlog_row_image=MINIMAL: the before image
   * has the key only, the after image the JSON diffs and the changed
   * generated columns. */
  g_assert_cmpuint (count_events (&t, MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS), ==, 1);
  g_assert_cmpstr (lines[18], ==, "U- mysql.t {'@1': <int64 1>}");
  g_assert_cmpstr (lines[19], ==,
    "U+ mysql.t {'@2': <'[{\"op\": \"replace\", \"path\": \"$.age\", \"value\": 26}]'>, "
    "'@3': <'Joe'>, '@4': <int64 26>}");
  g_assert_cmpstr (lines[29], ==,
    "U+ mysql.t {'@2': <'[{\"op\": \"replace\", \"path\": \"$.age\", \"value\": 42}]'>, "
    "'@3': <'Pete'>, '@4': <int64 42>}");
  {
    MysqlBinlogRow *after = g_ptr_array_index (t.row_objects, 19);

    g_assert_cmpuint (mysql_binlog_row_get_n_columns (after), ==, 3);
    g_assert_cmpstr (mysql_binlog_row_get_column_name (after, 0), ==, "@2");
    g_assert_cmpint (mysql_binlog_row_get_column_index (after, "@4"), ==, 2);
    g_assert_cmpint (mysql_binlog_row_get_column_index (after, "@1"), ==, -1);
  }
  transcript_clear (&t);
}

static void
test_transaction_payload (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;

  if (!test_util_have_fixtures ())
    return;
  g_assert_true (read_fixture ("transaction_compression.000001", &t, &error));
  g_assert_no_error (error);
  /* The rows inside the zstd payload come out like any others, and the
   * commit inside it makes the end of the payload a resume point. */
  assert_rows (&t, "I test.tb1 {'@1': <int64 1>}\n");
  g_assert_cmpuint (count_events (&t, MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD), ==, 1);
  g_assert_cmpuint (count_events (&t, MYSQL_BINLOG_EVENT_TABLE_MAP), ==, 1);
  g_assert_cmpuint (count_events (&t, MYSQL_BINLOG_EVENT_WRITE_ROWS), ==, 1);
  g_assert_cmpuint (count_events (&t, MYSQL_BINLOG_EVENT_XID), ==, 1);
  g_assert_cmpuint (t.positions->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (t.positions, t.positions->len - 1), ==,
                   "transaction_compression.000001:431 "
                   "gtid:357df524-4139-11ee-9979-b033ee13919e:1");
  transcript_clear (&t);
}

static void
test_positional_names (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;

  if (!test_util_have_fixtures ())
    return;
  /* No column names in these table maps: columns are @1, @2, ...; the
   * partial images carry only the columns of their bitmaps. */
  g_assert_true (read_fixture ("update-partial-row.binlog", &t, &error));
  g_assert_no_error (error);
  assert_rows (&t,
    "I mysql.ndb_apply_status {'@1': <int64 3>, '@2': <int64 25769803786>, '@3': <''>, "
    "'@4': <int64 0>, '@5': <int64 0>}\n"
    "I test.ba {'@1': <int64 3>, '@2': <int64 3>, '@3': <int64 3>}\n"
    "I test.ba {'@1': <int64 1>, '@2': <int64 1>, '@3': <int64 1>}\n"
    "I test.ba {'@1': <int64 2>, '@2': <int64 2>, '@3': <int64 2>}\n"
    "I test.ba {'@1': <int64 4>, '@2': <int64 4>, '@3': <int64 4>}\n"
    "U- test.ba {'@1': <int64 4>, '@3': <int64 4>}\n"
    "U+ test.ba {'@1': <int64 4>, '@3': <int64 40>}\n"
    "D test.ba {'@1': <int64 2>}\n");
  transcript_clear (&t);

  g_assert_true (read_fixture ("ver_trunk_row_v2.001", &t, &error));
  g_assert_no_error (error);
  assert_rows (&t,
    "I test.t1 {'@1': <int64 0>, '@2': <'one'>}\n"
    "I test.t1 {'@1': <int64 1>, '@2': <'two'>}\n"
    "U- test.t1 {'@1': <int64 0>, '@2': <'one'>}\n"
    "U+ test.t1 {'@1': <int64 1>, '@2': <'one'>}\n"
    "U- test.t1 {'@1': <int64 1>, '@2': <'two'>}\n"
    "U+ test.t1 {'@1': <int64 2>, '@2': <'two'>}\n"
    "D test.t1 {'@1': <int64 2>, '@2': <'two'>}\n");
  transcript_clear (&t);
}

/* A copy of a fixture, changed, in a temporary file. */
static char *
write_modified_copy_xor (const char *name,
                         gsize       keep,
                         gssize      flip_at,
                         guint8      mask)
{
  g_autofree char *path = test_util_fixture_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("modified-XXXXXX-%s", name);
  char *out = NULL;
  gsize length;
  int fd;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  if (flip_at >= 0)
    {
      g_assert_cmpuint (flip_at, <, length);
      contents[flip_at] ^= mask;
    }
  fd = g_file_open_tmp (tmpl, &out, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (out, contents, MIN (keep, length), &error));
  g_assert_no_error (error);
  return out;
}

static char *
write_modified_copy (const char *name,
                     gsize       keep,
                     gssize      flip_at)
{
  return write_modified_copy_xor (name, keep, flip_at, 0x40);
}

static void
test_checksum_mismatch (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *where = NULL;

  if (!test_util_have_fixtures ())
    return;
  /* mysql_type_bit.000001 has CRC32 checksums; its rows event starts at
   * offset 927: change a byte of its row. */
  path = write_modified_copy ("mysql_type_bit.000001", G_MAXSIZE, 927 + 30);
  base = g_path_get_basename (path);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH);
  where = g_strdup_printf ("%s at offset 927: ", base);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_cmpuint (t.row_objects->len, ==, 0);
  transcript_clear (&t);
  g_unlink (path);
}

static void
test_checksum_artificial (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *where = NULL;

  if (!test_util_have_fixtures ())
    return;
  /* A server may send the events it makes up for a replica without a
   * valid checksum, but a file has none of those: the last XID of
   * mariadb-bin.000001 (at 1043) marked artificial fails its checksum. */
  path = write_modified_copy_xor ("mariadb-bin.000001", G_MAXSIZE, 1043 + 17, 0x20);
  base = g_path_get_basename (path);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH);
  where = g_strdup_printf ("%s at offset 1043: ", base);
  g_assert_nonnull (strstr (error->message, where));
  /* Both rows came before it. */
  g_assert_cmpuint (t.row_objects->len, ==, 2);
  transcript_clear (&t);
  g_unlink (path);
}

static void
test_missing_table_map (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GByteArray) without = g_byte_array_new ();
  gsize length;
  int fd;

  if (!test_util_have_fixtures ())
    return;
  /* mysql_type_bit.000001 without its table map (70 bytes at offset
   * 857): the rows event that followed it now comes first. */
  source = test_util_fixture_path ("mysql_type_bit.000001");
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 1001);
  g_assert_cmpuint ((guint8) contents[857 + 4], ==, MYSQL_BINLOG_EVENT_TABLE_MAP);
  g_byte_array_append (without, (const guint8 *) contents, 857);
  g_byte_array_append (without, (const guint8 *) contents + 857 + 70, length - 857 - 70);
  fd = g_file_open_tmp ("no-table-map-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, (const char *) without->data, without->len, &error));
  g_assert_no_error (error);

  base = g_path_get_basename (path);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  where = g_strdup_printf ("%s at offset 857: ", base);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_nonnull (strstr (error->message, "without a preceding table map"));
  g_assert_cmpuint (t.row_objects->len, ==, 0);
  transcript_clear (&t);
  g_unlink (path);
}

static void
test_truncated (void)
{
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!test_util_have_fixtures ())
    return;
  source = test_util_fixture_path ("mariadb-bin.000001");
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));

  /* Cut the file everywhere: every cut is either a clean end (at an
   * event boundary) or a truncation error, never a crash or a hang. */
  for (gsize keep = 0; keep < length; keep += 7)
    {
      Transcript t;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = write_modified_copy ("mariadb-bin.000001", keep, -1);

      if (!read_file_path (path, &t, &error))
        {
          g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
          if (keep >= 4)
            g_assert_nonnull (strstr (error->message, "Truncated"));
          else
            g_assert_nonnull (strstr (error->message, "Not a binary log file"));
        }
      else
        {
          g_assert_cmpuint (t.row_objects->len, <=, 2);
        }
      transcript_clear (&t);
      g_unlink (path);
    }
}

static void
test_not_a_binlog (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("not-a-binlog-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "\xfe" "bon and then some garbage", 25), ==, 25);
  close (fd);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "Not a binary log file"));
  transcript_clear (&t);
  g_unlink (path);
}

static void
stop_on_row (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             guint             *n_rows)
{
  (*n_rows)++;
  mysql_binlog_stream_stop (stream);
}

/* A start position in a file: every position the full read reported gives
 * exactly the rows that followed it, and bad start positions fail. */
static void
test_start_position (void)
{
  g_autofree char *path = NULL;
  Transcript full = { 0 };
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  if (!test_util_have_fixtures ())
    return;
  path = test_util_fixture_path ("json.binlog.000001");
  g_assert_true (read_file_path (path, &full, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (full.positions->len, >=, 3);

  for (guint i = 0; i < full.positions->len; i++)
    {
      const char *text = g_ptr_array_index (full.positions, i);
      gsize rows_before = g_array_index (full.rows_at, gsize, i);
      g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_from_string (text, &error);
      Transcript t = { 0 };

      g_assert_no_error (error);
      g_assert_true (read_file_path_from (path, start, &t, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (t.rows->str, ==, full.rows->str + rows_before);
      /* The positions after the start, and no other. */
      g_assert_cmpuint (t.positions->len, ==, full.positions->len - i - 1);
      transcript_clear (&t);
      checked++;
    }
  g_assert_cmpuint (checked, ==, full.positions->len);

  {
    g_autoptr(MysqlBinlogPosition) other = mysql_binlog_position_new ("other.000001", 4);
    g_autoptr(MysqlBinlogPosition) inside = mysql_binlog_position_new ("json.binlog.000001", 5);
    g_autoptr(MysqlBinlogPosition) past = mysql_binlog_position_new ("json.binlog.000001", 1u << 30);
    Transcript t = { 0 };

    g_assert_false (read_file_path_from (path, other, &t, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    transcript_clear (&t);

    g_assert_false (read_file_path_from (path, inside, &t, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
    g_assert_cmpstr (t.rows->str, ==, "");
    g_clear_error (&error);
    transcript_clear (&t);

    g_assert_false (read_file_path_from (path, past, &t, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
    g_assert_cmpstr (t.rows->str, ==, "");
    g_clear_error (&error);
    transcript_clear (&t);
  }
  transcript_clear (&full);
}

static void
collect_gtid (MysqlBinlogStream *stream,
              MysqlBinlogEvent  *event,
              GString           *gtids)
{
  MysqlBinlogEventType type = mysql_binlog_event_get_event_type (event);

  if (type == MYSQL_BINLOG_EVENT_GTID || type == MYSQL_BINLOG_EVENT_ANONYMOUS_GTID ||
      type == MYSQL_BINLOG_EVENT_GTID_TAGGED)
    g_string_append_printf (gtids, "%s\n", mysql_binlog_event_get_gtid (event) != NULL
                                           ? mysql_binlog_event_get_gtid (event) : "(none)");
}

static void
test_event_gtids (void)
{
  static const struct {
    const char *name;
    const char *gtids;
  } cases[] = {
    { "binlog_transaction_with_GTID.000001",
      "006c2cf2-b1ea-11e4-9057-8c705a3d3e78:1\n"
      "006c2cf2-b1ea-11e4-9057-8c705a3d3e78:2\n"
      "006c2cf2-b1ea-11e4-9057-8c705a3d3e78:3\n" },
    /* Anonymous transactions have no GTID. */
    { "binlog_transaction_with_anonymous_GTID.000001", "(none)\n(none)\n" },
  };

  if (!test_util_have_fixtures ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = test_util_fixture_path (cases[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);
      g_autoptr(GString) gtids = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_signal_connect (stream, "binlog", G_CALLBACK (collect_gtid), gtids);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gtids->str, ==, cases[i].gtids);
    }
}

static void
test_stop (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  if (!test_util_have_fixtures ())
    return;
  /* Stopped in the first of its seven rows, the stream ends there, and
   * its position is still the start of the file: no transaction ended. */
  path = test_util_fixture_path ("write-full-row.binlog");
  file = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (file);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (stop_on_row), &n_rows);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  position = mysql_binlog_stream_get_position (stream);
  g_assert_cmpstr (mysql_binlog_position_get_file (position), ==, "write-full-row.binlog");
  g_assert_cmpuint (mysql_binlog_position_get_offset (position), ==, 4);
}

static void
test_missing_file (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;

  g_assert_false (read_file_path ("/nonexistent/binlog.000001", &t, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  transcript_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/fixtures/file/%s", fixture_cases[i].name);
      g_test_add_data_func (test_path, &fixture_cases[i], test_fixture);
    }
  g_test_add_func ("/fixtures/invisible-columns", test_invisible_columns);
  g_test_add_func ("/fixtures/bit", test_bit);
  g_test_add_func ("/fixtures/mariadb-full-metadata", test_mariadb);
  g_test_add_func ("/fixtures/column-metadata", test_column_metadata);
  g_test_add_func ("/fixtures/incident", test_incident);
  g_test_add_func ("/fixtures/json", test_json);
  g_test_add_func ("/fixtures/mysql-metadata-counting", test_mysql_metadata_counting);
  g_test_add_func ("/fixtures/transaction-payload", test_transaction_payload);
  g_test_add_func ("/fixtures/positional-names", test_positional_names);
  g_test_add_func ("/fixtures/checksum-mismatch", test_checksum_mismatch);
  g_test_add_func ("/fixtures/checksum-artificial", test_checksum_artificial);
  g_test_add_func ("/fixtures/missing-table-map", test_missing_table_map);
  g_test_add_func ("/fixtures/truncated", test_truncated);
  g_test_add_func ("/fixtures/not-a-binlog", test_not_a_binlog);
  g_test_add_func ("/fixtures/missing-file", test_missing_file);
  g_test_add_func ("/fixtures/stop", test_stop);
  g_test_add_func ("/fixtures/event-gtids", test_event_gtids);
  g_test_add_func ("/fixtures/start-position", test_start_position);

  return g_test_run ();
}
