/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-table-private.h"

/*
 * Character sets: which one a collation id belongs to, and how the bytes of
 * a text column become UTF-8.
 *
 * - utf8mb3, utf8mb4 and ascii are copied after validation; invalid
 *   sequences are replaced with U+FFFD.
 * - latin1 is, in MySQL and MariaDB, Windows-1252 with the five bytes that
 *   cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mapped to the C1
 *   control characters of the same value; a table converts it, without
 *   iconv.
 * - binary is not text: its columns are bytes.
 * - every other character set goes through iconv (g_convert()).  keybcs2
 *   and geostd8 have no iconv converter in glibc; their text, and text that
 *   iconv rejects, is repaired as if it were UTF-8.
 */

typedef struct
{
  const char *name;
  guint8      kind;    /* MysqlBinlogCharsetKind */
  const char *iconv;   /* for MYSQL_BINLOG_CHARSET_KIND_ICONV */
} CharsetInfo;

#define ICONV(name, iconv_name) { name, MYSQL_BINLOG_CHARSET_KIND_ICONV, iconv_name }
#define REPAIR(name) { name, MYSQL_BINLOG_CHARSET_KIND_UNKNOWN, NULL }

/* In alphabetical order: collation_charsets[] holds indexes into it. */
static const CharsetInfo charsets[] = {
  { NULL, MYSQL_BINLOG_CHARSET_KIND_UNKNOWN, NULL },
  /*  1 */ ICONV ("armscii8", "ARMSCII-8"),
  /*  2 */ { "ascii", MYSQL_BINLOG_CHARSET_KIND_UTF8, NULL },
  /*  3 */ ICONV ("big5", "BIG5"),
  /*  4 */ { "binary", MYSQL_BINLOG_CHARSET_KIND_BINARY, NULL },
  /*  5 */ ICONV ("cp1250", "CP1250"),
  /*  6 */ ICONV ("cp1251", "CP1251"),
  /*  7 */ ICONV ("cp1256", "CP1256"),
  /*  8 */ ICONV ("cp1257", "CP1257"),
  /*  9 */ ICONV ("cp850", "CP850"),
  /* 10 */ ICONV ("cp852", "CP852"),
  /* 11 */ ICONV ("cp866", "CP866"),
  /* 12 */ ICONV ("cp932", "CP932"),
  /* 13 */ ICONV ("dec8", "DEC-MCS"),
  /* 14 */ ICONV ("eucjpms", "EUC-JP-MS"),
  /* 15 */ ICONV ("euckr", "EUC-KR"),
  /* 16 */ ICONV ("gb18030", "GB18030"),
  /* 17 */ ICONV ("gb2312", "GB2312"),
  /* 18 */ ICONV ("gbk", "GBK"),
  /* 19 */ REPAIR ("geostd8"),
  /* 20 */ ICONV ("greek", "ISO-8859-7"),
  /* 21 */ ICONV ("hebrew", "ISO-8859-8"),
  /* 22 */ ICONV ("hp8", "HP-ROMAN8"),
  /* 23 */ REPAIR ("keybcs2"),
  /* 24 */ ICONV ("koi8r", "KOI8-R"),
  /* 25 */ ICONV ("koi8u", "KOI8-U"),
  /* 26 */ { "latin1", MYSQL_BINLOG_CHARSET_KIND_LATIN1, NULL },
  /* 27 */ ICONV ("latin2", "ISO-8859-2"),
  /* 28 */ ICONV ("latin5", "ISO-8859-9"),
  /* 29 */ ICONV ("latin7", "ISO-8859-13"),
  /* 30 */ ICONV ("macce", "MAC-CENTRALEUROPE"),
  /* 31 */ ICONV ("macroman", "MACINTOSH"),
  /* 32 */ ICONV ("sjis", "SHIFT_JIS"),
  /* 33 */ ICONV ("swe7", "ISO646-SE2"),
  /* 34 */ ICONV ("tis620", "TIS-620"),
  /* 35 */ ICONV ("ucs2", "UCS-2BE"),
  /* 36 */ ICONV ("ujis", "EUC-JP"),
  /* 37 */ ICONV ("utf16", "UTF-16BE"),
  /* 38 */ ICONV ("utf16le", "UTF-16LE"),
  /* 39 */ ICONV ("utf32", "UTF-32BE"),
  /* 40 */ { "utf8mb3", MYSQL_BINLOG_CHARSET_KIND_UTF8, NULL },
  /* 41 */ { "utf8mb4", MYSQL_BINLOG_CHARSET_KIND_UTF8, NULL },
};

#define CHARSET_UTF8MB3 40
#define CHARSET_UTF8MB4 41
#define CHARSET_UCS2 35
#define CHARSET_UTF16 37
#define CHARSET_UTF32 39

/*
 * Collation id to charsets[] index, for ids 0 to 1279.
 *
 * Generated from MariaDB 10.11's information_schema
 * (SELECT ID, CHARACTER_SET_NAME FROM
 * information_schema.COLLATION_CHARACTER_SET_APPLICABILITY), plus MySQL's
 * own ids: 76 (utf8mb3_tolower_ci), 248 to 250 (gb18030) and the
 * utf8mb4_*_0900_* collations of MySQL 8 and 9 (255 to 323, without the
 * unassigned 276, 295, 299, 301 and 302).  The two servers never give one id
 * to two character sets.
 */
static const guint8 collation_charsets[] = {
  /*    0 */  0,  3, 27, 13,  9, 26, 22, 24, 26, 27, 33,  2, 36, 32,  6, 26,
  /*   16 */ 21,  0, 34, 15, 29, 27, 25,  6, 17, 20,  5, 27, 18,  8, 28, 26,
  /*   32 */  1, 40,  5, 35, 11, 23, 30, 31, 10, 29, 29, 30,  5, 41, 41, 26,
  /*   48 */ 26, 26,  6,  6,  6, 31, 37, 37, 38,  7,  8,  8, 39, 39, 38,  4,
  /*   64 */  1,  2,  5,  7, 11, 13, 20, 21, 22, 23, 24, 25, 40, 27, 28, 29,
  /*   80 */  9, 10, 33, 40,  3, 15, 17, 18, 32, 34, 35, 36, 19, 19, 26, 12,
  /*   96 */ 12, 14, 14,  5,  0, 37, 37, 37, 37, 37, 37, 37, 37, 37, 37, 37,
  /*  112 */ 37, 37, 37, 37, 37, 37, 37, 37, 37, 37, 37, 37, 37,  0,  0,  0,
  /*  128 */ 35, 35, 35, 35, 35, 35, 35, 35, 35, 35, 35, 35, 35, 35, 35, 35,
  /*  144 */ 35, 35, 35, 35, 35, 35, 35, 35,  0,  0,  0,  0,  0,  0,  0, 35,
  /*  160 */ 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39,
  /*  176 */ 39, 39, 39, 39, 39, 39, 39, 39,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  192 */ 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40,
  /*  208 */ 40, 40, 40, 40, 40, 40, 40, 40,  0,  0,  0,  0,  0,  0,  0, 40,
  /*  224 */ 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41,
  /*  240 */ 41, 41, 41, 41, 41, 41, 41, 41, 16, 16, 16,  0,  0,  0,  0, 41,
  /*  256 */ 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41,
  /*  272 */ 41, 41, 41, 41,  0, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41,
  /*  288 */ 41, 41, 41, 41, 41, 41, 41,  0, 41, 41, 41,  0, 41,  0,  0, 41,
  /*  304 */ 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41,
  /*  320 */ 41, 41, 41, 41,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  336 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  352 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  368 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  384 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  400 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  416 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  432 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  448 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  464 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  480 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  496 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  512 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  528 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  544 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  560 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  576 */ 40, 40, 40,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  592 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  608 */ 41, 41, 41,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  624 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  640 */ 35, 35, 35,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  656 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  672 */ 37, 37, 37,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  688 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  704 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  720 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  736 */ 39, 39, 39,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  752 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  768 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  784 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  800 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  816 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  832 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  848 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  864 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  880 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  896 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  912 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  928 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  944 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  960 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  976 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /*  992 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1008 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1024 */  0,  3,  0, 13,  9,  0, 22, 24, 26, 27, 33,  2, 36, 32,  0,  0,
  /* 1040 */ 21,  0, 34, 15,  0,  0, 25,  0, 17, 20,  5,  0, 18,  0, 28,  0,
  /* 1056 */  1, 40,  0, 35, 11, 23, 30, 31, 10, 29,  0, 30,  0, 41, 41, 26,
  /* 1072 */  0,  0,  6,  6,  0, 31, 37, 37, 38,  7,  8,  8, 39, 39, 38,  0,
  /* 1088 */  1,  2,  5,  7, 11, 13, 20, 21, 22, 23, 24, 25,  0, 27, 28, 29,
  /* 1104 */  9, 10, 33, 40,  3, 15, 17, 18, 32, 34, 35, 36, 19, 19,  0, 12,
  /* 1120 */ 12, 14, 14,  0,  0, 37,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1136 */  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 37,  0,  0,  0,  0,
  /* 1152 */ 35,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1168 */  0,  0,  0,  0,  0,  0, 35,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1184 */ 39,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1200 */  0,  0,  0,  0,  0,  0, 39,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1216 */ 40,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1232 */  0,  0,  0,  0,  0,  0, 40,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1248 */ 41,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
  /* 1264 */  0,  0,  0,  0,  0,  0, 41,
};

/* MariaDB's UCA 14.0 collations: blocks of 256 ids per character set. */
#define MARIADB_UCA1400_FIRST 2048
static const guint8 mariadb_uca1400_charsets[] = {
  CHARSET_UTF8MB3, CHARSET_UTF8MB4, CHARSET_UCS2, CHARSET_UTF16, CHARSET_UTF32,
};

static const CharsetInfo *
charset_for_collation (guint collation_id)
{
  guint index = 0;

  if (collation_id < G_N_ELEMENTS (collation_charsets))
    index = collation_charsets[collation_id];
  else if (collation_id >= MARIADB_UCA1400_FIRST &&
           (collation_id - MARIADB_UCA1400_FIRST) / 256 < G_N_ELEMENTS (mariadb_uca1400_charsets))
    index = mariadb_uca1400_charsets[(collation_id - MARIADB_UCA1400_FIRST) / 256];

  return index != 0 ? &charsets[index] : NULL;
}

const char *
_mysql_binlog_charset_for_collation (guint collation_id)
{
  const CharsetInfo *info = charset_for_collation (collation_id);

  return info != NULL ? info->name : NULL;
}

static const CharsetInfo *
charset_for_name (const char *name)
{
  if (name == NULL)
    return NULL;
  /* MySQL 5.x and MariaDB before 10.6 call utf8mb3 "utf8". */
  if (g_ascii_strcasecmp (name, "utf8") == 0)
    return &charsets[CHARSET_UTF8MB3];
  for (guint i = 1; i < G_N_ELEMENTS (charsets); i++)
    if (g_ascii_strcasecmp (name, charsets[i].name) == 0)
      return &charsets[i];
  return NULL;
}

void
_mysql_binlog_column_set_charset (MysqlBinlogColumn *column,
                                  const char        *charset_name)
{
  const CharsetInfo *info = charset_for_name (charset_name);

  if (info == NULL)
    {
      column->charset = NULL;
      column->charset_kind = MYSQL_BINLOG_CHARSET_KIND_UNKNOWN;
      column->iconv_charset = NULL;
      return;
    }

  column->charset = info->name;
  column->charset_kind = info->kind;
  column->iconv_charset = info->iconv;
}

/* Text of MySQL's latin1 (cp1252) to UTF-8. */
static const gunichar2 cp1252_c1[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
latin1_to_utf8 (const guint8 *data,
                gsize         length)
{
  gsize size = 0;
  char *out, *p;

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (c == 0)
        size += 3;   /* U+FFFD: text handed to GVariant holds no NUL */
      else if (c < 0x80)
        size += 1;
      else if (c < 0xA0)
        size += cp1252_c1[c - 0x80] < 0x800 ? 2 : 3;
      else
        size += 2;
    }

  out = p = g_malloc (size + 1);
  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];
      gunichar u;

      if (c == 0)
        u = 0xFFFD;
      else if (c < 0x80)
        {
          *p++ = c;
          continue;
        }
      else if (c < 0xA0)
        u = cp1252_c1[c - 0x80];
      else
        u = c;
      p += g_unichar_to_utf8 (u, p);
    }
  *p = '\0';

  g_assert ((gsize) (p - out) == size);
  return out;
}

/* Valid UTF-8 from text that should be UTF-8: a copy, or a repaired copy
 * (invalid sequences and NUL bytes become U+FFFD). */
static char *
utf8_copy (const char *data,
           gsize       length)
{
  char *copy;

  if (!g_utf8_validate_len (data, length, NULL))
    return g_utf8_make_valid (data, length);
  /* Valid UTF-8 holds no NUL byte: a plain copy. */
  copy = g_malloc (length + 1);
  memcpy (copy, data, length);
  copy[length] = '\0';
  return copy;
}

char *
_mysql_binlog_column_to_utf8 (const MysqlBinlogColumn *column,
                              const guint8            *data,
                              gsize                    length)
{
  switch (column->charset_kind)
    {
    case MYSQL_BINLOG_CHARSET_KIND_LATIN1:
      return latin1_to_utf8 (data, length);
    case MYSQL_BINLOG_CHARSET_KIND_ICONV:
      if (column->iconv_charset != NULL && length > 0)
        {
          g_autofree char *converted = NULL;
          gsize converted_length = 0;

          converted = g_convert ((const char *) data, length, "UTF-8", column->iconv_charset,
                                 NULL, &converted_length, NULL);
          if (converted != NULL)
            {
              if (g_utf8_validate_len (converted, converted_length, NULL))
                return g_steal_pointer (&converted);
              return g_utf8_make_valid (converted, converted_length);
            }
        }
      return utf8_copy ((const char *) data, length);
    case MYSQL_BINLOG_CHARSET_KIND_UTF8:
    case MYSQL_BINLOG_CHARSET_KIND_BINARY:
    case MYSQL_BINLOG_CHARSET_KIND_UNKNOWN:
    default:
      return utf8_copy ((const char *) data, length);
    }
}
