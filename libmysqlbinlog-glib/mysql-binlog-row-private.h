/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/* Fills @framing (table->n_columns entries) for the columns of @table. */
void            _mysql_binlog_row_framing (MysqlBinlogTable        *table,
                                           gint32                  *framing);

/*
 * The fast form of _mysql_binlog_row_build() and
 * _mysql_binlog_row_build_partial() (@partial_after) for a loop over the
 * rows of one event: @framing is what _mysql_binlog_row_framing() filled for
 * @table, or NULL.  @reuse (transfer full, nullable) is a row returned by an
 * earlier call for the same @table and @bytes: when its caller holds its
 * only reference and it has room for @n_present cells, its memory holds the
 * new row instead of a new allocation; otherwise it is released.
 */
MysqlBinlogRow *_mysql_binlog_row_build_reusing (MysqlBinlogTable        *table,
                                                 GBytes                  *bytes,
                                                 const gint32            *framing,
                                                 const guint8            *present,
                                                 guint                    n_present,
                                                 guint32                  timestamp,
                                                 gboolean                 partial_after,
                                                 MysqlBinlogRow          *reuse,
                                                 const guint8           **cursor,
                                                 const guint8            *end,
                                                 GError                 **error);

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
