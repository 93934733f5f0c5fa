/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "mysql-binlog-column-private.h"

G_BEGIN_DECLS

/*
 * The text of DECIMAL, floating-point and temporal values as MySQL prints
 * them, written into a caller's buffer.  The value formatters and the JSON
 * decoder (whose opaque values hold DECIMAL and temporal values) use it.
 */

/* Room for the text of a number, DECIMAL, date, time, YEAR or short ENUM
 * member, nul included. */
#define MYSQL_BINLOG_VALUE_TEXT_SIZE 96

/* The longest DECIMAL text, nul included: 65 digits, a sign, a point and a
 * leading zero. */
#define MYSQL_BINLOG_DECIMAL_TEXT_SIZE 72

/* MySQL's binary DECIMAL(@precision, @scale) at @data, which must hold
 * _mysql_binlog_decimal_size() bytes, as MySQL prints it: written with its
 * nul into @buffer (MYSQL_BINLOG_DECIMAL_TEXT_SIZE bytes); returns its
 * length. */
gsize    _mysql_binlog_decimal_format         (char                    *buffer,
                                               const guint8            *data,
                                               guint                    precision,
                                               guint                    scale);

/* The shortest text that reads back as the same float (@single) or double,
 * in the C locale, with the exponent written as MySQL writes it ("1e20",
 * "1.5e-7"), into @buffer (G_ASCII_DTOSTR_BUF_SIZE bytes); returns its
 * length. */
gsize    _mysql_binlog_double_format          (char                    *buffer,
                                               double                   value,
                                               gboolean                 single);
/* The same, as a new string. */
char    *_mysql_binlog_format_double          (double                   value,
                                               gboolean                 single);

/* The text of a YEAR, DATE, TIME, DATETIME or TIMESTAMP value (any of
 * their storage formats) written at @out, which has room for
 * MYSQL_BINLOG_VALUE_TEXT_SIZE bytes, without a nul; returns the end of
 * the text, or NULL for columns of other types.  Short values print as
 * zero dates and times. */
char    *_mysql_binlog_temporal_format        (const MysqlBinlogColumn *column,
                                               const guint8            *data,
                                               gsize                    length,
                                               char                    *out);

/* A date (@field_type DATE), a time (TIME) or a date and time (DATETIME,
 * TIMESTAMP) in MySQL's packed temporal integer, as binary JSON stores
 * them, with 6 fractional digits; the same contract as
 * _mysql_binlog_temporal_format(). */
char    *_mysql_binlog_packed_temporal_format (char                    *out,
                                               guint8                   field_type,
                                               gint64                   packed);

/*
 * Where the text of a value is written: either a GString that grows
 * (mysql_binlog_row_dup_string()), or a caller's buffer of a fixed size
 * (mysql_binlog_row_format_value()).  The converters and printers write
 * into a sink, so the code that makes a value's text exists once for both.
 *
 * A bounded sink keeps the bytes that fit in @size - 1 and counts the
 * length of the whole text; once one byte did not fit, it keeps no more,
 * so what it keeps is always a prefix of the text.
 */

typedef struct
{
  GString *string;   /* growing, or NULL */
  char    *buffer;   /* bounded: @size bytes, room for the nul */
  gsize    size;
  gsize    kept;     /* bytes of the text in @buffer */
  gsize    length;   /* bytes of the whole text */
} MysqlBinlogTextSink;

static inline void
_mysql_binlog_text_sink_init_string (MysqlBinlogTextSink *sink,
                                     GString             *string)
{
  sink->string = string;
  sink->buffer = NULL;
  sink->size = 0;
  sink->kept = 0;
  sink->length = string->len;
}

static inline void
_mysql_binlog_text_sink_init_buffer (MysqlBinlogTextSink *sink,
                                     char                *buffer,
                                     gsize                size)
{
  sink->string = NULL;
  sink->buffer = buffer;
  sink->size = size;
  sink->kept = 0;
  sink->length = 0;
}

static inline void
_mysql_binlog_text_sink_append_len (MysqlBinlogTextSink *sink,
                                    const char          *text,
                                    gsize                length)
{
  if (sink->string != NULL)
    {
      g_string_append_len (sink->string, text, length);
    }
  else if (sink->kept == sink->length && sink->size > 0)
    {
      gsize room = sink->size - 1 - sink->kept;
      gsize copied = MIN (room, length);

      memcpy (sink->buffer + sink->kept, text, copied);
      sink->kept += copied;
    }
  sink->length += length;
}

static inline void
_mysql_binlog_text_sink_append (MysqlBinlogTextSink *sink,
                                const char          *text)
{
  _mysql_binlog_text_sink_append_len (sink, text, strlen (text));
}

static inline void
_mysql_binlog_text_sink_append_c (MysqlBinlogTextSink *sink,
                                  char                 c)
{
  if (sink->string != NULL)
    g_string_append_c (sink->string, c);
  else if (sink->kept == sink->length && sink->kept + 1 < sink->size)
    sink->buffer[sink->kept++] = c;
  sink->length++;
}

/* One character as UTF-8. */
static inline void
_mysql_binlog_text_sink_append_unichar (MysqlBinlogTextSink *sink,
                                        gunichar             u)
{
  char utf8[6];

  if (u < 0x80)
    _mysql_binlog_text_sink_append_c (sink, (char) u);
  else
    _mysql_binlog_text_sink_append_len (sink, utf8, g_unichar_to_utf8 (u, utf8));
}

/* Sets the text back to its first @length bytes (which it has). */
static inline void
_mysql_binlog_text_sink_truncate (MysqlBinlogTextSink *sink,
                                  gsize                length)
{
  if (sink->string != NULL)
    g_string_truncate (sink->string, length);
  else
    sink->kept = MIN (sink->kept, length);
  sink->length = length;
}

/* Ends the text of a bounded sink: when it was cut, at the end of the
 * last whole UTF-8 character kept (the text is valid UTF-8), then the nul.
 * Returns the length of the whole text. */
static inline gsize
_mysql_binlog_text_sink_finish (MysqlBinlogTextSink *sink)
{
  if (sink->string != NULL)
    return sink->length;
  if (sink->size == 0)
    return sink->length;

  if (sink->kept < sink->length)
    {
      /* Back to the lead byte of the last character kept, at most 3 bytes
       * back; drop it when its sequence is longer than what is left. */
      gsize start = sink->kept;
      guchar lead;
      gsize need;

      while (start > 0 && sink->kept - start < 4 &&
             ((guchar) sink->buffer[start - 1] & 0xC0) == 0x80)
        start--;
      if (start > 0)
        {
          lead = sink->buffer[start - 1];
          need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
          if (start - 1 + need > sink->kept)
            sink->kept = start - 1;
        }
    }
  sink->buffer[sink->kept] = '\0';
  return sink->length;
}

G_END_DECLS
