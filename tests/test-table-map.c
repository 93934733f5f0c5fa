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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/table-map/optional-metadata", test_optional_metadata);
  g_test_add_func ("/table-map/malformed-optional-metadata", test_malformed_optional_metadata);

  return g_test_run ();
}
