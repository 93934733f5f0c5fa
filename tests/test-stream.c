/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gio/gio.h>
#include <mysqlbinlog-glib.h>

#include "test-server.h"

/*
 * Integration tests of MysqlBinlogStream against a real MariaDB server
 * started for this program (tests/mariadb-server.sh).
 *
 * Each test takes the server's position (SHOW MASTER STATUS), runs its
 * statements, then reads the binary log from that position with a
 * non-blocking stream, which ends at the current end of the log.
 *
 * The column type cases run once per binlog_row_metadata setting: FULL
 * (names, ENUM and SET members in the table map), MINIMAL and NO_LOG (the
 * library reads them from information_schema through a second connection).
 */

static TestServer *server;
/* The server writes binlog_row_image=MINIMAL (MYSQL_BINLOG_TEST_SERVER_OPTIONS). */
static gboolean row_image_minimal;
/* The server compresses its events (--log-bin-compress=ON). */
static gboolean log_bin_compress;

/* {{{ Capturing the signals of a run */

typedef enum
{
  KIND_INSERT,
  KIND_UPDATE,
  KIND_DELETE,
  KIND_POSITION,
} Kind;

typedef struct
{
  Kind                 kind;
  MysqlBinlogRow      *row;    /* the row, or the before image of an update */
  MysqlBinlogRow      *after;
  MysqlBinlogPosition *position;
} Signal;

typedef struct
{
  GPtrArray *signals;
  GPtrArray *events;
} Capture;

static void
signal_free (Signal *signal)
{
  g_clear_pointer (&signal->row, mysql_binlog_row_unref);
  g_clear_pointer (&signal->after, mysql_binlog_row_unref);
  g_clear_pointer (&signal->position, mysql_binlog_position_unref);
  g_free (signal);
}

static Capture *
capture_new (void)
{
  Capture *capture = g_new0 (Capture, 1);

  capture->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_free);
  capture->events = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_event_unref);
  return capture;
}

static void
capture_free (Capture *capture)
{
  g_ptr_array_unref (capture->signals);
  g_ptr_array_unref (capture->events);
  g_free (capture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Capture, capture_free)

static void
capture_add (Capture             *capture,
             Kind                 kind,
             MysqlBinlogRow      *row,
             MysqlBinlogRow      *after,
             MysqlBinlogPosition *position)
{
  Signal *signal = g_new0 (Signal, 1);

  signal->kind = kind;
  signal->row = row != NULL ? mysql_binlog_row_ref (row) : NULL;
  signal->after = after != NULL ? mysql_binlog_row_ref (after) : NULL;
  signal->position = position != NULL ? mysql_binlog_position_ref (position) : NULL;
  g_ptr_array_add (capture->signals, signal);
}

static void
on_rows_inserted (MysqlBinlogStream *stream,
                  MysqlBinlogRow    *row,
                  gpointer           user_data)
{
  capture_add (user_data, KIND_INSERT, row, NULL, NULL);
}

static void
on_rows_updated (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *before,
                 MysqlBinlogRow    *after,
                 gpointer           user_data)
{
  capture_add (user_data, KIND_UPDATE, before, after, NULL);
}

static void
on_rows_deleted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gpointer           user_data)
{
  capture_add (user_data, KIND_DELETE, row, NULL, NULL);
}

static void
on_binlog_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    gpointer             user_data)
{
  capture_add (user_data, KIND_POSITION, NULL, NULL, position);
}

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           gpointer           user_data)
{
  Capture *capture = user_data;

  g_ptr_array_add (capture->events, mysql_binlog_event_ref (event));
}

static void
capture_connect (Capture           *capture,
                 MysqlBinlogStream *stream)
{
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_rows_inserted), capture);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_rows_updated), capture);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_rows_deleted), capture);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_binlog_position), capture);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), capture);
}

static MysqlBinlogStream *
new_stream_at (MysqlBinlogPosition *start)
{
  MysqlBinlogStream *stream = test_server_new_stream (server);

  mysql_binlog_stream_set_start_position (stream, start);
  return stream;
}

/* Runs @stream to the end of the binary log and returns what it emitted. */
static Capture *
capture_run (MysqlBinlogStream *stream)
{
  g_autoptr(GError) error = NULL;
  Capture *capture = capture_new ();
  gboolean ok;

  capture_connect (capture, stream);
  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_signal_handlers_disconnect_by_data (stream, capture);

  return capture;
}

static Capture *
capture_from (MysqlBinlogPosition *start)
{
  g_autoptr(MysqlBinlogStream) stream = new_stream_at (start);

  return capture_run (stream);
}

static gboolean
row_is_table (MysqlBinlogRow *row,
              const char     *schema,
              const char     *table)
{
  return g_strcmp0 (mysql_binlog_row_get_schema (row), schema) == 0 &&
         g_strcmp0 (mysql_binlog_row_get_table (row), table) == 0;
}

/* The signals of one kind for one table, in order (borrowed). */
static GPtrArray *
capture_rows (Capture    *capture,
              Kind        kind,
              const char *schema,
              const char *table)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *signal = g_ptr_array_index (capture->signals, i);

      if (signal->kind == kind && row_is_table (signal->row, schema, table))
        g_ptr_array_add (rows, signal);
    }
  return rows;
}

static guint
capture_count (Capture *capture,
               Kind     kind)
{
  guint n = 0;

  for (guint i = 0; i < capture->signals->len; i++)
    n += ((Signal *) g_ptr_array_index (capture->signals, i))->kind == kind;
  return n;
}

static Signal *
capture_last_position (Capture *capture)
{
  for (guint i = capture->signals->len; i > 0; i--)
    {
      Signal *signal = g_ptr_array_index (capture->signals, i - 1);

      if (signal->kind == KIND_POSITION)
        return signal;
    }
  return NULL;
}

/* }}} */

/* {{{ Helpers */

static void
exec (const char *sql)
{
  test_server_exec (server, sql);
}

G_GNUC_PRINTF (1, 2)
static void
execf (const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  test_server_exec (server, sql);
}

static char *
query_value (const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = test_server_query_value (server, sql, &error);

  g_assert_no_error (error);
  return value;
}

static GBytes *
query_bytes (const char *sql)
{
  g_autoptr(GError) error = NULL;
  GBytes *value = test_server_query_bytes (server, sql, &error);

  g_assert_no_error (error);
  return value;
}

static void
assert_variant_equal (GVariant   *actual,
                      GVariant   *expected,
                      const char *what)
{
  g_autofree char *actual_text = NULL;
  g_autofree char *expected_text = NULL;

  if (actual == NULL)
    {
      g_test_fail_printf ("%s: no value", what);
      return;
    }
  if (g_variant_equal (actual, expected))
    return;

  /* Escaped, so that the message survives a non-UTF-8 locale. */
  {
    g_autofree char *a = g_variant_print (actual, TRUE);
    g_autofree char *e = g_variant_print (expected, TRUE);

    actual_text = g_strescape (a, NULL);
    expected_text = g_strescape (e, NULL);
  }
  g_test_fail_printf ("%s: expected %s (%s), got %s (%s)", what, expected_text,
           g_variant_get_type_string (expected), actual_text,
           g_variant_get_type_string (actual));
}

static GVariant *
parse_variant (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return g_variant_ref_sink (value);
}

static void
assert_contains_ci (const char *haystack,
                    const char *needle)
{
  g_autofree char *h = g_utf8_strdown (haystack, -1);
  g_autofree char *n = g_utf8_strdown (needle, -1);

  if (strstr (h, n) == NULL)
    g_test_fail_printf ("“%s” does not mention “%s”", haystack, needle);
}

static const char *metadata_modes[] = { "FULL", "MINIMAL", "NO_LOG" };

/* }}} */

/* {{{ Column type cases */

#define MAX_ROWS 3
#define MAX_COLUMNS 24

/* A value the test can't write down: compare with the column's raw bytes
 * as the server returns them (`SELECT col`). */
#define RAW "raw"

typedef struct
{
  const char            *name;
  const char            *definition;
  MysqlBinlogColumnType  type;            /* 0: do not check */
  const char            *values[MAX_ROWS]; /* SQL literals */
  const char            *expected[MAX_ROWS]; /* GVariant text, or RAW */
  const char            *server_text;     /* how the server prints it for dup_string,
                                             %s = column; NULL: `%s`, "": skip */
} ColumnCase;

typedef struct
{
  const char *name;
  const char *table_options;
  const char *session;   /* statements run before the rows are written */
  guint       n_rows;
  ColumnCase  columns[MAX_COLUMNS];
} TypeCase;

#define HEX "CONCAT('0x', HEX(%s))"

#define S10 "abcdefghij"
#define S50 S10 S10 S10 S10 S10
#define S300 S50 S50 S50 S50 S50 S50

static const TypeCase type_cases[] = {
  {
    "signed_integers", NULL, NULL, 3,
    {
      { "ti", "TINYINT", MYSQL_BINLOG_COLUMN_TYPE_TINY,
        { "-128", "127", "0" }, { "int64 -128", "int64 127", "int64 0" }, NULL },
      { "si", "SMALLINT", MYSQL_BINLOG_COLUMN_TYPE_SHORT,
        { "-32768", "32767", "-1" }, { "int64 -32768", "int64 32767", "int64 -1" }, NULL },
      { "mi", "MEDIUMINT", MYSQL_BINLOG_COLUMN_TYPE_INT24,
        { "-8388608", "8388607", "1" }, { "int64 -8388608", "int64 8388607", "int64 1" }, NULL },
      { "i", "INT", MYSQL_BINLOG_COLUMN_TYPE_LONG,
        { "-2147483648", "2147483647", "-42" },
        { "int64 -2147483648", "int64 2147483647", "int64 -42" }, NULL },
      { "bi", "BIGINT", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG,
        { "-9223372036854775808", "9223372036854775807", "-1" },
        { "int64 -9223372036854775808", "int64 9223372036854775807", "int64 -1" }, NULL },
    },
  },
  {
    "unsigned_integers", NULL, NULL, 3,
    {
      { "ti", "TINYINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_TINY,
        { "0", "255", "128" }, { "uint64 0", "uint64 255", "uint64 128" }, NULL },
      { "si", "SMALLINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_SHORT,
        { "0", "65535", "32768" }, { "uint64 0", "uint64 65535", "uint64 32768" }, NULL },
      { "mi", "MEDIUMINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_INT24,
        { "0", "16777215", "8388608" }, { "uint64 0", "uint64 16777215", "uint64 8388608" },
        NULL },
      { "i", "INT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_LONG,
        { "0", "4294967295", "2147483648" },
        { "uint64 0", "uint64 4294967295", "uint64 2147483648" }, NULL },
      { "bi", "BIGINT UNSIGNED", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG,
        { "0", "18446744073709551615", "9223372036854775808" },
        { "uint64 0", "uint64 18446744073709551615", "uint64 9223372036854775808" }, NULL },
    },
  },
  {
    "decimals", NULL, NULL, 3,
    {
      { "d65", "DECIMAL(65,30)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "'12345678901234567890123456789012345.123456789012345678901234567890'",
          "'-99999999999999999999999999999999999.999999999999999999999999999999'",
          "0" },
        { "'12345678901234567890123456789012345.123456789012345678901234567890'",
          "'-99999999999999999999999999999999999.999999999999999999999999999999'",
          "'0.000000000000000000000000000000'" }, NULL },
      { "d10", "DECIMAL(10,2)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-12.34", "99999999.99", "-0.5" }, { "'-12.34'", "'99999999.99'", "'-0.50'" }, NULL },
      { "d104", "DECIMAL(10,4)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-12.34", "0.0001", "1" }, { "'-12.3400'", "'0.0001'", "'1.0000'" }, NULL },
      { "d50", "DECIMAL(5,0)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-12345", "0", "99999" }, { "'-12345'", "'0'", "'99999'" }, NULL },
      { "d2010", "NUMERIC(20,10)", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL,
        { "-1234567890.0123456789", "0.0000000001", "-0.0000000001" },
        { "'-1234567890.0123456789'", "'0.0000000001'", "'-0.0000000001'" }, NULL },
    },
  },
  {
    "floats", NULL, NULL, 3,
    {
      { "f", "FLOAT", MYSQL_BINLOG_COLUMN_TYPE_FLOAT,
        { "1.5", "-0.25", "1024" }, { "@d 1.5", "@d -0.25", "@d 1024" }, "" },
      { "dbl", "DOUBLE", MYSQL_BINLOG_COLUMN_TYPE_DOUBLE,
        { "3.141592653589793", "-1e300", "2.2250738585072014e-308" },
        { "@d 3.141592653589793", "@d -1e300", "@d 2.2250738585072014e-308" }, "" },
    },
  },
  {
    "utf8mb4_text", "DEFAULT CHARSET=utf8mb4", NULL, 3,
    {
      { "c", "CHAR(10)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "'abc'", "''", "'ü😀'" }, { "'abc'", "''", "'ü😀'" }, NULL },
      { "vc", "VARCHAR(100)", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'😀 héllo 日本'", "''", "'x'" }, { "'😀 héllo 日本'", "''", "'x'" }, NULL },
      { "vlong", "VARCHAR(300)", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'" S300 "'", "'é" S50 "'", "'🎉'" }, { "'" S300 "'", "'é" S50 "'", "'🎉'" }, NULL },
      { "t", "TEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'𝄞 music ✓'", "''", "'" S300 "'" }, { "'𝄞 music ✓'", "''", "'" S300 "'" }, NULL },
      { "tt", "TINYTEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'tiny ü'", "''", "'€'" }, { "'tiny ü'", "''", "'€'" }, NULL },
      { "mt", "MEDIUMTEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'medium 😀'", "''", "'m'" }, { "'medium 😀'", "''", "'m'" }, NULL },
      { "lt", "LONGTEXT", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'long 日本語'", "''", "'l'" }, { "'long 日本語'", "''", "'l'" }, NULL },
    },
  },
  {
    "charsets", "DEFAULT CHARSET=latin1", NULL, 3,
    {
      { "l1", "VARCHAR(20) CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'é'", "'café'", "'Ø½'" }, { "'é'", "'café'", "'Ø½'" }, NULL },
      { "l1c", "CHAR(10) CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "'naïve'", "'é'", "''" }, { "'naïve'", "'é'", "''" }, NULL },
      { "l1t", "TEXT CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'déjà vu'", "''", "'ÿ'" }, { "'déjà vu'", "''", "'ÿ'" }, NULL },
      { "u3", "VARCHAR(20) CHARACTER SET utf8mb3", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'héllo €'", "'日本'", "''" }, { "'héllo €'", "'日本'", "''" }, NULL },
      { "u3c", "CHAR(5) CHARACTER SET utf8mb3", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "'€uro'", "'ß'", "''" }, { "'€uro'", "'ß'", "''" }, NULL },
      { "a7", "VARCHAR(20) CHARACTER SET ascii", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'plain'", "'~!'", "''" }, { "'plain'", "'~!'", "''" }, NULL },
      { "cp", "VARCHAR(20) CHARACTER SET cp1251", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'Привет'", "'ё'", "''" }, { "'Привет'", "'ё'", "''" }, NULL },
      { "u16", "VARCHAR(20) CHARACTER SET utf16", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'é€😀'", "'a'", "''" }, { "'é€😀'", "'a'", "''" }, NULL },
    },
  },
  {
    "binary", NULL, NULL, 3,
    {
      { "b", "BINARY(4)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "x'01020304'", "x'00ff00ff'", "'abcd'" },
        { "@ay [0x01, 0x02, 0x03, 0x04]", "@ay [0x00, 0xff, 0x00, 0xff]",
          "@ay [0x61, 0x62, 0x63, 0x64]" }, HEX },
      { "vb", "VARBINARY(20)", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "x'00ff00fe'", "''", "'A'" }, { "@ay [0x00, 0xff, 0x00, 0xfe]", "@ay []", "@ay [0x41]" },
        HEX },
      { "vcb", "VARCHAR(10) CHARACTER SET binary", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
        { "'abc'", "x'00'", "''" }, { "@ay [0x61, 0x62, 0x63]", "@ay [0x00]", "@ay []" }, HEX },
      { "bl", "BLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'deadbeef00'", "''", "x'00'" },
        { "@ay [0xde, 0xad, 0xbe, 0xef, 0x00]", "@ay []", "@ay [0x00]" }, HEX },
      { "tb", "TINYBLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'01'", "''", "x'ff'" }, { "@ay [0x01]", "@ay []", "@ay [0xff]" }, HEX },
      { "mb", "MEDIUMBLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'0203'", "''", "x'80'" }, { "@ay [0x02, 0x03]", "@ay []", "@ay [0x80]" }, HEX },
      { "lb", "LONGBLOB", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "x'040506'", "''", "x'7f'" }, { "@ay [0x04, 0x05, 0x06]", "@ay []", "@ay [0x7f]" },
        HEX },
    },
  },
  {
    /* The server pads BINARY(n) values with zero bytes, and the binary log
     * leaves the trailing zeros out: the value as stored has all n bytes. */
    "binary_padding", NULL, NULL, 3,
    {
      { "b", "BINARY(4)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "x'0102'", "x'00000000'", "'A'" },
        { "@ay [0x01, 0x02, 0x00, 0x00]", "@ay [0x00, 0x00, 0x00, 0x00]",
          "@ay [0x41, 0x00, 0x00, 0x00]" }, HEX },
      { "b1", "BINARY(1)", MYSQL_BINLOG_COLUMN_TYPE_STRING,
        { "x'00'", "''", "x'7f'" }, { "@ay [0x00]", "@ay [0x00]", "@ay [0x7f]" }, HEX },
    },
  },
  {
    "enums_sets", "DEFAULT CHARSET=utf8mb4", NULL, 3,
    {
      { "e", "ENUM('small','medium','large')", MYSQL_BINLOG_COLUMN_TYPE_ENUM,
        { "'medium'", "'small'", "'large'" }, { "'medium'", "'small'", "'large'" }, NULL },
      /* Members outside the BMP would not survive information_schema,
       * which MariaDB keeps in utf8mb3 (it reports '😀' as '?'). */
      { "eu", "ENUM('ä','ö','€')", MYSQL_BINLOG_COLUMN_TYPE_ENUM,
        { "'ö'", "'€'", "'ä'" }, { "'ö'", "'€'", "'ä'" }, NULL },
      { "el", "ENUM('x') CHARACTER SET latin1", MYSQL_BINLOG_COLUMN_TYPE_ENUM,
        { "'x'", "'x'", "'x'" }, { "'x'", "'x'", "'x'" }, NULL },
      { "s", "SET('a','b','c','d')", MYSQL_BINLOG_COLUMN_TYPE_SET,
        { "''", "'c,a'", "'a,b,c,d'" }, { "@as []", "['a', 'c']", "['a', 'b', 'c', 'd']" }, NULL },
      { "s10", "SET('m1','m2','m3','m4','m5','m6','m7','m8','m9','m10')",
        MYSQL_BINLOG_COLUMN_TYPE_SET,
        { "'m10,m1'", "'m9'", "''" }, { "['m1', 'm10']", "['m9']", "@as []" }, NULL },
    },
  },
  {
    "bits_years", NULL, NULL, 3,
    {
      { "b1", "BIT(1)", MYSQL_BINLOG_COLUMN_TYPE_BIT,
        { "b'1'", "b'0'", "b'1'" }, { "uint64 1", "uint64 0", "uint64 1" }, "%s+0" },
      { "b12", "BIT(12)", MYSQL_BINLOG_COLUMN_TYPE_BIT,
        { "b'101010101010'", "0", "b'111111111111'" },
        { "uint64 2730", "uint64 0", "uint64 4095" }, "%s+0" },
      { "b64", "BIT(64)", MYSQL_BINLOG_COLUMN_TYPE_BIT,
        { "x'FFFFFFFFFFFFFFFF'", "b'1'", "x'8000000000000001'" },
        { "uint64 18446744073709551615", "uint64 1", "uint64 9223372036854775809" }, "%s+0" },
      { "y", "YEAR", MYSQL_BINLOG_COLUMN_TYPE_YEAR,
        { "2024", "1901", "2155" }, { "int64 2024", "int64 1901", "int64 2155" }, NULL },
    },
  },
  {
    "temporal", NULL, NULL, 3,
    {
      { "d", "DATE", 0,
        { "'2024-02-29'", "'1000-01-01'", "'9999-12-31'" },
        { "'2024-02-29'", "'1000-01-01'", "'9999-12-31'" }, NULL },
      { "t0", "TIME", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'13:45:00'", "'-838:59:59'", "'838:59:59'" },
        { "'13:45:00'", "'-838:59:59'", "'838:59:59'" }, NULL },
      { "t1", "TIME(1)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'13:45:00.1'", "'-00:00:00.5'", "'-838:59:59.9'" },
        { "'13:45:00.1'", "'-00:00:00.5'", "'-838:59:59.9'" }, NULL },
      { "t2", "TIME(2)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'01:02:03.04'", "'-01:02:03.99'", "'00:00:00'" },
        { "'01:02:03.04'", "'-01:02:03.99'", "'00:00:00.00'" }, NULL },
      { "t3", "TIME(3)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'-12:34:56.789'", "'00:00:00.000'", "'100:00:00.001'" },
        { "'-12:34:56.789'", "'00:00:00.000'", "'100:00:00.001'" }, NULL },
      { "t4", "TIME(4)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'-01:02:03.0405'", "'23:59:59.9999'", "'-00:00:00.0001'" },
        { "'-01:02:03.0405'", "'23:59:59.9999'", "'-00:00:00.0001'" }, NULL },
      { "t5", "TIME(5)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'10:00:00.00001'", "'-10:00:00.12345'", "'00:00:01'" },
        { "'10:00:00.00001'", "'-10:00:00.12345'", "'00:00:01.00000'" }, NULL },
      { "t6", "TIME(6)", MYSQL_BINLOG_COLUMN_TYPE_TIME2,
        { "'-838:59:59.000000'", "'-00:00:00.000001'", "'23:59:59.999999'" },
        { "'-838:59:59.000000'", "'-00:00:00.000001'", "'23:59:59.999999'" }, NULL },
      { "dt0", "DATETIME", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'" },
        { "'2024-02-29 13:45:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'" }, NULL },
      { "dt1", "DATETIME(1)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.1'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.9'" },
        { "'2024-02-29 13:45:00.1'", "'1000-01-01 00:00:00.0'", "'9999-12-31 23:59:59.9'" },
        NULL },
      { "dt2", "DATETIME(2)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.12'", "'1000-01-01 00:00:00.01'", "'9999-12-31 23:59:59.99'" },
        { "'2024-02-29 13:45:00.12'", "'1000-01-01 00:00:00.01'", "'9999-12-31 23:59:59.99'" },
        NULL },
      { "dt3", "DATETIME(3)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.123'", "'1000-01-01 00:00:00.001'",
          "'9999-12-31 23:59:59.999'" },
        { "'2024-02-29 13:45:00.123'", "'1000-01-01 00:00:00.001'",
          "'9999-12-31 23:59:59.999'" }, NULL },
      { "dt4", "DATETIME(4)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.1234'", "'1970-01-01 00:00:00.0001'",
          "'9999-12-31 23:59:59.9999'" },
        { "'2024-02-29 13:45:00.1234'", "'1970-01-01 00:00:00.0001'",
          "'9999-12-31 23:59:59.9999'" }, NULL },
      { "dt5", "DATETIME(5)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.12345'", "'2000-06-15 12:00:00.00001'",
          "'9999-12-31 23:59:59.99999'" },
        { "'2024-02-29 13:45:00.12345'", "'2000-06-15 12:00:00.00001'",
          "'9999-12-31 23:59:59.99999'" }, NULL },
      { "dt6", "DATETIME(6)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'2024-02-29 13:45:00.123456'", "'1000-01-01 00:00:00.000001'",
          "'9999-12-31 23:59:59.999999'" },
        { "'2024-02-29 13:45:00.123456'", "'1000-01-01 00:00:00.000001'",
          "'9999-12-31 23:59:59.999999'" }, NULL },
    },
  },
  {
    /* Written in a session at +05:00: the binary log holds UTC seconds, and
     * the values come back in UTC whatever the reader's time zone. */
    "timestamps", NULL, "SET SESSION time_zone = '+05:00'", 3,
    {
      { "ts0", "TIMESTAMP NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00'", "'1970-01-01 05:00:01'", "'2038-01-19 08:14:07'" },
        { "'2024-02-29 13:45:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'" }, NULL },
      { "ts1", "TIMESTAMP(1) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.1'", "'2024-03-01 04:59:59.9'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.1'", "'2024-02-29 23:59:59.9'", "'2000-01-01 00:00:00.0'" },
        NULL },
      { "ts2", "TIMESTAMP(2) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.12'", "'2024-01-01 00:00:00.01'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.12'", "'2023-12-31 19:00:00.01'", "'2000-01-01 00:00:00.00'" },
        NULL },
      { "ts3", "TIMESTAMP(3) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.123'", "'1970-01-01 05:00:01.001'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.123'", "'1970-01-01 00:00:01.001'",
          "'2000-01-01 00:00:00.000'" }, NULL },
      { "ts4", "TIMESTAMP(4) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.1234'", "'2024-07-01 12:00:00.0001'", "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.1234'", "'2024-07-01 07:00:00.0001'",
          "'2000-01-01 00:00:00.0000'" }, NULL },
      { "ts5", "TIMESTAMP(5) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.12345'", "'2024-07-01 12:00:00.00001'",
          "'2000-01-01 05:00:00'" },
        { "'2024-02-29 13:45:00.12345'", "'2024-07-01 07:00:00.00001'",
          "'2000-01-01 00:00:00.00000'" }, NULL },
      { "ts6", "TIMESTAMP(6) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'2024-02-29 18:45:00.123456'", "'2038-01-19 08:14:07.999999'",
          "'1970-01-01 05:00:01.000001'" },
        { "'2024-02-29 13:45:00.123456'", "'2038-01-19 03:14:07.999999'",
          "'1970-01-01 00:00:01.000001'" }, NULL },
    },
  },
  {
    /* Zero and partial dates need a permissive sql_mode. */
    "zero_dates", NULL, "SET SESSION sql_mode = ''", 3,
    {
      { "d", "DATE", 0,
        { "'0000-00-00'", "'2024-00-00'", "'2024-02-00'" },
        { "'0000-00-00'", "'2024-00-00'", "'2024-02-00'" }, NULL },
      { "dt", "DATETIME", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'0000-00-00 00:00:00'", "'2024-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00'", "'2024-00-00 00:00:00'", "'0000-00-00 00:00:00'" }, NULL },
      { "dt6", "DATETIME(6)", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2,
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00.000000'", "'0000-00-00 00:00:00.000000'",
          "'0000-00-00 00:00:00.000000'" }, NULL },
      { "ts", "TIMESTAMP NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" }, NULL },
      { "ts3", "TIMESTAMP(3) NULL DEFAULT NULL", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2,
        { "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'" },
        { "'0000-00-00 00:00:00.000'", "'0000-00-00 00:00:00.000'",
          "'0000-00-00 00:00:00.000'" }, NULL },
      { "y", "YEAR", MYSQL_BINLOG_COLUMN_TYPE_YEAR,
        { "'0000'", "'0000'", "'0000'" }, { "int64 0", "int64 0", "int64 0" }, NULL },
    },
  },
  {
    "json_geometry", "DEFAULT CHARSET=utf8mb4", NULL, 3,
    {
      /* MariaDB's JSON is LONGTEXT with a validity check: the text as
       * written, in a BLOB column of the binary log. */
      { "j", "JSON", MYSQL_BINLOG_COLUMN_TYPE_BLOB,
        { "'{\"a\": [1, 2, {\"b\": null}], \"c\": \"ü\"}'", "'[]'", "'\"str\"'" },
        { "'{\"a\": [1, 2, {\"b\": null}], \"c\": \"ü\"}'", "'[]'", "'\"str\"'" }, NULL },
      { "g", "GEOMETRY", MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY,
        { "ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('LINESTRING(0 0,1 1,2 5)')",
          "ST_GeomFromText('POINT(-1.5 3.25)', 4326)" },
        { RAW, RAW, RAW }, HEX },
      { "p", "POINT", MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY,
        { "ST_PointFromText('POINT(3 4)')", "POINT(0, -0.5)", "POINT(1e10, 2)" },
        { RAW, RAW, RAW }, HEX },
    },
  },
};

typedef struct
{
  const TypeCase *type_case;
  const char     *mode;
} TypeCaseData;

static char *
type_case_schema (const char *mode)
{
  return g_strdup_printf ("types_%s", mode);
}

static void
create_type_case_table (const TypeCase *tc,
                        const char     *schema)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  execf ("CREATE DATABASE IF NOT EXISTS %s", schema);
  execf ("DROP TABLE IF EXISTS %s.%s", schema, tc->name);

  g_string_append_printf (sql, "CREATE TABLE %s.%s (id INT NOT NULL PRIMARY KEY", schema,
                          tc->name);
  for (guint c = 0; c < MAX_COLUMNS && tc->columns[c].name != NULL; c++)
    g_string_append_printf (sql, ", %s %s", tc->columns[c].name, tc->columns[c].definition);
  g_string_append (sql, ")");
  if (tc->table_options != NULL)
    g_string_append_printf (sql, " %s", tc->table_options);
  exec (sql->str);
}

static guint
type_case_n_columns (const TypeCase *tc)
{
  guint n = 0;

  while (n < MAX_COLUMNS && tc->columns[n].name != NULL)
    n++;
  return n;
}

/* The rows of a case: the case's rows with ids 1..n_rows, then a row of
 * NULLs with id n_rows + 1. */
static void
insert_type_case_rows (const TypeCase *tc,
                       const char     *schema)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n_columns = type_case_n_columns (tc);

  g_string_append_printf (sql, "INSERT INTO %s.%s VALUES ", schema, tc->name);
  for (guint r = 0; r <= tc->n_rows; r++)
    {
      g_string_append_printf (sql, "%s(%u", r > 0 ? ", " : "", r + 1);
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (sql, ", %s", r < tc->n_rows ? tc->columns[c].values[r] : "NULL");
      g_string_append (sql, ")");
    }
  exec (sql->str);
}

/* How the server prints each value, for mysql_binlog_row_dup_string(), and
 * the raw bytes of each value, for the RAW cases. */
typedef struct
{
  char   *text[MAX_ROWS + 1][MAX_COLUMNS];
  GBytes *raw[MAX_ROWS + 1][MAX_COLUMNS];
  GBytes *wkb[MAX_ROWS + 1][MAX_COLUMNS];
} ServerValues;

static void
server_values_free (ServerValues *values)
{
  for (guint r = 0; r <= MAX_ROWS; r++)
    for (guint c = 0; c < MAX_COLUMNS; c++)
      {
        g_free (values->text[r][c]);
        g_clear_pointer (&values->raw[r][c], g_bytes_unref);
        g_clear_pointer (&values->wkb[r][c], g_bytes_unref);
      }
  g_free (values);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerValues, server_values_free)

static ServerValues *
read_server_values (const TypeCase *tc,
                    const char     *schema)
{
  ServerValues *values = g_new0 (ServerValues, 1);
  guint n_columns = type_case_n_columns (tc);

  /* TIMESTAMPs as the server prints them in UTC. */
  exec ("SET SESSION time_zone = '+00:00'");

  for (guint r = 0; r <= tc->n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const ColumnCase *cc = &tc->columns[c];
        g_autofree char *expr = NULL;
        g_autofree char *sql = NULL;

        if (cc->server_text == NULL || *cc->server_text != '\0')
          {
            /* The format comes from the table above. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            expr = g_strdup_printf (cc->server_text != NULL ? cc->server_text : "%s", cc->name);
#pragma GCC diagnostic pop
            sql = g_strdup_printf ("SELECT %s FROM %s.%s WHERE id = %u", expr, schema, tc->name,
                                   r + 1);
            values->text[r][c] = query_value (sql);
            g_clear_pointer (&sql, g_free);
          }

        if (r < tc->n_rows && g_strcmp0 (cc->expected[r], RAW) == 0)
          {
            sql = g_strdup_printf ("SELECT %s FROM %s.%s WHERE id = %u", cc->name, schema,
                                   tc->name, r + 1);
            values->raw[r][c] = query_bytes (sql);
            g_clear_pointer (&sql, g_free);
            sql = g_strdup_printf ("SELECT ST_AsBinary(%s) FROM %s.%s WHERE id = %u", cc->name,
                                   schema, tc->name, r + 1);
            values->wkb[r][c] = query_bytes (sql);
          }
      }

  exec ("SET SESSION time_zone = DEFAULT");
  return values;
}

static GVariant *
expected_value (const TypeCase     *tc,
                const ServerValues *values,
                guint               r,
                guint               c)
{
  const char *text;

  if (r >= tc->n_rows)
    return parse_variant ("@mv nothing");

  text = tc->columns[c].expected[r];
  if (g_strcmp0 (text, RAW) == 0)
    {
      g_assert_nonnull (values->raw[r][c]);
      return g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                           values->raw[r][c], TRUE));
    }
  return parse_variant (text);
}

/* Checks one row image of a case's row @r (id @id) through every accessor. */
static void
check_type_case_row (const TypeCase     *tc,
                     const char         *schema,
                     const ServerValues *values,
                     MysqlBinlogRow     *row,
                     guint               r,
                     guint               id)
{
  guint n_columns = type_case_n_columns (tc);
  g_autoptr(GVariant) dict = NULL;

  g_assert_cmpstr (mysql_binlog_row_get_schema (row), ==, schema);
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, tc->name);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, n_columns + 1);

  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "id");
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_LONG);
  g_assert_false (mysql_binlog_row_is_null (row, 0));
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, id);

  dict = mysql_binlog_row_to_variant (row);
  g_assert_true (g_variant_is_of_type (dict, G_VARIANT_TYPE ("a{sv}")));
  g_assert_cmpuint (g_variant_n_children (dict), ==, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    {
      const ColumnCase *cc = &tc->columns[c];
      guint i = c + 1;
      g_autoptr(GVariant) expected = expected_value (tc, values, r, c);
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GVariant) looked_up = NULL;
      g_autoptr(GVariant) from_dict = NULL;
      g_autofree char *what = g_strdup_printf ("%s.%s row %u column %s", schema, tc->name, id,
                                               cc->name);
      g_autofree char *text = NULL;
      gboolean is_null = r >= tc->n_rows;

      g_test_message ("%s", what);

      g_assert_cmpstr (mysql_binlog_row_get_column_name (row, i), ==, cc->name);
      g_assert_cmpint (mysql_binlog_row_get_column_index (row, cc->name), ==, i);
      if (cc->type != 0)
        g_assert_cmpint (mysql_binlog_row_get_column_type (row, i), ==, cc->type);
      g_assert_cmpint (mysql_binlog_row_is_null (row, i), ==, is_null);

      value = mysql_binlog_row_get_value (row, i);
      assert_variant_equal (value, expected, what);

      looked_up = mysql_binlog_row_lookup (row, cc->name);
      assert_variant_equal (looked_up, expected, what);

      from_dict = g_variant_lookup_value (dict, cc->name, NULL);
      assert_variant_equal (from_dict, expected, what);

      text = mysql_binlog_row_dup_string (row, i);
      if (is_null)
        {
          g_assert_null (text);
          g_assert_null (values->text[r][c]);
          continue;
        }
      g_assert_nonnull (text);

      /* dup_string() prints values the way the server does. */
      if (cc->server_text == NULL || *cc->server_text != '\0')
        {
          if (g_strcmp0 (text, values->text[r][c]) != 0)
            g_test_fail_printf ("%s: dup_string gave “%s”, the server prints “%s”", what,
                                text, values->text[r][c]);
        }

      /* The typed accessors agree with the variant. */
      if (g_variant_is_of_type (expected, G_VARIANT_TYPE_INT64))
        {
          g_assert_cmpint (mysql_binlog_row_get_int64 (row, i), ==, g_variant_get_int64 (expected));
          g_assert_false (mysql_binlog_row_get_column_is_unsigned (row, i));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_UINT64))
        {
          g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, i), ==,
                            g_variant_get_uint64 (expected));
          if (cc->type != MYSQL_BINLOG_COLUMN_TYPE_BIT)
            g_assert_true (mysql_binlog_row_get_column_is_unsigned (row, i));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_DOUBLE))
        {
          g_assert_cmpfloat (mysql_binlog_row_get_double (row, i), ==,
                             g_variant_get_double (expected));
          g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, g_variant_get_double (expected));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_STRING))
        {
          g_assert_cmpstr (text, ==, g_variant_get_string (expected, NULL));
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_BYTESTRING))
        {
          g_autoptr(GBytes) bytes = mysql_binlog_row_get_bytes (row, i);
          g_autoptr(GBytes) expected_bytes = g_variant_get_data_as_bytes (expected);

          g_assert_nonnull (bytes);
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           g_bytes_get_data (expected_bytes, NULL),
                           g_bytes_get_size (expected_bytes));

          /* GEOMETRY: a 4-byte SRID, then the WKB that ST_AsBinary() gives. */
          if (values->wkb[r][c] != NULL)
            {
              gsize size = g_bytes_get_size (bytes);
              const guint8 *data = g_bytes_get_data (bytes, NULL);

              g_assert_cmpuint (size, >, 4);
              g_assert_cmpmem (data + 4, size - 4, g_bytes_get_data (values->wkb[r][c], NULL),
                               g_bytes_get_size (values->wkb[r][c]));
            }
        }
      else if (g_variant_is_of_type (expected, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **members = g_variant_get_strv (expected, NULL);
          g_autofree char *joined = g_strjoinv (",", (char **) members);

          g_assert_cmpstr (text, ==, joined);
        }
    }
}

/* Rows of the other images of binlog_row_image=MINIMAL: the key only. */
static void
check_key_only_row (const TypeCase *tc,
                    const char     *schema,
                    MysqlBinlogRow *row,
                    guint           id)
{
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_cmpstr (mysql_binlog_row_get_schema (row), ==, schema);
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, tc->name);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 1);
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "id");
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, id);
  dict = mysql_binlog_row_to_variant (row);
  g_assert_cmpuint (g_variant_n_children (dict), ==, 1);
  value = g_variant_lookup_value (dict, "id", G_VARIANT_TYPE_INT64);
  g_assert_nonnull (value);
  g_assert_cmpint (g_variant_get_int64 (value), ==, id);
  if (type_case_n_columns (tc) > 0)
    g_assert_cmpint (mysql_binlog_row_get_column_index (row, tc->columns[0].name), ==, -1);
}

/* The rows of one table a capture holds, as text. */
static char *
capture_transcript (Capture    *capture,
                    const char *schema,
                    const char *table)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *signal = g_ptr_array_index (capture->signals, i);
      g_autoptr(GVariant) row = NULL;
      g_autofree char *text = NULL;

      if (signal->row == NULL || !row_is_table (signal->row, schema, table))
        continue;
      row = mysql_binlog_row_to_variant (signal->row);
      text = g_variant_print (row, TRUE);
      g_string_append_printf (out, "%d %s", signal->kind, text);
      if (signal->after != NULL)
        {
          g_autoptr(GVariant) after = mysql_binlog_row_to_variant (signal->after);
          g_autofree char *after_text = g_variant_print (after, TRUE);

          g_string_append_printf (out, " -> %s", after_text);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The server's binary log file, read offline, gives the rows the live
 * stream gave. */
static void
check_offline_rows (Capture             *live,
                    MysqlBinlogPosition *start,
                    const char          *schema,
                    const char          *table)
{
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog",
                                            mysql_binlog_position_get_file (start), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) offline = NULL;
  g_autofree char *qualified = g_strdup_printf ("%s.%s", schema, table);
  const char *only[] = { qualified, NULL };
  g_autofree char *live_text = NULL;
  g_autofree char *offline_text = NULL;

  exec ("FLUSH BINARY LOGS");
  stream = mysql_binlog_stream_new_for_file (file);
  mysql_binlog_stream_set_only_tables (stream, only);
  offline = capture_run (stream);
  live_text = capture_transcript (live, schema, table);
  offline_text = capture_transcript (offline, schema, table);
  g_assert_cmpstr (live_text, !=, "");
  g_assert_cmpstr (offline_text, ==, live_text);
}

static void
test_type_case (gconstpointer user_data)
{
  const TypeCaseData *data = user_data;
  const TypeCase *tc = data->type_case;
  g_autofree char *schema = type_case_schema (data->mode);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(ServerValues) values = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  guint n_rows = tc->n_rows + 1;
  Signal *last;

  execf ("SET GLOBAL binlog_row_metadata = '%s'", data->mode);
  create_type_case_table (tc, schema);

  start = test_server_master_position (server);
  if (tc->session != NULL)
    exec (tc->session);
  insert_type_case_rows (tc, schema);
  values = read_server_values (tc, schema);
  if (tc->session != NULL)
    exec (tc->session);
  /* One statement changes every row, another deletes them all: the before
   * and after images carry every value again. */
  execf ("UPDATE %s.%s SET id = id + 100 ORDER BY id", schema, tc->name);
  execf ("DELETE FROM %s.%s ORDER BY id", schema, tc->name);
  exec ("SET SESSION sql_mode = DEFAULT, time_zone = DEFAULT");
  end = test_server_master_position (server);

  capture = capture_from (start);

  inserted = capture_rows (capture, KIND_INSERT, schema, tc->name);
  updated = capture_rows (capture, KIND_UPDATE, schema, tc->name);
  deleted = capture_rows (capture, KIND_DELETE, schema, tc->name);
  g_assert_cmpuint (inserted->len, ==, n_rows);
  g_assert_cmpuint (updated->len, ==, n_rows);
  g_assert_cmpuint (deleted->len, ==, n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      Signal *ins = g_ptr_array_index (inserted, r);
      Signal *upd = g_ptr_array_index (updated, r);
      Signal *del = g_ptr_array_index (deleted, r);

      check_type_case_row (tc, schema, values, ins->row, r, r + 1);
      g_assert_nonnull (upd->after);
      if (row_image_minimal)
        {
          /* The key identifies the row; only the key changed. */
          check_key_only_row (tc, schema, upd->row, r + 1);
          check_key_only_row (tc, schema, upd->after, r + 101);
          check_key_only_row (tc, schema, del->row, r + 101);
          continue;
        }
      check_type_case_row (tc, schema, values, upd->row, r, r + 1);
      check_type_case_row (tc, schema, values, upd->after, r, r + 101);
      check_type_case_row (tc, schema, values, del->row, r, r + 101);
    }

  if (log_bin_compress)
    {
      guint n_compressed = 0;

      for (guint i = 0; i < capture->events->len; i++)
        {
          MysqlBinlogEvent *event = g_ptr_array_index (capture->events, i);

          switch (mysql_binlog_event_get_event_type (event))
            {
            case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1:
            case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1:
            case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1:
            case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED:
            case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED:
            case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED:
              n_compressed++;
              break;
            default:
              break;
            }
        }
      /* Rows events large enough came compressed. */
      g_assert_cmpuint (n_compressed, >=, 1);
    }

  /* With the full metadata in the table maps, the file alone describes
   * the rows as well as the server does. */
  if (g_strcmp0 (data->mode, "FULL") == 0)
    check_offline_rows (capture, start, schema, tc->name);

  /* The run ended at the end of the log, after a position at its end. */
  last = capture_last_position (capture);
  g_assert_nonnull (last);
  g_assert_true (mysql_binlog_position_equal (last->position, end));
}

/* }}} */

/* {{{ NULLs in wide tables */

/* A column of a wide table: INT, BIGINT or VARCHAR by position, so that
 * values of different sizes follow each other. */
static const char *
wide_column_type (guint i)
{
  switch (i % 3)
    {
    case 0:
      return "VARCHAR(12)";
    case 1:
      return "INT";
    default:
      return "BIGINT";
    }
}

static char *
wide_value_sql (guint i,
                guint row)
{
  if (i % 3 == 0)
    return g_strdup_printf ("'v%u_%u'", i, row);
  return g_strdup_printf ("%u", i * 1000 + row);
}

static GVariant *
wide_value_variant (guint i,
                    guint row)
{
  if (i % 3 == 0)
    return g_variant_ref_sink (g_variant_new_take_string (g_strdup_printf ("v%u_%u", i, row)));
  return g_variant_ref_sink (g_variant_new_int64 (i * 1000 + row));
}

typedef struct
{
  guint        n_columns;
  const char  *mode;
} WideData;

/* Which columns (1-based) of row @row are NULL. */
static gboolean
wide_is_null (guint n_columns,
              guint row,
              guint i)
{
  switch (row)
    {
    case 1: /* none */
      return FALSE;
    case 2: /* all */
      return TRUE;
    case 3: /* the first and the last */
      return i == 1 || i == n_columns;
    case 4: /* around the byte boundaries of the NULL bitmap */
      return i == 7 || i == 8 || i == 9 || i == 16 || i == 17 || i == 63 || i == 64 || i == 65;
    case 5: /* every other one */
      return i % 2 == 0;
    default: /* every third one, from the second */
      return i % 3 == 2;
    }
}

#define WIDE_ROWS 6

static void
check_wide_row (MysqlBinlogRow *row,
                guint           n_columns,
                guint           id,
                guint           pattern,
                guint           value_row)
{
  g_autoptr(GVariant) dict = mysql_binlog_row_to_variant (row);

  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, n_columns + 1);
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, id);
  g_assert_cmpuint (g_variant_n_children (dict), ==, n_columns + 1);

  for (guint i = 1; i <= n_columns; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_autofree char *what = g_strdup_printf ("row %u column %s", id, name);
      g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);
      g_autoptr(GVariant) from_dict = g_variant_lookup_value (dict, name, NULL);
      g_autoptr(GVariant) expected = NULL;
      gboolean is_null = wide_is_null (n_columns, pattern, i);

      g_assert_cmpstr (mysql_binlog_row_get_column_name (row, i), ==, name);
      g_assert_cmpint (mysql_binlog_row_is_null (row, i), ==, is_null);
      if (is_null)
        expected = parse_variant ("@mv nothing");
      else
        expected = wide_value_variant (i, value_row);
      assert_variant_equal (value, expected, what);
      assert_variant_equal (from_dict, expected, what);
    }
}

static void
test_wide_nulls (gconstpointer user_data)
{
  const WideData *data = user_data;
  guint n = data->n_columns;
  g_autofree char *table = g_strdup_printf ("wide%u", n);
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  const char *schema = "nulls";

  execf ("SET GLOBAL binlog_row_metadata = '%s'", data->mode);
  exec ("CREATE DATABASE IF NOT EXISTS nulls");
  execf ("DROP TABLE IF EXISTS nulls.%s", table);
  g_string_append_printf (create, "CREATE TABLE nulls.%s (id INT PRIMARY KEY", table);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (create, ", c%u %s NULL", i, wide_column_type (i));
  g_string_append (create, ")");
  exec (create->str);

  g_string_append_printf (insert, "INSERT INTO nulls.%s VALUES ", table);
  for (guint row = 1; row <= WIDE_ROWS; row++)
    {
      g_string_append_printf (insert, "%s(%u", row > 1 ? ", " : "", row);
      for (guint i = 1; i <= n; i++)
        {
          g_autofree char *value = wide_value_sql (i, row);

          g_string_append_printf (insert, ", %s", wide_is_null (n, row, i) ? "NULL" : value);
        }
      g_string_append (insert, ")");
    }

  /* The update swaps the NULL patterns of rows 1 and 2 (none and all), and
   * of the others: the before and after images differ in their bitmaps. */
  g_string_append_printf (update, "UPDATE nulls.%s SET ", table);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *value = wide_value_sql (i, 7);

      g_string_append_printf (update, "%sc%u = IF(c%u IS NULL, %s, NULL)", i > 1 ? ", " : "",
                              i, i, value);
    }
  g_string_append (update, " ORDER BY id");

  start = test_server_master_position (server);
  exec (insert->str);
  exec (update->str);
  capture = capture_from (start);

  inserted = capture_rows (capture, KIND_INSERT, schema, table);
  updated = capture_rows (capture, KIND_UPDATE, schema, table);
  g_assert_cmpuint (inserted->len, ==, WIDE_ROWS);
  g_assert_cmpuint (updated->len, ==, WIDE_ROWS);

  for (guint row = 1; row <= WIDE_ROWS; row++)
    {
      Signal *ins = g_ptr_array_index (inserted, row - 1);
      Signal *upd = g_ptr_array_index (updated, row - 1);

      check_wide_row (ins->row, n, row, row, row);
      if (row_image_minimal)
        {
          /* Before: the key; after: every column, as every one changed,
           * but not the unchanged key. */
          g_autoptr(GVariant) key = mysql_binlog_row_lookup (upd->row, "id");

          g_assert_cmpuint (mysql_binlog_row_get_n_columns (upd->row), ==, 1);
          g_assert_cmpint (g_variant_get_int64 (key), ==, row);
          g_assert_cmpuint (mysql_binlog_row_get_n_columns (upd->after), ==, n);
          g_assert_cmpint (mysql_binlog_row_get_column_index (upd->after, "id"), ==, -1);
          for (guint i = 1; i <= n; i++)
            {
              g_autofree char *name = g_strdup_printf ("c%u", i);
              g_autoptr(GVariant) value = mysql_binlog_row_lookup (upd->after, name);
              g_autoptr(GVariant) expected = NULL;

              if (wide_is_null (n, row, i))
                expected = wide_value_variant (i, 7);
              else
                expected = parse_variant ("@mv nothing");
              g_assert_cmpint (mysql_binlog_row_get_column_index (upd->after, name), ==, i - 1);
              assert_variant_equal (value, expected, name);
            }
          continue;
        }
      check_wide_row (upd->row, n, row, row, row);

      /* After: the columns that were NULL hold row 7's values, the others
       * are NULL. */
      {
        g_autoptr(GVariant) dict = mysql_binlog_row_to_variant (upd->after);

        g_assert_cmpuint (mysql_binlog_row_get_n_columns (upd->after), ==, n + 1);
        for (guint i = 1; i <= n; i++)
          {
            g_autoptr(GVariant) value = mysql_binlog_row_get_value (upd->after, i);
            g_autoptr(GVariant) expected = NULL;
            g_autofree char *what = g_strdup_printf ("after image of row %u column c%u", row, i);

            if (wide_is_null (n, row, i))
              expected = wide_value_variant (i, 7);
            else
              expected = parse_variant ("@mv nothing");
            assert_variant_equal (value, expected, what);
            g_assert_cmpint (mysql_binlog_row_is_null (upd->after, i), ==,
                             !wide_is_null (n, row, i));
          }
      }
    }
}

/* }}} */

/* {{{ Statements, transactions, positions */

static void
setup_shop (void)
{
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
  exec ("CREATE DATABASE IF NOT EXISTS shop");
  exec ("DROP TABLE IF EXISTS shop.orders, shop.items, shop.audit");
  exec ("CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40), "
        "total DECIMAL(10,2), status ENUM('new','paid','shipped'))");
  exec ("CREATE TABLE shop.items (order_id INT, sku VARCHAR(20), qty INT UNSIGNED, "
        "PRIMARY KEY (order_id, sku))");
  exec ("CREATE TABLE shop.audit (id INT AUTO_INCREMENT PRIMARY KEY, note TEXT)");
}

static void
assert_row_values (MysqlBinlogRow *row,
                   const char     *expected_text)
{
  g_autoptr(GVariant) dict = mysql_binlog_row_to_variant (row);
  g_autoptr(GVariant) expected = parse_variant (expected_text);

  assert_variant_equal (dict, expected, mysql_binlog_row_get_table (row));
}

static void
test_insert_update_delete (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(Capture) capture = NULL;
  Signal *s;
  guint n = 0;
  GPtrArray *rows = NULL;

  setup_shop ();
  start = test_server_master_position (server);

  exec ("INSERT INTO shop.orders VALUES (1, 'alice', 10.50, 'new'), "
        "(2, 'bob', 0.99, 'new'), (3, 'carol', NULL, 'paid')");
  exec ("UPDATE shop.orders SET status = 'shipped', total = total + 1 WHERE id IN (1, 2)");
  exec ("DELETE FROM shop.orders WHERE id = 3");
  capture = capture_from (start);

  rows = g_ptr_array_new ();
  for (guint i = 0; i < capture->signals->len; i++)
    {
      s = g_ptr_array_index (capture->signals, i);
      if (s->kind != KIND_POSITION)
        g_ptr_array_add (rows, s);
    }
  g_assert_cmpuint (rows->len, ==, 6);

  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_INSERT);
  assert_row_values (s->row, "{'id': <int64 1>, 'customer': <'alice'>, 'total': <'10.50'>, "
                             "'status': <'new'>}");
  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_INSERT);
  assert_row_values (s->row, "{'id': <int64 2>, 'customer': <'bob'>, 'total': <'0.99'>, "
                             "'status': <'new'>}");
  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_INSERT);
  assert_row_values (s->row, "{'id': <int64 3>, 'customer': <'carol'>, "
                             "'total': <@mv nothing>, 'status': <'paid'>}");

  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_UPDATE);
  assert_row_values (s->row, "{'id': <int64 1>, 'customer': <'alice'>, 'total': <'10.50'>, "
                             "'status': <'new'>}");
  assert_row_values (s->after, "{'id': <int64 1>, 'customer': <'alice'>, 'total': <'11.50'>, "
                               "'status': <'shipped'>}");
  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_UPDATE);
  assert_row_values (s->row, "{'id': <int64 2>, 'customer': <'bob'>, 'total': <'0.99'>, "
                             "'status': <'new'>}");
  assert_row_values (s->after, "{'id': <int64 2>, 'customer': <'bob'>, 'total': <'1.99'>, "
                               "'status': <'shipped'>}");

  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_DELETE);
  assert_row_values (s->row, "{'id': <int64 3>, 'customer': <'carol'>, "
                             "'total': <@mv nothing>, 'status': <'paid'>}");

  g_ptr_array_unref (rows);
}

/* A transaction over two tables: its rows in statement order, no position
 * between them, one after the commit; the last position is the server's. */
static void
test_transaction_positions (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) after_first = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(MysqlBinlogPosition) stream_position = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  Signal *last;

  setup_shop ();
  start = test_server_master_position (server);

  exec ("INSERT INTO shop.audit (note) VALUES ('before')");
  after_first = test_server_master_position (server);
  exec ("BEGIN;"
        "INSERT INTO shop.orders VALUES (10, 'dave', 5.00, 'new'), (11, 'erin', 6.00, 'new');"
        "INSERT INTO shop.items VALUES (10, 'apple', 3), (11, 'pear', 1);"
        "UPDATE shop.orders SET status = 'paid' WHERE id = 10;"
        "DELETE FROM shop.items WHERE order_id = 11;"
        "COMMIT");
  end = test_server_master_position (server);

  stream = new_stream_at (start);
  capture = capture_run (stream);

  /* Record the order: I, U, D for rows (with the table's initial), P for
   * positions. */
  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *s = g_ptr_array_index (capture->signals, i);

      switch (s->kind)
        {
        case KIND_INSERT:
          g_string_append_printf (order, "I%c", mysql_binlog_row_get_table (s->row)[0]);
          break;
        case KIND_UPDATE:
          g_string_append_printf (order, "U%c", mysql_binlog_row_get_table (s->row)[0]);
          break;
        case KIND_DELETE:
          g_string_append_printf (order, "D%c", mysql_binlog_row_get_table (s->row)[0]);
          break;
        case KIND_POSITION:
          g_string_append_c (order, 'P');
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_test_message ("signal order: %s", order->str);

  /* Positions may come before the first transaction (the start of the
   * log); after that, exactly one per commit. */
  {
    const char *rows = order->str;

    while (*rows == 'P')
      rows++;
    g_assert_cmpstr (rows, ==, "IaP" "IoIoIiIiUoDiP");
  }

  /* The position after each commit is where the next transaction starts. */
  {
    guint n_positions = 0;
    Signal *first_commit = NULL;

    for (guint i = 0; i < capture->signals->len; i++)
      {
        Signal *s = g_ptr_array_index (capture->signals, i);

        if (s->kind != KIND_POSITION)
          continue;
        if (i > 0 && ((Signal *) g_ptr_array_index (capture->signals, i - 1))->kind == KIND_INSERT
            && first_commit == NULL)
          first_commit = s;
        n_positions++;
      }
    g_assert_nonnull (first_commit);
    g_assert_true (mysql_binlog_position_equal (first_commit->position, after_first));
    g_assert_cmpuint (n_positions, >=, 2);
  }

  last = capture_last_position (capture);
  g_assert_nonnull (last);
  g_assert_cmpstr (mysql_binlog_position_get_file (last->position), ==,
                   mysql_binlog_position_get_file (end));
  g_assert_cmpuint (mysql_binlog_position_get_offset (last->position), ==,
                    mysql_binlog_position_get_offset (end));

  stream_position = mysql_binlog_stream_get_position (stream);
  g_assert_nonnull (stream_position);
  g_assert_true (mysql_binlog_position_equal (stream_position, end));
}

/* The binlog signal sees every event; its positions chain up to the end. */
static void
test_binlog_events (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(Capture) capture = NULL;
  gboolean seen_table_map = FALSE, seen_write = FALSE, seen_xid = FALSE, seen_query = FALSE;
  MysqlBinlogEvent *last_event = NULL;

  setup_shop ();
  start = test_server_master_position (server);
  exec ("INSERT INTO shop.audit (note) VALUES ('event test')");
  end = test_server_master_position (server);
  capture = capture_from (start);

  g_assert_cmpuint (capture->events->len, >, 0);
  for (guint i = 0; i < capture->events->len; i++)
    {
      MysqlBinlogEvent *event = g_ptr_array_index (capture->events, i);
      g_autofree char *dump = mysql_binlog_event_dump (event);

      g_assert_nonnull (dump);
      g_assert_cmpstr (dump, !=, "");
      g_assert_nonnull (mysql_binlog_event_get_type_name (event));

      switch ((int) mysql_binlog_event_get_event_type (event))
        {
        case MYSQL_BINLOG_EVENT_TABLE_MAP:
          seen_table_map = TRUE;
          g_assert_cmpstr (mysql_binlog_event_get_schema (event), ==, "shop");
          g_assert_cmpstr (mysql_binlog_event_get_table (event), ==, "audit");
          break;
        case MYSQL_BINLOG_EVENT_WRITE_ROWS:
        case MYSQL_BINLOG_EVENT_WRITE_ROWS_V1:
          seen_write = TRUE;
          break;
        case MYSQL_BINLOG_EVENT_XID:
          seen_xid = TRUE;
          break;
        case MYSQL_BINLOG_EVENT_QUERY:
          seen_query = TRUE;
          break;
        default:
          break;
        }

      if (mysql_binlog_event_get_next_position (event) != 0)
        last_event = event;
    }

  g_assert_true (seen_table_map);
  g_assert_true (seen_write);
  g_assert_true (seen_xid);
  (void) seen_query;

  g_assert_nonnull (last_event);
  g_assert_cmpuint (mysql_binlog_event_get_server_id (last_event), ==, 1);
  g_assert_cmpuint (mysql_binlog_event_get_next_position (last_event), ==,
                    mysql_binlog_position_get_offset (end));
}

typedef struct
{
  guint all;
  guint detailed;
  guint detailed_updates;
  guint detailed_deletes;
  gboolean wrong_table;
} DetailCounts;

static void
on_detailed_inserted (MysqlBinlogStream *stream,
                      MysqlBinlogRow    *row,
                      gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->detailed++;
  if (!row_is_table (row, "shop", "orders"))
    counts->wrong_table = TRUE;
}

static void
on_detailed_updated (MysqlBinlogStream *stream,
                     MysqlBinlogRow    *before,
                     MysqlBinlogRow    *after,
                     gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->detailed_updates++;
  if (!row_is_table (before, "shop", "orders") || !row_is_table (after, "shop", "orders"))
    counts->wrong_table = TRUE;
}

static void
on_detailed_deleted (MysqlBinlogStream *stream,
                     MysqlBinlogRow    *row,
                     gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->detailed_deletes++;
  if (!row_is_table (row, "shop", "orders"))
    counts->wrong_table = TRUE;
}

static void
on_any_inserted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->all++;
}

static void
test_detailed_signal (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  DetailCounts counts = { 0, };

  setup_shop ();
  start = test_server_master_position (server);
  exec ("BEGIN;"
        "INSERT INTO shop.orders VALUES (20, 'x', 1, 'new'), (21, 'y', 2, 'new');"
        "INSERT INTO shop.items VALUES (20, 'a', 1), (20, 'b', 2), (21, 'c', 3);"
        "INSERT INTO shop.audit (note) VALUES ('n');"
        "UPDATE shop.items SET qty = qty + 1;"
        "UPDATE shop.orders SET total = 3 WHERE id = 20;"
        "DELETE FROM shop.items;"
        "DELETE FROM shop.orders WHERE id = 21;"
        "COMMIT");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted::shop.orders", G_CALLBACK (on_detailed_inserted),
                    &counts);
  g_signal_connect (stream, "rows-updated::shop.orders", G_CALLBACK (on_detailed_updated),
                    &counts);
  g_signal_connect (stream, "rows-deleted::shop.orders", G_CALLBACK (on_detailed_deleted),
                    &counts);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_any_inserted), &counts);
  /* A detail nobody writes to. */
  g_signal_connect (stream, "rows-inserted::shop.nothing", G_CALLBACK (on_detailed_inserted),
                    &counts);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (counts.wrong_table);
  g_assert_cmpuint (counts.detailed, ==, 2);
  g_assert_cmpuint (counts.detailed_updates, ==, 1);
  g_assert_cmpuint (counts.detailed_deletes, ==, 1);
  g_assert_cmpuint (counts.all, ==, 6);
}

/* A detailed handler alone: the rows of other tables are not even needed. */
static void
test_detailed_signal_only (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  DetailCounts counts = { 0, };

  setup_shop ();
  start = test_server_master_position (server);
  exec ("INSERT INTO shop.items VALUES (30, 'a', 1)");
  exec ("INSERT INTO shop.orders VALUES (30, 'z', 1, 'new')");
  exec ("INSERT INTO shop.items VALUES (31, 'b', 1)");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted::shop.orders", G_CALLBACK (on_detailed_inserted),
                    &counts);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (counts.wrong_table);
  g_assert_cmpuint (counts.detailed, ==, 1);
}

/* }}} */

/* {{{ Filters */

static void
setup_filter_tables (void)
{
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
  exec ("CREATE DATABASE IF NOT EXISTS filt");
  exec ("CREATE DATABASE IF NOT EXISTS other");
  exec ("DROP TABLE IF EXISTS filt.keep, filt.drop1, filt.drop2, other.keep, other.misc");
  exec ("CREATE TABLE filt.keep (id INT PRIMARY KEY)");
  exec ("CREATE TABLE filt.drop1 (id INT PRIMARY KEY)");
  exec ("CREATE TABLE filt.drop2 (id INT PRIMARY KEY)");
  exec ("CREATE TABLE other.keep (id INT PRIMARY KEY)");
  exec ("CREATE TABLE other.misc (id INT PRIMARY KEY)");
}

static void
write_filter_rows (void)
{
  exec ("INSERT INTO filt.keep VALUES (1);"
        "INSERT INTO filt.drop1 VALUES (2);"
        "INSERT INTO filt.drop2 VALUES (3);"
        "INSERT INTO other.keep VALUES (4);"
        "INSERT INTO other.misc VALUES (5);"
        "UPDATE filt.drop1 SET id = 20;"
        "UPDATE other.misc SET id = 50;"
        "DELETE FROM filt.drop2;"
        "DELETE FROM other.keep");
}

typedef struct
{
  const char *name;
  const char *property;
  const char *patterns[4];
  const char *expected; /* the tables of the rows received, in order */
} FilterCase;

static const FilterCase filter_cases[] = {
  { "none", NULL, { NULL },
    "I filt.keep,I filt.drop1,I filt.drop2,I other.keep,I other.misc,"
    "U filt.drop1,U other.misc,D filt.drop2,D other.keep" },
  { "only-tables", "only-tables", { "filt.keep", "other.misc", NULL },
    "I filt.keep,I other.misc,U other.misc" },
  { "only-tables-glob", "only-tables", { "filt.drop*", NULL },
    "I filt.drop1,I filt.drop2,U filt.drop1,D filt.drop2" },
  { "only-tables-schema-glob", "only-tables", { "*.keep", NULL },
    "I filt.keep,I other.keep,D other.keep" },
  { "ignored-tables", "ignored-tables", { "filt.drop*", "other.keep", NULL },
    "I filt.keep,I other.misc,U other.misc" },
  { "only-schemas", "only-schemas", { "other", NULL },
    "I other.keep,I other.misc,U other.misc,D other.keep" },
  { "ignored-schemas", "ignored-schemas", { "other", NULL },
    "I filt.keep,I filt.drop1,I filt.drop2,U filt.drop1,D filt.drop2" },
};

static void
test_filter (gconstpointer user_data)
{
  const FilterCase *fc = user_data;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GString) got = g_string_new (NULL);

  setup_filter_tables ();
  start = test_server_master_position (server);
  write_filter_rows ();

  stream = new_stream_at (start);
  if (fc->property != NULL)
    {
      g_auto(GStrv) read_back = NULL;

      g_object_set (stream, fc->property, fc->patterns, NULL);
      g_object_get (stream, fc->property, &read_back, NULL);
      g_assert_nonnull (read_back);
      g_assert_cmpstr (read_back[0], ==, fc->patterns[0]);
    }
  capture = capture_run (stream);

  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *s = g_ptr_array_index (capture->signals, i);
      const char *kind = s->kind == KIND_INSERT ? "I" : s->kind == KIND_UPDATE ? "U" : "D";

      if (s->kind == KIND_POSITION)
        continue;
      g_string_append_printf (got, "%s%s %s.%s", got->len > 0 ? "," : "", kind,
                              mysql_binlog_row_get_schema (s->row),
                              mysql_binlog_row_get_table (s->row));
    }
  g_assert_cmpstr (got->str, ==, fc->expected);
}

/* }}} */

/* {{{ Running and stopping */

/* A non-blocking stream from the current end returns at once, with
 * nothing. */
/* A MariaDB GTID list as the start position: the stream begins with the
 * first transaction after it, whatever file it is in. */
static void
test_start_at_gtid (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gtid = NULL;
  Capture *capture;
  Signal *s;

  setup_shop ();
  exec ("INSERT INTO shop.orders VALUES (40, 'before', 1, 'new')");
  gtid = test_server_query_value (server, "SELECT @@global.gtid_binlog_pos", &error);
  g_assert_no_error (error);
  g_assert_nonnull (gtid);
  exec ("FLUSH BINARY LOGS");
  exec ("INSERT INTO shop.orders VALUES (41, 'after', 2, 'paid')");

  start = mysql_binlog_position_new_for_gtid_set (gtid);
  capture = capture_from (start);
  inserted = capture_rows (capture, KIND_INSERT, "shop", "orders");
  g_assert_cmpuint (inserted->len, ==, 1);
  s = g_ptr_array_index (inserted, 0);
  assert_row_values (s->row, "{'id': <int64 41>, 'customer': <'after'>, 'total': <'2.00'>, "
                             "'status': <'paid'>}");
  capture_free (capture);
}

static void
test_nonblocking_at_end (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  gint64 begin = g_get_monotonic_time ();

  start = test_server_master_position (server);
  stream = new_stream_at (start);
  g_assert_false (mysql_binlog_stream_get_blocking (stream));
  capture = capture_run (stream);

  g_assert_cmpuint (capture_count (capture, KIND_INSERT), ==, 0);
  g_assert_cmpuint (capture_count (capture, KIND_UPDATE), ==, 0);
  g_assert_cmpuint (capture_count (capture, KIND_DELETE), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - begin, <, 10 * G_USEC_PER_SEC);

  position = mysql_binlog_stream_get_position (stream);
  g_assert_nonnull (position);
  g_assert_true (mysql_binlog_position_equal (position, start));
}

/* Without a start position, a non-blocking stream starts at the current end
 * and ends there at once. */
static void
test_nonblocking_no_start (void)
{
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;

  setup_shop ();
  exec ("INSERT INTO shop.audit (note) VALUES ('old news')");
  end = test_server_master_position (server);

  stream = test_server_new_stream (server);
  g_assert_null (mysql_binlog_stream_get_start_position (stream));
  capture = capture_run (stream);
  g_assert_cmpuint (capture_count (capture, KIND_INSERT), ==, 0);
}

static void
count_notify (guint *notified)
{
  (*notified)++;
}

static void
test_properties (void)
{
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_position_new ("mariadb-bin.000001", 4);
  g_autoptr(MysqlBinlogPosition) read_back = NULL;
  g_autofree char *host = NULL;
  guint port = 0;
  gboolean blocking = FALSE;
  GParamSpec *pspec;

  g_assert_true (mysql_binlog_stream_get_blocking (stream));
  g_assert_cmpuint (mysql_binlog_stream_get_port (stream), ==, 3306);

  g_object_set (stream, "host", "db.example.com", "port", 3307, "user", "replica",
                "password", "secret", "server-id", 4242, "blocking", FALSE,
                "start-position", position, NULL);
  g_object_get (stream, "host", &host, "port", &port, "blocking", &blocking,
                "start-position", &read_back, NULL);
  g_assert_cmpstr (host, ==, "db.example.com");
  g_assert_cmpuint (port, ==, 3307);
  g_assert_false (blocking);
  g_assert_true (mysql_binlog_position_equal (read_back, position));
  g_assert_cmpstr (mysql_binlog_stream_get_user (stream), ==, "replica");
  g_assert_cmpuint (mysql_binlog_stream_get_server_id (stream), ==, 4242);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (stream), "password");
  g_assert_nonnull (pspec);
  g_assert_false (pspec->flags & G_PARAM_READABLE);
  g_assert_true (pspec->flags & G_PARAM_WRITABLE);

  /* Replication settings: the defaults, the accessors and the properties
   * agree, and a setter notifies only a change. */
  g_assert_cmpuint (mysql_binlog_stream_get_heartbeat_period (stream), ==, 30000);
  g_assert_cmpint (mysql_binlog_stream_get_reconnect_attempts (stream), ==, 0);
  g_assert_cmpuint (mysql_binlog_stream_get_reconnect_delay (stream), ==, 500);
  g_assert_cmpuint (mysql_binlog_stream_get_reconnect_max_delay (stream), ==, 30000);
  g_assert_cmpuint (mysql_binlog_stream_get_save_interval (stream), ==, 0);
  g_assert_cmpuint (mysql_binlog_stream_get_save_transactions (stream), ==, 1);
  g_assert_null (mysql_binlog_stream_get_file (stream));
  {
    guint notified = 0;
    gint attempts = 0;
    guint delay = 0;
    gulong id = g_signal_connect_swapped (stream, "notify", G_CALLBACK (count_notify), &notified);

    mysql_binlog_stream_set_heartbeat_period (stream, 1500);
    mysql_binlog_stream_set_heartbeat_period (stream, 1500);
    mysql_binlog_stream_set_reconnect_attempts (stream, -1);
    mysql_binlog_stream_set_reconnect_delay (stream, 250);
    mysql_binlog_stream_set_reconnect_max_delay (stream, 4000);
    mysql_binlog_stream_set_save_interval (stream, 10000);
    mysql_binlog_stream_set_save_transactions (stream, 100);
    g_assert_cmpuint (notified, ==, 6);
    g_signal_handler_disconnect (stream, id);

    g_object_get (stream, "reconnect-attempts", &attempts, "reconnect-delay", &delay, NULL);
    g_assert_cmpint (attempts, ==, -1);
    g_assert_cmpuint (delay, ==, 250);
    g_assert_cmpuint (mysql_binlog_stream_get_heartbeat_period (stream), ==, 1500);
    g_assert_cmpuint (mysql_binlog_stream_get_reconnect_max_delay (stream), ==, 4000);
    g_assert_cmpuint (mysql_binlog_stream_get_save_interval (stream), ==, 10000);
    g_assert_cmpuint (mysql_binlog_stream_get_save_transactions (stream), ==, 100);
    g_object_set (stream, "save-transactions", 7, NULL);
    g_assert_cmpuint (mysql_binlog_stream_get_save_transactions (stream), ==, 7);
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/mariadb-bin.000001");
    g_autoptr(MysqlBinlogStream) file_stream = mysql_binlog_stream_new_for_file (file);

    g_assert_true (mysql_binlog_stream_get_file (file_stream) == file);
  }
}

static void
on_insert_stop (MysqlBinlogStream *stream,
                MysqlBinlogRow    *row,
                gpointer           user_data)
{
  guint *n = user_data;

  (*n)++;
  mysql_binlog_stream_stop (stream);
}

/* stop() from a handler ends the run after the current event. */
static void
test_stop_from_handler (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  setup_shop ();
  start = test_server_master_position (server);
  exec ("INSERT INTO shop.audit (note) VALUES ('one'), ('two')");
  exec ("INSERT INTO shop.audit (note) VALUES ('three')");
  exec ("INSERT INTO shop.audit (note) VALUES ('four')");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_insert_stop), &n);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  /* The rest of the first event's rows may still arrive, never the next
   * transactions. */
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, 2);
}

typedef struct
{
  MysqlBinlogStream *stream;
  GCancellable      *cancellable;
  guint              delay_ms;
} StopData;

static gpointer
stop_thread (gpointer user_data)
{
  StopData *data = user_data;

  g_usleep (data->delay_ms * 1000);
  if (data->cancellable != NULL)
    g_cancellable_cancel (data->cancellable);
  else
    mysql_binlog_stream_stop (data->stream);
  return NULL;
}

static gpointer
watchdog_thread (gpointer user_data)
{
  gint *done = user_data;

  for (guint i = 0; i < 300; i++)
    {
      if (g_atomic_int_get (done))
        return NULL;
      g_usleep (100 * 1000);
    }
  g_error ("A blocking run did not return within 30 s of being stopped");
  return NULL;
}

/* A blocking stream waits for new events; stop() from another thread ends
 * it, and run() returns TRUE. */
static void
test_stop_from_thread (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  StopData data = { stream, NULL, 500 };
  GThread *thread, *watchdog;
  gint done = 0;
  gint64 begin = g_get_monotonic_time ();

  mysql_binlog_stream_set_blocking (stream, TRUE);
  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("stopper", stop_thread, &data);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&done, 1);
  g_assert_cmpint (g_get_monotonic_time () - begin, >=, 400 * 1000);

  g_thread_join (thread);
  g_thread_join (watchdog);
}

static void
test_cancel_from_thread (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  StopData data = { stream, cancellable, 300 };
  GThread *thread, *watchdog;
  gint done = 0;

  mysql_binlog_stream_set_blocking (stream, TRUE);
  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("canceller", stop_thread, &data);

  g_assert_false (mysql_binlog_stream_run (stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_atomic_int_set (&done, 1);

  g_thread_join (thread);
  g_thread_join (watchdog);
}

/* A blocking stream receives a change written while it waits. */
typedef struct
{
  TestServer *server;
  guint       delay_ms;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;

  g_usleep (data->delay_ms * 1000);
  /* The helper's connection is not shared: this thread opens its own. */
  {
    g_autoptr(GError) error = NULL;
    const char *argv[] = { "mariadb", "--no-defaults", "-uroot", "-S",
                           test_server_get_socket (data->server), "-e",
                           "INSERT INTO shop.audit (note) VALUES ('live')", NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, &error))
      g_warning ("Could not run mariadb: %s", error->message);
  }
  return NULL;
}

static void
on_live_insert (MysqlBinlogStream *stream,
                MysqlBinlogRow    *row,
                gpointer           user_data)
{
  g_autofree char *note = NULL;
  char **result = user_data;

  note = mysql_binlog_row_dup_string (row, mysql_binlog_row_get_column_index (row, "note"));
  *result = g_steal_pointer (&note);
  mysql_binlog_stream_stop (stream);
}

static void
test_blocking_receives_new_rows (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  WriterData data = { server, 500 };
  GThread *thread, *watchdog;
  gint done = 0;

  setup_shop ();
  stream = test_server_new_stream (server);
  mysql_binlog_stream_set_blocking (stream, TRUE);
  g_signal_connect (stream, "rows-inserted::shop.audit", G_CALLBACK (on_live_insert), &note);

  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("writer", writer_thread, &data);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&done, 1);
  g_assert_cmpstr (note, ==, "live");

  g_thread_join (thread);
  g_thread_join (watchdog);
}

/* The account the documentation recommends: REPLICATION SLAVE and
 * REPLICATION CLIENT, plus SELECT on the tables followed for the column
 * names when the server does not log them. */
static void
test_replica_account (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  setup_shop ();
  exec ("SET GLOBAL binlog_row_metadata = 'MINIMAL'");
  exec ("CREATE USER IF NOT EXISTS 'replica'@'localhost' IDENTIFIED BY 'secret'");
  exec ("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'replica'@'localhost'");
  exec ("GRANT SELECT ON shop.* TO 'replica'@'localhost'");

  start = test_server_master_position (server);
  exec ("INSERT INTO shop.orders VALUES (40, 'replicated', 4.00, 'new')");

  stream = new_stream_at (start);
  mysql_binlog_stream_set_user (stream, "replica");
  mysql_binlog_stream_set_password (stream, "secret");
  capture = capture_run (stream);

  rows = capture_rows (capture, KIND_INSERT, "shop", "orders");
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row_values (((Signal *) g_ptr_array_index (rows, 0))->row,
                     "{'id': <int64 40>, 'customer': <'replicated'>, 'total': <'4.00'>, "
                     "'status': <'new'>}");
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
}

/* }}} */

/* {{{ Errors */

static void
assert_run_fails (MysqlBinlogStream *stream,
                  MysqlBinlogError   code,
                  const char        *mentions)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, (gint) code);
  g_assert_cmpstr (error->message, !=, "");
  if (mentions != NULL)
    assert_contains_ci (error->message, mentions);
}

static void
test_error_access_denied (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_password (stream, "not-the-password");
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_ACCESS_DENIED, "denied");
}

static void
test_error_unknown_user (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_user (stream, "nobody_here");
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_ACCESS_DENIED, "nobody_here");
}

/* An account without the replication privileges. */
static void
test_error_missing_privilege (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  exec ("CREATE USER IF NOT EXISTS 'plain'@'localhost' IDENTIFIED BY 'pw'");
  exec ("GRANT SELECT ON *.* TO 'plain'@'localhost'");
  mysql_binlog_stream_set_user (stream, "plain");
  mysql_binlog_stream_set_password (stream, "pw");
  mysql_binlog_stream_set_start_position (stream, NULL);

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (error->domain == MYSQL_BINLOG_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (error->code, ==, MYSQL_BINLOG_ERROR_ACCESS_DENIED);
}

static guint
unused_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
test_error_connection_failed (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  guint port = unused_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "host", "127.0.0.1",
                         "port", port,
                         "user", "root",
                         "password", "",
                         "server-id", 77,
                         "blocking", FALSE,
                         NULL);
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_CONNECTION_FAILED, "127.0.0.1");
  (void) port_text;
}

static void
test_error_connection_failed_socket (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autofree char *missing = g_build_filename (test_server_get_dir (server), "missing.sock",
                                               NULL);

  mysql_binlog_stream_set_socket (stream, missing);
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_CONNECTION_FAILED, "missing.sock");
}

static void
test_error_binlog_disabled (void)
{
  const char *args[] = { "--skip-log-bin", NULL };
  TestServer *other = test_server_start (args);
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (other);

  assert_run_fails (stream, MYSQL_BINLOG_ERROR_BINLOG_DISABLED, "log");
  test_server_stop (other);
}

static void
test_error_not_row_based (void)
{
  const char *args[] = { "--binlog-format=STATEMENT", NULL };
  TestServer *other = test_server_start (args);
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (other);

  assert_run_fails (stream, MYSQL_BINLOG_ERROR_NOT_ROW_BASED, "STATEMENT");
  test_server_stop (other);
}

static void
test_error_position_not_found (void)
{
  g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new ("mariadb-bin.999999", 4);
  g_autoptr(MysqlBinlogStream) stream = new_stream_at (start);

  assert_run_fails (stream, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND, "mariadb-bin.999999");
}

static void
test_error_server_id_zero (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_server_id (stream, 0);
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT, "server");
}

/* }}} */

static void
stop_server (void)
{
  g_clear_pointer (&server, test_server_stop);
}

int
main (int   argc,
      char *argv[])
{
  static TypeCaseData type_data[G_N_ELEMENTS (metadata_modes)][G_N_ELEMENTS (type_cases)];
  static WideData wide_data[G_N_ELEMENTS (metadata_modes)][2];
  const guint wide_sizes[] = { 9, 70 };
  const char *server_options = g_getenv ("MYSQL_BINLOG_TEST_SERVER_OPTIONS");
  g_auto(GStrv) server_args = NULL;
  int ret;

  /* TIMESTAMPs must come out in UTC whatever the reader's time zone. */
  g_setenv ("TZ", "XST-07:30", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);
  /* One failing case must not hide the results of the others. */
  g_test_set_nonfatal_assertions ();

  for (guint m = 0; m < G_N_ELEMENTS (metadata_modes); m++)
    {
      g_autofree char *mode = g_ascii_strdown (metadata_modes[m], -1);

      for (guint i = 0; i < G_N_ELEMENTS (type_cases); i++)
        {
          g_autofree char *path = g_strdup_printf ("/stream/types/%s/%s", mode,
                                                   type_cases[i].name);

          type_data[m][i].type_case = &type_cases[i];
          type_data[m][i].mode = metadata_modes[m];
          g_test_add_data_func (path, &type_data[m][i], test_type_case);
        }

      for (guint i = 0; i < G_N_ELEMENTS (wide_sizes); i++)
        {
          g_autofree char *path = g_strdup_printf ("/stream/nulls/%s/%u-columns", mode,
                                                   wide_sizes[i]);

          wide_data[m][i].n_columns = wide_sizes[i];
          wide_data[m][i].mode = metadata_modes[m];
          g_test_add_data_func (path, &wide_data[m][i], test_wide_nulls);
        }
    }

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

  g_test_add_func ("/stream/rows/insert-update-delete", test_insert_update_delete);
  g_test_add_func ("/stream/rows/transaction-positions", test_transaction_positions);
  g_test_add_func ("/stream/rows/binlog-events", test_binlog_events);
  g_test_add_func ("/stream/rows/detailed-signal", test_detailed_signal);
  g_test_add_func ("/stream/rows/detailed-signal-only", test_detailed_signal_only);

  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/stream/filters/%s", filter_cases[i].name);

      g_test_add_data_func (path, &filter_cases[i], test_filter);
    }

  g_test_add_func ("/stream/run/properties", test_properties);
  g_test_add_func ("/stream/run/nonblocking-at-end", test_nonblocking_at_end);
  g_test_add_func ("/stream/run/start-at-gtid", test_start_at_gtid);
  g_test_add_func ("/stream/run/nonblocking-no-start", test_nonblocking_no_start);
  g_test_add_func ("/stream/run/stop-from-handler", test_stop_from_handler);
  g_test_add_func ("/stream/run/stop-from-thread", test_stop_from_thread);
  g_test_add_func ("/stream/run/cancel-from-thread", test_cancel_from_thread);
  g_test_add_func ("/stream/run/blocking-receives-new-rows", test_blocking_receives_new_rows);
  g_test_add_func ("/stream/run/replica-account", test_replica_account);

  g_test_add_func ("/stream/errors/access-denied", test_error_access_denied);
  g_test_add_func ("/stream/errors/unknown-user", test_error_unknown_user);
  g_test_add_func ("/stream/errors/missing-privilege", test_error_missing_privilege);
  g_test_add_func ("/stream/errors/connection-failed", test_error_connection_failed);
  g_test_add_func ("/stream/errors/connection-failed-socket",
                   test_error_connection_failed_socket);
  g_test_add_func ("/stream/errors/binlog-disabled", test_error_binlog_disabled);
  g_test_add_func ("/stream/errors/not-row-based", test_error_not_row_based);
  g_test_add_func ("/stream/errors/position-not-found", test_error_position_not_found);
  g_test_add_func ("/stream/errors/server-id-zero", test_error_server_id_zero);

  server = test_server_start ((const char * const *) server_args);
  ret = g_test_run ();
  stop_server ();

  return ret;
}
