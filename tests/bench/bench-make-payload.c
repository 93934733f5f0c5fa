/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Writes a MySQL 8.0 binary log file that holds one transaction compressed
 * the way binlog_transaction_compression=ON writes it: one
 * TRANSACTION_PAYLOAD event whose payload is a zstd stream of the
 * transaction's events (BEGIN, a table map, WRITE_ROWS v2 events, XID).
 *
 *   bench-make-payload [--size BYTES] [--row-size BYTES] FILE
 *
 * The file, as a MySQL 8.0.32 server with GTIDs off and
 * binlog_row_metadata=FULL writes it:
 *
 *   magic, FORMAT_DESCRIPTION, PREVIOUS_GTIDS, ANONYMOUS_GTID,
 *   TRANSACTION_PAYLOAD, ROTATE
 *
 * with CRC32 checksums on the outer events.  The table is
 *
 *   CREATE TABLE bench.large (id INT NOT NULL PRIMARY KEY,
 *                             payload LONGTEXT NOT NULL)
 *
 * and the transaction inserts rows 1, 2, ... until at least --size bytes
 * of row data (default 1 GiB) are written, --row-size bytes of text each
 * (default 4000): the hexadecimal digits of a 64-bit hash of (id, k) for
 * k = 0, 1, ..., so the text compresses like real hexadecimal data (to
 * about half), not to nothing.  Rows are packed into WRITE_ROWS events of
 * at most 8 KiB, as binlog_row_event_max_size does.
 *
 * The payload is compressed with libzstd's streaming API (level 3, the
 * server's default) into a temporary file first, since the payload
 * event's header gives the compressed size; the memory used stays small
 * whatever the size.  Prints one line:
 *
 *   rows=N uncompressed=U compressed=C file=F payload_offset=P
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>
#include <zstd.h>

#define HEADER_LENGTH 19
#define CHECKSUM_LENGTH 4
#define SERVER_ID 1
#define TIMESTAMP 1700000000u
#define TABLE_ID 88
#define ROW_EVENT_MAX_SIZE 8192
#define ZSTD_LEVEL 3

enum {
  EVENT_QUERY = 2,
  EVENT_ROTATE = 4,
  EVENT_FORMAT_DESCRIPTION = 15,
  EVENT_XID = 16,
  EVENT_TABLE_MAP = 19,
  EVENT_WRITE_ROWS = 30,
  EVENT_ANONYMOUS_GTID = 34,
  EVENT_PREVIOUS_GTIDS = 35,
  EVENT_TRANSACTION_PAYLOAD = 40,
};

/* The post-header lengths a MySQL 8.0.32 format description announces,
 * for event types 1 to 41. */
static const guint8 post_header_lengths[] = {
  0x00, 0x0d, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x04, 0x00, 0x00, 0x00,
  0x62, 0x00, 0x04, 0x1a, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x08, 0x02, 0x00, 0x00,
  0x00, 0x0a, 0x0a, 0x0a, 0x2a, 0x2a, 0x00, 0x12, 0x34, 0x00, 0x0a, 0x28, 0x00,
};

/* The status variables of a BEGIN query: flags2, sql_mode, catalog "std",
 * the client character sets and the utf8mb4 default collation. */
static const guint8 begin_status_vars[] = {
  0x00, 0x00, 0x00, 0x00, 0x00,
  0x01, 0x20, 0x00, 0xa0, 0x45, 0x00, 0x00, 0x00, 0x00,
  0x06, 0x03, 's', 't', 'd',
  0x04, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00,
  0x12, 0xff, 0x00,
};

static void
die (const char *what)
{
  g_printerr ("bench-make-payload: %s: %s\n", what, g_strerror (errno));
  exit (1);
}

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  guint8 b[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put_uint (GByteArray *out,
          guint64     value,
          guint       n_bytes)
{
  /* Bytes past the eighth (a 16-byte UUID of zeroes) are zero. */
  for (guint i = 0; i < n_bytes; i++)
    {
      guint8 b = i < 8 ? (value >> (8 * i)) & 0xff : 0;

      g_byte_array_append (out, &b, 1);
    }
}

/* A length-encoded integer of the client/server protocol. */
static void
put_packed (GByteArray *out,
            guint64     value)
{
  guint8 mark;

  if (value < 251)
    {
      put_uint (out, value, 1);
      return;
    }
  if (value < (1u << 16))
    {
      mark = 0xfc;
      g_byte_array_append (out, &mark, 1);
      put_uint (out, value, 2);
    }
  else if (value < (1u << 24))
    {
      mark = 0xfd;
      g_byte_array_append (out, &mark, 1);
      put_uint (out, value, 3);
    }
  else
    {
      mark = 0xfe;
      g_byte_array_append (out, &mark, 1);
      put_uint (out, value, 8);
    }
}

static gsize
packed_size (guint64 value)
{
  return value < 251 ? 1 : value < (1u << 16) ? 3 : value < (1u << 24) ? 4 : 9;
}

static void
put_bytes (GByteArray *out,
           const void *data,
           gsize       length)
{
  g_byte_array_append (out, data, length);
}

/* Starts an event: its common header, with the size and next position
 * filled in by finish_event(). */
static void
start_event (GByteArray *out,
             guint8      type,
             guint16     flags)
{
  g_byte_array_set_size (out, 0);
  put_uint (out, TIMESTAMP, 4);
  put_uint (out, type, 1);
  put_uint (out, SERVER_ID, 4);
  put_uint (out, 0, 4);            /* event size */
  put_uint (out, 0, 4);            /* next position */
  put_u16 (out, flags);
}

static void
set_u32 (guint8  *p,
         guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = (value >> 24) & 0xff;
}

/* Ends an event inside the payload: its size; such events have no next
 * position and no checksum. */
static void
finish_inner_event (GByteArray *out)
{
  set_u32 (out->data + 9, out->len);
  set_u32 (out->data + 13, 0);
}

static void
write_all (FILE       *file,
           const void *data,
           gsize       length)
{
  if (length > 0 && fwrite (data, 1, length, file) != length)
    die ("write");
}

/* Writes a whole outer event with its checksum; returns the next position. */
static guint64
write_event (FILE       *file,
             GByteArray *event,
             guint64     position)
{
  guint32 crc;
  guint8 tail[CHECKSUM_LENGTH];

  set_u32 (event->data + 9, event->len + CHECKSUM_LENGTH);
  set_u32 (event->data + 13, position + event->len + CHECKSUM_LENGTH);
  crc = crc32 (0L, event->data, event->len);
  set_u32 (tail, crc);
  write_all (file, event->data, event->len);
  write_all (file, tail, CHECKSUM_LENGTH);
  return position + event->len + CHECKSUM_LENGTH;
}

static guint64
splitmix64 (guint64 x)
{
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* The text of row @id: hexadecimal digits of hash (id, k), k = 0, 1, ...
 * (tests/test-payload.c computes the same). */
static void
row_text (guint32  id,
          char    *text,
          gsize    length)
{
  static const char hex[] = "0123456789abcdef";

  for (gsize i = 0; i < length; i += 16)
    {
      guint64 h = splitmix64 (((guint64) id << 32) | (i / 16));

      for (gsize j = 0; j < 16 && i + j < length; j++)
        text[i + j] = hex[(h >> (60 - 4 * j)) & 0xf];
    }
}

typedef struct {
  ZSTD_CCtx *cctx;
  FILE      *out;
  guint8    *buffer;
  gsize      buffer_size;
  guint64    uncompressed;
  guint64    compressed;
} Compressor;

static void
compress_bytes (Compressor   *c,
                const guint8 *data,
                gsize         length,
                gboolean      end)
{
  ZSTD_inBuffer in = { data, length, 0 };
  size_t remaining;

  c->uncompressed += length;
  do
    {
      ZSTD_outBuffer out = { c->buffer, c->buffer_size, 0 };

      remaining = ZSTD_compressStream2 (c->cctx, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError (remaining))
        {
          g_printerr ("bench-make-payload: zstd: %s\n", ZSTD_getErrorName (remaining));
          exit (1);
        }
      write_all (c->out, c->buffer, out.pos);
      c->compressed += out.pos;
    }
  while (in.pos < in.size || (end && remaining > 0));
}

int
main (int    argc,
      char **argv)
{
  gint64 size = G_GINT64_CONSTANT (1) << 30;
  gint row_size = 4000;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_INT64, &size, "Bytes of row data at least (default 1 GiB)", "BYTES" },
    { "row-size", 0, 0, G_OPTION_ARG_INT, &row_size, "Bytes of text per row (default 4000)", "BYTES" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) event = g_byte_array_new ();
  g_autofree char *text = NULL;
  Compressor c = { 0 };
  const char *path;
  FILE *file, *tmp;
  guint64 position = 4, rows, gtid_size, payload_size, transaction_length, payload_offset;
  guint32 row;
  gsize fields_length;
  guint8 magic[4] = { 0xfe, 'b', 'i', 'n' };
  guint32 crc;
  guint8 tail[CHECKSUM_LENGTH];

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Writes a MySQL 8.0 binary log file with one "
                                "compressed transaction (TRANSACTION_PAYLOAD, zstd).");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      size < 1 || row_size < 1 || row_size > 1024 * 1024)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "usage: bench-make-payload [--size BYTES] "
                                          "[--row-size BYTES] FILE");
      return 2;
    }
  path = argv[1];
  rows = (size + row_size - 1) / row_size;
  if (rows > G_MAXINT32)
    {
      g_printerr ("bench-make-payload: too many rows\n");
      return 2;
    }

  /* The compressed payload, into a temporary file. */
  tmp = tmpfile ();
  if (tmp == NULL)
    die ("tmpfile");
  c.cctx = ZSTD_createCCtx ();
  ZSTD_CCtx_setParameter (c.cctx, ZSTD_c_compressionLevel, ZSTD_LEVEL);
  c.out = tmp;
  c.buffer_size = ZSTD_CStreamOutSize ();
  c.buffer = g_malloc (c.buffer_size);

  /* BEGIN */
  start_event (event, EVENT_QUERY, 0x0008);
  put_uint (event, 42, 4);                       /* thread id */
  put_uint (event, 0, 4);                        /* execution time */
  put_uint (event, 5, 1);                        /* length of "bench" */
  put_u16 (event, 0);                            /* error code */
  put_u16 (event, sizeof begin_status_vars);
  put_bytes (event, begin_status_vars, sizeof begin_status_vars);
  put_bytes (event, "bench", 6);
  put_bytes (event, "BEGIN", 5);
  finish_inner_event (event);
  compress_bytes (&c, event->data, event->len, FALSE);

  /* The table map, with binlog_row_metadata=FULL. */
  start_event (event, EVENT_TABLE_MAP, 0);
  put_uint (event, TABLE_ID, 6);
  put_u16 (event, 1);                            /* flags: bit_len exact */
  put_uint (event, 5, 1);
  put_bytes (event, "bench", 6);
  put_uint (event, 5, 1);
  put_bytes (event, "large", 6);
  put_packed (event, 2);                         /* columns */
  put_uint (event, 3, 1);                        /* INT */
  put_uint (event, 252, 1);                      /* BLOB (LONGTEXT) */
  put_packed (event, 1);                         /* metadata: the BLOB's length bytes */
  put_uint (event, 4, 1);
  put_uint (event, 0, 1);                        /* nullable: none */
  put_uint (event, 1, 1);                        /* SIGNEDNESS: id signed */
  put_packed (event, 1);
  put_uint (event, 0x00, 1);
  put_uint (event, 2, 1);                        /* DEFAULT_CHARSET: utf8mb4_0900_ai_ci */
  put_packed (event, packed_size (255));
  put_packed (event, 255);
  put_uint (event, 4, 1);                        /* COLUMN_NAME */
  put_packed (event, 1 + 2 + 1 + 7);
  put_uint (event, 2, 1);
  put_bytes (event, "id", 2);
  put_uint (event, 7, 1);
  put_bytes (event, "payload", 7);
  put_uint (event, 8, 1);                        /* SIMPLE_PRIMARY_KEY: id */
  put_packed (event, 1);
  put_uint (event, 0, 1);
  finish_inner_event (event);
  compress_bytes (&c, event->data, event->len, FALSE);

  /* The rows, in WRITE_ROWS v2 events of at most ROW_EVENT_MAX_SIZE. */
  text = g_malloc (row_size);
  row = 1;
  while (row <= rows)
    {
      start_event (event, EVENT_WRITE_ROWS, 0);
      put_uint (event, TABLE_ID, 6);
      put_u16 (event, 0);                        /* flags, STMT_END_F on the last */
      put_u16 (event, 2);                        /* extra data: its own length */
      put_packed (event, 2);
      put_uint (event, 0x03, 1);                 /* both columns present */
      do
        {
          put_uint (event, 0, 1);                /* null bitmap */
          put_uint (event, row, 4);
          put_uint (event, row_size, 4);
          row_text (row, text, row_size);
          put_bytes (event, text, row_size);
          row++;
        }
      while (row <= rows && event->len + 1 + 4 + 4 + row_size <= ROW_EVENT_MAX_SIZE);
      if (row > rows)
        event->data[HEADER_LENGTH + 6] = 0x01;
      finish_inner_event (event);
      compress_bytes (&c, event->data, event->len, FALSE);
    }

  /* COMMIT */
  start_event (event, EVENT_XID, 0);
  put_uint (event, 1234, 8);
  finish_inner_event (event);
  compress_bytes (&c, event->data, event->len, TRUE);
  ZSTD_freeCCtx (c.cctx);
  g_free (c.buffer);

  file = fopen (path, "wb");
  if (file == NULL)
    die (path);
  write_all (file, magic, sizeof magic);

  /* FORMAT_DESCRIPTION */
  start_event (event, EVENT_FORMAT_DESCRIPTION, 0);
  put_u16 (event, 4);
  {
    char version[50] = "8.0.32";

    put_bytes (event, version, sizeof version);
  }
  put_uint (event, 0, 4);                        /* created */
  put_uint (event, HEADER_LENGTH, 1);
  put_bytes (event, post_header_lengths, sizeof post_header_lengths);
  put_uint (event, 1, 1);                        /* checksum algorithm: CRC32 */
  position = write_event (file, event, position);

  /* PREVIOUS_GTIDS: none */
  start_event (event, EVENT_PREVIOUS_GTIDS, 0x0080);
  put_uint (event, 0, 8);
  position = write_event (file, event, position);

  /* The GTID event gives the length of the whole transaction, itself
   * included: the length's own encoded size settles in a step or two. */
  payload_size = c.compressed;
  fields_length = 3 + 2 + packed_size (c.uncompressed) + 2 + packed_size (payload_size) + 1;
  gtid_size = HEADER_LENGTH + 1 + 16 + 8 + 1 + 8 + 8 + 7 + 4 + CHECKSUM_LENGTH;
  transaction_length = gtid_size + 1 + HEADER_LENGTH + fields_length + payload_size +
                       CHECKSUM_LENGTH;
  for (;;)
    {
      guint64 length = gtid_size + packed_size (transaction_length) + HEADER_LENGTH +
                       fields_length + payload_size + CHECKSUM_LENGTH;

      if (length == transaction_length)
        break;
      transaction_length = length;
    }

  /* ANONYMOUS_GTID */
  start_event (event, EVENT_ANONYMOUS_GTID, 0);
  put_uint (event, 0, 1);                        /* flags */
  put_uint (event, 0, 16);                       /* no server UUID */
  put_uint (event, 0, 8);                        /* no GNO */
  put_uint (event, 2, 1);                        /* logical timestamps follow */
  put_uint (event, 0, 8);                        /* last committed */
  put_uint (event, 1, 8);                        /* sequence number */
  put_uint (event, G_GUINT64_CONSTANT (1700000000000000), 7);  /* commit time, us */
  put_packed (event, transaction_length);
  put_uint (event, 80032, 4);                    /* server version */
  position = write_event (file, event, position);

  /* TRANSACTION_PAYLOAD: header fields as the server writes them, then
   * the zstd stream, then the checksum of it all. */
  payload_offset = position;
  start_event (event, EVENT_TRANSACTION_PAYLOAD, 0);
  put_uint (event, 2, 1);                        /* compression type: zstd */
  put_packed (event, 1);
  put_uint (event, 0, 1);
  put_uint (event, 3, 1);                        /* uncompressed size */
  put_packed (event, packed_size (c.uncompressed));
  put_packed (event, c.uncompressed);
  put_uint (event, 1, 1);                        /* payload size */
  put_packed (event, packed_size (payload_size));
  put_packed (event, payload_size);
  put_uint (event, 0, 1);                        /* end of the fields */
  g_assert (event->len == HEADER_LENGTH + fields_length);
  set_u32 (event->data + 9, event->len + payload_size + CHECKSUM_LENGTH);
  set_u32 (event->data + 13, position + event->len + payload_size + CHECKSUM_LENGTH);
  crc = crc32 (0L, event->data, event->len);
  write_all (file, event->data, event->len);
  position += event->len + payload_size + CHECKSUM_LENGTH;
  if (fseek (tmp, 0, SEEK_SET) != 0)
    die ("seek");
  {
    g_autofree guint8 *chunk = g_malloc (1 << 20);
    gsize n;

    while ((n = fread (chunk, 1, 1 << 20, tmp)) > 0)
      {
        crc = crc32 (crc, chunk, n);
        write_all (file, chunk, n);
      }
    if (ferror (tmp))
      die ("read");
  }
  fclose (tmp);
  set_u32 (tail, crc);
  write_all (file, tail, CHECKSUM_LENGTH);

  /* ROTATE to the next file, as FLUSH BINARY LOGS writes it. */
  start_event (event, EVENT_ROTATE, 0);
  put_uint (event, 4, 8);
  put_bytes (event, "binlog.000002", 13);
  position = write_event (file, event, position);

  if (fclose (file) != 0)
    die (path);

  g_print ("rows=%" G_GUINT64_FORMAT " uncompressed=%" G_GUINT64_FORMAT
           " compressed=%" G_GUINT64_FORMAT " file=%" G_GUINT64_FORMAT
           " payload_offset=%" G_GUINT64_FORMAT "\n",
           rows, c.uncompressed, c.compressed, position, payload_offset);
  return 0;
}
