/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-table-private.h"
#include "mysql-binlog-value-text-private.h"

G_BEGIN_DECLS

/*
 * What the server knows of each character set, shared by the tables of
 * mysql-binlog-charset-tables.c (the server's mappings, its exceptions to
 * iconv, its collation ids) and the conversion code of
 * mysql-binlog-charset.c that reads them.
 */

typedef enum
{
  MYSQL_BINLOG_DECODE_UTF8,
  MYSQL_BINLOG_DECODE_LATIN1,
  MYSQL_BINLOG_DECODE_BINARY,
  MYSQL_BINLOG_DECODE_TABLE,     /* single-byte, with a table */
  MYSQL_BINLOG_DECODE_MB,        /* multi-byte of East Asia */
  MYSQL_BINLOG_DECODE_UCS2,
  MYSQL_BINLOG_DECODE_UTF16BE,
  MYSQL_BINLOG_DECODE_UTF16LE,
  MYSQL_BINLOG_DECODE_UTF32,
  MYSQL_BINLOG_DECODE_ICONV,
} MysqlBinlogCharsetDecode;

typedef struct _MysqlBinlogMbCharset MysqlBinlogMbCharset;

struct _MysqlBinlogCharsetInfo
{
  const char               *name;
  guint8                    kind;    /* MysqlBinlogCharsetKind */
  const char               *iconv;   /* iconv's name, where it has the set */
  MysqlBinlogCharsetDecode  decode;
  const gunichar2          *table;   /* MYSQL_BINLOG_DECODE_TABLE: from table_start to 0xFF */
  guint8                    table_start;
  MysqlBinlogMbCharset     *mb;      /* MYSQL_BINLOG_DECODE_MB */
};

/*
 * The multi-byte character sets of East Asia.
 *
 * The rules say which byte sequences are well-formed characters, as the
 * server sees them:
 *
 *   big5     A1-F9 then 40-7E or A1-FE
 *   sjis,    A1-DF alone (half-width katakana);
 *   cp932    81-9F or E0-FC then 40-7E or 80-FC
 *   gbk      81-FE then 40-7E or 80-FE
 *   gb2312   A1-F7 then A1-FE
 *   euckr    81-FE then 41-5A, 61-7A or 81-FE (the extension of cp949)
 *   ujis,    8E then A1-DF; 8F then A1-FE, A1-FE; A1-FE then A1-FE
 *   eucjpms
 *
 * and, below 0x80, one byte is ASCII (also in sjis, where glibc's
 * SHIFT_JIS makes 5C and 7E YEN SIGN and OVERLINE).  Each well-formed code
 * is converted once by iconv into a table, the first time the character
 * set is used; the exceptions then replace what iconv says with what the
 * server says.
 */

typedef enum
{
  MYSQL_BINLOG_MB_RULES_BIG5,
  MYSQL_BINLOG_MB_RULES_SJIS,
  MYSQL_BINLOG_MB_RULES_GBK,
  MYSQL_BINLOG_MB_RULES_GB2312,
  MYSQL_BINLOG_MB_RULES_EUCKR,
  MYSQL_BINLOG_MB_RULES_EUCJP,
} MysqlBinlogMbRules;

/* Codes first to last (two bytes, or three as 0x8Fxxxx) are the characters
 * from unicode on, one by one; or all U+FFFD when unicode is U+FFFD. */
typedef struct
{
  guint32  first;
  guint32  last;
  gunichar unicode;
} MysqlBinlogMbException;

struct _MysqlBinlogMbCharset
{
  MysqlBinlogMbRules            rules;
  const MysqlBinlogMbException *exceptions;
  guint                         n_exceptions;
  gsize                         once;
  gunichar                     *map;     /* by the code's two bytes, or one */
  gunichar                     *map3;    /* EUC-JP's 8F codes, by their last two bytes */
};

/* The character set of a name ("utf8" is utf8mb3), or NULL. */
const MysqlBinlogCharsetInfo *
_mysql_binlog_charset_info_for_name  (const char              *name);
/* The character set of a column (its charset, set by
 * _mysql_binlog_column_set_charset()), or NULL. */
const MysqlBinlogCharsetInfo *
_mysql_binlog_charset_info_of_column (const MysqlBinlogColumn *column);
/* utf8mb4, the character set of text whose set is not known. */
const MysqlBinlogCharsetInfo *
_mysql_binlog_charset_info_utf8mb4   (void);

/* The text of a column's value (@data, @length: its payload) converted
 * from the column's character set to UTF-8, written into @out: what
 * _mysql_binlog_column_to_utf8() returns. */
void _mysql_binlog_column_write_utf8 (const MysqlBinlogColumn *column,
                                      const guint8            *data,
                                      gsize                    length,
                                      MysqlBinlogTextSink     *out);

/* The same for text in the character set @info (NULL: utf8mb4). */
void _mysql_binlog_charset_write_utf8 (const MysqlBinlogCharsetInfo *info,
                                       const guint8                 *data,
                                       gsize                         length,
                                       MysqlBinlogTextSink          *out);

/* Text such as a statement, in the character set of collation
 * @collation_id (0 or unknown: utf8mb4), converted to UTF-8.  @exact is
 * set to whether every byte was part of a character of that set: where it
 * is FALSE, the result holds U+FFFD for what was not. */
char *_mysql_binlog_charset_text_to_utf8 (guint         collation_id,
                                          const guint8 *data,
                                          gsize         length,
                                          gboolean     *exact);

/* The same into @buffer, with a nul, when the text is plain ASCII without
 * a NUL, in a character set where ASCII is itself (UTF-8, latin1, binary
 * or unknown): the bytes themselves, cut to their first @size - 1 when
 * there are more (a cut between two characters).  FALSE, with nothing
 * written, otherwise, and when @size is 0. */
gboolean _mysql_binlog_column_copy_ascii (const MysqlBinlogColumn *column,
                                          const guint8            *data,
                                          gsize                    length,
                                          char                    *buffer,
                                          gsize                    size);

/* The characters of MySQL's latin1 (cp1252) for the bytes 0x80 to 0x9F. */
extern const gunichar2 _mysql_binlog_cp1252_c1[32];

G_END_DECLS
