/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mysql-binlog-types.h"
#include "mysql-binlog-version-macros.h"

G_BEGIN_DECLS

/**
 * MysqlBinlogColumnType:
 * @MYSQL_BINLOG_COLUMN_TYPE_DECIMAL: old-style DECIMAL (MySQL 4)
 * @MYSQL_BINLOG_COLUMN_TYPE_TINY: TINYINT
 * @MYSQL_BINLOG_COLUMN_TYPE_SHORT: SMALLINT
 * @MYSQL_BINLOG_COLUMN_TYPE_LONG: INT
 * @MYSQL_BINLOG_COLUMN_TYPE_FLOAT: FLOAT
 * @MYSQL_BINLOG_COLUMN_TYPE_DOUBLE: DOUBLE
 * @MYSQL_BINLOG_COLUMN_TYPE_NULL: a column that is always NULL
 * @MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP: TIMESTAMP in the pre-5.6 format
 * @MYSQL_BINLOG_COLUMN_TYPE_LONGLONG: BIGINT
 * @MYSQL_BINLOG_COLUMN_TYPE_INT24: MEDIUMINT
 * @MYSQL_BINLOG_COLUMN_TYPE_DATE: DATE
 * @MYSQL_BINLOG_COLUMN_TYPE_TIME: TIME in the pre-5.6 format
 * @MYSQL_BINLOG_COLUMN_TYPE_DATETIME: DATETIME in the pre-5.6 format
 * @MYSQL_BINLOG_COLUMN_TYPE_YEAR: YEAR
 * @MYSQL_BINLOG_COLUMN_TYPE_NEWDATE: DATE (internal format)
 * @MYSQL_BINLOG_COLUMN_TYPE_VARCHAR: VARCHAR and VARBINARY
 * @MYSQL_BINLOG_COLUMN_TYPE_BIT: BIT
 * @MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2: TIMESTAMP with fractional seconds
 * @MYSQL_BINLOG_COLUMN_TYPE_DATETIME2: DATETIME with fractional seconds
 * @MYSQL_BINLOG_COLUMN_TYPE_TIME2: TIME with fractional seconds
 * @MYSQL_BINLOG_COLUMN_TYPE_VECTOR: VECTOR (MySQL 9)
 * @MYSQL_BINLOG_COLUMN_TYPE_JSON: JSON in MySQL's binary format
 * @MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL: DECIMAL and NUMERIC
 * @MYSQL_BINLOG_COLUMN_TYPE_ENUM: ENUM
 * @MYSQL_BINLOG_COLUMN_TYPE_SET: SET
 * @MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB: TINYBLOB and TINYTEXT
 * @MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB: MEDIUMBLOB and MEDIUMTEXT
 * @MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB: LONGBLOB and LONGTEXT
 * @MYSQL_BINLOG_COLUMN_TYPE_BLOB: BLOB and TEXT (the binary log writes every
 *   BLOB and TEXT size as this type)
 * @MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING: VARCHAR (old format)
 * @MYSQL_BINLOG_COLUMN_TYPE_STRING: CHAR and BINARY
 * @MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY: GEOMETRY and its subtypes
 *
 * The storage type of a column, with the values of MySQL's `enum_field_types`.
 * CHAR columns that hold an ENUM or SET are reported as
 * %MYSQL_BINLOG_COLUMN_TYPE_ENUM and %MYSQL_BINLOG_COLUMN_TYPE_SET.
 *
 * Since: 1.0
 */
typedef enum {
  MYSQL_BINLOG_COLUMN_TYPE_DECIMAL = 0,
  MYSQL_BINLOG_COLUMN_TYPE_TINY = 1,
  MYSQL_BINLOG_COLUMN_TYPE_SHORT = 2,
  MYSQL_BINLOG_COLUMN_TYPE_LONG = 3,
  MYSQL_BINLOG_COLUMN_TYPE_FLOAT = 4,
  MYSQL_BINLOG_COLUMN_TYPE_DOUBLE = 5,
  MYSQL_BINLOG_COLUMN_TYPE_NULL = 6,
  MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP = 7,
  MYSQL_BINLOG_COLUMN_TYPE_LONGLONG = 8,
  MYSQL_BINLOG_COLUMN_TYPE_INT24 = 9,
  MYSQL_BINLOG_COLUMN_TYPE_DATE = 10,
  MYSQL_BINLOG_COLUMN_TYPE_TIME = 11,
  MYSQL_BINLOG_COLUMN_TYPE_DATETIME = 12,
  MYSQL_BINLOG_COLUMN_TYPE_YEAR = 13,
  MYSQL_BINLOG_COLUMN_TYPE_NEWDATE = 14,
  MYSQL_BINLOG_COLUMN_TYPE_VARCHAR = 15,
  MYSQL_BINLOG_COLUMN_TYPE_BIT = 16,
  MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2 = 17,
  MYSQL_BINLOG_COLUMN_TYPE_DATETIME2 = 18,
  MYSQL_BINLOG_COLUMN_TYPE_TIME2 = 19,
  MYSQL_BINLOG_COLUMN_TYPE_VECTOR = 242,
  MYSQL_BINLOG_COLUMN_TYPE_JSON = 245,
  MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL = 246,
  MYSQL_BINLOG_COLUMN_TYPE_ENUM = 247,
  MYSQL_BINLOG_COLUMN_TYPE_SET = 248,
  MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB = 249,
  MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB = 250,
  MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB = 251,
  MYSQL_BINLOG_COLUMN_TYPE_BLOB = 252,
  MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING = 253,
  MYSQL_BINLOG_COLUMN_TYPE_STRING = 254,
  MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY = 255,
} MysqlBinlogColumnType;

#define MYSQL_BINLOG_TYPE_ROW (mysql_binlog_row_get_type ())

MYSQL_BINLOG_AVAILABLE_IN_1_0
GType                 mysql_binlog_row_get_type               (void);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogRow       *mysql_binlog_row_ref                    (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                  mysql_binlog_row_unref                  (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char           *mysql_binlog_row_get_schema             (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char           *mysql_binlog_row_get_table              (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint32               mysql_binlog_row_get_timestamp          (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                 mysql_binlog_row_get_n_columns          (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char           *mysql_binlog_row_get_column_name        (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
int                   mysql_binlog_row_get_column_index       (MysqlBinlogRow *row,
                                                               const char     *column_name);
MYSQL_BINLOG_AVAILABLE_IN_1_0
MysqlBinlogColumnType mysql_binlog_row_get_column_type        (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char           *mysql_binlog_row_get_column_type_string (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GStrv                 mysql_binlog_row_get_column_type_strings (MysqlBinlogRow *row) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean              mysql_binlog_row_get_column_is_unsigned (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean              mysql_binlog_row_is_null                (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gint64                mysql_binlog_row_get_int64              (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint64               mysql_binlog_row_get_uint64             (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
double                mysql_binlog_row_get_double             (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
char                 *mysql_binlog_row_dup_string             (MysqlBinlogRow *row,
                                                               guint           column) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
GBytes               *mysql_binlog_row_get_bytes              (MysqlBinlogRow *row,
                                                               guint           column) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
const guint8         *mysql_binlog_row_peek_bytes             (MysqlBinlogRow *row,
                                                               guint           column,
                                                               gsize          *length);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gsize                 mysql_binlog_row_format_value           (MysqlBinlogRow *row,
                                                               guint           column,
                                                               char           *buffer,
                                                               gsize           size);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GVariant             *mysql_binlog_row_get_value              (MysqlBinlogRow *row,
                                                               guint           column) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
GVariant             *mysql_binlog_row_lookup                 (MysqlBinlogRow *row,
                                                               const char     *column_name) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
GVariant             *mysql_binlog_row_to_variant             (MysqlBinlogRow *row) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
void                  mysql_binlog_row_get_column_value       (MysqlBinlogRow *row,
                                                               guint           column,
                                                               GValue         *value);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GHashTable           *mysql_binlog_row_to_hash_table          (MysqlBinlogRow *row) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
GPtrArray            *mysql_binlog_row_dup_values             (MysqlBinlogRow *row) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char          **mysql_binlog_row_get_column_names       (MysqlBinlogRow *row,
                                                               guint          *n_columns) G_GNUC_WARN_UNUSED_RESULT;
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean              mysql_binlog_row_is_primary_key         (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                 mysql_binlog_row_get_primary_key_prefix (MysqlBinlogRow *row,
                                                               guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
const char * const   *mysql_binlog_row_get_primary_key        (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean              mysql_binlog_row_is_primary_key_known   (MysqlBinlogRow *row);
MYSQL_BINLOG_AVAILABLE_IN_1_0
gboolean              mysql_binlog_row_get_column_is_invisible (MysqlBinlogRow *row,
                                                                guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                 mysql_binlog_row_get_column_geometry_type (MysqlBinlogRow *row,
                                                                 guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
guint                 mysql_binlog_row_get_column_vector_dimensions (MysqlBinlogRow *row,
                                                                     guint           column);
MYSQL_BINLOG_AVAILABLE_IN_1_0
GStrv                 mysql_binlog_row_changed_columns        (MysqlBinlogRow *before,
                                                               MysqlBinlogRow *after) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogRow, mysql_binlog_row_unref)

G_END_DECLS
