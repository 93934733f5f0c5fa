/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/* One value of a row: where its bytes are in the row's GBytes. */
typedef struct
{
  guint32 offset;    /* from the start of the GBytes */
  guint32 length;    /* as _mysql_binlog_value_size() said; 0 for NULL */
  guint16 column;    /* index in table->columns */
  guint8  is_null;
  guint8  is_json_diff;  /* a partial JSON update: diffs, not a document */
} MysqlBinlogCell;

typedef struct _MysqlBinlogRowBlock MysqlBinlogRowBlock;

/* A row is one allocation: the header and its cells, in column order;
 * or a place in a block of rows of one event (see
 * _mysql_binlog_row_block_copy()).  Values are decoded from the event's
 * bytes when asked for. */
struct _MysqlBinlogRow
{
  gatomicrefcount      ref_count;
  guint32              timestamp;
  guint                n_cells;
  MysqlBinlogTable    *table;   /* a reference, or the block's */
  GBytes              *bytes;   /* the event the cells point into: as table */
  const guint8        *data;    /* g_bytes_get_data (bytes) */
  MysqlBinlogRowBlock *block;   /* NULL: the row is an allocation of its own */
  MysqlBinlogCell      cells[];
};

/* Releases what a row in a block holds: its place, and with the last
 * row the block. */
void            _mysql_binlog_row_block_release (MysqlBinlogRowBlock  *block);

/* A copy of @row in *@block, which holds the references to its table and
 * event for all its rows: one allocation (and two references) for many
 * rows kept at once, as a batch keeps the rows of an event.  A new block
 * replaces *@block when it is NULL, full, or of another table or event,
 * with room for the rows of @row_bytes each that @bytes_left (what the
 * event holds after @row) may hold.  The copy has one reference, the
 * caller's; the caller releases its hold on *@block
 * (_mysql_binlog_row_block_release()) once the event's rows are built. */
MysqlBinlogRow *_mysql_binlog_row_block_copy    (MysqlBinlogRowBlock **block,
                                                 MysqlBinlogRow       *row,
                                                 gsize                 bytes_left,
                                                 gsize                 row_bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogRowBlock, _mysql_binlog_row_block_release)

/* The column of @cell. */
static inline const MysqlBinlogColumn *
_mysql_binlog_row_cell_column (MysqlBinlogRow        *row,
                               const MysqlBinlogCell *cell)
{
  return &row->table->columns[cell->column];
}

/* The diffs of a partial JSON update as JSON text. */
char   *_mysql_binlog_row_cell_json_diff     (MysqlBinlogRow          *row,
                                              const MysqlBinlogCell   *cell);
/* The payload of a byte-string cell, @length bytes at @offset in its value:
 * the event's own memory, or a padded copy for a BINARY(n) value the server
 * logged without its trailing zeros. */
GBytes *_mysql_binlog_row_cell_payload_bytes (MysqlBinlogRow          *row,
                                              const MysqlBinlogCell   *cell,
                                              const MysqlBinlogColumn *info,
                                              gsize                    offset,
                                              gsize                    length);

/* Fills @framing (table->n_columns entries) for the columns of @table. */
void            _mysql_binlog_row_framing (MysqlBinlogTable        *table,
                                           gint32                  *framing);

/*
 * The fast form of _mysql_binlog_row_build(), also for the after image of
 * a PARTIAL_UPDATE_ROWS event (@partial_after), for a loop over the
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

G_END_DECLS
