/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <zstd.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-payload-private.h"
#include "wire-private.h"

/* The fields that precede the payload: a type, a length, a value, each a
 * length-encoded integer, up to the end mark. */
enum {
  FIELD_END_MARK = 0,
  FIELD_PAYLOAD_SIZE = 1,
  FIELD_COMPRESSION_TYPE = 2,
  FIELD_UNCOMPRESSED_SIZE = 3,
};

enum {
  COMPRESSION_ZSTD = 0,
  COMPRESSION_NONE = 255,
};

/* No inner event is larger than the largest event a server writes. */
#define MAX_INNER_EVENT_SIZE (1024u * 1024u * 1024u)
#define CHUNK_SIZE (64 * 1024)

struct _MysqlBinlogPayloadReader
{
  guint          compression;
  ZSTD_DStream  *zstd;
  ZSTD_inBuffer  in;
  gboolean       input_done;   /* the decompressor has flushed everything */
  guint8        *buffer;       /* decompressed bytes not yet handed out */
  gsize          allocated;
  gsize          start;
  gsize          end;
  guint64        uncompressed_size;
  guint64        produced;
  /* An event read in parts: the compressed bytes after its first part. */
  MysqlBinlogPayloadReadPart read_part;
  gpointer       read_part_data;
  gboolean       parts_done;   /* read_part() said the event ended */
  gboolean       frame_done;   /* the last call ended a zstd frame */
};

static MysqlBinlogPayloadReader *
reader_new (const MysqlBinlogEventInfo  *info,
            guint64                      rest,
            MysqlBinlogPayloadReadPart   read_part,
            gpointer                     user_data,
            GError                     **error)
{
  g_autoptr(MysqlBinlogPayloadReader) reader = g_new0 (MysqlBinlogPayloadReader, 1);
  /* The fields start right after the common header, whatever post-header
   * length the format description announces. */
  const guint8 *p = info->post_header;
  const guint8 *end = info->data + info->length;
  guint64 payload_size = G_MAXUINT64, compression = COMPRESSION_NONE;
  gboolean have_end = FALSE;

  while (!have_end)
    {
      guint64 type, length, value = 0;
      const guint8 *field_end;

      if (!_mysql_binlog_read_packed (&p, end, &type))
        goto malformed;
      if (type == FIELD_END_MARK)
        {
          have_end = TRUE;
          break;
        }
      if (!_mysql_binlog_read_packed_length (&p, end, &length))
        goto malformed;
      field_end = p + length;
      switch (type)
        {
        case FIELD_PAYLOAD_SIZE:
        case FIELD_COMPRESSION_TYPE:
        case FIELD_UNCOMPRESSED_SIZE:
          if (!_mysql_binlog_read_packed (&p, field_end, &value) || p != field_end)
            goto malformed;
          if (type == FIELD_PAYLOAD_SIZE)
            payload_size = value;
          else if (type == FIELD_COMPRESSION_TYPE)
            compression = value;
          else
            reader->uncompressed_size = value;
          break;
        default:
          /* A field of a newer server: skip it. */
          break;
        }
      p = field_end;
    }

  if (payload_size != G_MAXUINT64 && payload_size != (guint64) (end - p) + rest)
    {
      _mysql_binlog_set_corrupt (error, "Transaction payload event announces a %" G_GUINT64_FORMAT
                                 "-byte payload but carries %" G_GUINT64_FORMAT " bytes",
                                 payload_size, (guint64) (end - p) + rest);
      return NULL;
    }

  reader->compression = compression;
  reader->read_part = read_part;
  reader->read_part_data = user_data;
  reader->parts_done = read_part == NULL;
  reader->in.src = p;
  reader->in.size = end - p;
  reader->in.pos = 0;
  switch (compression)
    {
    case COMPRESSION_ZSTD:
      reader->zstd = ZSTD_createDStream ();
      if (reader->zstd == NULL)
        {
          g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                               "Could not create a zstd decompressor");
          return NULL;
        }
      ZSTD_initDStream (reader->zstd);
      reader->allocated = CHUNK_SIZE;
      reader->buffer = g_malloc (reader->allocated);
      break;
    case COMPRESSION_NONE:
      /* In place, unless the event comes in parts. */
      if (read_part != NULL)
        {
          reader->allocated = CHUNK_SIZE;
          reader->buffer = g_malloc (reader->allocated);
        }
      break;
    default:
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Transaction payload compressed with the unknown algorithm %" G_GUINT64_FORMAT,
                   compression);
      return NULL;
    }
  return g_steal_pointer (&reader);

malformed:
  _mysql_binlog_set_corrupt (error, "Transaction payload event with malformed header fields");
  return NULL;
}

MysqlBinlogPayloadReader *
_mysql_binlog_payload_reader_new (const MysqlBinlogEventInfo  *info,
                                  GError                     **error)
{
  return reader_new (info, 0, NULL, NULL, error);
}

MysqlBinlogPayloadReader *
_mysql_binlog_payload_reader_new_in_parts (const MysqlBinlogEventInfo  *info,
                                           guint64                      rest,
                                           MysqlBinlogPayloadReadPart   read_part,
                                           gpointer                     user_data,
                                           GError                     **error)
{
  g_return_val_if_fail (read_part != NULL, NULL);

  return reader_new (info, rest, read_part, user_data, error);
}

void
_mysql_binlog_payload_reader_free (MysqlBinlogPayloadReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->zstd != NULL)
    ZSTD_freeDStream (reader->zstd);
  g_free (reader->buffer);
  g_free (reader);
}

/* Decompresses (or, uncompressed, copies) until @wanted bytes are
 * available or the payload ends. */
static gboolean
fill (MysqlBinlogPayloadReader  *reader,
      gsize                      wanted,
      GError                   **error)
{
  if (reader->end - reader->start >= wanted)
    return TRUE;

  if (reader->start > 0)
    {
      memmove (reader->buffer, reader->buffer + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->start = 0;
    }
  while (reader->end < wanted && !reader->input_done)
    {
      ZSTD_outBuffer out;
      gsize before, in_before;
      gboolean exhausted;
      size_t ret;

      /* The next part of an event read in parts, once the last one is
       * used up: bounded buffers whatever the size of the payload. */
      if (reader->in.pos == reader->in.size && !reader->parts_done)
        {
          const guint8 *part = NULL;
          gssize n = reader->read_part (reader->read_part_data, &part, error);

          if (n < 0)
            return FALSE;
          reader->in.src = part;
          reader->in.size = n;
          reader->in.pos = 0;
          if (n == 0)
            {
              reader->parts_done = TRUE;
              /* The frame ended with the last part. */
              if (reader->frame_done || reader->compression == COMPRESSION_NONE)
                {
                  reader->input_done = TRUE;
                  break;
                }
            }
        }

      /* Grow only as the bytes come out of the decompressor. */
      if (reader->end == reader->allocated)
        {
          reader->allocated = MIN (reader->allocated * 2, MAX (wanted, CHUNK_SIZE));
          reader->buffer = g_realloc (reader->buffer, reader->allocated);
        }

      out.dst = reader->buffer;
      out.size = reader->allocated;
      out.pos = reader->end;
      before = out.pos;
      in_before = reader->in.pos;
      if (reader->compression == COMPRESSION_NONE)
        {
          gsize n = MIN (reader->in.size - reader->in.pos, out.size - out.pos);

          if (n > 0)
            memcpy (reader->buffer + out.pos, (const guint8 *) reader->in.src + reader->in.pos, n);
          out.pos += n;
          reader->in.pos += n;
          ret = 0;
        }
      else
        {
          ret = ZSTD_decompressStream (reader->zstd, &out, &reader->in);
          if (ZSTD_isError (ret))
            {
              _mysql_binlog_set_corrupt (error, "Transaction payload: zstd: %s",
                                         ZSTD_getErrorName (ret));
              return FALSE;
            }
        }
      reader->end = out.pos;
      reader->produced += out.pos - before;
      reader->frame_done = ret == 0;
      exhausted = reader->in.pos == reader->in.size && reader->parts_done;
      /* Done when the frame ended and everything is out, or when the
       * input is used up and a call with room for output made no
       * progress at all (a truncated frame). */
      if (ret == 0 && exhausted)
        reader->input_done = TRUE;
      else if (exhausted && in_before == reader->in.pos &&
               out.pos == before && out.pos < out.size)
        {
          _mysql_binlog_set_corrupt (error, "Transaction payload ends in the middle of its "
                                     "zstd frame");
          return FALSE;
        }
    }
  return TRUE;
}

MysqlBinlogReadResult
_mysql_binlog_payload_reader_next (MysqlBinlogPayloadReader  *reader,
                                   const guint8             **data,
                                   gsize                     *length,
                                   GError                   **error)
{
  const guint8 *header;
  gsize available;
  guint32 event_size;

  if (reader->compression == COMPRESSION_NONE && reader->read_part == NULL)
    {
      available = reader->in.size - reader->in.pos;
      header = (const guint8 *) reader->in.src + reader->in.pos;
    }
  else
    {
      if (!fill (reader, MYSQL_BINLOG_EVENT_HEADER_LENGTH, error))
        return MYSQL_BINLOG_READ_ERROR;
      available = reader->end - reader->start;
      header = reader->buffer + reader->start;
    }

  if (available == 0)
    return MYSQL_BINLOG_READ_END;
  if (available < MYSQL_BINLOG_EVENT_HEADER_LENGTH)
    {
      _mysql_binlog_set_corrupt (error, "Transaction payload ends in the middle of an event header");
      return MYSQL_BINLOG_READ_ERROR;
    }
  event_size = _mysql_binlog_le32 (header + 9);
  if (event_size < MYSQL_BINLOG_EVENT_HEADER_LENGTH || event_size > MAX_INNER_EVENT_SIZE)
    {
      _mysql_binlog_set_corrupt (error, "Transaction payload holds an event of type %u that "
                                 "declares %u bytes", header[4], event_size);
      return MYSQL_BINLOG_READ_ERROR;
    }

  if (reader->compression == COMPRESSION_NONE && reader->read_part == NULL)
    {
      if (available < event_size)
        goto truncated;
      *data = header;
      *length = event_size;
      reader->in.pos += event_size;
      return MYSQL_BINLOG_READ_EVENT;
    }

  if (!fill (reader, event_size, error))
    return MYSQL_BINLOG_READ_ERROR;
  available = reader->end - reader->start;
  header = reader->buffer + reader->start;
  if (available < event_size)
    goto truncated;
  *data = header;
  *length = event_size;
  reader->start += event_size;
  return MYSQL_BINLOG_READ_EVENT;

truncated:
  _mysql_binlog_set_corrupt (error, "Transaction payload ends %" G_GSIZE_FORMAT " bytes into an "
                             "event of type %u that declares %u bytes",
                             available, header[4], event_size);
  return MYSQL_BINLOG_READ_ERROR;
}
