/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-row.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-table-private.h"
#include "mysql-binlog-value-private.h"

#include "test-util.h"

G_BEGIN_DECLS

/*
 * What the column value and row image tests share: a table built from
 * column specs, a row built from its image bytes, and assertions on one
 * cell through every accessor.
 *
 * The byte encodings are MySQL's storage formats, worked out by hand; the
 * comments of each test say how.  Several were checked against a MariaDB
 * server's binary log (mariadb-binlog --base64-output=decode-rows -v).
 */

#define EVENT_TIMESTAMP 1709214300

/* A byte array literal and its size, as two arguments. */
#define BYTES(...) ((const guint8[]) { __VA_ARGS__ }), sizeof ((const guint8[]) { __VA_ARGS__ })

typedef struct
{
  const char         *name;
  guint8              type;
  guint16             meta;
  gboolean            is_unsigned;
  const char         *charset;
  const char * const *members;
} ColumnSpec;


MysqlBinlogTable *table_new        (const ColumnSpec *specs,
                                    guint n_columns);
MysqlBinlogRow   *row_build        (MysqlBinlogTable *table,
                                    const guint8 *present,
                                    guint n_present,
                                    const guint8 *image,
                                    gsize length);
MysqlBinlogRow   *single           (const ColumnSpec *spec,
                                    const guint8 *value,
                                    gsize length);
void              assert_formatted (MysqlBinlogRow *row,
                                    guint column,
                                    const char *string);
void              assert_cell      (MysqlBinlogRow *row,
                                    guint column,
                                    const char *string,
                                    const char *variant);
void              assert_single    (const ColumnSpec *spec,
                                    const guint8 *value,
                                    gsize length,
                                    const char *string,
                                    const char *variant);
void              put_le           (guint8 *out,
                                    guint64 value,
                                    guint n);
void              put_float        (guint8 *out,
                                    float value);
void              put_double       (guint8 *out,
                                    double value);

G_END_DECLS
