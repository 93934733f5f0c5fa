/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-row.h"

G_BEGIN_DECLS

/* Which server wrote a binary log, as its format description event tells
 * (the server version string of MariaDB contains "MariaDB").  The two
 * count different column types in some fields of a table map's optional
 * metadata: see the table above parse_optional_metadata() in
 * mysql-binlog-table-map.c. */
typedef enum {
  MYSQL_BINLOG_FLAVOUR_MYSQL = 0,
  MYSQL_BINLOG_FLAVOUR_MARIADB,
} MysqlBinlogFlavour;

/* How the bytes of a character column become UTF-8. */
typedef enum {
  MYSQL_BINLOG_CHARSET_KIND_UNKNOWN = 0, /* assume UTF-8, repair invalid sequences */
  MYSQL_BINLOG_CHARSET_KIND_UTF8,        /* utf8mb3, utf8mb4, ascii: validated copy */
  MYSQL_BINLOG_CHARSET_KIND_LATIN1,      /* MySQL's latin1, which is cp1252 */
  MYSQL_BINLOG_CHARSET_KIND_BINARY,      /* the binary "charset": bytes, not text */
  MYSQL_BINLOG_CHARSET_KIND_ICONV,       /* anything else, through iconv */
} MysqlBinlogCharsetKind;

/*
 * One column of a table, as the table map and the metadata describe it.
 *
 * type is the type code of the table map.  real_type is the same code except
 * for MYSQL_BINLOG_COLUMN_TYPE_STRING columns, where the metadata says whether
 * the column is really a CHAR/BINARY (STRING), an ENUM or a SET.
 *
 * meta is the column metadata of the table map, normalised per type:
 *   FLOAT, DOUBLE         size in bytes (4 or 8)
 *   BLOB, GEOMETRY, JSON  number of bytes of the length prefix (1 to 4)
 *   VECTOR                number of bytes of the length prefix (1 to 4)
 *   VARCHAR, VAR_STRING   maximum length in bytes (the prefix is 1 byte when
 *                         it is below 256, 2 bytes otherwise)
 *   BIT                   (bytes << 8) | (bits % 8): the value takes
 *                         bytes + (bits % 8 ? 1 : 0) bytes, big-endian
 *   NEWDECIMAL            (precision << 8) | scale
 *   STRING, ENUM, SET     (byte0 << 8) | byte1 as written by the server:
 *                         for ENUM and SET byte1 is the pack length; for
 *                         STRING see mysql_binlog_column_string_max_length()
 *   TIME2, DATETIME2,
 *   TIMESTAMP2            fractional digits (0 to 6)
 *   TIME, DATETIME,
 *   TIMESTAMP             fractional digits (0 to 6) of MariaDB's "hires"
 *                         formats of before 10.1.2, which the table map
 *                         logs under these codes without metadata (see
 *                         precision_unknown); 0 for the real old formats
 *   anything else         0
 */
/* The conversion of a character set (mysql-binlog-charset-private.h). */
typedef struct _MysqlBinlogCharsetInfo MysqlBinlogCharsetInfo;

typedef struct {
  char                  *name;          /* UTF-8, never NULL: "@1", "@2", ... when unknown */
  guint8                 type;          /* MysqlBinlogColumnType of the table map */
  guint8                 real_type;     /* MysqlBinlogColumnType with ENUM/SET resolved */
  guint16                meta;
  guint8                 is_unsigned;   /* numeric columns: UNSIGNED (never YEAR) */
  guint8                 nullable;
  /* A MariaDB TIME, DATETIME or TIMESTAMP column under the old type code,
   * whose fractional digits (meta) neither the table map nor
   * information_schema told yet: its values cannot be framed. */
  guint8                 precision_unknown;
  guint8                 charset_kind;  /* MysqlBinlogCharsetKind */
  /* Text of no known character set given as its bytes: a CHAR(n), not a
   * BINARY(n), so not padded to n bytes. */
  guint8                 unpadded;
  const char            *charset;       /* MySQL charset name (static string) or NULL */
  const MysqlBinlogCharsetInfo *charset_info; /* how its text converts, or NULL */
  char                 **members;       /* ENUM/SET member names, valid UTF-8 (checked
                                         * once, when set), or NULL */
  guint                  n_members;
  /* From the table map's optional metadata, when the server wrote it. */
  guint8                 is_primary_key;
  guint8                 is_invisible;  /* MySQL 8.0.23+ INVISIBLE columns */
  guint16                key_prefix;    /* primary key prefix length, 0 for the whole column */
  guint32                geometry_type; /* GEOMETRY columns: 0 GEOMETRY, 1 POINT, ... */
  guint32                vector_dimensions; /* VECTOR columns: number of floats, 0 if unknown */
  /* Columns of few values (TINYINT, YEAR, ENUM, SET of up to 8 members):
   * the GVariant of each value, made on first use and shared by every row
   * of the table; MYSQL_BINLOG_SHARED_VALUES entries, allocated on first
   * use.  Any thread may fill it (atomically); freed with the table. */
  GVariant             **shared_values;
} MysqlBinlogColumn;

#define MYSQL_BINLOG_SHARED_VALUES 256

typedef struct _MysqlBinlogTable MysqlBinlogTable;

struct _MysqlBinlogTable
{
  gatomicrefcount    ref_count;
  guint64            id;
  char              *schema;
  char              *name;
  char              *qualified_name;    /* "schema.name", see _mysql_binlog_name_qualify() */
  GQuark             detail;            /* quark of qualified_name, 0 while no handler named it */
  guint              n_columns;
  MysqlBinlogColumn *columns;
  GBytes            *map_body;          /* the table map body it was built from */
  MysqlBinlogFlavour flavour;           /* the server that wrote the table map */
  gboolean           wanted;            /* the stream's filters let its rows through */
  /* Whether the columns' is_primary_key flags are known: the table map
   * carried the primary key (binlog_row_metadata=FULL, where a table
   * without one has none listed) or information_schema completed it. */
  gboolean           primary_key_known;
  char             **primary_key_names; /* built on first use, see below */
  /* Why the definition of the table is not known where its table map
   * was read again without being emitted (before a file's start
   * position, or again after a reconnection): its rows, should any
   * come after the point where events are emitted again, fail with it. */
  GError            *unknown;
};

MysqlBinlogTable *_mysql_binlog_table_new   (guint64            id,
                                             const char        *schema,
                                             const char        *name,
                                             guint              n_columns);
MysqlBinlogTable *_mysql_binlog_table_ref   (MysqlBinlogTable  *table);
void              _mysql_binlog_table_unref (MysqlBinlogTable  *table);

/* The names of the primary key columns in table order, NULL when
 * primary_key_known is FALSE.  Built once and kept by the table, whose
 * columns no longer change once rows refer to it; safe from any thread. */
const char * const *_mysql_binlog_table_get_primary_key_names (MysqlBinlogTable *table);

/* Sets charset, charset_kind and iconv_charset from a MySQL charset name
 * ("utf8mb4", "latin1", "binary", ...). NULL or unknown names give
 * MYSQL_BINLOG_CHARSET_KIND_UNKNOWN. */
void        _mysql_binlog_column_set_charset        (MysqlBinlogColumn *column,
                                                     const char        *charset_name);
/* The MySQL charset name of a collation id (MySQL 5.x-9.x and MariaDB), or NULL. */
const char *_mysql_binlog_charset_for_collation     (guint              collation_id);
/* Converts text in the column's charset to valid UTF-8 (always succeeds:
 * invalid input is repaired with U+FFFD). */
char       *_mysql_binlog_column_to_utf8            (const MysqlBinlogColumn *column,
                                                     const guint8            *data,
                                                     gsize                    length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogTable, _mysql_binlog_table_unref)

G_END_DECLS
