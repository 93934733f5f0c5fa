/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-file-source-private.h"
#include "wire-private.h"

#define CHUNK_SIZE (64 * 1024)

#define CHECKSUM_LENGTH 4

static const guint8 binlog_magic[4] = { 0xfe, 'b', 'i', 'n' };

static gsize parts_threshold = MYSQL_BINLOG_FILE_PARTS_THRESHOLD;

struct _MysqlBinlogFileSource
{
  GInputStream *input;
  guint8       *buffer;
  gsize         allocated;
  gsize         start;      /* first byte not handed out yet */
  gsize         end;        /* end of the bytes read */
  guint64       offset;     /* file offset of buffer[start] */
  gboolean      eof;
  gboolean      checksum;   /* events carry a CRC32 */

  /* The event being read in parts. */
  gboolean      in_parts;
  guint64       rest;       /* bytes still to hand out, checksum excluded */
  gsize         read;       /* bytes handed out */
  gsize         part_size;
  guint32       crc;        /* of the bytes handed out */
  guint8        type;
  guint32       event_size;
  GCancellable *cancellable;  /* borrowed from read_event() */
};

void
_mysql_binlog_file_source_set_parts_threshold (gsize threshold)
{
  parts_threshold = threshold > 0 ? threshold : MYSQL_BINLOG_FILE_PARTS_THRESHOLD;
}

void
_mysql_binlog_file_source_set_checksum (MysqlBinlogFileSource *source,
                                        gboolean               crc32)
{
  source->checksum = crc32;
}

guint64
_mysql_binlog_file_source_get_rest (MysqlBinlogFileSource *source)
{
  return source->in_parts ? source->rest : 0;
}

MysqlBinlogFileSource *
_mysql_binlog_file_source_new (GInputStream *input)
{
  MysqlBinlogFileSource *source = g_new0 (MysqlBinlogFileSource, 1);

  source->input = g_object_ref (input);
  source->allocated = CHUNK_SIZE;
  source->buffer = g_malloc (source->allocated);
  return source;
}

void
_mysql_binlog_file_source_free (MysqlBinlogFileSource *source)
{
  if (source == NULL)
    return;
  g_object_unref (source->input);
  g_free (source->buffer);
  g_free (source);
}

/* Makes at least @wanted bytes available from start, unless the file ends
 * first; returns FALSE only on a read error. */
static gboolean
fill (MysqlBinlogFileSource  *source,
      gsize                   wanted,
      GCancellable           *cancellable,
      GError                **error)
{
  if (source->end - source->start >= wanted)
    return TRUE;

  /* Move what is left to the front, and grow only for a bigger event. */
  if (source->start > 0)
    {
      memmove (source->buffer, source->buffer + source->start, source->end - source->start);
      source->end -= source->start;
      source->start = 0;
    }

  while (!source->eof && source->end < wanted)
    {
      gssize n;

      /* Grow only as the bytes arrive: an event that declares a size
       * the file does not have costs no more than the file. */
      if (source->end == source->allocated)
        {
          source->allocated = MIN (source->allocated * 2, MAX (wanted, CHUNK_SIZE));
          source->buffer = g_realloc (source->buffer, source->allocated);
        }

      n = g_input_stream_read (source->input, source->buffer + source->end,
                               source->allocated - source->end, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        source->eof = TRUE;
      source->end += n;
    }
  return TRUE;
}

gboolean
_mysql_binlog_file_source_read_magic (MysqlBinlogFileSource  *source,
                                      GCancellable           *cancellable,
                                      GError                **error)
{
  if (!fill (source, sizeof binlog_magic, cancellable, error))
    return FALSE;
  if (source->end - source->start < sizeof binlog_magic ||
      memcmp (source->buffer + source->start, binlog_magic, sizeof binlog_magic) != 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT,
                           "Not a binary log file: it does not start with the bytes FE 62 69 6E");
      return FALSE;
    }
  source->start += sizeof binlog_magic;
  source->offset += sizeof binlog_magic;
  return TRUE;
}

MysqlBinlogReadResult
_mysql_binlog_file_source_read_event (MysqlBinlogFileSource  *source,
                                      const guint8          **data,
                                      gsize                  *length,
                                      guint64                *offset,
                                      GCancellable           *cancellable,
                                      GError                **error)
{
  const guint8 *header;
  gsize available, checksum_length, part_size;
  guint32 event_size;

  if (source->in_parts)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                           "The previous event was not read to its end");
      return MYSQL_BINLOG_READ_ERROR;
    }
  if (!fill (source, MYSQL_BINLOG_EVENT_HEADER_LENGTH, cancellable, error))
    return MYSQL_BINLOG_READ_ERROR;
  available = source->end - source->start;
  if (available == 0)
    return MYSQL_BINLOG_READ_END;
  if (available < MYSQL_BINLOG_EVENT_HEADER_LENGTH)
    {
      _mysql_binlog_set_corrupt (error, "Truncated event: the file ends %" G_GSIZE_FORMAT
                                 " bytes into the %u-byte header of an event",
                                 available, MYSQL_BINLOG_EVENT_HEADER_LENGTH);
      return MYSQL_BINLOG_READ_ERROR;
    }

  header = source->buffer + source->start;
  event_size = _mysql_binlog_le32 (header + 9);
  if (event_size < MYSQL_BINLOG_EVENT_HEADER_LENGTH)
    {
      _mysql_binlog_set_corrupt (error, "Event of type %u declares %u bytes, less than its own "
                                 "%u-byte header", header[4], event_size,
                                 MYSQL_BINLOG_EVENT_HEADER_LENGTH);
      return MYSQL_BINLOG_READ_ERROR;
    }
  if (event_size > MYSQL_BINLOG_FILE_MAX_EVENT_SIZE)
    {
      _mysql_binlog_set_corrupt (error, "Event of type %u declares %u bytes, more than the "
                                 "largest event a server writes", header[4], event_size);
      return MYSQL_BINLOG_READ_ERROR;
    }

  /* A large transaction payload: its first part now, the rest as the
   * decompressor asks for it. */
  checksum_length = source->checksum ? CHECKSUM_LENGTH : 0;
  part_size = CLAMP (parts_threshold / 4, 64, CHUNK_SIZE);
  if (header[4] == MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD && event_size > parts_threshold &&
      event_size > part_size + checksum_length)
    {
      if (!fill (source, part_size, cancellable, error))
        return MYSQL_BINLOG_READ_ERROR;
      available = source->end - source->start;
      header = source->buffer + source->start;
      if (available < part_size)
        {
          _mysql_binlog_set_corrupt (error, "Truncated event: the file ends %" G_GSIZE_FORMAT
                                     " bytes into an event of type %u that declares %u bytes",
                                     available, header[4], event_size);
          return MYSQL_BINLOG_READ_ERROR;
        }
      source->in_parts = TRUE;
      source->part_size = part_size;
      source->type = header[4];
      source->event_size = event_size;
      source->read = part_size;
      source->rest = event_size - part_size - checksum_length;
      source->crc = source->checksum ? _mysql_binlog_crc32 (0, header, part_size) : 0;
      source->cancellable = cancellable;
      *data = header;
      *length = part_size;
      *offset = source->offset;
      source->start += part_size;
      source->offset += part_size;
      return MYSQL_BINLOG_READ_EVENT;
    }

  if (!fill (source, event_size, cancellable, error))
    return MYSQL_BINLOG_READ_ERROR;
  available = source->end - source->start;
  if (available < event_size)
    {
      header = source->buffer + source->start;
      _mysql_binlog_set_corrupt (error, "Truncated event: the file ends %" G_GSIZE_FORMAT
                                 " bytes into an event of type %u that declares %u bytes",
                                 available, header[4], event_size);
      return MYSQL_BINLOG_READ_ERROR;
    }

  *data = source->buffer + source->start;
  *length = event_size;
  *offset = source->offset;
  source->start += event_size;
  source->offset += event_size;
  return MYSQL_BINLOG_READ_EVENT;
}

GBytes *
_mysql_binlog_file_source_take_event (MysqlBinlogFileSource *source,
                                      const guint8          *data,
                                      gsize                  length)
{
  guint8 *taken = source->buffer;
  gsize ahead = source->end - source->start;

  /* Only what was handed out already, of an event read whole. */
  if (length < MYSQL_BINLOG_FILE_TAKE_THRESHOLD || source->in_parts ||
      data < taken || length > source->start || data - taken > (gssize) (source->start - length))
    return g_bytes_new (data, length);

  /* What was read beyond the event goes into the new buffer. */
  source->allocated = MAX (ahead, CHUNK_SIZE);
  source->buffer = g_malloc (source->allocated);
  memcpy (source->buffer, taken + source->start, ahead);
  source->start = 0;
  source->end = ahead;
  return g_bytes_new_with_free_func (data, length, g_free, taken);
}

static void
set_truncated (MysqlBinlogFileSource  *source,
               gsize                   available,
               GError                **error)
{
  _mysql_binlog_set_corrupt (error, "Truncated event: the file ends %" G_GSIZE_FORMAT
                             " bytes into an event of type %u that declares %u bytes",
                             source->read + available, source->type, source->event_size);
}

gssize
_mysql_binlog_file_source_read_rest (MysqlBinlogFileSource  *source,
                                     const guint8          **data,
                                     GError                **error)
{
  GCancellable *cancellable = source->cancellable;
  gsize available, n;

  if (!source->in_parts)
    return 0;

  if (source->rest > 0)
    {
      gsize wanted = MIN (source->rest, source->part_size);

      if (!fill (source, wanted, cancellable, error))
        return -1;
      available = source->end - source->start;
      if (available == 0)
        {
          set_truncated (source, 0, error);
          return -1;
        }
      /* At the end of a truncated file, what is there; the next call
       * reports the truncation. */
      n = MIN (available, wanted);
      *data = source->buffer + source->start;
      if (source->checksum)
        source->crc = _mysql_binlog_crc32 (source->crc, *data, n);
      source->start += n;
      source->offset += n;
      source->read += n;
      source->rest -= n;
      return n;
    }

  source->in_parts = FALSE;
  source->cancellable = NULL;
  if (source->checksum)
    {
      const guint8 *p;
      guint32 expected;

      if (!fill (source, CHECKSUM_LENGTH, cancellable, error))
        return -1;
      available = source->end - source->start;
      if (available < CHECKSUM_LENGTH)
        {
          set_truncated (source, available, error);
          return -1;
        }
      p = source->buffer + source->start;
      expected = _mysql_binlog_le32 (p);
      source->start += CHECKSUM_LENGTH;
      source->offset += CHECKSUM_LENGTH;
      if (expected != source->crc)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH,
                       "Checksum mismatch in an event of type %u: it carries 0x%08x, "
                       "its contents give 0x%08x", source->type, expected, source->crc);
          return -1;
        }
    }
  return 0;
}
