/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The event decoder on crafted events: what a server writes decodes, and
 * every malformed variant is a GError (never a crash, a hang or a read out
 * of bounds; run under ASan in CI).
 */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "mysqlbinlog-glib.h"
#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-row-private.h"

#define TABLE_ID 0x2a

/* An event: common header, then @payload; with a CRC32 when @checksum. */
static GBytes *
make_event (guint8        type,
            const guint8 *payload,
            gsize         payload_length,
            gboolean      checksum)
{
  gsize size = 19 + payload_length + (checksum ? 4 : 0);
  guint8 *event = g_malloc0 (size);

  event[0] = 0x10;                        /* timestamp */
  event[4] = type;
  event[5] = 1;                           /* server id */
  event[9] = size & 0xff;
  event[10] = (size >> 8) & 0xff;
  event[13] = 0x00;                       /* log_pos: 0x100 */
  event[14] = 0x01;
  memcpy (event + 19, payload, payload_length);
  if (checksum)
    {
      guint32 crc = crc32 (0L, event, size - 4);
      event[size - 4] = crc & 0xff;
      event[size - 3] = (crc >> 8) & 0xff;
      event[size - 2] = (crc >> 16) & 0xff;
      event[size - 1] = crc >> 24;
    }
  return g_bytes_new_take (event, size);
}

/* db.t (id INT NOT NULL, name VARCHAR(20)), names in the optional metadata. */
static const guint8 table_map_payload[] = {
  TABLE_ID, 0, 0, 0, 0, 0,                /* table id */
  1, 0,                                   /* flags */
  2, 'd', 'b', 0,                         /* schema */
  1, 't', 0,                              /* table */
  2,                                      /* column count */
  MYSQL_BINLOG_COLUMN_TYPE_LONG, MYSQL_BINLOG_COLUMN_TYPE_VARCHAR,
  2, 20, 0,                               /* metadata: VARCHAR max length 20 */
  0x02,                                   /* nullable: name */
  4, 8, 2, 'i', 'd', 4, 'n', 'a', 'm', 'e', /* COLUMN_NAME */
  1, 1, 0x00,                             /* SIGNEDNESS: id signed */
  2, 1, 45,                               /* DEFAULT_CHARSET: utf8mb4_general_ci */
};

/* WRITE_ROWS v1: (7, 'héllo') and (-1, NULL). */
static const guint8 write_rows_payload[] = {
  TABLE_ID, 0, 0, 0, 0, 0,
  1, 0,
  2,                                      /* width */
  0x03,                                   /* both columns present */
  0x00, 7, 0, 0, 0, 6, 'h', 0xc3, 0xa9, 'l', 'l', 'o',
  0x02, 0xff, 0xff, 0xff, 0xff,
};

static MysqlBinlogTable *
feed_table_map (MysqlBinlogDecoder *decoder,
                const guint8       *payload,
                gsize               length,
                GError            **error)
{
  g_autoptr(GBytes) event = make_event (MYSQL_BINLOG_EVENT_TABLE_MAP, payload, length, FALSE);
  MysqlBinlogEventInfo info;
  MysqlBinlogTableNeeds needs = 0;
  gboolean is_new = FALSE;
  gsize size;
  const guint8 *data = g_bytes_get_data (event, &size);

  if (!_mysql_binlog_decoder_parse_header (decoder, data, size, &info, error))
    return NULL;
  return _mysql_binlog_decoder_table_map (decoder, &info, &is_new, &needs, error);
}

static void
test_table_map_and_rows (void)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GBytes) event = make_event (MYSQL_BINLOG_EVENT_WRITE_ROWS_V1, write_rows_payload,
                                        sizeof write_rows_payload, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogRow) first = NULL;
  g_autoptr(MysqlBinlogRow) second = NULL;
  g_autofree char *name = NULL;
  MysqlBinlogEventInfo info;
  MysqlBinlogRowsInfo rows;
  MysqlBinlogTable *table;
  const guint8 *cursor;

  table = feed_table_map (decoder, table_map_payload, sizeof table_map_payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpstr (table->qualified_name, ==, "db.t");
  g_assert_cmpstr (table->columns[0].name, ==, "id");
  g_assert_cmpstr (table->columns[1].name, ==, "name");

  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, g_bytes_get_data (event, NULL),
                                                     g_bytes_get_size (event), &info, &error));
  g_assert_true (_mysql_binlog_decoder_rows (decoder, &info, &rows, &error));
  g_assert_no_error (error);
  g_assert_true (rows.table == table);
  g_assert_cmpint (rows.kind, ==, 'i');
  g_assert_cmpuint (rows.n_present, ==, 2);

  cursor = rows.rows;
  first = _mysql_binlog_row_build (rows.table, event, rows.present, rows.n_present, 0,
                                   &cursor, rows.rows_end, &error);
  g_assert_no_error (error);
  second = _mysql_binlog_row_build (rows.table, event, rows.present, rows.n_present, 0,
                                    &cursor, rows.rows_end, &error);
  g_assert_no_error (error);
  g_assert_true (cursor == rows.rows_end);

  g_assert_cmpint (mysql_binlog_row_get_int64 (first, 0), ==, 7);
  name = mysql_binlog_row_dup_string (first, 1);
  g_assert_cmpstr (name, ==, "héllo");
  g_assert_cmpint (mysql_binlog_row_get_int64 (second, 0), ==, -1);
  g_assert_true (mysql_binlog_row_is_null (second, 1));

  _mysql_binlog_decoder_free (decoder);
}

static void
test_rows_without_table_map (void)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GBytes) event = make_event (MYSQL_BINLOG_EVENT_WRITE_ROWS_V1, write_rows_payload,
                                        sizeof write_rows_payload, FALSE);
  g_autoptr(GError) error = NULL;
  MysqlBinlogEventInfo info;
  MysqlBinlogRowsInfo rows;

  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, g_bytes_get_data (event, NULL),
                                                     g_bytes_get_size (event), &info, &error));
  g_assert_false (_mysql_binlog_decoder_rows (decoder, &info, &rows, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "table map"));

  _mysql_binlog_decoder_free (decoder);
}

static void
test_rows_empty_bitmap (void)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  guint8 payload[sizeof write_rows_payload];
  g_autoptr(GBytes) event = NULL;
  g_autoptr(GError) error = NULL;
  MysqlBinlogEventInfo info;
  MysqlBinlogRowsInfo rows;

  g_assert_nonnull (feed_table_map (decoder, table_map_payload, sizeof table_map_payload, NULL));
  memcpy (payload, write_rows_payload, sizeof payload);
  payload[9] = 0x00;  /* no column present: a row would take no bytes */
  event = make_event (MYSQL_BINLOG_EVENT_WRITE_ROWS_V1, payload, sizeof payload, FALSE);

  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, g_bytes_get_data (event, NULL),
                                                     g_bytes_get_size (event), &info, &error));
  g_assert_false (_mysql_binlog_decoder_rows (decoder, &info, &rows, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);

  _mysql_binlog_decoder_free (decoder);
}

static void
test_truncated_table_maps (void)
{
  /* Every proper prefix fails cleanly, except those that end exactly
   * between two optional metadata fields (22: none of them, 32: the
   * names, 35: the names and the signedness), which are complete maps. */
  for (gsize length = 0; length < sizeof table_map_payload; length++)
    {
      MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
      g_autoptr(GError) error = NULL;
      MysqlBinlogTable *table;

      g_test_message ("table map cut to %" G_GSIZE_FORMAT " bytes", length);
      table = feed_table_map (decoder, table_map_payload, length, &error);
      if (length == 22 || length == 32 || length == 35)
        {
          g_assert_no_error (error);
          g_assert_nonnull (table);
          g_assert_cmpstr (table->columns[0].name, ==, length == 22 ? "@1" : "id");
        }
      else
        {
          g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
          g_assert_null (table);
        }
      _mysql_binlog_decoder_free (decoder);
    }
}

static void
test_checksum_mismatch (void)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GBytes) event = make_event (MYSQL_BINLOG_EVENT_TABLE_MAP, table_map_payload,
                                        sizeof table_map_payload, TRUE);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (event, NULL), g_bytes_get_size (event));
  g_autoptr(GError) error = NULL;
  MysqlBinlogEventInfo info;

  _mysql_binlog_decoder_set_checksum (decoder, TRUE);
  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, copy, g_bytes_get_size (event),
                                                     &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.length, ==, g_bytes_get_size (event) - 4);

  copy[25] ^= 0x40;
  g_assert_false (_mysql_binlog_decoder_parse_header (decoder, copy, g_bytes_get_size (event),
                                                      &info, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH);

  _mysql_binlog_decoder_free (decoder);
}

static void
test_bad_headers (void)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GBytes) event = make_event (MYSQL_BINLOG_EVENT_XID, (const guint8 *) "12345678", 8,
                                        FALSE);
  const guint8 *data = g_bytes_get_data (event, NULL);
  MysqlBinlogEventInfo info;

  for (gsize length = 0; length < g_bytes_get_size (event); length++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (_mysql_binlog_decoder_parse_header (decoder, data, length, &info, &error));
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
    }

  _mysql_binlog_decoder_free (decoder);
}

static void
test_rotate_name (void)
{
  static const guint8 payload[] = {
    4, 0, 0, 0, 0, 0, 0, 0,
    'm', 'a', 'r', 'i', 'a', 'd', 'b', '-', 'b', 'i', 'n', '.', '0', '0', '0', '0', '0', '2',
    0x00, 0x9c, 0x1f,                     /* what some servers leave after the name */
  };
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GBytes) event = make_event (MYSQL_BINLOG_EVENT_ROTATE, payload, sizeof payload, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  MysqlBinlogEventInfo info;
  guint64 position = 0;

  g_assert_true (_mysql_binlog_decoder_parse_header (decoder, g_bytes_get_data (event, NULL),
                                                     g_bytes_get_size (event), &info, &error));
  g_assert_true (_mysql_binlog_decoder_rotate (decoder, &info, &file, &position, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (file, ==, "mariadb-bin.000002");
  g_assert_cmpuint (position, ==, 4);

  _mysql_binlog_decoder_free (decoder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decoder/table-map-and-rows", test_table_map_and_rows);
  g_test_add_func ("/decoder/rows-without-table-map", test_rows_without_table_map);
  g_test_add_func ("/decoder/rows-empty-bitmap", test_rows_empty_bitmap);
  g_test_add_func ("/decoder/truncated-table-maps", test_truncated_table_maps);
  g_test_add_func ("/decoder/checksum-mismatch", test_checksum_mismatch);
  g_test_add_func ("/decoder/bad-headers", test_bad_headers);
  g_test_add_func ("/decoder/rotate-name", test_rotate_name);

  return g_test_run ();
}
