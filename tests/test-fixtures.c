/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-fixtures-common.h"

/*
 * Real binary log files written by MySQL (5.0 to 8.0) and MariaDB servers,
 * read offline: what each decodes to.  They live outside the repository,
 * in shared/fixtures beside it (or where MYSQL_BINLOG_FIXTURES_DIR
 * points); without them the tests skip.
 */

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
  /* Not 0: the offset of the first table map of a table the file holds no
   * CREATE TABLE of (or one that disagrees with it), which its table map
   * does not name the columns of.  The default schema-unknown refuses
   * its rows there; the rest of the case is what POSITIONAL reads. */
  guint64     schema_offset;
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
  { "rpl_unfiltered_hidden_gcol.000001", 15, 1, -1, 0, NULL, 924 },
  { "slave-relay-bin.000001", 6, 0, -1, 0, NULL },
  { "transaction_compression.000001", 9, 1, -1, 0, NULL, 274 },
  { "update-full-row.binlog", 10, 7, -1, 0, NULL, 170 },
  { "update-partial-row.binlog", 10, 7, -1, 0, NULL, 170 },
  { "ver_5_1-wl2325_r.001", 4, 0, MYSQL_BINLOG_ERROR_CORRUPT_EVENT, 428,
    "XID event of 38 bytes" },
  { "ver_5_1-wl2325_s.001", 15, 0, -1, 0, NULL },
  { "ver_5_1_23.001", 24, 5, -1, 0, NULL, 425 },
  { "ver_trunk_row_v2.001", 40, 5, -1, 0, NULL, 525 },
  { "write-full-row.binlog", 9, 7, -1, 0, NULL, 170 },
  { "write-partial-row.binlog", 10, 7, -1, 0, NULL, 170 },
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

  if (c->schema_offset != 0)
    {
      g_autofree char *where = g_strdup_printf ("%s at offset %" G_GUINT64_FORMAT ": ",
                                                c->name, c->schema_offset);

      g_assert_false (read_fixture (c->name, &t, &error));
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, where));
      g_assert_nonnull (strstr (error->message, "is not known at this point of the binary log file"));
      g_assert_nonnull (strstr (error->message, "schema-source"));
      g_assert_nonnull (strstr (error->message, "positional"));
      g_clear_error (&error);
      transcript_clear (&t);
      ok = read_fixture_positional (c->name, &t, &error);
    }
  else
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
  g_assert_true (read_fixture_positional ("write-full-row.binlog", &t, &error));
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
  /* Binary JSON documents as JSON text; the generated columns follow.
   * The file holds the table's CREATE TABLE: its names, without FULL
   * metadata. */
  g_assert_cmpstr (lines[0], ==,
    "I mysql.t {'id': <int64 1>, 'json_col': <'{\"age\": 24, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}'>, "
    "'name': <'Joe'>, 'age': <int64 24>}");
  g_assert_cmpstr (lines[5], ==,
    "I mysql.t {'id': <int64 6>, 'json_col': <'{\"age\": 40, \"data\": \"zzzzzzzzzz\", \"name\": \"Pete\"}'>, "
    "'name': <'Pete'>, 'age': <int64 40>}");
  g_assert_cmpstr (lines[7], ==,
    "U+ mysql.t {'id': <int64 1>, 'json_col': <'{\"age\": 25, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}'>, "
    "'name': <'Joe'>, 'age': <int64 25>}");
  /* PARTIAL_UPDATE_ROWS with binlog_row_image=MINIMAL: the before image
   * has the key only, the after image the JSON diffs and the changed
   * generated columns. */
  g_assert_cmpuint (count_events (&t, MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS), ==, 1);
  g_assert_cmpstr (lines[18], ==, "U- mysql.t {'id': <int64 1>}");
  g_assert_cmpstr (lines[19], ==,
    "U+ mysql.t {'json_col': <'[{\"op\": \"replace\", \"path\": \"$.age\", \"value\": 26}]'>, "
    "'name': <'Joe'>, 'age': <int64 26>}");
  g_assert_cmpstr (lines[29], ==,
    "U+ mysql.t {'json_col': <'[{\"op\": \"replace\", \"path\": \"$.age\", \"value\": 42}]'>, "
    "'name': <'Pete'>, 'age': <int64 42>}");
  {
    MysqlBinlogRow *after = g_ptr_array_index (t.row_objects, 19);

    g_assert_cmpuint (mysql_binlog_row_get_n_columns (after), ==, 3);
    g_assert_cmpstr (mysql_binlog_row_get_column_name (after, 0), ==, "json_col");
    g_assert_cmpint (mysql_binlog_row_get_column_index (after, "age"), ==, 2);
    g_assert_cmpint (mysql_binlog_row_get_column_index (after, "id"), ==, -1);
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
  /* MINIMAL metadata and no CREATE TABLE in the file: positional. */
  g_assert_true (read_fixture_positional ("transaction_compression.000001", &t, &error));
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
  /* No column names in these table maps, and no CREATE TABLE in the
   * files: under POSITIONAL the columns are @1, @2, ..., text of no known
   * character set its bytes; the partial images carry only the columns
   * of their bitmaps. */
  g_assert_true (read_fixture_positional ("update-partial-row.binlog", &t, &error));
  g_assert_no_error (error);
  assert_rows (&t,
    "I mysql.ndb_apply_status {'@1': <int64 3>, '@2': <int64 25769803786>, '@3': <@ay []>, "
    "'@4': <int64 0>, '@5': <int64 0>}\n"
    "I test.ba {'@1': <int64 3>, '@2': <int64 3>, '@3': <int64 3>}\n"
    "I test.ba {'@1': <int64 1>, '@2': <int64 1>, '@3': <int64 1>}\n"
    "I test.ba {'@1': <int64 2>, '@2': <int64 2>, '@3': <int64 2>}\n"
    "I test.ba {'@1': <int64 4>, '@2': <int64 4>, '@3': <int64 4>}\n"
    "U- test.ba {'@1': <int64 4>, '@3': <int64 4>}\n"
    "U+ test.ba {'@1': <int64 4>, '@3': <int64 40>}\n"
    "D test.ba {'@1': <int64 2>}\n");
  transcript_clear (&t);

  /* Its CHAR(50) of no known character set (MySQL 5.1 logs none): the
   * bytes the row holds, not zero-padded as a BINARY(50) would be. */
  g_assert_true (read_fixture_positional ("ver_trunk_row_v2.001", &t, &error));
  g_assert_no_error (error);
  assert_rows (&t,
    "I test.t1 {'@1': <int64 0>, '@2': <[byte 0x6f, 0x6e, 0x65]>}\n"
    "I test.t1 {'@1': <int64 1>, '@2': <[byte 0x74, 0x77, 0x6f]>}\n"
    "U- test.t1 {'@1': <int64 0>, '@2': <[byte 0x6f, 0x6e, 0x65]>}\n"
    "U+ test.t1 {'@1': <int64 1>, '@2': <[byte 0x6f, 0x6e, 0x65]>}\n"
    "U- test.t1 {'@1': <int64 1>, '@2': <[byte 0x74, 0x77, 0x6f]>}\n"
    "U+ test.t1 {'@1': <int64 2>, '@2': <[byte 0x74, 0x77, 0x6f]>}\n"
    "D test.t1 {'@1': <int64 2>, '@2': <[byte 0x74, 0x77, 0x6f]>}\n");
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

  return g_test_run ();
}
