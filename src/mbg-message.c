/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The message shapes: one changed row (or a heartbeat) as a JSON message,
 * its routing key, and a row as the lines of the text format; values too
 * big to be built whole go out in parts. */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/uio.h>

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mbg-message.h"

#include "libmysqlbinlog-glib/mysql-binlog-name-private.h"

static const char * const message_type_names[] = {
  "row_insert", "row_update", "row_delete", "heartbeat", "read", "begin", "commit", "ddl",
};

MbgCommit *
mbg_commit_new (void)
{
  MbgCommit *commit = g_new0 (MbgCommit, 1);

  g_ref_count_init (&commit->ref_count);
  return commit;
}

MbgCommit *
mbg_commit_ref (MbgCommit *commit)
{
  g_ref_count_inc (&commit->ref_count);
  return commit;
}

void
mbg_commit_unref (MbgCommit *commit)
{
  if (!g_ref_count_dec (&commit->ref_count))
    return;
  g_free (commit->position);
  g_free (commit);
}

void
mbg_message_free (MbgMessage *message)
{
  g_clear_pointer (&message->before, mysql_binlog_row_unref);
  g_clear_pointer (&message->row, mysql_binlog_row_unref);
  g_clear_pointer (&message->commit, mbg_commit_unref);
  g_free (message->keys);
  g_free (message->dedup_key);
  g_free (message->log_file);
  g_free (message->gtid);
  g_free (message->schema);
  g_free (message->table);
  g_free (message->statement);
  g_free (message);
}
/* A byte string or a text longer than this is not copied into the line
 * being built (a LONGBLOB of 1 GiB would be held several times over): the
 * line so far goes out, then the value, a part at a time, as hex digits or
 * escaped text, from the row's own bytes. */
#define BIG_VALUE_BYTES (64 * 1024)
/* The part of such a value escaped at a time. */
#define BIG_VALUE_PART (64 * 1024)
/* The buffer a value's text is written into first: a longer one is
 * written again into one of its size. */
#define VALUE_TEXT_SIZE 256

void
mbg_sink_write (MbgSink    *sink,
                const char *data,
                gsize       length)
{
  if (sink->string != NULL)
    {
      g_string_append_len (sink->string, data, length);
      return;
    }
  if (sink->error != 0 || length == 0)
    return;
  errno = 0;
  if (fwrite (data, 1, length, sink->file) != length)
    sink->error = errno != 0 ? errno : EIO;
}

/* Writes the @n_parts parts of @parts: through the file descriptor for a
 * file (after what its buffer holds), so that they are not copied on the
 * way. */
void
mbg_sink_write_parts (MbgSink            *sink,
                      const struct iovec *parts,
                      guint               n_parts)
{
  struct iovec batch[256];
  guint done = 0;

  if (sink->string != NULL)
    {
      for (guint i = 0; i < n_parts; i++)
        g_string_append_len (sink->string, parts[i].iov_base, parts[i].iov_len);
      return;
    }
  if (sink->error != 0)
    return;
  if (fflush (sink->file) != 0)
    {
      sink->error = errno != 0 ? errno : EIO;
      return;
    }
  while (done < n_parts)
    {
      guint n = MIN (n_parts - done, G_N_ELEMENTS (batch));
      guint first = 0;
      ssize_t written;

      memcpy (batch, parts + done, n * sizeof *batch);
      while (first < n)
        {
          written = writev (fileno (sink->file), batch + first, n - first);
          if (written < 0)
            {
              if (errno == EINTR)
                continue;
              sink->error = errno;
              return;
            }
          /* A short write: on from where it stopped. */
          while (first < n && (gsize) written >= batch[first].iov_len)
            written -= batch[first++].iov_len;
          if (first < n)
            {
              batch[first].iov_base = (char *) batch[first].iov_base + written;
              batch[first].iov_len -= written;
            }
        }
      done += n;
    }
}

/* {{{ JSON, written directly
 *
 * The messages are written as text straight from the rows' typed
 * accessors and the library's text of each value, written into a buffer
 * on the stack: building json-glib's tree of each message (a hash table
 * per object, a node per value), or a GVariant per value, was nearly all
 * the time the tool spent on a row.  The text is the one json-glib
 * writes, but for two of its mistakes it does not repeat: U+001F is
 * escaped as any other control character, and a double without a
 * fraction in exponent form (1e+20) gets no ".0" appended, which made it
 * invalid JSON. */

/* Appends without g_string_append_len()'s generality (it inserts). */
static inline void
put (GString    *out,
     const char *data,
     gsize       length)
{
  if (G_LIKELY (out->len + length + 16 < out->allocated_len))
    {
      char *to = out->str + out->len;

      /* Short pieces (names, numbers, literals) as two words that may
       * overlap, without a call. */
      if (length >= 8 && length <= 16)
        {
          guint64 head, tail;

          memcpy (&head, data, 8);
          memcpy (&tail, data + length - 8, 8);
          memcpy (to, &head, 8);
          memcpy (to + length - 8, &tail, 8);
        }
      else if (length >= 4 && length < 8)
        {
          guint32 head, tail;

          memcpy (&head, data, 4);
          memcpy (&tail, data + length - 4, 4);
          memcpy (to, &head, 4);
          memcpy (to + length - 4, &tail, 4);
        }
      else if (length < 4)
        {
          for (gsize i = 0; i < length; i++)
            to[i] = data[i];
        }
      else
        memcpy (to, data, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, length);
}

#define PUT_LITERAL(out, text) put ((out), (text), sizeof (text) - 1)

/* Makes room for @length more bytes (and the nul) after the end of @out;
 * returns where they go.  The caller writes them and then sets out->len
 * and the nul. */
static inline char *
reserve (GString *out,
         gsize    length)
{
  if (G_UNLIKELY (out->len + length >= out->allocated_len))
    {
      gsize used = out->len;

      g_string_set_size (out, used + length);
      g_string_truncate (out, used);
    }
  return out->str + out->len;
}

/* Ends what was written at the place reserve() gave, at @end. */
static inline void
commit (GString *out,
        char    *end)
{
  out->len = end - out->str;
  *end = '\0';
}

static inline void
put_c (GString *out,
       char     c)
{
  char *p = reserve (out, 1);

  *p++ = c;
  commit (out, p);
}

void
mbg_json_flush (MbgJson *json)
{
  if (json->spill != NULL)
    json->spill (json->spill_data);
  mbg_sink_write (json->sink, json->line->str, json->line->len);
  g_string_truncate (json->line, 0);
}

/* The bytes JSON escapes: the control characters, '"', '\\' and DEL. */
static const guint8 escaped[256] = {
  [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

/* Whether one of the 8 bytes of @word is one JSON escapes: a control
 * character, '"', '\\' or DEL (the classic tests for a byte below n and
 * for a zero byte; bytes of 0x80 and more never match). */
static inline gboolean
word_needs_escape (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = word ^ (ones * '"');
  guint64 backslash = word ^ (ones * '\\');
  guint64 del = word ^ (ones * 0x7f);

  return ((((word - ones * 0x20) & ~word) |
          ((quote - ones) & ~quote) |
          ((backslash - ones) & ~backslash) |
          ((del - ones) & ~del)) & highs) != 0;
}

/* @text (UTF-8, as the library gives every text) escaped, without the
 * quotes.  Copied while it is scanned, eight bytes at a time, straight
 * into @out. */
static void
json_escape (GString    *out,
             const char *text,
             gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;
  /* From here on, every byte before p was copied as it is. */
  const guchar *verbatim = p;
  /* Room for the text unescaped. */
  char *to = reserve (out, length);

  while (p < end)
    {
      guchar c;
      char escape;
      guint64 word;

      if (G_LIKELY (end - p >= 8))
        {
          memcpy (&word, p, 8);
          if (!word_needs_escape (word))
            {
              memcpy (to, &word, 8);
              to += 8;
              p += 8;
              continue;
            }
        }
      else if (end - verbatim >= 8)
        {
          /* The last bytes, in the word that ends with them: those before
           * them in it were copied as they are, and are copied again. */
          memcpy (&word, end - 8, 8);
          if (!word_needs_escape (word))
            {
              memcpy (to - (p - (end - 8)), &word, 8);
              to += end - p;
              break;
            }
        }
      c = *p++;
      if (G_LIKELY (!escaped[c]))
        {
          *to++ = c;
          continue;
        }
      switch (c)
        {
        case '"': escape = '"'; break;
        case '\\': escape = '\\'; break;
        case '\b': escape = 'b'; break;
        case '\f': escape = 'f'; break;
        case '\n': escape = 'n'; break;
        case '\r': escape = 'r'; break;
        case '\t': escape = 't'; break;
        default: escape = 0; break;
        }
      /* Room for the escape (6 bytes at most) and, as before, for what is
       * left of the text. */
      verbatim = p;
      out->len = to - out->str;
      to = reserve (out, 6 + (end - p));
      if (escape != 0)
        {
          to[0] = '\\';
          to[1] = escape;
          to += 2;
        }
      else
        {
          memcpy (to, "\\u00", 4);
          to[4] = hex[c >> 4];
          to[5] = hex[c & 15];
          to += 6;
        }
    }
  commit (out, to);
}

static void
json_string (GString    *out,
             const char *text,
             gsize       length)
{
  put_c (out, '"');
  json_escape (out, text, length);
  put_c (out, '"');
}

/* The quoted and escaped text of a string that comes back again and
 * again (column, schema and table names): written once, found again by
 * its address in a row that is kept (see pin) or else by its text. */
typedef struct
{
  char       *text;
  gsize       length;
  GString    *quoted;   /* "text" */
  const char *source;   /* where it was, in the pinned row; NULL: not */
  guint       generation;
} Quoted;

/* A row whose names were quoted: as long as it is kept, its names stay
 * where they are, so a name at the same address is the same name.  The
 * program writes on one thread at a time (under its lock). */
static struct
{
  MysqlBinlogRow *row;
  guint           generation;
} pin;

/* A row of more than this many bytes of values is not kept. */
#define PIN_MAX_BYTES (1024 * 1024)

static void
fill_quoted (Quoted     *cache,
             const char *text)
{
  if (cache->text == NULL || strcmp (cache->text, text) != 0)
    {
      g_free (cache->text);
      cache->text = g_strdup (text);
      cache->length = strlen (text);
      if (cache->quoted == NULL)
        cache->quoted = g_string_new (NULL);
      g_string_truncate (cache->quoted, 0);
      json_string (cache->quoted, text, cache->length);
    }
}

/* @text, found by its text. */
static void
put_quoted (GString    *out,
            Quoted     *cache,
            const char *text)
{
  fill_quoted (cache, text);
  cache->source = NULL;
  put (out, cache->quoted->str, cache->quoted->len);
}

static gboolean
pin_row (MysqlBinlogRow *row)
{
  guint n;
  gsize bytes = 0;

  if (pin.row == row)
    return TRUE;
  n = mysql_binlog_row_get_n_columns (row);
  for (guint i = 0; i < n; i++)
    {
      gsize length = 0;

      if (mysql_binlog_row_peek_bytes (row, i, &length) != NULL)
        bytes += length;
    }
  if (bytes > PIN_MAX_BYTES)
    return FALSE;
  g_clear_pointer (&pin.row, mysql_binlog_row_unref);
  pin.row = mysql_binlog_row_ref (row);
  pin.generation++;
  return TRUE;
}

static void put_row_name_again (GString        *out,
                                Quoted         *cache,
                                MysqlBinlogRow *row,
                                const char     *text);

/* @text, a name that @row holds: inlined for the names found again. */
static inline void
put_row_name (GString        *out,
              Quoted         *cache,
              MysqlBinlogRow *row,
              const char     *text)
{
  if (G_LIKELY (cache->source == text && cache->generation == pin.generation &&
                pin.row != NULL))
    put (out, cache->quoted->str, cache->quoted->len);
  else
    put_row_name_again (out, cache, row, text);
}

/* The same, for a name not found where it was. */
static G_GNUC_NO_INLINE void
put_row_name_again (GString        *out,
                    Quoted         *cache,
                    MysqlBinlogRow *row,
                    const char     *text)
{
  if (!pin_row (row))
    {
      put_quoted (out, cache, text);
      return;
    }
  fill_quoted (cache, text);
  cache->source = text;
  cache->generation = pin.generation;
  put (out, cache->quoted->str, cache->quoted->len);
}

static void
json_member (GString    *out,
             const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  json_string (out, name, strlen (name));
  g_string_append_c (out, ':');
}

/* The number of decimal digits of @value. */
static inline guint
count_digits (guint64 value)
{
  static const guint64 powers[20] = {
    G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (10), G_GUINT64_CONSTANT (100),
    G_GUINT64_CONSTANT (1000), G_GUINT64_CONSTANT (10000), G_GUINT64_CONSTANT (100000),
    G_GUINT64_CONSTANT (1000000), G_GUINT64_CONSTANT (10000000),
    G_GUINT64_CONSTANT (100000000), G_GUINT64_CONSTANT (1000000000),
    G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
    G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
    G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
    G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
    G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
  };
  /* log10 (2) ~ 1233 / 4096: from the number of bits, the number of
   * digits or one more than it; @value | 1 has as many digits as @value
   * and is not 0. */
  guint64 odd = value | 1;
  guint guess = ((64 - __builtin_clzll (odd)) * 1233) >> 12;

  return guess + 1 - (odd < powers[guess]);
}

/* Written in place at the end of @out, back to front. */
static inline void
json_uint (GString *out,
           guint64  magnitude,
           gboolean negative)
{
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
  char *start = reserve (out, 21);
  char *end;
  char *p;

  if (negative)
    *start++ = '-';
  end = start + count_digits (magnitude);
  p = end;
  /* Four digits per division of the whole, two pairs from them. */
  while (magnitude >= 10000)
    {
      guint32 four = magnitude % 10000;

      magnitude /= 10000;
      p -= 4;
      memcpy (p, pairs + 2 * (four / 100), 2);
      memcpy (p + 2, pairs + 2 * (four % 100), 2);
    }
  if (magnitude >= 100)
    {
      guint pair = magnitude % 100;

      magnitude /= 100;
      p -= 2;
      memcpy (p, pairs + 2 * pair, 2);
    }
  if (magnitude >= 10)
    memcpy (p - 2, pairs + 2 * magnitude, 2);
  else
    p[-1] = '0' + magnitude;
  commit (out, end);
}

static void
json_int (GString *out,
          gint64   value)
{
  json_uint (out, value < 0 ? (guint64) 0 - (guint64) value : (guint64) value, value < 0);
}

/* A double that is a multiple of 1/16 below 10^12, as "%.17g" writes it:
 * exactly, at most 12 + 4 digits.  FALSE for any other. */
static gboolean
json_short_double (GString *out,
                   double   value)
{
  /* The fraction of each sixteenth, as "%.17g" writes it. */
  static const char * const sixteenths_text[16] = {
    ".0", ".0625", ".125", ".1875", ".25", ".3125", ".375", ".4375",
    ".5", ".5625", ".625", ".6875", ".75", ".8125", ".875", ".9375",
  };
  static const guint8 sixteenths_length[16] = { 2, 5, 4, 5, 3, 5, 4, 5, 2, 5, 4, 5, 3, 5, 4, 5 };
  double sixteenths = value * 16.0;
  gint64 n;
  guint64 magnitude;

  if (!(fabs (value) < 1e12) || (value == 0.0 && signbit (value)) ||
      sixteenths != (double) (gint64) sixteenths)
    return FALSE;
  n = (gint64) sixteenths;
  magnitude = (guint64) (n < 0 ? -n : n);
  json_uint (out, magnitude / 16, n < 0);
  put (out, sixteenths_text[magnitude % 16], sixteenths_length[magnitude % 16]);
  return TRUE;
}

static void
json_double (GString *out,
             double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE + 2];
  int length;

  if (!isfinite (value))
    {
      /* Not a JSON number; MySQL stores none. */
      PUT_LITERAL (out, "null");
      return;
    }
  if (json_short_double (out, value))
    return;
  /* What g_ascii_dtostr() writes: the program's numbers are formatted in
   * the C locale (main() sets LC_NUMERIC so). */
  length = snprintf (text, sizeof text, "%.17g", value);
  put (out, text, length);
  /* A number that reads as a double, as json-glib writes it. */
  if (memchr (text, '.', length) == NULL && memchr (text, 'e', length) == NULL)
    PUT_LITERAL (out, ".0");
}

/* Writes a value too big to be copied into the line (see
 * BIG_VALUE_BYTES): the line so far, then the value a part at a time.
 * Returns FALSE when the value is not that big. */
static gboolean
json_big_value (MbgJson        *json,
                MysqlBinlogRow *row,
                guint           column)
{
  static const char digits[] = "0123456789ABCDEF";
  g_autoptr(GVariant) value = NULL;
  gsize length = 0;

  if (mysql_binlog_row_peek_bytes (row, column, &length) == NULL || length <= BIG_VALUE_BYTES)
    return FALSE;
  value = mysql_binlog_row_get_value (row, column);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING) &&
      !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return FALSE;

  g_string_append_c (json->line, '"');
  mbg_json_flush (json);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      /* A byte string as the server prints it: 0x and upper-case hex. */
      char part[8192];
      const guint8 *data = g_variant_get_fixed_array (value, &length, 1);

      mbg_sink_write (json->sink, "0x", 2);
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, sizeof part / 2);

          for (gsize i = 0; i < n; i++)
            {
              part[2 * i] = digits[data[done + i] >> 4];
              part[2 * i + 1] = digits[data[done + i] & 15];
            }
          mbg_sink_write (json->sink, part, 2 * n);
          done += n;
        }
    }
  else
    {
      const char *text = g_variant_get_string (value, &length);

      /* Escaping works a byte at a time: any cut gives the text of the
       * whole. */
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, BIG_VALUE_PART);

          json_escape (json->line, text + done, n);
          mbg_json_flush (json);
          done += n;
        }
    }
  g_string_append_c (json->line, '"');
  return TRUE;
}

/* A value of a type without a text of its own in JSON, through its
 * GVariant: SET and VECTOR as lists, BIGINT UNSIGNED and BIT above 2^63
 * as text. */
static void
json_variant_value (GString        *out,
                    MysqlBinlogRow *row,
                    guint           column)
{
  g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, column);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    json_int (out, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) &&
           g_variant_get_uint64 (value) <= G_MAXINT64)
    json_int (out, (gint64) g_variant_get_uint64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    json_double (out, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      gsize length = 0;
      const char *text = g_variant_get_string (value, &length);

      json_string (out, text, length);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) ||
           g_variant_is_of_type (value, G_VARIANT_TYPE ("ad")))
    {
      GVariantIter iter;
      g_autoptr(GVariant) child = NULL;
      gboolean first = TRUE;

      g_string_append_c (out, '[');
      g_variant_iter_init (&iter, value);
      while ((child = g_variant_iter_next_value (&iter)) != NULL)
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          if (g_variant_is_of_type (child, G_VARIANT_TYPE_STRING))
            {
              gsize length = 0;
              const char *text = g_variant_get_string (child, &length);

              json_string (out, text, length);
            }
          else
            json_double (out, g_variant_get_double (child));
          g_clear_pointer (&child, g_variant_unref);
        }
      g_string_append_c (out, ']');
    }
  else
    {
      /* BIGINT UNSIGNED above 2^63, BIT, binary strings: as text. */
      g_autofree char *text = mysql_binlog_row_dup_string (row, column);

      json_string (out, text != NULL ? text : "", text != NULL ? strlen (text) : 0);
    }
}

/* A value as JSON: numbers as numbers (exact ones as strings), SET as a
 * list, binary as the server prints it (0x...).  @json: NULL when the
 * value must be written whole into @out (keys). */
/* Whether the text of a value of @type never needs escaping: digits,
 * signs, '.', ':' and spaces. */
static gboolean
plain_text (MysqlBinlogColumnType type)
{
  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
    case MYSQL_BINLOG_COLUMN_TYPE_DECIMAL:
    case MYSQL_BINLOG_COLUMN_TYPE_DATE:
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDATE:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
      return TRUE;
    default:
      return FALSE;
    }
}

#ifdef __SSE2__
/* Whether one of the 16 bytes at @p is one JSON escapes. */
static inline gboolean
block_needs_escape (const char *p)
{
  __m128i bytes = _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);
  /* Unsigned bytes up to 0x1f are those equal to their minimum with it. */
  __m128i control = _mm_cmpeq_epi8 (_mm_min_epu8 (bytes, _mm_set1_epi8 (0x1f)), bytes);
  __m128i special = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('"')),
                                                _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('\\'))),
                                  _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (0x7f)));

  return _mm_movemask_epi8 (_mm_or_si128 (control, special)) != 0;
}
#endif

/* Whether @text holds a byte JSON escapes. */
static gboolean
needs_escape (const char *text,
              gsize       length)
{
  gsize i = 0;

#ifdef __SSE2__
  if (length >= 16)
    {
      for (; i + 16 <= length; i += 16)
        {
          if (block_needs_escape (text + i))
            return TRUE;
        }
      /* The last bytes, in the block that ends with them. */
      return i < length && block_needs_escape (text + length - 16);
    }
#endif
  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      if (word_needs_escape (word))
        return TRUE;
    }
  for (; i < length; i++)
    {
      if (escaped[(guchar) text[i]])
        return TRUE;
    }
  return FALSE;
}

/* A value whose text is its JSON value, in quotes: written by the library
 * straight into @out, and escaped there when it needs it. */
static void
json_text_value (GString               *out,
                 MbgJson               *json,
                 MysqlBinlogRow        *row,
                 guint                  column,
                 MysqlBinlogColumnType  type)
{
  g_autofree char *whole = NULL;
  gsize start = out->len;
  char *quote;
  gsize length;

  /* Only byte strings and text can be too big to be copied (the
   * others have no bytes to peek at). */
  if (json != NULL && !plain_text (type) && type != MYSQL_BINLOG_COLUMN_TYPE_ENUM &&
      json_big_value (json, row, column))
    return;
  /* The quote, the text, room for the closing quote. */
  quote = reserve (out, VALUE_TEXT_SIZE + 2);
  *quote = '"';
  length = mysql_binlog_row_format_value (row, column, quote + 1, VALUE_TEXT_SIZE);
  if (G_LIKELY (length < VALUE_TEXT_SIZE))
    {
      if (plain_text (type) || !needs_escape (quote + 1, length))
        {
          quote[1 + length] = '"';
          commit (out, quote + 2 + length);
          return;
        }
      whole = g_memdup2 (quote + 1, length);
    }
  else
    {
      whole = g_malloc (length + 1);
      length = mysql_binlog_row_format_value (row, column, whole, length + 1);
    }
  /* Escaped after its quote. */
  out->len = start + 1;
  json_escape (out, whole, length);
  put_c (out, '"');
}

/* A value as JSON: numbers as numbers (exact ones as strings), SET as a
 * list, binary as the server prints it (0x...).  @json: NULL when the
 * value must be written whole into @out (keys).  @type and @is_unsigned:
 * those of the column. */
static void
json_typed_value (GString               *out,
                  MbgJson               *json,
                  MysqlBinlogRow        *row,
                  guint                  column,
                  MysqlBinlogColumnType  type,
                  gboolean               is_unsigned)
{
  if (mysql_binlog_row_is_null (row, column))
    {
      PUT_LITERAL (out, "null");
      return;
    }

  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
      if (!is_unsigned)
        {
          json_int (out, mysql_binlog_row_get_int64 (row, column));
          return;
        }
      G_GNUC_FALLTHROUGH;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      {
        guint64 number = mysql_binlog_row_get_uint64 (row, column);

        if (number <= G_MAXINT64)
          {
            json_int (out, (gint64) number);
            return;
          }
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
      json_int (out, mysql_binlog_row_get_int64 (row, column));
      return;
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      json_double (out, mysql_binlog_row_get_double (row, column));
      return;
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      /* Without its members (positional names) an ENUM is its member's
       * number, a number in JSON as in the library, never text that could
       * pass for a member. */
      if (mysql_binlog_row_get_column_type_string (row, column)[0] == 't')
        {
          json_int (out, (gint64) mysql_binlog_row_get_uint64 (row, column));
          return;
        }
      json_text_value (out, json, row, column, type);
      return;
    default:
      /* Their value is their text (DECIMAL, dates and times, ENUM, text,
       * binary in hexadecimal, JSON), which the library writes into a
       * buffer without allocating. */
      json_text_value (out, json, row, column, type);
      return;
    }

  json_variant_value (out, row, column);
}

static void
json_value (GString        *out,
            MbgJson        *json,
            MysqlBinlogRow *row,
            guint           column)
{
  json_typed_value (out, json, row, column, mysql_binlog_row_get_column_type (row, column),
                    mysql_binlog_row_get_column_is_unsigned (row, column));
}

/* The columns, by place, as last written (mbg-message.c writes on one
 * thread at a time: under the program's lock): their quoted names, and
 * the type and signedness of the column of that name, which are those of
 * the column the name is in while the name is (see put_row_name()). */
typedef struct
{
  Quoted                name;
  MysqlBinlogColumnType type;
  gboolean              is_unsigned;
  GString              *member;   /* ,"name": of the same name */
} ColumnCache;

static ColumnCache column_cache[64];

/* A column without a name, or beyond the cache. */
static G_GNUC_NO_INLINE void
json_other_column (GString        *out,
                   MbgJson        *json,
                   MysqlBinlogRow *row,
                   guint           column,
                   const char     *name)
{
  char fallback[16];

  if (name == NULL)
    {
      g_snprintf (fallback, sizeof fallback, "@%u", column + 1);
      name = fallback;
    }
  json_member (out, name);
  json_value (out, json, row, column);
}

static void
json_column (GString        *out,
             MbgJson        *json,
             MysqlBinlogRow *row,
             guint           column)
{
  const char *name = mysql_binlog_row_get_column_name (row, column);

  if (name != NULL && column < G_N_ELEMENTS (column_cache))
    {
      ColumnCache *cache = &column_cache[column];
      /* The name where it was in the pinned row: the same column of the
       * same table. */
      gboolean known = cache->name.source == name &&
                       cache->name.generation == pin.generation && pin.row != NULL;
      /* The first member of an object has no comma before it. */
      gsize skip = out->len > 0 && out->str[out->len - 1] != '{' ? 0 : 1;

      if (G_UNLIKELY (!known))
        {
          GString *quoted = g_string_new (NULL);

          /* Quoted (and the row pinned) as put_row_name() does. */
          put_row_name (quoted, &cache->name, row, name);
          if (cache->member == NULL)
            cache->member = g_string_new (NULL);
          g_string_truncate (cache->member, 0);
          g_string_append_c (cache->member, ',');
          g_string_append_len (cache->member, quoted->str, quoted->len);
          g_string_append_c (cache->member, ':');
          g_string_free (quoted, TRUE);
          cache->type = mysql_binlog_row_get_column_type (row, column);
          cache->is_unsigned = mysql_binlog_row_get_column_is_unsigned (row, column);
        }
      put (out, cache->member->str + skip, cache->member->len - skip);
      json_typed_value (out, json, row, column, cache->type, cache->is_unsigned);
      return;
    }
  json_other_column (out, json, row, column, name);
}

static void
json_row (MbgJson        *json,
          MysqlBinlogRow *row)
{
  guint n = mysql_binlog_row_get_n_columns (row);

  g_string_append_c (json->line, '{');
  for (guint i = 0; i < n; i++)
    json_column (json->line, json, row, i);
  g_string_append_c (json->line, '}');
}

/* }}} */

static gboolean
variants_equal (MysqlBinlogRow *a,
                guint           column_a,
                MysqlBinlogRow *b,
                guint           column_b)
{
  g_autoptr(GVariant) value_a = mysql_binlog_row_get_value (a, column_a);
  g_autoptr(GVariant) value_b = mysql_binlog_row_get_value (b, column_b);

  return g_variant_equal (value_a, value_b);
}

/* Whether two columns are the same column of the same table: the name
 * of one where the other's is (a table's names are its own). */
static gboolean
same_column (MysqlBinlogRow *a,
             guint           column_a,
             MysqlBinlogRow *b,
             guint           column_b)
{
  const char *name = mysql_binlog_row_get_column_name (a, column_a);

  return name != NULL && name == mysql_binlog_row_get_column_name (b, column_b);
}

/* Whether two values are the same, as their GVariants would be equal:
 * from the typed accessors, the bytes or the text, without a GVariant
 * but for the types that have no text of their own. */
static gboolean
values_equal (MysqlBinlogRow *a,
              guint           column_a,
              MysqlBinlogRow *b,
              guint           column_b)
{
  MysqlBinlogColumnType type = mysql_binlog_row_get_column_type (a, column_a);

  if (mysql_binlog_row_is_null (a, column_a) || mysql_binlog_row_is_null (b, column_b))
    return mysql_binlog_row_is_null (a, column_a) && mysql_binlog_row_is_null (b, column_b);
  if (type != mysql_binlog_row_get_column_type (b, column_b) ||
      mysql_binlog_row_get_column_is_unsigned (a, column_a) !=
      mysql_binlog_row_get_column_is_unsigned (b, column_b))
    return variants_equal (a, column_a, b, column_b);

  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      if (mysql_binlog_row_get_column_is_unsigned (a, column_a) ||
          type == MYSQL_BINLOG_COLUMN_TYPE_BIT)
        return mysql_binlog_row_get_uint64 (a, column_a) ==
               mysql_binlog_row_get_uint64 (b, column_b);
      return mysql_binlog_row_get_int64 (a, column_a) == mysql_binlog_row_get_int64 (b, column_b);
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      {
        /* g_variant_equal() compares the bytes: -0 is not 0. */
        double x = mysql_binlog_row_get_double (a, column_a);
        double y = mysql_binlog_row_get_double (b, column_b);

        return memcmp (&x, &y, sizeof x) == 0;
      }
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      /* The same members of the same column (its name where it is: the
       * same table, the same list of members) are the same value. */
      if (same_column (a, column_a, b, column_b) &&
          mysql_binlog_row_get_uint64 (a, column_a) == mysql_binlog_row_get_uint64 (b, column_b))
        return TRUE;
      return variants_equal (a, column_a, b, column_b);
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      return variants_equal (a, column_a, b, column_b);
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      /* The same member of the same column is the same value; two members
       * may have the same text (the error value 0 and a member '' are
       * both ""), so other numbers are compared as text. */
      if (same_column (a, column_a, b, column_b) &&
          mysql_binlog_row_get_uint64 (a, column_a) == mysql_binlog_row_get_uint64 (b, column_b))
        return TRUE;
      G_GNUC_FALLTHROUGH;
    default:
      {
        char text_a[VALUE_TEXT_SIZE];
        char text_b[VALUE_TEXT_SIZE];
        gsize length_a = 0;
        gsize length_b = 0;
        const guint8 *bytes_a = mysql_binlog_row_peek_bytes (a, column_a, &length_a);
        const guint8 *bytes_b = mysql_binlog_row_peek_bytes (b, column_b, &length_b);

        /* The same bytes of the same column are the same value. */
        if (bytes_a != NULL && bytes_b != NULL && length_a == length_b &&
            memcmp (bytes_a, bytes_b, length_a) == 0)
          return TRUE;
        length_a = mysql_binlog_row_format_value (a, column_a, text_a, sizeof text_a);
        length_b = mysql_binlog_row_format_value (b, column_b, text_b, sizeof text_b);
        if (length_a < sizeof text_a && length_b < sizeof text_b)
          return length_a == length_b && memcmp (text_a, text_b, length_a) == 0;
        return variants_equal (a, column_a, b, column_b);
      }
    }
}

/* The column of @before that @column of @after is, by name (by place
 * when it has none), or -1. */
static int
before_column (MysqlBinlogRow *before,
               MysqlBinlogRow *after,
               guint           column)
{
  const char *name = mysql_binlog_row_get_column_name (after, column);
  int j;

  /* The same name where it is in @before: the images of one table, whose
   * columns are in the same places. */
  if (name != NULL && column < mysql_binlog_row_get_n_columns (before) &&
      mysql_binlog_row_get_column_name (before, column) == name)
    return column;
  j = name != NULL ? mysql_binlog_row_get_column_index (before, name) : (int) column;

  return j >= 0 && (guint) j < mysql_binlog_row_get_n_columns (before) ? j : -1;
}

char *
mbg_message_routing_key (MbgMessage *message)
{
  switch (message->type)
    {
    case MBG_MESSAGE_HEARTBEAT:
      return g_strdup ("heartbeat");
    case MBG_MESSAGE_BEGIN:
    case MBG_MESSAGE_COMMIT:
      return g_strdup_printf ("transaction.%s", message_type_names[message->type]);
    case MBG_MESSAGE_DDL:
      /* A database statement: SCHEMA.ddl. */
      if (message->table == NULL)
        return g_strdup_printf ("%s.ddl", message->schema != NULL ? message->schema : "");
      {
        g_autofree char *qualified = _mysql_binlog_name_qualify (message->schema != NULL
                                                                 ? message->schema : "",
                                                                 message->table);

        return g_strdup_printf ("%s.ddl", qualified);
      }
    case MBG_MESSAGE_INSERT:
    case MBG_MESSAGE_UPDATE:
    case MBG_MESSAGE_DELETE:
    default:
      {
        g_autofree char *qualified = _mysql_binlog_name_qualify (mysql_binlog_row_get_schema (message->row),
                                                                 mysql_binlog_row_get_table (message->row));

        return g_strdup_printf ("%s.%s", qualified, message_type_names[message->type]);
      }
    }
}

/* The row's primary key columns: the library knows them from the binlog's
 * metadata (binlog_row_metadata=FULL) or, on a live stream, from the
 * server's information_schema; a file without the metadata names none. */
static const char * const *
primary_key (MysqlBinlogRow *row)
{
  static const char * const none[] = { NULL };
  const char * const *known = mysql_binlog_row_get_primary_key (row);

  return known != NULL ? known : none;
}

/* Writes the "keys" object of @row into @out; the number of key columns
 * found, and in *@n_key the number of key columns. */
static guint
write_keys (GString        *out,
            MysqlBinlogRow *row,
            guint          *n_key)
{
  /* Where each key column was in the last row: most rows are of the
   * table before them.  A table's column names are unique. */
  static int places[16];
  const char * const *columns = primary_key (row);
  guint n_columns = mysql_binlog_row_get_n_columns (row);
  guint found = 0;
  guint i;

  put_c (out, '{');
  for (i = 0; columns[i] != NULL; i++)
    {
      int column = -1;
      const char *name;

      if (i < G_N_ELEMENTS (places) && places[i] >= 0 && (guint) places[i] < n_columns &&
          (name = mysql_binlog_row_get_column_name (row, places[i])) != NULL &&
          strcmp (name, columns[i]) == 0)
        column = places[i];
      else
        {
          column = mysql_binlog_row_get_column_index (row, columns[i]);
          if (i < G_N_ELEMENTS (places))
            places[i] = column;
        }

      if (column < 0)
        continue;
      json_column (out, NULL, row, column);
      found++;
    }
  g_string_append_c (out, '}');
  *n_key = i;
  return found;
}

/* The "keys" object of @row's messages, as JSON text, and the key by
 * which --dedup-window merges them (NULL when the row has no whole key). */
static char *
row_keys (MysqlBinlogRow *row,
          char          **dedup_key)
{
  GString *object = g_string_new (NULL);
  guint n_key = 0;
  guint found = write_keys (object, row, &n_key);

  if (found > 0 && found == n_key)
    {
      /* x.`y.z` and `x.y`.z are two tables: their rows are never one. */
      g_autofree char *qualified = _mysql_binlog_name_qualify (mysql_binlog_row_get_schema (row),
                                                               mysql_binlog_row_get_table (row));

      *dedup_key = g_strdup_printf ("%s %s", qualified, object->str);
    }
  else
    *dedup_key = NULL;
  return g_string_free (object, FALSE);
}

static void
json_string_member (GString    *out,
                    const char *name,
                    const char *value)
{
  json_member (out, name);
  if (value == NULL)
    PUT_LITERAL (out, "null");
  else
    json_string (out, value, strlen (value));
}

static void
json_int_member (GString    *out,
                 const char *name,
                 gint64      value)
{
  json_member (out, name);
  json_int (out, value);
}

/* The members every message starts with. */
static void
json_start (GString        *line,
            MbgMessageType  type)
{
  /* The start of each message type, up to its "timestamp", and that
   * member's text for the last second written. */
  static GString *starts[G_N_ELEMENTS (message_type_names)];
  static gint64 last_second = -1;
  static char second_text[24];
  static gsize second_length;
  struct timespec now;

  /* The coarse clock: the second is all "timestamp" says. */
  if (clock_gettime (CLOCK_REALTIME_COARSE, &now) != 0)
    now.tv_sec = g_get_real_time () / G_USEC_PER_SEC;
  if (G_UNLIKELY (starts[type] == NULL))
    {
      starts[type] = g_string_new ("{\"type\":");
      json_string (starts[type], message_type_names[type], strlen (message_type_names[type]));
      PUT_LITERAL (starts[type], ",\"timestamp\":");
    }
  if (G_UNLIKELY (now.tv_sec != last_second))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      json_int (text, now.tv_sec);
      g_assert (text->len < sizeof second_text);
      memcpy (second_text, text->str, text->len);
      second_length = text->len;
      last_second = now.tv_sec;
    }
  put (line, starts[type]->str, starts[type]->len);
  put (line, second_text, second_length);
}

/* The transaction's members that are known before its commit. */
static void
json_transaction (GString    *line,
                  const char *gtid,
                  guint64     txn_row)
{
  static Quoted gtid_text;

  if (gtid != NULL)
    {
      PUT_LITERAL (line, ",\"gtid\":");
      put_quoted (line, &gtid_text, gtid);
    }
  if (txn_row > 0)
    {
      PUT_LITERAL (line, ",\"txn_row\":");
      json_int (line, (gint64) txn_row);
    }
}

/* Writes the message of a changed row, from its opening brace to its last
 * member, into @json's line: its closing brace is for the caller to write,
 * after the commit's members (mbg_json_commit_fields()) when it knows
 * them.  @keys: the "keys" object, or NULL to write it from the row. */
void
mbg_json_row (MbgJson        *json,
              MbgMessageType  type,
              MysqlBinlogRow *before,
              MysqlBinlogRow *row,
              const char     *keys,
              const char     *log_file,
              guint64         log_pos,
              guint           merged,
              const char     *gtid,
              guint64         txn_row)
{
  static Quoted schema_name, table_name, log_file_name;
  GString *line = json->line;

  json_start (line, type);
  PUT_LITERAL (line, ",\"schema\":");
  put_row_name (line, &schema_name, row, mysql_binlog_row_get_schema (row));
  PUT_LITERAL (line, ",\"table_name\":");
  put_row_name (line, &table_name, row, mysql_binlog_row_get_table (row));
  PUT_LITERAL (line, ",\"binlog_timestamp\":");
  {
    /* The same for every row of an event, and of a transaction. */
    static gint64 last_ts = -1;
    static char ts_text[24];
    static gsize ts_length;
    guint32 ts = mysql_binlog_row_get_timestamp (row);

    if (G_UNLIKELY (ts != last_ts))
      {
        g_autoptr(GString) text = g_string_new (NULL);

        json_int (text, ts);
        g_assert (text->len < sizeof ts_text);
        memcpy (ts_text, text->str, text->len);
        ts_length = text->len;
        last_ts = ts;
      }
    put (line, ts_text, ts_length);
  }
  if (log_file != NULL)
    {
      PUT_LITERAL (line, ",\"log_file\":");
      put_quoted (line, &log_file_name, log_file);
      PUT_LITERAL (line, ",\"log_pos\":");
      json_int (line, (gint64) log_pos);
    }
  PUT_LITERAL (line, ",\"keys\":");
  if (keys != NULL)
    g_string_append (line, keys);
  else
    {
      guint n_key;

      /* Keys identify the row as it was before an update. */
      write_keys (line, before != NULL ? before : row, &n_key);
    }

  switch (type)
    {
    case MBG_MESSAGE_INSERT:
    case MBG_MESSAGE_DELETE:
    case MBG_MESSAGE_READ:
      PUT_LITERAL (line, ",\"values\":");
      json_row (json, row);
      break;

    case MBG_MESSAGE_UPDATE:
      {
        guint n = mysql_binlog_row_get_n_columns (row);
        gboolean *changed = g_newa (gboolean, n + 1);
        int *before_columns = g_newa (int, n + 1);

        /* Only the columns that changed, between the first image before
         * and the last image after when updates were merged. */
        for (guint i = 0; i < n; i++)
          {
            before_columns[i] = before_column (before, row, i);
            changed[i] = before_columns[i] < 0 ||
                         !values_equal (before, before_columns[i], row, i);
          }
        json_member (line, "before_values");
        g_string_append_c (line, '{');
        for (guint i = 0; i < n; i++)
          if (changed[i] && before_columns[i] >= 0)
            json_column (json->line, json, before, before_columns[i]);
        g_string_append_c (json->line, '}');
        json_member (json->line, "after_values");
        g_string_append_c (json->line, '{');
        for (guint i = 0; i < n; i++)
          if (changed[i])
            json_column (json->line, json, row, i);
        g_string_append_c (json->line, '}');
        if (merged > 0)
          json_int_member (json->line, "merged_updates", merged);
      }
      break;

    case MBG_MESSAGE_HEARTBEAT:
    case MBG_MESSAGE_BEGIN:
    case MBG_MESSAGE_COMMIT:
    case MBG_MESSAGE_DDL:
    default:
      g_assert_not_reached ();
    }
  json_transaction (json->line, gtid, txn_row);
}

/* Writes a begin or commit message, without its closing brace. */
void
mbg_json_event (GString        *line,
                MbgMessageType  type,
                const char     *log_file,
                guint64         log_pos,
                guint32         event_ts,
                const char     *gtid)
{
  json_start (line, type);
  json_int_member (line, "binlog_timestamp", event_ts);
  if (log_file != NULL)
    {
      json_string_member (line, "log_file", log_file);
      json_int_member (line, "log_pos", (gint64) log_pos);
    }
  json_transaction (line, gtid, 0);
}

/* Writes a DDL message, without its closing brace. */
void
mbg_json_ddl (GString    *line,
              const char *schema,
              const char *table,
              const char *statement,
              const char *log_file,
              guint64     log_pos,
              guint32     event_ts,
              const char *gtid)
{
  json_start (line, MBG_MESSAGE_DDL);
  json_string_member (line, "schema", schema);
  json_string_member (line, "table", table);
  json_string_member (line, "statement", statement);
  json_int_member (line, "binlog_timestamp", event_ts);
  if (log_file != NULL)
    {
      json_string_member (line, "log_file", log_file);
      json_int_member (line, "log_pos", (gint64) log_pos);
    }
  json_transaction (line, gtid, 0);
}

/* The members the commit of a transaction tells: "ts", "xid" (when an
 * XID event committed it), "position" (when the stream gave one after it)
 * and with @with_rows "txn_rows". */
void
mbg_json_commit_fields (GString         *line,
                        const MbgCommit *commit,
                        gboolean         with_rows)
{
  /* Always after other members: the comma is written here, as @line may
   * hold these members alone. */
  g_string_append_c (line, ',');
  json_string (line, "ts", 2);
  g_string_append_c (line, ':');
  json_int (line, commit->ts);
  if (commit->has_xid)
    {
      json_member (line, "xid");
      if (commit->xid <= G_MAXINT64)
        json_int (line, (gint64) commit->xid);
      else
        {
          char text[24];

          g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, commit->xid);
          json_string (line, text, strlen (text));
        }
    }
  if (commit->position != NULL)
    json_string_member (line, "position", commit->position);
  if (with_rows)
    json_int_member (line, "txn_rows", (gint64) commit->n_rows);
}

/* Writes the message as one line of JSON, without its newline, in the
 * shapes of the MySQL monitor. */
void
mbg_message_write (MbgMessage *message,
                   MbgSink    *sink)
{
  g_autoptr(GString) line = g_string_sized_new (512);
  MbgJson json = { sink, line, NULL, NULL };
  gboolean with_rows = TRUE;

  switch (message->type)
    {
    case MBG_MESSAGE_HEARTBEAT:
      json_start (line, message->type);
      g_string_append_c (line, '}');
      mbg_json_flush (&json);
      return;
    case MBG_MESSAGE_BEGIN:
    case MBG_MESSAGE_COMMIT:
      mbg_json_event (line, message->type, message->log_file, message->log_pos,
                      message->event_ts, message->gtid);
      break;
    case MBG_MESSAGE_DDL:
      mbg_json_ddl (line, message->schema, message->table, message->statement,
                    message->log_file, message->log_pos, message->event_ts, message->gtid);
      with_rows = FALSE;
      break;
    case MBG_MESSAGE_INSERT:
    case MBG_MESSAGE_UPDATE:
    case MBG_MESSAGE_DELETE:
    default:
      mbg_json_row (&json, message->type, message->before, message->row, message->keys,
                    message->log_file, message->log_pos, message->merged,
                    message->gtid, message->merged > 0 ? 0 : message->txn_row);
      /* Merged updates are of several transactions: their place and count
       * in one would say nothing true. */
      with_rows = message->merged == 0;
      break;
    }
  if (message->commit != NULL)
    mbg_json_commit_fields (line, message->commit, with_rows);
  g_string_append_c (line, '}');
  mbg_json_flush (&json);
}

static void
append_text_value (MbgSink        *sink,
                   GString        *out,
                   MysqlBinlogRow *row,
                   guint           column)
{
  MbgJson json = { sink, out, NULL, NULL };

  if (mysql_binlog_row_is_null (row, column))
    {
      g_string_append (out, "NULL");
      return;
    }
  /* JSON quoting: strings in double quotes with escapes, lists in []; a
   * value too big to be copied goes out in parts after what comes before
   * it. */
  json_value (out, &json, row, column);
}

/* Writes @row (after @before, for an update) as the lines of the text
 * format, under the title @what. */
void
mbg_text_row_write (MbgSink        *sink,
                    const char     *what,
                    MysqlBinlogRow *before,
                    MysqlBinlogRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = mysql_binlog_row_get_n_columns (row);
  g_autofree char *qualified = _mysql_binlog_name_qualify (mysql_binlog_row_get_schema (row),
                                                           mysql_binlog_row_get_table (row));

  g_string_append_printf (text, "%s %s:\n", what, qualified);
  for (guint i = 0; i < n; i++)
    {
      const char *name = mysql_binlog_row_get_column_name (row, i);
      int j = before != NULL ? before_column (before, row, i) : -1;

      if (name != NULL)
        g_string_append_printf (text, "  %s: ", name);
      else
        g_string_append_printf (text, "  @%u: ", i + 1);
      if (j >= 0)
        {
          append_text_value (sink, text, before, j);
          g_string_append (text, " => ");
        }
      append_text_value (sink, text, row, i);
      g_string_append_c (text, '\n');
    }
  mbg_sink_write (sink, text->str, text->len);
}

MbgMessage *
mbg_message_new_row (MbgMessageType  type,
                     MysqlBinlogRow *before,
                     MysqlBinlogRow *row,
                     const char     *log_file,
                     guint64         log_pos)
{
  MbgMessage *message = g_new0 (MbgMessage, 1);

  message->type = type;
  message->row = mysql_binlog_row_ref (row);
  if (before != NULL)
    message->before = mysql_binlog_row_ref (before);
  /* Keys identify the row as it was before an update. */
  message->keys = row_keys (before != NULL ? before : row, &message->dedup_key);
  message->log_file = g_strdup (log_file);
  message->log_pos = log_pos;
  return message;
}

MbgMessage *
mbg_message_new_heartbeat (void)
{
  MbgMessage *message = g_new0 (MbgMessage, 1);

  message->type = MBG_MESSAGE_HEARTBEAT;
  return message;
}

/* A begin or commit message. */
MbgMessage *
mbg_message_new_event (MbgMessageType  type,
                       const char     *log_file,
                       guint64         log_pos,
                       guint32         event_ts,
                       const char     *gtid)
{
  MbgMessage *message = g_new0 (MbgMessage, 1);

  message->type = type;
  message->log_file = g_strdup (log_file);
  message->log_pos = log_pos;
  message->event_ts = event_ts;
  message->gtid = g_strdup (gtid);
  return message;
}

MbgMessage *
mbg_message_new_ddl (const char *schema,
                     const char *table,
                     const char *statement,
                     const char *log_file,
                     guint64     log_pos,
                     guint32     event_ts,
                     const char *gtid)
{
  MbgMessage *message = mbg_message_new_event (MBG_MESSAGE_DDL, log_file, log_pos,
                                               event_ts, gtid);

  message->schema = g_strdup (schema);
  message->table = g_strdup (table);
  message->statement = g_strdup (statement);
  return message;
}
