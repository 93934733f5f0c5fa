/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-row.h"
#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/* Size in bytes of the value of @column stored at @data, or -1 when the
 * value would extend past @available bytes or the metadata is invalid. */
gssize          _mysql_binlog_value_size (const MysqlBinlogColumn *column,
                                          const guint8            *data,
                                          gsize                    available);

/*
 * Parses one row image that starts at *@cursor: the NULL bitmap over the
 * @n_present columns set in @present (a bitmap of table->n_columns bits),
 * then the values.  On success returns a new row whose cells point into
 * @bytes (which must contain the whole image) and moves *@cursor past the
 * image.  On malformed input returns NULL with MYSQL_BINLOG_ERROR_CORRUPT_EVENT.
 */
MysqlBinlogRow *_mysql_binlog_row_build  (MysqlBinlogTable        *table,
                                          GBytes                  *bytes,
                                          const guint8            *present,
                                          guint                    n_present,
                                          guint32                  timestamp,
                                          const guint8           **cursor,
                                          const guint8            *end,
                                          GError                 **error);

/* The same for the after image of a PARTIAL_UPDATE_ROWS event, which
 * starts with its value options and may hold JSON diffs. */
MysqlBinlogRow *_mysql_binlog_row_build_partial (MysqlBinlogTable        *table,
                                                 GBytes                  *bytes,
                                                 const guint8            *present,
                                                 guint                    n_present,
                                                 guint32                  timestamp,
                                                 const guint8           **cursor,
                                                 const guint8            *end,
                                                 GError                 **error);

G_END_DECLS
