/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mysql-binlog-value-text-private.h"
#include "wire-private.h"

/*
 * The text of numbers, DECIMAL and temporal values, as MySQL prints them,
 * written into the caller's buffer without allocating: the hot path of
 * mysql_binlog_row_format_value() and of every GVariant of these types.
 */

static const guint32 powers_of_ten[10] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* Numbers
 * ----------------------------------------------------------------------- */

/* "00" to "99": two digits per division when writing numbers. */
static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* Writes @value as exactly @width digits, zero-padded, at @out. */
static inline void
write_digits (char    *out,
              guint32  value,
              guint    width)
{
  if (G_UNLIKELY (value >= powers_of_ten[width]))
    value %= powers_of_ten[width];
  while (width >= 2)
    {
      width -= 2;
      memcpy (out + width, digit_pairs + 2 * (value % 100), 2);
      value /= 100;
    }
  if (width > 0)
    out[0] = '0' + value;
}

/* Writes @value, below 10^9, without leading zeros at @out; returns the end. */
static inline char *
write_number (char    *out,
              guint32  value)
{
  guint width = 1;

  while (width < 9 && value >= powers_of_ten[width])
    width++;
  write_digits (out, value, width);
  return out + width;
}

/* A big-endian integer of 1 to 4 @bytes (a DECIMAL group, a fraction),
 * each size read with a constant count. */
static inline guint32
be_small (const guint8 *p,
          guint         bytes)
{
  switch (bytes)
    {
    case 1:
      return p[0];
    case 2:
      return (guint32) _mysql_binlog_be_uint (p, 2);
    case 3:
      return (guint32) _mysql_binlog_be_uint (p, 3);
    default:
      return (guint32) _mysql_binlog_be_uint (p, 4);
    }
}

/* Groups with more digits than they may hold (corrupt data) keep their
 * low digits. */
gsize
_mysql_binlog_decimal_format (char         *buffer,
                              const guint8 *data,
                              guint         precision,
                              guint         scale)
{
  guint integer_digits = precision - scale;
  guint int_full = integer_digits / 9, int_partial = integer_digits % 9;
  guint frac_full = scale / 9, frac_partial = scale % 9;
  /* Every group of up to 9 digits, its width in digits: 65 digits make at
   * most 9 groups (8 full ones and a partial one on each side). */
  guint32 groups[12];
  guint8 widths[12];
  guint n_groups = 0, n_integer, first;
  /* Positive values have the sign bit set; negative ones are the
   * complement of their magnitude. */
  guint32 mask = (data[0] & 0x80) ? 0 : 0xffffffff;
  gboolean negative = mask != 0, zero = TRUE;
  const guint8 *p = data;
  guint8 first_byte_flip = 0x80;
  char *out = buffer;

  g_assert (int_full + frac_full + 2 <= G_N_ELEMENTS (groups));

#define DECIMAL_GROUP(digits, bytes) \
  G_STMT_START { \
    guint32 raw_ = be_small (p, (bytes)) ^ \
                   ((guint32) first_byte_flip << (8 * ((bytes) - 1))); \
    first_byte_flip = 0; \
    raw_ ^= mask >> (32 - 8 * (bytes)); \
    p += (bytes); \
    if (G_UNLIKELY (raw_ >= powers_of_ten[digits])) \
      raw_ %= powers_of_ten[digits]; \
    groups[n_groups] = raw_; \
    zero = zero && groups[n_groups] == 0; \
    widths[n_groups++] = (digits); \
  } G_STMT_END

  if (int_partial > 0)
    DECIMAL_GROUP (int_partial, _mysql_binlog_decimal_group_bytes (int_partial));
  for (guint i = 0; i < int_full; i++)
    DECIMAL_GROUP (9, 4);
  n_integer = n_groups;
  for (guint i = 0; i < frac_full; i++)
    DECIMAL_GROUP (9, 4);
  if (frac_partial > 0)
    DECIMAL_GROUP (frac_partial, _mysql_binlog_decimal_group_bytes (frac_partial));
#undef DECIMAL_GROUP

  /* No "-0". */
  if (negative && !zero)
    *out++ = '-';

  /* The integer part without its leading zeros, but at least one digit. */
  for (first = 0; first < n_integer && groups[first] == 0; first++)
    ;
  if (first == n_integer)
    {
      *out++ = '0';
    }
  else
    {
      out = write_number (out, groups[first]);
      for (guint i = first + 1; i < n_integer; i++)
        {
          write_digits (out, groups[i], 9);
          out += 9;
        }
    }

  if (scale > 0)
    {
      *out++ = '.';
      for (guint i = n_integer; i < n_groups; i++)
        {
          write_digits (out, groups[i], widths[i]);
          out += widths[i];
        }
    }
  *out = '\0';
  return out - buffer;
}

/* A double that is the nearest one to a decimal of at most 15 significant
 * digits and 4 fractional ones, from 0.0001 to below 1e15 (0.25, 1234.5,
 * 42): that decimal is what the first "%.15g" below prints, fixed-point,
 * and it reads back.  Written here without printf and strtod; FALSE for
 * other doubles. */
static gsize
put_short_double (char   *buffer,
                  double  value)
{
  static const double scales[] = { 1, 10, 100, 1000, 10000 };
  double magnitude = fabs (value);

  if (!(magnitude >= 1e-4 && magnitude < 1e15))
    return 0;

  /* Below 1e11 one try with 4 fractional digits finds any of them (the
   * same decimal with trailing zeros); the zeros are dropped below. */
  for (guint k = magnitude < 1e11 ? G_N_ELEMENTS (scales) - 1 : 0;
       k < G_N_ELEMENTS (scales); k++)
    {
      double scaled = magnitude * scales[k];
      guint64 n, whole, fraction;
      char *p = buffer;

      if (scaled >= 1e15)
        return 0;
      n = (guint64) (scaled + 0.5);
      if (n == 0 || (double) n / scales[k] != magnitude)
        continue;

      whole = n / (guint64) scales[k];
      fraction = n % (guint64) scales[k];
      if (value < 0)
        *p++ = '-';
      /* Below 10^15: at most 6 digits above the last 9. */
      if (whole < powers_of_ten[9])
        p = write_number (p, (guint32) whole);
      else
        {
          p = write_number (p, (guint32) (whole / powers_of_ten[9]));
          write_digits (p, (guint32) (whole % powers_of_ten[9]), 9);
          p += 9;
        }
      if (fraction != 0)
        {
          guint digits = k;

          while (fraction % 10 == 0)
            {
              fraction /= 10;
              digits--;
            }
          *p++ = '.';
          write_digits (p, (guint32) fraction, digits);
          p += digits;
        }
      *p = '\0';
      return p - buffer;
    }
  return 0;
}

gsize
_mysql_binlog_double_format (char     *buffer,
                             double    value,
                             gboolean  single)
{
  static const char * const formats[] = {
    "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  /* Any decimal of FLT_DIG (DBL_DIG) digits survives a round trip through a
   * normal float (double), so when one of that many digits reads back, no
   * shorter one differs from it but by trailing zeros, which %g drops.
   * Subnormal numbers have fewer digits: try them all. */
  guint first, last = single ? 8 : 16;
  gsize length;
  char *e;

  if (!single && (length = put_short_double (buffer, value)) > 0)
    return length;

  if (single)
    first = fabs (value) < FLT_MIN ? 0 : 5;
  else
    first = fabs (value) < DBL_MIN ? 0 : 14;

  if (isnan (value))
    {
      strcpy (buffer, "nan");
      return 3;
    }
  if (isinf (value))
    {
      strcpy (buffer, value < 0 ? "-inf" : "inf");
      return strlen (buffer);
    }

  for (guint i = first; i <= last; i++)
    {
      double back;

      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      back = g_ascii_strtod (buffer, NULL);
      if (single ? (float) back == (float) value : back == value)
        break;
    }

  e = strchr (buffer, 'e');
  if (e != NULL)
    {
      char *digits = e + 1, *to = e + 1;

      if (*digits == '+')
        digits++;
      else if (*digits == '-')
        *to++ = *digits++;
      while (*digits == '0' && digits[1] != '\0')
        digits++;
      memmove (to, digits, strlen (digits) + 1);
    }
  return strlen (buffer);
}

char *
_mysql_binlog_format_double (double   value,
                             gboolean single)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  _mysql_binlog_double_format (buffer, value, single);
  return g_strdup (buffer);
}

/* Dates and times
 * ----------------------------------------------------------------------- */

/* Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
 * civil_from_days), for non-negative day counts. */
static void
civil_from_days (guint64  days,
                 guint   *year,
                 guint   *month,
                 guint   *day)
{
  guint64 z = days + 719468;
  guint64 era = z / 146097;
  guint64 doe = z - era * 146097;
  guint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint64 mp = (5 * doy + 2) / 153;

  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

/* Writes @value in decimal, zero-padded to at least @width digits, as
 * printf's "%0*u" does; returns the end.  @out has room for 10 digits. */
static inline char *
put_uint (char  *out,
          guint  value,
          guint  width)
{
  char digits[10];
  guint n = 0;

  /* The fields of dates and times: folded by the compiler for their width. */
  if (width == 2 && value < 100)
    {
      memcpy (out, digit_pairs + 2 * value, 2);
      return out + 2;
    }
  if (width == 4 && value < 10000)
    {
      write_digits (out, value, 4);
      return out + 4;
    }

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  for (; width > n; width--)
    *out++ = '0';
  while (n > 0)
    *out++ = digits[--n];
  return out;
}

/* "YYYY-MM-DD" at @out; returns the end. */
static inline char *
put_date (char  *out,
          guint  year,
          guint  month,
          guint  day)
{
  out = put_uint (out, year, 4);
  *out++ = '-';
  out = put_uint (out, month, 2);
  *out++ = '-';
  return put_uint (out, day, 2);
}

/* "HH:MM:SS.ffffff" at @out, the fraction cut to @fsp digits; returns the end. */
static inline char *
put_time (char  *out,
          guint  hour,
          guint  minute,
          guint  second,
          guint  microseconds,
          guint  fsp)
{
  out = put_uint (out, hour, 2);
  *out++ = ':';
  out = put_uint (out, minute, 2);
  *out++ = ':';
  out = put_uint (out, second, 2);
  if (fsp > 0)
    {
      *out++ = '.';
      write_digits (out, MIN (microseconds, 999999), 6);
      out += MIN (fsp, 6);
    }
  return out;
}

/* "YYYY-MM-DD HH:MM:SS.ffffff" at @out; returns the end.  At most 72
 * bytes: 6 fields of up to 10 digits, separators, the fraction. */
static char *
put_datetime (char  *out,
              guint  year,
              guint  month,
              guint  day,
              guint  hour,
              guint  minute,
              guint  second,
              guint  microseconds,
              guint  fsp)
{
  out = put_date (out, year, month, day);
  *out++ = ' ';
  return put_time (out, hour, minute, second, microseconds, fsp);
}

/* "-HH:MM:SS.ffffff" at @out; returns the end. */
static char *
put_signed_time (char     *out,
                 gboolean  negative,
                 guint     hour,
                 guint     minute,
                 guint     second,
                 guint     microseconds,
                 guint     fsp)
{
  if (negative)
    *out++ = '-';
  return put_time (out, hour, minute, second, microseconds, fsp);
}

/* MySQL's "packed" temporal integers: the integer part shifted left by 24
 * bits plus microseconds, the whole negated for negative values. */
#define PACKED_FRACTION_BITS 24

static char *
put_packed_datetime (char     *out,
                     gint64    packed,
                     gboolean  with_time,
                     guint     fsp)
{
  guint64 magnitude = packed < 0 ? (guint64) 0 - (guint64) packed : (guint64) packed;
  guint microseconds = magnitude % (1 << PACKED_FRACTION_BITS);
  guint64 ymdhms = magnitude >> PACKED_FRACTION_BITS;
  guint64 ymd = ymdhms >> 17;
  guint64 ym = ymd >> 5;
  guint hms = ymdhms % (1 << 17);

  if (!with_time)
    return put_date (out, (guint) (ym / 13), (guint) (ym % 13), (guint) (ymd % 32));
  return put_datetime (out, ym / 13, ym % 13, ymd % 32,
                       hms >> 12, (hms >> 6) % 64, hms % 64, microseconds, fsp);
}

static char *
put_packed_time (char   *out,
                 gint64  packed,
                 guint   fsp)
{
  guint64 magnitude = packed < 0 ? (guint64) 0 - (guint64) packed : (guint64) packed;
  guint microseconds = magnitude % (1 << PACKED_FRACTION_BITS);
  guint64 hms = magnitude >> PACKED_FRACTION_BITS;

  return put_signed_time (out, packed < 0, (hms >> 12) % (1 << 10), (hms >> 6) % 64, hms % 64,
                          microseconds, fsp);
}

/* Microseconds per unit of a fraction of 1, 2 or 3 bytes (fsp 1 and 2, 3
 * and 4, 5 and 6): hundredths, ten-thousandths or millionths. */
static const guint fraction_scale[4] = { 0, 10000, 100, 1 };

/* The fraction of a DATETIME2 (@is_signed, as the server reads it) or
 * TIMESTAMP2 value with @fsp digits, stored big-endian at @p, in
 * microseconds; 0 without digits. */
static inline gint64
fraction_microseconds (const guint8 *p,
                       guint         fsp,
                       gboolean      is_signed)
{
  guint n = fsp <= 6 ? _mysql_binlog_fraction_bytes (fsp) : 0;

  gint64 raw;

  if (n == 0)
    return 0;
  raw = be_small (p, n);
  if (is_signed)
    raw = _mysql_binlog_sign_extend (raw, 8 * n);
  return raw * fraction_scale[n];
}

static char *
put_time2 (char         *out,
           const guint8 *data,
           guint         fsp)
{
  gint64 integer, fraction, packed;

  switch (fsp)
    {
    case 1:
    case 2:
    case 3:
    case 4:
      {
        guint n = _mysql_binlog_fraction_bytes (fsp);

        integer = (gint64) _mysql_binlog_be_uint (data, 3) - 0x800000;
        fraction = _mysql_binlog_be_uint (data + 3, n);
        /* Negative values store the fraction so that they sort: the disk
         * value -1.FF means -0.01, so borrow one from the integer part. */
        if (integer < 0 && fraction != 0)
          {
            integer++;
            fraction -= (gint64) 1 << (8 * n);
          }
        packed = integer * (1 << PACKED_FRACTION_BITS) + fraction * fraction_scale[n];
      }
      break;
    case 5:
    case 6:
      packed = (gint64) _mysql_binlog_be_uint (data, 6) - G_GINT64_CONSTANT (0x800000000000);
      break;
    default:
      packed = ((gint64) _mysql_binlog_be_uint (data, 3) - 0x800000) * (1 << PACKED_FRACTION_BITS);
      break;
    }

  return put_packed_time (out, packed, fsp);
}

static char *
put_datetime2 (char         *out,
               const guint8 *data,
               guint         fsp)
{
  guint64 integer = _mysql_binlog_be_uint (data, 5) - G_GUINT64_CONSTANT (0x8000000000);
  gint64 fraction = fraction_microseconds (data + 5, fsp, TRUE);

  /* Unsigned arithmetic: corrupt values wrap instead of overflowing. */
  return put_packed_datetime (out, (gint64) ((integer << PACKED_FRACTION_BITS) + (guint64) fraction),
                              TRUE, fsp);
}

static char *
put_timestamp (char    *out,
               guint64  seconds,
               guint    microseconds,
               guint    fsp)
{
  guint year, month, day;

  if (seconds == 0)
    return put_datetime (out, 0, 0, 0, 0, 0, 0, 0, fsp);

  civil_from_days (seconds / 86400, &year, &month, &day);
  return put_datetime (out, year, month, day, (seconds % 86400) / 3600,
                       (seconds % 3600) / 60, seconds % 60, microseconds, fsp);
}

static char *
put_timestamp2 (char         *out,
                const guint8 *data,
                guint         fsp)
{
  guint microseconds = fraction_microseconds (data + 4, fsp, FALSE);

  return put_timestamp (out, _mysql_binlog_be_uint (data, 4), microseconds, fsp);
}

static char *
put_old_datetime (char    *out,
                  guint64  value)
{
  guint64 date = value / 1000000;
  guint time = value % 1000000;

  return put_datetime (out, date / 10000, (date / 100) % 100, date % 100,
                       time / 10000, (time / 100) % 100, time % 100, 0, 0);
}

static char *
put_old_time (char         *out,
              const guint8 *data)
{
  gint64 value = _mysql_binlog_le_int (data, 3);
  guint magnitude = value < 0 ? -value : value;

  return put_signed_time (out, value < 0, magnitude / 10000, (magnitude / 100) % 100,
                          magnitude % 100, 0, 0);
}

/* 10 to the power 6 - @fsp: the microseconds of one unit of a value
 * with @fsp fractional digits. */
static guint
fraction_unit (guint fsp)
{
  static const guint units[7] = { 1000000, 100000, 10000, 1000, 100, 10, 1 };

  return units[MIN (fsp, 6)];
}

/* MariaDB's hires TIME(@fsp): (838:59:59 + 1 second) in units of the
 * precision, plus the signed time in those units, truncated toward zero,
 * stored big-endian.  Short or malformed values give 00:00:00. */
static char *
put_time_hires (char         *out,
                const guint8 *data,
                gsize         length,
                guint         fsp)
{
  guint size = _mysql_binlog_old_temporal_size (MYSQL_BINLOG_COLUMN_TYPE_TIME, fsp);
  guint unit = fraction_unit (fsp);
  gint64 zero = G_GINT64_CONSTANT (3020400) * (1000000 / unit);
  gint64 value;
  guint64 magnitude, seconds;

  if (fsp == 0 || fsp > 6 || length < size)
    return put_time (out, 0, 0, 0, 0, fsp);
  value = (gint64) _mysql_binlog_be_uint (data, size) - zero;
  magnitude = value < 0 ? (guint64) -value : (guint64) value;
  seconds = magnitude / (1000000 / unit);
  return put_signed_time (out, value < 0, seconds / 3600, (seconds / 60) % 60, seconds % 60,
                          (magnitude % (1000000 / unit)) * unit, fsp);
}

/* MariaDB's hires DATETIME(@fsp): ((((year * 13 + month) * 32 + day) * 24
 * + hour) * 60 + minute) * 60 + second, in units of the precision,
 * stored big-endian. */
static char *
put_datetime_hires (char         *out,
                    const guint8 *data,
                    gsize         length,
                    guint         fsp)
{
  guint size = _mysql_binlog_old_temporal_size (MYSQL_BINLOG_COLUMN_TYPE_DATETIME, fsp);
  guint unit = fraction_unit (fsp);
  guint64 value, microseconds;
  guint second, minute, hour, day, month;

  if (fsp == 0 || fsp > 6 || length < size)
    return put_datetime (out, 0, 0, 0, 0, 0, 0, 0, fsp);
  value = _mysql_binlog_be_uint (data, size);
  microseconds = (value % (1000000 / unit)) * unit;
  value /= 1000000 / unit;
  second = value % 60;
  value /= 60;
  minute = value % 60;
  value /= 60;
  hour = value % 24;
  value /= 24;
  day = value % 32;
  value /= 32;
  month = value % 13;
  value /= 13;
  return put_datetime (out, value, month, day, hour, minute, second, microseconds, fsp);
}

/* MariaDB's hires TIMESTAMP(@fsp): the seconds since the epoch in 4
 * bytes, then the fraction in units of the precision, both big-endian. */
static char *
put_timestamp_hires (char         *out,
                     const guint8 *data,
                     gsize         length,
                     guint         fsp)
{
  guint size = _mysql_binlog_old_temporal_size (MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP, fsp);

  if (fsp == 0 || fsp > 6 || length < size)
    return put_datetime (out, 0, 0, 0, 0, 0, 0, 0, fsp);
  return put_timestamp (out, _mysql_binlog_be_uint (data, 4),
                        MIN (_mysql_binlog_be_uint (data + 4, size - 4) * fraction_unit (fsp), 999999), fsp);
}

static char *
put_date3 (char         *out,
           const guint8 *data)
{
  guint value = _mysql_binlog_le_uint (data, 3);

  return put_date (out, value >> 9, (value >> 5) & 15, value & 31);
}

char *
_mysql_binlog_temporal_format (const MysqlBinlogColumn *column,
                               const guint8            *data,
                               gsize                    length,
                               char                    *out)
{
  char *end = out;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
      end = put_uint (end, (length >= 1 && data[0] != 0) ? 1900 + data[0] : 0, 4);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_DATE:
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDATE:
      end = length >= 3 ? put_date3 (end, data) : put_date (end, 0, 0, 0);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
      if (column->meta > 0)
        end = put_time_hires (end, data, length, column->meta);
      else
        end = length >= 3 ? put_old_time (end, data) : put_time (end, 0, 0, 0, 0, 0);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
      if (column->meta > 0)
        end = put_datetime_hires (end, data, length, column->meta);
      else
        end = put_old_datetime (end, length >= 8 ? _mysql_binlog_le_uint (data, 8) : 0);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
      if (column->meta > 0)
        end = put_timestamp_hires (end, data, length, column->meta);
      else
        end = put_timestamp (end, length >= 4 ? _mysql_binlog_le_uint (data, 4) : 0, 0, 0);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
      if (column->meta > 6 || length < _mysql_binlog_temporal2_size (column->real_type, column->meta))
        end = put_time (end, 0, 0, 0, 0, 0);
      else
        end = put_time2 (end, data, column->meta);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
      if (column->meta > 6 || length < _mysql_binlog_temporal2_size (column->real_type, column->meta))
        end = put_datetime (end, 0, 0, 0, 0, 0, 0, 0, 0);
      else
        end = put_datetime2 (end, data, column->meta);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
      if (column->meta > 6 || length < _mysql_binlog_temporal2_size (column->real_type, column->meta))
        end = put_datetime (end, 0, 0, 0, 0, 0, 0, 0, 0);
      else
        end = put_timestamp2 (end, data, column->meta);
      break;
    default:
      return NULL;
    }
  return end;
}

char *
_mysql_binlog_packed_temporal_format (char   *out,
                                      guint8  field_type,
                                      gint64  packed)
{
  if (field_type == MYSQL_BINLOG_COLUMN_TYPE_TIME)
    return put_packed_time (out, packed, 6);
  return put_packed_datetime (out, packed, field_type != MYSQL_BINLOG_COLUMN_TYPE_DATE, 6);
}
