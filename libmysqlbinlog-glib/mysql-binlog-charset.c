/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mysql-binlog-charset-private.h"
#include "wire-private.h"

/*
 * Character sets: which one a collation id belongs to, and how the bytes of
 * a text column become UTF-8.  The conversion is the server's own: the
 * tests compare it, code by code, with CONVERT (... USING utf8mb4) on a
 * MariaDB server (tests/test-charsets.c).
 *
 * - utf8mb3, utf8mb4 and ascii are copied after validation; invalid
 *   sequences are replaced with U+FFFD (an encoded surrogate, which the
 *   server lets through, with one).
 * - latin1 is, in MySQL and MariaDB, Windows-1252 with the five bytes that
 *   cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mapped to the C1
 *   control characters of the same value.
 * - every other single-byte character set has a table of its own, in
 *   mysql-binlog-charset-tables.c: the server's mappings differ from
 *   iconv's in many places (armscii8, cp1256, cp866, greek, koi8u,
 *   macroman, swe7, tis620, ...), and glibc has no converter for keybcs2
 *   and geostd8.
 * - ucs2, utf16, utf16le and utf32 are decoded here; a lone surrogate or a
 *   value beyond U+10FFFF becomes U+FFFD.
 * - the multi-byte sets of East Asia are cut into characters by the
 *   server's rules for well-formed codes, and each character is looked up
 *   in a table that iconv fills on first use, corrected where the server
 *   maps a code otherwise than iconv (the exceptions of
 *   mysql-binlog-charset-tables.c).  A byte that starts no well-formed
 *   character becomes U+FFFD, and so does a well-formed code that the
 *   server cannot map; the text around them is kept.
 * - gb18030 (MySQL only) goes through iconv as a whole.
 * - binary is not text: its columns are bytes.
 * - text never holds NUL: a NUL byte becomes U+FFFD (text handed to
 *   GVariant holds no NUL).
 */

/* Appends one character; NUL, which text never holds, as U+FFFD. */
static inline void
append_unichar (MysqlBinlogTextSink *out,
                gunichar             u)
{
  if (u == 0)
    u = 0xFFFD;
  _mysql_binlog_text_sink_append_unichar (out, u);
}

static void
latin1_to_utf8 (MysqlBinlogTextSink *out,
                const guint8        *data,
                gsize                length)
{

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (c >= 0x80 && c < 0xA0)
        append_unichar (out, _mysql_binlog_cp1252_c1[c - 0x80]);
      else
        append_unichar (out, c);
    }
}

static void
table_to_utf8 (MysqlBinlogTextSink          *out,
               const MysqlBinlogCharsetInfo *info,
               const guint8                 *data,
               gsize                         length)
{

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      append_unichar (out, c < info->table_start ? c : info->table[c - info->table_start]);
    }
}

/* UTF-8 as the server reads it: a well-formed character is kept, an encoded
 * surrogate (which the server lets through) becomes one U+FFFD, any other
 * byte that starts no character one U+FFFD; utf8mb3 has no four-byte
 * characters. */
/* Whether the @length bytes at @data are ASCII without NUL, which needs
 * no check of UTF-8: eight bytes at a time. */
static inline gboolean
is_plain_ascii (const guint8 *data,
                gsize         length)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

#ifdef __SSE2__
  /* Sixteen at a time: a high bit set, or a zero byte. */
  if (length >= 16)
    {
      __m128i seen = _mm_setzero_si128 ();
      __m128i zero = _mm_setzero_si128 ();

      for (; i + 16 <= length; i += 16)
        {
          __m128i bytes = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (data + i));

          seen = _mm_or_si128 (seen, _mm_or_si128 (bytes, _mm_cmpeq_epi8 (bytes, zero)));
        }
      /* The last bytes, in the block that ends with them. */
      if (i < length)
        {
          __m128i bytes = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (data + length - 16));

          seen = _mm_or_si128 (seen, _mm_or_si128 (bytes, _mm_cmpeq_epi8 (bytes, zero)));
        }
      return _mm_movemask_epi8 (seen) == 0;
    }
#endif
  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      /* A high bit set, or a zero byte (which borrows into its high bit
       * only when no byte has its high bit set). */
      if ((word | ((word - ones) & ~word)) & highs)
        return FALSE;
    }
  for (; i < length; i++)
    {
      if (data[i] == 0 || data[i] >= 0x80)
        return FALSE;
    }
  return TRUE;
}

static void
utf8_to_utf8 (MysqlBinlogTextSink          *out,
              const MysqlBinlogCharsetInfo *info,
              const guint8                 *data,
              gsize                         length)
{
  gboolean mb3;
  gsize i = 0;

  if (is_plain_ascii (data, length))
    {
      _mysql_binlog_text_sink_append_len (out, (const char *) data, length);
      return;
    }

  mb3 = info == NULL || strcmp (info->name, "utf8mb4") != 0;

  if (g_utf8_validate_len ((const char *) data, length, NULL))
    {
      gboolean four = FALSE;

      for (gsize k = 0; mb3 && k < length && !four; k++)
        four = data[k] >= 0xF0;
      if (!four)
        {
          /* Valid UTF-8 holds no NUL byte: a plain copy. */
          _mysql_binlog_text_sink_append_len (out, (const char *) data, length);
          return;
        }
    }

  while (i < length)
    {
      gunichar u = g_utf8_get_char_validated ((const char *) data + i, length - i);

      if (u != (gunichar) -1 && u != (gunichar) -2 && !(mb3 && u > 0xFFFF))
        {
          append_unichar (out, u);
          i = (const guint8 *) g_utf8_next_char (data + i) - data;
        }
      else
        {
          if (i + 2 < length && data[i] == 0xED && data[i + 1] >= 0xA0 && data[i + 1] <= 0xBF &&
              data[i + 2] >= 0x80 && data[i + 2] <= 0xBF)
            i += 3;
          else
            i++;
          _mysql_binlog_text_sink_append_unichar (out, 0xFFFD);
        }
    }
}

/* ucs2, utf16, utf16le and utf32 as the server reads them: ucs2 unit by
 * unit (a surrogate, which the server lets through, becomes U+FFFD, and so
 * in utf32); the others character by character, where a byte that starts no well-formed
 * character (a lone surrogate, a value beyond U+10FFFF, a cut-off unit)
 * becomes U+FFFD and the next character is looked for from the next
 * byte, as the server does. */
static void
unicode_to_utf8 (MysqlBinlogTextSink      *out,
                 MysqlBinlogCharsetDecode  decode,
                 const guint8             *data,
                 gsize                     length)
{
  gsize i = 0;

  while (i < length)
    {
      const guint8 *p = data + i;
      gsize left = length - i;
      guint32 u = 0xFFFD;
      gsize used = 0;

      if (decode == MYSQL_BINLOG_DECODE_UTF32)
        {
          if (left >= 4)
            {
              u = _mysql_binlog_be_uint (p, 4);
              used = u > 0x10FFFF ? 0 : 4;
              if (u >= 0xD800 && u < 0xE000)
                u = 0xFFFD;
            }
        }
      else if (left >= 2)
        {
          u = decode == MYSQL_BINLOG_DECODE_UTF16LE ? _mysql_binlog_le16 (p)
                                                    : _mysql_binlog_be_uint (p, 2);
          used = 2;
          if (decode == MYSQL_BINLOG_DECODE_UCS2)
            {
              if (u >= 0xD800 && u < 0xE000)
                u = 0xFFFD;
            }
          else if (u >= 0xDC00 && u < 0xE000)
            used = 0;
          else if (u >= 0xD800 && u < 0xDC00)
            {
              guint32 low = 0;

              if (left >= 4)
                low = decode == MYSQL_BINLOG_DECODE_UTF16LE ? _mysql_binlog_le16 (p + 2)
                                                              : _mysql_binlog_be_uint (p + 2, 2);
              if (low >= 0xDC00 && low < 0xE000)
                {
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  used = 4;
                }
              else
                used = 0;
            }
        }

      if (used == 0)
        {
          _mysql_binlog_text_sink_append_unichar (out, 0xFFFD);
          i++;
          continue;
        }
      append_unichar (out, u);
      i += used;
    }
}

/* The length of the well-formed character at data, or 0. */
static guint
mb_char_length (MysqlBinlogMbRules       rules,
                const guint8 *data,
                gsize         length)
{
  guint8 c = data[0];
  guint8 t = length > 1 ? data[1] : 0;

  if (c < 0x80)
    return 1;
  if (length < 2)
    return rules == MYSQL_BINLOG_MB_RULES_SJIS && c >= 0xA1 && c <= 0xDF ? 1 : 0;

  switch (rules)
    {
    case MYSQL_BINLOG_MB_RULES_BIG5:
      return c >= 0xA1 && c <= 0xF9 && ((t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE))
             ? 2 : 0;
    case MYSQL_BINLOG_MB_RULES_SJIS:
      if (c >= 0xA1 && c <= 0xDF)
        return 1;
      return ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) &&
             ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC)) ? 2 : 0;
    case MYSQL_BINLOG_MB_RULES_GBK:
      return c >= 0x81 && c <= 0xFE && ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE))
             ? 2 : 0;
    case MYSQL_BINLOG_MB_RULES_GB2312:
      return c >= 0xA1 && c <= 0xF7 && t >= 0xA1 && t <= 0xFE ? 2 : 0;
    case MYSQL_BINLOG_MB_RULES_EUCKR:
      return c >= 0x81 && c <= 0xFE &&
             ((t >= 0x41 && t <= 0x5A) || (t >= 0x61 && t <= 0x7A) || (t >= 0x81 && t <= 0xFE))
             ? 2 : 0;
    case MYSQL_BINLOG_MB_RULES_EUCJP:
      if (c == 0x8E)
        return t >= 0xA1 && t <= 0xDF ? 2 : 0;
      if (c == 0x8F)
        return length >= 3 && t >= 0xA1 && t <= 0xFE && data[2] >= 0xA1 && data[2] <= 0xFE
               ? 3 : 0;
      return c >= 0xA1 && c <= 0xFE && t >= 0xA1 && t <= 0xFE ? 2 : 0;
    default:
      return 0;
    }
}

/* What iconv converts one character to, or U+FFFD. */
static gunichar
iconv_char (GIConv        cd,
            const guint8 *code,
            gsize         length)
{
  guint8 in[3];
  guint8 out[16];
  char *inbuf = (char *) in, *outbuf = (char *) out;
  gsize inleft = length, outleft = sizeof out;

  memcpy (in, code, length);
  g_iconv (cd, NULL, NULL, NULL, NULL);
  if (g_iconv (cd, &inbuf, &inleft, &outbuf, &outleft) == (gsize) -1 || inleft != 0 ||
      sizeof out - outleft != 4)
    return 0xFFFD;
  return _mysql_binlog_le32 (out);
}

static void
mb_build (const MysqlBinlogCharsetInfo *info)
{
  MysqlBinlogMbCharset *mb = info->mb;
  gunichar *map = g_new (gunichar, 0x10000);
  gunichar *map3 = NULL;
  GIConv cd = g_iconv_open ("UTF-32LE", info->iconv);
  guint8 code[3];

  if (cd == (GIConv) -1)
    g_warning ("No iconv converter from %s: its text is U+FFFD", info->iconv);

  for (guint i = 0; i < 0x10000; i++)
    {
      guint len;

      code[0] = i < 0x100 ? i : i >> 8;
      code[1] = i & 0xFF;
      len = i < 0x100 ? 1 : 2;
      if (i < 0x80)
        map[i] = i;
      else if (cd == (GIConv) -1 || mb_char_length (mb->rules, code, len) != len)
        map[i] = 0xFFFD;
      else
        map[i] = iconv_char (cd, code, len);
    }
  if (mb->rules == MYSQL_BINLOG_MB_RULES_EUCJP)
    {
      map3 = g_new (gunichar, 0x10000);
      for (guint i = 0; i < 0x10000; i++)
        {
          code[0] = 0x8F;
          _mysql_binlog_put_be_uint (code + 1, i, 2);
          if (cd == (GIConv) -1 || mb_char_length (mb->rules, code, 3) != 3)
            map3[i] = 0xFFFD;
          else
            map3[i] = iconv_char (cd, code, 3);
        }
    }
  if (cd != (GIConv) -1)
    g_iconv_close (cd);

  for (guint i = 0; i < mb->n_exceptions; i++)
    {
      const MysqlBinlogMbException *e = &mb->exceptions[i];

      for (guint32 c = e->first; c <= e->last; c++)
        {
          gunichar u = e->unicode == 0xFFFD ? 0xFFFD : e->unicode + (c - e->first);

          if (c > 0xFFFF)
            map3[c & 0xFFFF] = u;
          else
            map[c] = u;
        }
    }

  mb->map = map;
  mb->map3 = map3;
}

static void
mb_to_utf8 (MysqlBinlogTextSink          *out,
            const MysqlBinlogCharsetInfo *info,
            const guint8                 *data,
            gsize                         length)
{
  MysqlBinlogMbCharset *mb = info->mb;
  gsize i = 0;

  if (g_once_init_enter (&mb->once))
    {
      mb_build (info);
      g_once_init_leave (&mb->once, 1);
    }

  while (i < length)
    {
      guint len = mb_char_length (mb->rules, data + i, length - i);

      if (len == 0)
        {
          _mysql_binlog_text_sink_append_unichar (out, 0xFFFD);
          i++;
          continue;
        }
      if (len == 1)
        append_unichar (out, mb->map[data[i]]);
      else if (len == 2)
        append_unichar (out, mb->map[_mysql_binlog_be_uint (data + i, 2)]);
      else
        append_unichar (out, mb->map3[_mysql_binlog_be_uint (data + i + 1, 2)]);
      i += len;
    }
}

static void
iconv_to_utf8 (MysqlBinlogTextSink          *out,
               const MysqlBinlogCharsetInfo *info,
               const guint8                 *data,
               gsize                         length)
{
  g_autofree char *converted = NULL;
  gsize converted_length = 0;

  if (length > 0)
    converted = g_convert ((const char *) data, length, "UTF-8", info->iconv, NULL,
                           &converted_length, NULL);
  if (converted != NULL)
    utf8_to_utf8 (out, _mysql_binlog_charset_info_utf8mb4 (), (const guint8 *) converted,
                  converted_length);
  else
    utf8_to_utf8 (out, NULL, data, length);
}

void
_mysql_binlog_column_write_utf8 (const MysqlBinlogColumn *column,
                                 const guint8            *data,
                                 gsize                    length,
                                 MysqlBinlogTextSink     *out)
{
  _mysql_binlog_charset_write_utf8 (_mysql_binlog_charset_info_of_column (column), data, length, out);
}

void
_mysql_binlog_charset_write_utf8 (const MysqlBinlogCharsetInfo *info,
                                  const guint8                 *data,
                                  gsize                         length,
                                  MysqlBinlogTextSink          *out)
{
  if (info == NULL)
    {
      utf8_to_utf8 (out, _mysql_binlog_charset_info_utf8mb4 (), data, length);
      return;
    }

  switch (info->decode)
    {
    case MYSQL_BINLOG_DECODE_LATIN1:
      latin1_to_utf8 (out, data, length);
      break;
    case MYSQL_BINLOG_DECODE_TABLE:
      table_to_utf8 (out, info, data, length);
      break;
    case MYSQL_BINLOG_DECODE_MB:
      mb_to_utf8 (out, info, data, length);
      break;
    case MYSQL_BINLOG_DECODE_UCS2:
    case MYSQL_BINLOG_DECODE_UTF16BE:
    case MYSQL_BINLOG_DECODE_UTF16LE:
    case MYSQL_BINLOG_DECODE_UTF32:
      unicode_to_utf8 (out, info->decode, data, length);
      break;
    case MYSQL_BINLOG_DECODE_ICONV:
      iconv_to_utf8 (out, info, data, length);
      break;
    case MYSQL_BINLOG_DECODE_UTF8:
    case MYSQL_BINLOG_DECODE_BINARY:
    default:
      utf8_to_utf8 (out, info, data, length);
      break;
    }
}

gboolean
_mysql_binlog_column_copy_ascii (const MysqlBinlogColumn *column,
                                 const guint8            *data,
                                 gsize                    length,
                                 char                    *buffer,
                                 gsize                    size)
{
  const MysqlBinlogCharsetInfo *info = _mysql_binlog_charset_info_of_column (column);
  gsize copied;

  if (size == 0)
    return FALSE;
  /* The decoders that write an ASCII byte (but NUL) as itself. */
  if (info != NULL &&
      info->decode != MYSQL_BINLOG_DECODE_UTF8 &&
      info->decode != MYSQL_BINLOG_DECODE_LATIN1 &&
      info->decode != MYSQL_BINLOG_DECODE_BINARY)
    return FALSE;
  /* All of it: the length of the text is that of the bytes only when
   * every one of them is ASCII. */
  if (!is_plain_ascii (data, length))
    return FALSE;
  /* Every ASCII byte is a whole character: a cut anywhere is a cut
   * between characters. */
  copied = MIN (length, size - 1);
  memcpy (buffer, data, copied);
  buffer[copied] = '\0';
  return TRUE;
}

char *
_mysql_binlog_charset_text_to_utf8 (guint         collation_id,
                                    const guint8 *data,
                                    gsize         length,
                                    gboolean     *exact)
{
  const char *name = collation_id != 0 ? _mysql_binlog_charset_for_collation (collation_id) : NULL;
  const MysqlBinlogCharsetInfo *info = name != NULL ? _mysql_binlog_charset_info_for_name (name) : NULL;
  GString *string;
  MysqlBinlogTextSink out;

  /* Plain ASCII, the common case, is itself in every set a client can use. */
  if (is_plain_ascii (data, length))
    {
      *exact = TRUE;
      return g_strndup ((const char *) data, length);
    }
  if (info == NULL)
    info = _mysql_binlog_charset_info_utf8mb4 ();
  string = g_string_sized_new (length + length / 2 + 1);
  _mysql_binlog_text_sink_init_string (&out, string);
  _mysql_binlog_charset_write_utf8 (info, data, length, &out);
  /* A replacement character in the result that the text did not hold as
   * itself marks a byte that was not a character of the set; a NUL would
   * cut the text short. */
  *exact = memchr (data, '\0', length) == NULL &&
           (strstr (string->str, "\xEF\xBF\xBD") == NULL ||
            (info->decode == MYSQL_BINLOG_DECODE_UTF8 &&
             g_utf8_validate_len ((const char *) data, length, NULL)));
  return g_string_free (string, FALSE);
}

char *
_mysql_binlog_column_to_utf8 (const MysqlBinlogColumn *column,
                              const guint8            *data,
                              gsize                    length)
{
  GString *string = g_string_sized_new (length + length / 2 + 1);
  MysqlBinlogTextSink out;

  _mysql_binlog_text_sink_init_string (&out, string);
  _mysql_binlog_column_write_utf8 (column, data, length, &out);
  return g_string_free (string, FALSE);
}
