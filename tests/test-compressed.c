/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-payload-private.h"
#include "mysql-binlog-value-private.h"

/* Unit tests of the compressed forms of events, on crafted events: MySQL
 * transaction payloads (zstd or none), MariaDB compressed queries and
 * rows (zlib), and the partial JSON updates of PARTIAL_UPDATE_ROWS. */

static void
put_u32 (guint8  *p,
         guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = (value >> 24) & 0xff;
}

/* An event without checksum: header, then @body. */
static void
append_event (GByteArray   *out,
              guint8        type,
              const guint8 *body,
              gsize         body_length)
{
  guint8 header[MYSQL_BINLOG_EVENT_HEADER_LENGTH] = { 0 };

  put_u32 (header, 1700000000);
  header[4] = type;
  put_u32 (header + 5, 1);
  put_u32 (header + 9, MYSQL_BINLOG_EVENT_HEADER_LENGTH + body_length);
  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, body, body_length);
}

/* A TRANSACTION_PAYLOAD event around @payload. */
static GByteArray *
payload_event (const guint8 *payload,
               gsize         payload_length,
               guint8        compression,
               gsize         uncompressed_size,
               gsize         announced_payload_size)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  guint8 field[16];

  /* compression type, uncompressed size, payload size: packed integers
   * below 251, or 0xfd and three bytes */
  if (compression < 251)
    {
      field[0] = 2, field[1] = 1, field[2] = compression;
      g_byte_array_append (body, field, 3);
    }
  else
    {
      field[0] = 2, field[1] = 3, field[2] = 0xfc, field[3] = compression, field[4] = 0;
      g_byte_array_append (body, field, 5);
    }
  field[0] = 3, field[1] = 4, field[2] = 0xfd;
  field[3] = uncompressed_size & 0xff;
  field[4] = (uncompressed_size >> 8) & 0xff;
  field[5] = (uncompressed_size >> 16) & 0xff;
  g_byte_array_append (body, field, 6);
  field[0] = 1, field[1] = 4, field[2] = 0xfd;
  field[3] = announced_payload_size & 0xff;
  field[4] = (announced_payload_size >> 8) & 0xff;
  field[5] = (announced_payload_size >> 16) & 0xff;
  g_byte_array_append (body, field, 6);
  field[0] = 0;   /* end mark */
  g_byte_array_append (body, field, 1);
  g_byte_array_append (body, payload, payload_length);
  append_event (event, MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD, body->data, body->len);
  return g_steal_pointer (&event);
}

/* Inner events: a query "BEGIN", a big IGNORABLE event, an XID. */
static GByteArray *
inner_events (gsize big_size)
{
  GByteArray *events = g_byte_array_new ();
  static const guint8 query[] = {
    0, 0, 0, 0, 0, 0, 0, 0,  /* thread id, execution time */
    0,                       /* schema length */
    0, 0, 0, 0,              /* error code, status variables length */
    0,                       /* schema "" */
    'B', 'E', 'G', 'I', 'N',
  };
  static const guint8 xid[8] = { 42 };
  g_autofree guint8 *big = g_malloc (big_size);

  for (gsize i = 0; i < big_size; i++)
    big[i] = i * 7;
  append_event (events, MYSQL_BINLOG_EVENT_QUERY, query, sizeof query);
  append_event (events, MYSQL_BINLOG_EVENT_IGNORABLE, big, big_size);
  append_event (events, MYSQL_BINLOG_EVENT_XID, xid, sizeof xid);
  return events;
}

static gboolean
parse (MysqlBinlogDecoder   *decoder,
       GByteArray           *event,
       MysqlBinlogEventInfo *info)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = _mysql_binlog_decoder_parse_header (decoder, event->data, event->len, info, &error);

  g_assert_no_error (error);
  return ok;
}

/* Reads every inner event; returns their types, or NULL with @error. */
static GArray *
read_inner (const MysqlBinlogEventInfo  *info,
            GByteArray                  *expected,
            GError                     **error)
{
  g_autoptr(MysqlBinlogPayloadReader) reader = _mysql_binlog_payload_reader_new (info, error);
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, 1);
  gsize offset = 0;

  if (reader == NULL)
    return NULL;
  for (;;)
    {
      const guint8 *data;
      gsize length;

      switch (_mysql_binlog_payload_reader_next (reader, &data, &length, error))
        {
        case MYSQL_BINLOG_READ_END:
          g_assert_cmpuint (offset, ==, expected->len);
          return g_steal_pointer (&types);
        case MYSQL_BINLOG_READ_ERROR:
          return NULL;
        case MYSQL_BINLOG_READ_EVENT:
          /* Each inner event comes out whole and unchanged. */
          g_assert_cmpuint (offset + length, <=, expected->len);
          g_assert_cmpmem (data, length, expected->data + offset, length);
          offset += length;
          g_array_append_val (types, data[4]);
          break;
        }
    }
}

static void
assert_types (GArray *types)
{
  g_assert_nonnull (types);
  g_assert_cmpuint (types->len, ==, 3);
  g_assert_cmpuint (g_array_index (types, guint8, 0), ==, MYSQL_BINLOG_EVENT_QUERY);
  g_assert_cmpuint (g_array_index (types, guint8, 1), ==, MYSQL_BINLOG_EVENT_IGNORABLE);
  g_assert_cmpuint (g_array_index (types, guint8, 2), ==, MYSQL_BINLOG_EVENT_XID);
}

static void
test_payload_none (void)
{
  g_autoptr(GByteArray) inner = inner_events (1000);
  g_autoptr(GByteArray) event = payload_event (inner->data, inner->len, 255, inner->len, inner->len);
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  MysqlBinlogEventInfo info;
  g_autoptr(GArray) types = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (decoder, event, &info));
  types = read_inner (&info, inner, &error);
  g_assert_no_error (error);
  assert_types (types);
  _mysql_binlog_decoder_free (decoder);
}

static void
test_payload_zstd (void)
{
  /* The big inner event does not fit the first buffer: it grows. */
  g_autoptr(GByteArray) inner = inner_events (300 * 1024);
  gsize bound = ZSTD_compressBound (inner->len);
  g_autofree guint8 *compressed = g_malloc (bound);
  gsize compressed_length = ZSTD_compress (compressed, bound, inner->data, inner->len, 3);
  g_autoptr(GByteArray) event = NULL;
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  MysqlBinlogEventInfo info;
  g_autoptr(GArray) types = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ZSTD_isError (compressed_length));
  event = payload_event (compressed, compressed_length, 0, inner->len, compressed_length);
  g_assert_true (parse (decoder, event, &info));
  types = read_inner (&info, inner, &error);
  g_assert_no_error (error);
  assert_types (types);

  /* The same payload cut short: a truncation error, not a short read. */
  g_clear_pointer (&event, g_byte_array_unref);
  g_clear_pointer (&types, g_array_unref);
  event = payload_event (compressed, compressed_length / 2, 0, inner->len, compressed_length / 2);
  g_assert_true (parse (decoder, event, &info));
  types = read_inner (&info, inner, &error);
  g_assert_null (types);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "Transaction payload ends in the middle of its zstd frame"));
  _mysql_binlog_decoder_free (decoder);
}

/* The rest of an event read in parts, handed out a few bytes at a time
 * (the file source's read_rest()); @end cuts it short. */
typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         end;
  gsize         part;
  guint         n_calls;
} Parts;

static gssize
read_part (gpointer        user_data,
           const guint8  **data,
           GError        **error)
{
  Parts *parts = user_data;
  gsize n = parts->end > parts->length ? MIN (parts->part, parts->end - parts->length) : 0;

  parts->n_calls++;
  *data = parts->data + parts->length;
  parts->length += n;
  return n;
}

/* @event read in parts: its first @first bytes, then 7 bytes at a time
 * up to @end. */
static GArray *
read_inner_in_parts (MysqlBinlogDecoder  *decoder,
                     GByteArray          *event,
                     gsize                first,
                     gsize                end,
                     GByteArray          *expected,
                     GError             **error)
{
  MysqlBinlogEventInfo info;
  Parts parts = { event->data, first, end, 7, 0 };
  g_autoptr(MysqlBinlogPayloadReader) reader = NULL;
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, 1);
  gsize offset = 0;

  g_assert_true (_mysql_binlog_decoder_parse_first_part (decoder, event->data, first, &info, error));
  g_assert_true (info.partial);
  g_assert_cmpuint (info.length, ==, first);
  g_assert_cmpuint (info.event_size, ==, event->len);
  reader = _mysql_binlog_payload_reader_new_in_parts (&info, event->len - first, read_part,
                                                      &parts, error);
  if (reader == NULL)
    return NULL;
  for (;;)
    {
      const guint8 *data;
      gsize length;

      switch (_mysql_binlog_payload_reader_next (reader, &data, &length, error))
        {
        case MYSQL_BINLOG_READ_END:
          g_assert_cmpuint (offset, ==, expected->len);
          /* Every part was asked for, and the end of them. */
          g_assert_cmpuint (parts.length, ==, event->len);
          g_assert_cmpuint (parts.n_calls, ==, (event->len - first + 6) / 7 + 1);
          return g_steal_pointer (&types);
        case MYSQL_BINLOG_READ_ERROR:
          return NULL;
        case MYSQL_BINLOG_READ_EVENT:
          g_assert_cmpuint (offset + length, <=, expected->len);
          g_assert_cmpmem (data, length, expected->data + offset, length);
          offset += length;
          g_array_append_val (types, data[4]);
          break;
        }
    }
}

static void
test_payload_in_parts (void)
{
  g_autoptr(GByteArray) inner = inner_events (70 * 1024);
  gsize bound = ZSTD_compressBound (inner->len);
  g_autofree guint8 *compressed = g_malloc (bound);
  gsize compressed_length = ZSTD_compress (compressed, bound, inner->data, inner->len, 3);
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GByteArray) event = NULL;
  g_autoptr(GArray) types = NULL;
  g_autoptr(GError) error = NULL;
  const gsize firsts[] = { 35, 36, 200 };

  g_assert_false (ZSTD_isError (compressed_length));
  for (guint i = 0; i < G_N_ELEMENTS (firsts); i++)
    {
      /* zstd: the first part holds the header, the fields (35 bytes)
       * and the start of the frame, or none of it. */
      event = payload_event (compressed, compressed_length, 0, inner->len, compressed_length);
      types = read_inner_in_parts (decoder, event, firsts[i], event->len, inner, &error);
      g_assert_no_error (error);
      assert_types (types);
      g_clear_pointer (&types, g_array_unref);
      g_clear_pointer (&event, g_byte_array_unref);

      /* Not compressed (2 more bytes of fields), copied out of the parts. */
      event = payload_event (inner->data, inner->len, 255, inner->len, inner->len);
      types = read_inner_in_parts (decoder, event, firsts[i] + 2, event->len, inner, &error);
      g_assert_no_error (error);
      assert_types (types);
      g_clear_pointer (&types, g_array_unref);
      g_clear_pointer (&event, g_byte_array_unref);
    }

  /* The parts end early: the frame, or an event, is cut short. */
  event = payload_event (compressed, compressed_length, 0, inner->len, compressed_length);
  types = read_inner_in_parts (decoder, event, 35, event->len / 2, inner, &error);
  g_assert_null (types);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "Transaction payload ends in the middle of its zstd frame"));
  g_clear_error (&error);
  g_clear_pointer (&event, g_byte_array_unref);
  event = payload_event (inner->data, inner->len, 255, inner->len, inner->len);
  types = read_inner_in_parts (decoder, event, 37, event->len - 5, inner, &error);
  g_assert_null (types);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "Transaction payload ends 22 bytes into an event of "
                                            "type 16 that declares 27 bytes"));
  _mysql_binlog_decoder_free (decoder);
}

static void
test_payload_errors (void)
{
  g_autoptr(GByteArray) inner = inner_events (10);
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  static const guint8 garbage[] = { 0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4, 5, 6, 7, 8 };

  /* an unknown algorithm */
  {
    g_autoptr(GByteArray) event = payload_event (inner->data, inner->len, 7, inner->len, inner->len);
    MysqlBinlogEventInfo info;
    g_autoptr(GError) error = NULL;

    g_assert_true (parse (decoder, event, &info));
    g_assert_null (_mysql_binlog_payload_reader_new (&info, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  }
  /* a payload size that is not what the event carries */
  {
    g_autoptr(GByteArray) event = payload_event (inner->data, inner->len, 255, inner->len,
                                                 inner->len + 1);
    MysqlBinlogEventInfo info;
    g_autoptr(GError) error = NULL;

    g_assert_true (parse (decoder, event, &info));
    g_assert_null (_mysql_binlog_payload_reader_new (&info, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  }
  /* not a zstd frame */
  {
    g_autoptr(GByteArray) event = payload_event (garbage, sizeof garbage, 0, 100, sizeof garbage);
    MysqlBinlogEventInfo info;
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) types = NULL;

    g_assert_true (parse (decoder, event, &info));
    types = read_inner (&info, inner, &error);
    g_assert_null (types);
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
    g_assert_nonnull (strstr (error->message, "zstd"));
  }
  /* an inner event that declares more than there is */
  {
    g_autoptr(GByteArray) bad = g_byte_array_new ();
    g_autoptr(GByteArray) event = NULL;
    MysqlBinlogEventInfo info;
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) types = NULL;

    g_byte_array_append (bad, inner->data, inner->len);
    put_u32 (bad->data + 9, 1000000);
    event = payload_event (bad->data, bad->len, 255, bad->len, bad->len);
    g_assert_true (parse (decoder, event, &info));
    types = read_inner (&info, bad, &error);
    g_assert_null (types);
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  }
  _mysql_binlog_decoder_free (decoder);
}

/* MariaDB's compressed form: 0x80 | N, N bytes of big-endian length, zlib. */
static GByteArray *
mariadb_compress (const void *data,
                  gsize       length)
{
  GByteArray *out = g_byte_array_new ();
  uLongf compressed_length = compressBound (length);
  g_autofree guint8 *compressed = g_malloc (compressed_length);
  guint8 header[5] = { 0x84, (length >> 24) & 0xff, (length >> 16) & 0xff,
                       (length >> 8) & 0xff, length & 0xff };

  g_assert_cmpint (compress (compressed, &compressed_length, data, length), ==, Z_OK);
  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, compressed, compressed_length);
  return out;
}

static void
test_mariadb_query (void)
{
  const char *statement = "INSERT INTO t VALUES (1), (2), (3), (4), (5), (6), (7), (8)";
  g_autoptr(GByteArray) compressed = mariadb_compress (statement, strlen (statement));
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  static const guint8 post_header[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0 };
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  MysqlBinlogEventInfo info;
  g_autofree char *schema = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exact = FALSE;

  g_byte_array_append (body, post_header, sizeof post_header);
  g_byte_array_append (body, (const guint8 *) "shop", 5);
  g_byte_array_append (body, compressed->data, compressed->len);
  append_event (event, MYSQL_BINLOG_EVENT_QUERY_COMPRESSED, body->data, body->len);
  g_assert_true (parse (decoder, event, &info));
  g_assert_true (_mysql_binlog_decoder_query (decoder, &info, &schema, &text, &exact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (schema, ==, "shop");
  g_assert_cmpstr (text, ==, statement);
  g_assert_true (exact);

  /* A corrupted stream, and a size beyond what zlib can produce. */
  g_clear_pointer (&schema, g_free);
  event->data[event->len - 3] ^= 0xff;
  g_assert_true (parse (decoder, event, &info));
  g_assert_false (_mysql_binlog_decoder_query (decoder, &info, &schema, &text, &exact, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_null (schema);
  g_clear_error (&error);
  event->data[event->len - 3] ^= 0xff;
  event->data[19 + 13 + 5 + 1] = 0x7f;   /* the length's high byte */
  g_assert_true (parse (decoder, event, &info));
  g_assert_false (_mysql_binlog_decoder_query (decoder, &info, &schema, &text, &exact, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  _mysql_binlog_decoder_free (decoder);
}

static void
test_mariadb_rows (void)
{
  /* a table map of test.t (id INT), then a compressed v1 insert of
   * the rows 7 and 8 */
  static const guint8 table_map[] = {
    0x21, 0, 0, 0, 0, 0,  0x01, 0,     /* table id 33, flags */
    4, 't', 'e', 's', 't', 0,
    1, 't', 0,
    1, MYSQL_BINLOG_COLUMN_TYPE_LONG,  /* one INT column */
    0,                                 /* no metadata */
    0x00,                              /* NOT NULL */
  };
  static const guint8 rows[] = {
    0x00, 7, 0, 0, 0,                  /* NULL bitmap, id 7 */
    0x00, 8, 0, 0, 0,
  };
  static const guint8 rows_head[] = {
    0x21, 0, 0, 0, 0, 0,  0x01, 0,     /* table id, flags (statement end) */
    1,                                 /* width */
    0x01,                              /* columns present */
  };
  g_autoptr(GByteArray) compressed = mariadb_compress (rows, sizeof rows);
  g_autoptr(GByteArray) map_event = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  MysqlBinlogEventInfo info, plain;
  MysqlBinlogTableNeeds needs;
  MysqlBinlogRowsInfo rows_info;
  gboolean is_new;
  g_autoptr(GBytes) uncompressed = NULL;
  g_autoptr(GError) error = NULL;

  append_event (map_event, MYSQL_BINLOG_EVENT_TABLE_MAP, table_map, sizeof table_map);
  g_assert_true (parse (decoder, map_event, &info));
  g_assert_nonnull (_mysql_binlog_decoder_table_map (decoder, &info, &is_new, &needs, &error));
  g_assert_no_error (error);

  g_byte_array_append (body, rows_head, sizeof rows_head);
  g_byte_array_append (body, compressed->data, compressed->len);
  append_event (event, MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1, body->data, body->len);
  g_assert_true (parse (decoder, event, &info));
  uncompressed = _mysql_binlog_decoder_uncompress_rows (decoder, &info, &plain, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uncompressed);

  /* The plain event it stands for: the same header, the rows in clear. */
  g_assert_cmpuint (plain.type, ==, MYSQL_BINLOG_EVENT_WRITE_ROWS_V1);
  g_assert_cmpuint (plain.length, ==, 19 + sizeof rows_head + sizeof rows);
  g_assert_cmpuint (g_bytes_get_size (uncompressed), ==, plain.length);
  g_assert_true (_mysql_binlog_decoder_rows (decoder, &plain, &rows_info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows_info.kind, ==, 'i');
  g_assert_cmpstr (rows_info.table->qualified_name, ==, "test.t");
  g_assert_cmpmem (rows_info.rows, rows_info.rows_end - rows_info.rows, rows, sizeof rows);

  /* Without its table map, it says so. */
  _mysql_binlog_decoder_forget_tables (decoder);
  g_clear_pointer (&uncompressed, g_bytes_unref);
  uncompressed = _mysql_binlog_decoder_uncompress_rows (decoder, &info, &plain, &error);
  g_assert_null (uncompressed);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "table map"));
  _mysql_binlog_decoder_free (decoder);
}

static void
test_json_diff (void)
{
  /* replace $.a with true, insert $.b[1] = 5, remove $.c */
  static const guint8 diffs[] = {
    0x00, 0x03, '$', '.', 'a', 0x02, 0x04, 0x01,
    0x01, 0x06, '$', '.', 'b', '[', '1', ']', 0x03, 0x05, 0x05, 0x00,
    0x02, 0x03, '$', '.', 'c',
  };
  g_autofree char *text = _mysql_binlog_json_diff_to_string (diffs, sizeof diffs);
  g_autofree char *empty = _mysql_binlog_json_diff_to_string (diffs, 0);

  g_assert_cmpstr (text, ==,
                   "[{\"op\": \"replace\", \"path\": \"$.a\", \"value\": true}, "
                   "{\"op\": \"insert\", \"path\": \"$.b[1]\", \"value\": 5}, "
                   "{\"op\": \"remove\", \"path\": \"$.c\"}]");
  g_assert_cmpstr (empty, ==, "[]");

  /* Cut anywhere but at the end of a diff, or with an unknown operation:
   * malformed. */
  for (gsize cut = 1; cut < sizeof diffs; cut++)
    {
      g_autofree char *partial = _mysql_binlog_json_diff_to_string (diffs, cut);

      if (cut == 8 || cut == 20)
        g_assert_nonnull (partial);
      else
        g_assert_null (partial);
    }
  {
    guint8 bad[sizeof diffs];
    g_autofree char *unknown = NULL;

    memcpy (bad, diffs, sizeof diffs);
    bad[0] = 3;
    unknown = _mysql_binlog_json_diff_to_string (bad, sizeof bad);
    g_assert_null (unknown);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payload/none", test_payload_none);
  g_test_add_func ("/payload/zstd", test_payload_zstd);
  g_test_add_func ("/payload/errors", test_payload_errors);
  g_test_add_func ("/payload/in-parts", test_payload_in_parts);
  g_test_add_func ("/mariadb/query-compressed", test_mariadb_query);
  g_test_add_func ("/mariadb/rows-compressed", test_mariadb_rows);
  g_test_add_func ("/json/diff", test_json_diff);

  return g_test_run ();
}
