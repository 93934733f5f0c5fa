/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-row-private.h"

/* Unit tests of the optional metadata of MySQL table maps on crafted
 * events: primary keys, visibility, geometry types, VECTOR dimensions. */

/* t (id INT PRIMARY KEY, g POINT, v VECTOR(3), h INT INVISIBLE) */
static const guint8 table_map_head[] = {
  0x05, 0, 0, 0, 0, 0,  0x01, 0,           /* table id 5, flags */
  2, 'd', 'b', 0,
  1, 't', 0,
  4,                                       /* columns */
  MYSQL_BINLOG_COLUMN_TYPE_LONG, MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY,
  MYSQL_BINLOG_COLUMN_TYPE_VECTOR, MYSQL_BINLOG_COLUMN_TYPE_LONG,
  2, 4, 4,                                 /* metadata: 4-byte length prefixes */
  0x06,                                    /* g and v nullable */
};

static MysqlBinlogTable *
parse_table_map (MysqlBinlogDecoder *decoder,
                 const guint8       *optional,
                 gsize               optional_length,
                 GByteArray         *event,
                 GError            **error)
{
  guint8 header[MYSQL_BINLOG_EVENT_HEADER_LENGTH] = { 0 };
  gsize size = sizeof header + sizeof table_map_head + optional_length;
  MysqlBinlogEventInfo info;
  MysqlBinlogTableNeeds needs;
  gboolean is_new;

  header[4] = MYSQL_BINLOG_EVENT_TABLE_MAP;
  header[9] = size;
  g_byte_array_append (event, header, sizeof header);
  g_byte_array_append (event, table_map_head, sizeof table_map_head);
  g_byte_array_append (event, optional, optional_length);
  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, event->data, event->len, &info, NULL));
  return _mysql_binlog_decoder_table_map (decoder, &info, &is_new, &needs, error);
}

static void
test_optional_metadata (void)
{
  static const guint8 optional[] = {
    7, 1, 1,              /* GEOMETRY_TYPE: POINT */
    8, 1, 0,              /* SIMPLE_PRIMARY_KEY: column 0 */
    12, 1, 0xe0,          /* COLUMN_VISIBILITY: 1110 */
    13, 1, 3,             /* VECTOR_DIMENSIONALITY: 3 */
    4, 9, 2, 'i', 'd', 1, 'g', 1, 'v', 1, 'h',   /* COLUMN_NAME */
  };
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  MysqlBinlogTable *table;

  table = parse_table_map (decoder, optional, sizeof optional, event, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_columns, ==, 4);
  g_assert_cmpstr (table->columns[3].name, ==, "h");
  g_assert_true (table->columns[0].is_primary_key);
  g_assert_false (table->columns[1].is_primary_key);
  g_assert_cmpuint (table->columns[1].geometry_type, ==, 1);
  g_assert_cmpuint (table->columns[2].vector_dimensions, ==, 3);
  g_assert_false (table->columns[0].is_invisible);
  g_assert_false (table->columns[2].is_invisible);
  g_assert_true (table->columns[3].is_invisible);

  /* A VECTOR value must hold as many floats as its column has. */
  {
    static const guint8 image[] = {
      0x02,                                 /* g is NULL */
      1, 0, 0, 0,                           /* id */
      12, 0, 0, 0,                          /* v: 12 bytes */
      0x00, 0x00, 0x80, 0x3f,  0x00, 0x00, 0x00, 0x40,  0x00, 0x00, 0x40, 0x40,
      9, 0, 0, 0,                           /* h */
    };
    static const guint8 present[] = { 0x0f };
    g_autoptr(GBytes) bytes = g_bytes_new_static (image, sizeof image);
    g_autoptr(MysqlBinlogRow) row = NULL;
    g_autoptr(GVariant) vector = NULL;
    g_autofree char *text = NULL;
    const guint8 *cursor = image;
    guint8 bad[sizeof image];
    g_autoptr(GBytes) bad_bytes = NULL;

    row = _mysql_binlog_row_build (table, bytes, present, 4, 0, &cursor, image + sizeof image,
                                   &error);
    g_assert_no_error (error);
    g_assert_nonnull (row);
    vector = mysql_binlog_row_get_value (row, 2);
    text = g_variant_print (vector, TRUE);
    g_assert_cmpstr (text, ==, "[1.0, 2.0, 3.0]");
    g_assert_cmpint (mysql_binlog_row_get_int64 (row, 3), ==, 9);

    /* the same bytes, declared as 8 bytes: two floats, not three */
    memcpy (bad, image, sizeof image);
    bad[5] = 8;
    bad_bytes = g_bytes_new (bad, sizeof bad);
    cursor = g_bytes_get_data (bad_bytes, NULL);
    g_assert_null (_mysql_binlog_row_build (table, bad_bytes, present, 4, 0, &cursor,
                                            cursor + sizeof bad, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
    g_assert_nonnull (strstr (error->message, "VECTOR"));
  }
  _mysql_binlog_decoder_free (decoder);
}

static void
test_malformed_optional_metadata (void)
{
  /* Each is cut or points outside the table. */
  static const guint8 cases[][4] = {
    { 8, 1, 7 },          /* a primary key column that does not exist */
    { 9, 1, 0 },          /* a prefixed key without its prefix length */
    { 12, 0 },            /* no visibility bits */
    { 13, 0 },            /* no dimension for the VECTOR column */
    { 7, 0 },             /* no type for the GEOMETRY column */
  };
  static const gsize lengths[] = { 3, 3, 2, 2, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
      g_autoptr(GByteArray) event = g_byte_array_new ();
      g_autoptr(GError) error = NULL;

      g_assert_null (parse_table_map (decoder, cases[i], lengths[i], event, &error));
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
      g_assert_nonnull (strstr (error->message, "optional metadata"));
      _mysql_binlog_decoder_free (decoder);
    }
}

static void
test_names_utf8 (void)
{
  /* A schema name in latin1 ("café") and a table name cut in the middle
   * of a UTF-8 sequence: the names are always valid UTF-8. */
  static const guint8 body[] = {
    0x05, 0, 0, 0, 0, 0,  0x01, 0,
    4, 'c', 'a', 'f', 0xe9, 0,
    2, 'x', 0xc3, 0,
    1, MYSQL_BINLOG_COLUMN_TYPE_LONG, 0, 0x00,
  };
  guint8 header[MYSQL_BINLOG_EVENT_HEADER_LENGTH] = { 0 };
  g_autoptr(GByteArray) event = g_byte_array_new ();
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  MysqlBinlogEventInfo info;
  MysqlBinlogTableNeeds needs;
  MysqlBinlogTable *table;
  gboolean is_new;
  g_autoptr(GError) error = NULL;

  header[4] = MYSQL_BINLOG_EVENT_TABLE_MAP;
  header[9] = sizeof header + sizeof body;
  g_byte_array_append (event, header, sizeof header);
  g_byte_array_append (event, body, sizeof body);
  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, event->data, event->len, &info, NULL));
  table = _mysql_binlog_decoder_table_map (decoder, &info, &is_new, &needs, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->schema, ==, "caf\xef\xbf\xbd");
  g_assert_cmpstr (table->name, ==, "x\xef\xbf\xbd");
  g_assert_cmpstr (table->qualified_name, ==, "caf\xef\xbf\xbd.x\xef\xbf\xbd");
  _mysql_binlog_decoder_free (decoder);
}

/* A format description event of the given server version (no checksum). */
static void
feed_format_description (MysqlBinlogDecoder *decoder,
                         const char         *server_version)
{
  guint8 event[MYSQL_BINLOG_EVENT_HEADER_LENGTH + 2 + 50 + 4 + 1 + 1 + 4] = { 0 };
  guint8 *body = event + MYSQL_BINLOG_EVENT_HEADER_LENGTH;
  MysqlBinlogEventInfo info;
  g_autoptr(GError) error = NULL;

  event[4] = MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION;
  event[9] = sizeof event;
  body[0] = 4;                              /* binlog version */
  memcpy (body + 2, server_version, strlen (server_version));
  body[56] = MYSQL_BINLOG_EVENT_HEADER_LENGTH;
  body[57] = 0;                             /* checksum algorithm: off */
  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, event, sizeof event, &info, &error));
  g_assert_no_error (error);
  g_assert_true (_mysql_binlog_decoder_format_description (decoder, &info, &error));
  g_assert_no_error (error);
}

/* A table map of db.t with the given column types, column metadata and
 * optional metadata. */
static MysqlBinlogTable *
build_table_map (MysqlBinlogDecoder *decoder,
                 const guint8       *types,
                 guint8              n_columns,
                 const guint8       *meta,
                 guint8              meta_length,
                 const guint8       *optional,
                 gsize               optional_length,
                 GError            **error)
{
  static const guint8 head[] = {
    0x07, 0, 0, 0, 0, 0,  0x01, 0,          /* table id 7, flags */
    2, 'd', 'b', 0,
    1, 't', 0,
  };
  guint8 header[MYSQL_BINLOG_EVENT_HEADER_LENGTH] = { 0 };
  g_autoptr(GByteArray) event = g_byte_array_new ();
  guint8 null_bitmap = 0xff;
  MysqlBinlogEventInfo info;
  MysqlBinlogTableNeeds needs;
  gboolean is_new;

  header[4] = MYSQL_BINLOG_EVENT_TABLE_MAP;
  g_byte_array_append (event, header, sizeof header);
  g_byte_array_append (event, head, sizeof head);
  g_byte_array_append (event, &n_columns, 1);
  g_byte_array_append (event, types, n_columns);
  g_byte_array_append (event, &meta_length, 1);
  g_byte_array_append (event, meta, meta_length);
  g_byte_array_append (event, &null_bitmap, 1);
  g_byte_array_append (event, optional, optional_length);
  event->data[9] = event->len;
  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, event->data, event->len, &info, NULL));
  /* Forget the previous table of the same id: each call is a new table. */
  _mysql_binlog_decoder_forget_tables (decoder);
  return _mysql_binlog_decoder_table_map (decoder, &info, &is_new, &needs, error);
}

static void
test_flavour_from_format_description (void)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();

  g_assert_cmpint (_mysql_binlog_decoder_get_flavour (decoder), ==, MYSQL_BINLOG_FLAVOUR_MYSQL);
  feed_format_description (decoder, "10.11.6-MariaDB-log");
  g_assert_cmpint (_mysql_binlog_decoder_get_flavour (decoder), ==, MYSQL_BINLOG_FLAVOUR_MARIADB);
  feed_format_description (decoder, "8.0.36");
  g_assert_cmpint (_mysql_binlog_decoder_get_flavour (decoder), ==, MYSQL_BINLOG_FLAVOUR_MYSQL);
  _mysql_binlog_decoder_free (decoder);
}

/* t (id INT, y YEAR, v TINYINT, w SMALLINT UNSIGNED): MySQL's
 * init_signedness_field() gives id, v and w a bit (001 -> 0x20), MariaDB's
 * id, y, v and w (0101 -> 0x50, its YEAR being unsigned). */
static void
test_flavour_year_signedness (void)
{
  static const guint8 types[] = {
    MYSQL_BINLOG_COLUMN_TYPE_LONG, MYSQL_BINLOG_COLUMN_TYPE_YEAR,
    MYSQL_BINLOG_COLUMN_TYPE_TINY, MYSQL_BINLOG_COLUMN_TYPE_SHORT,
  };
  static const guint8 mysql_bits[] = { 1, 1, 0x20 };
  static const guint8 mariadb_bits[] = { 1, 1, 0x50 };
  static const guint8 too_long[] = { 1, 2, 0x20, 0x00 };
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  MysqlBinlogTable *table;
  g_autoptr(GError) error = NULL;

  feed_format_description (decoder, "8.0.36");
  table = build_table_map (decoder, types, 4, NULL, 0, mysql_bits, sizeof mysql_bits, &error);
  g_assert_no_error (error);
  g_assert_false (table->columns[0].is_unsigned);
  g_assert_false (table->columns[1].is_unsigned);
  g_assert_false (table->columns[2].is_unsigned);
  g_assert_true (table->columns[3].is_unsigned);

  /* The same bits from MariaDB would make v unsigned and w signed. */
  feed_format_description (decoder, "10.11.6-MariaDB-log");
  table = build_table_map (decoder, types, 4, NULL, 0, mysql_bits, sizeof mysql_bits, &error);
  g_assert_no_error (error);
  g_assert_true (table->columns[2].is_unsigned);
  g_assert_false (table->columns[3].is_unsigned);

  table = build_table_map (decoder, types, 4, NULL, 0, mariadb_bits, sizeof mariadb_bits, &error);
  g_assert_no_error (error);
  g_assert_false (table->columns[0].is_unsigned);
  g_assert_false (table->columns[1].is_unsigned);   /* YEAR's bit is dropped */
  g_assert_false (table->columns[2].is_unsigned);
  g_assert_true (table->columns[3].is_unsigned);

  /* A field longer than the bits of the counted columns is an error. */
  g_assert_null (build_table_map (decoder, types, 4, NULL, 0, too_long, sizeof too_long, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "SIGNEDNESS"));
  _mysql_binlog_decoder_free (decoder);
}

/* t (id INT, g POINT, c CHAR(5) latin1, b VARBINARY(10), s VARCHAR(10)
 * utf8mb4): MySQL's charset fields cover c, b and s, MariaDB's also g. */
static void
test_flavour_geometry_charsets (void)
{
  static const guint8 types[] = {
    MYSQL_BINLOG_COLUMN_TYPE_LONG, MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY,
    MYSQL_BINLOG_COLUMN_TYPE_STRING, MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
    MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
  };
  static const guint8 meta[] = { 4, 0xfe, 5, 10, 0, 40, 0 };
  static const guint8 mysql_column[] = { 1, 1, 0x00,  3, 3, 8, 63, 45,  7, 1, 1 };
  static const guint8 mysql_default[] = { 1, 1, 0x00,  2, 5, 63, 0, 8, 2, 45,  7, 1, 1 };
  static const guint8 mariadb_column[] = { 1, 1, 0x00,  3, 4, 63, 8, 63, 45,  7, 1, 1 };
  static const guint8 mariadb_default[] = { 1, 1, 0x00,  2, 5, 63, 1, 8, 3, 45,  7, 1, 1 };
  static const struct {
    const char   *server;
    const guint8 *optional;
    gsize         length;
  } cases[] = {
    { "8.0.36", mysql_column, sizeof mysql_column },
    { "8.0.36", mysql_default, sizeof mysql_default },
    { "10.11.6-MariaDB-log", mariadb_column, sizeof mariadb_column },
    { "10.11.6-MariaDB-log", mariadb_default, sizeof mariadb_default },
  };
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MysqlBinlogTable *table;

      feed_format_description (decoder, cases[i].server);
      table = build_table_map (decoder, types, 5, meta, sizeof meta, cases[i].optional,
                               cases[i].length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (table->columns[1].geometry_type, ==, 1);
      g_assert_cmpstr (table->columns[2].charset, ==, "latin1");
      g_assert_cmpstr (table->columns[3].charset, ==, "binary");
      g_assert_cmpstr (table->columns[4].charset, ==, "utf8mb4");
    }

  /* Read by the other flavour's rule, the fields do not fit the columns:
   * an error, never a shifted charset.  Only a DEFAULT_CHARSET read by a
   * rule that counts more columns than the writer did cannot show it (its
   * exceptions still point at existing columns): the reason the rules
   * must be the writer's. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      if (cases[i].optional == mysql_default)
        continue;

      feed_format_description (decoder, cases[(i + 2) % 4].server);
      g_assert_null (build_table_map (decoder, types, 5, meta, sizeof meta, cases[i].optional,
                                      cases[i].length, &error));
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
      g_assert_nonnull (strstr (error->message, "CHARSET"));
    }
  _mysql_binlog_decoder_free (decoder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/table-map/optional-metadata", test_optional_metadata);
  g_test_add_func ("/table-map/malformed-optional-metadata", test_malformed_optional_metadata);
  g_test_add_func ("/table-map/names-utf8", test_names_utf8);
  g_test_add_func ("/table-map/flavour/format-description", test_flavour_from_format_description);
  g_test_add_func ("/table-map/flavour/year-signedness", test_flavour_year_signedness);
  g_test_add_func ("/table-map/flavour/geometry-charsets", test_flavour_geometry_charsets);

  return g_test_run ();
}
