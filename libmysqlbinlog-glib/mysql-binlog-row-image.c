/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-error-private.h"
#include "mysql-binlog-json-private.h"
#include "mysql-binlog-row-private.h"
#include "wire-private.h"

/*
 * Row images: the NULL bitmap and the values of one row of a rows event,
 * framed into the cells of a MysqlBinlogRow without decoding a value.
 * Every value is checked to lie inside the event; the ones whose size
 * depends on their contents (JSON diffs, VECTOR dimensions) the slow way.
 */

void
_mysql_binlog_row_framing (MysqlBinlogTable *table,
                           gint32           *framing)
{
  for (guint i = 0; i < table->n_columns; i++)
    framing[i] = _mysql_binlog_value_framing (&table->columns[i]);
}

/* Size of the value of @column at @p, checked the slow way: with its
 * type's rules, the VECTOR dimensions, the JSON diffs.  -1 when invalid,
 * with @error set. */
static gssize
checked_value_size (MysqlBinlogTable        *table,
                    guint                    i,
                    const guint8            *p,
                    const guint8            *end,
                    gboolean                 json_diff,
                    GError                 **error)
{
  const MysqlBinlogColumn *column = &table->columns[i];
  gssize size = _mysql_binlog_value_size (column, p, end - p);
  gsize offset, length;

  if (size < 0)
    {
      _mysql_binlog_set_corrupt (error, "Row of %s: the value of column %u (%s, type %u) is truncated "
                                 "or has invalid metadata", table->qualified_name, i + 1, column->name,
                                 column->real_type);
      return -1;
    }

  if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_VECTOR && column->vector_dimensions > 0)
    {
      if (!_mysql_binlog_value_get_payload (column, p, size, &offset, &length) ||
          length != (gsize) column->vector_dimensions * 4)
        {
          _mysql_binlog_set_corrupt (error, "Row of %s: the VECTOR value of column %u (%s) "
                                     "does not hold the %u floats of its column",
                                     table->qualified_name, i + 1, column->name,
                                     column->vector_dimensions);
          return -1;
        }
    }

  if (json_diff)
    {
      g_autofree char *text = NULL;

      if (_mysql_binlog_value_get_payload (column, p, size, &offset, &length))
        text = _mysql_binlog_json_diff_to_string (p + offset, length);
      if (text == NULL)
        {
          _mysql_binlog_set_corrupt (error, "Row of %s: the partial JSON update of column "
                                     "%u (%s) is malformed", table->qualified_name, i + 1,
                                     column->name);
          return -1;
        }
    }
  return size;
}

MysqlBinlogRow *
_mysql_binlog_row_build_reusing (MysqlBinlogTable  *table,
                                 GBytes            *bytes,
                                 const gint32      *framing,
                                 const guint8      *present,
                                 guint              n_present,
                                 guint32            timestamp,
                                 gboolean           partial_after,
                                 MysqlBinlogRow    *reuse,
                                 const guint8     **cursor,
                                 const guint8      *end,
                                 GError           **error)
{
  MysqlBinlogRow *row;
  const guint8 *base, *p, *null_bitmap;
  const guint8 *partial_bits = NULL;
  gsize bytes_size, null_bitmap_length;
  guint cell = 0, json_index = 0;
  gboolean reused;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (present != NULL || table->n_columns == 0, NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  /* Only a row nobody else holds can change: its caller's reference is
   * the only one, so no handler or other thread can see it. */
  if (reuse != NULL &&
      (reuse->table != table || reuse->bytes != bytes || reuse->n_cells != n_present ||
       !g_atomic_ref_count_compare (&reuse->ref_count, 1)))
    g_clear_pointer (&reuse, mysql_binlog_row_unref);

  base = g_bytes_get_data (bytes, &bytes_size);
  p = *cursor;
  if (!(p >= base && end >= p && end <= base + bytes_size))
    {
      g_clear_pointer (&reuse, mysql_binlog_row_unref);
      g_return_val_if_reached (NULL);
    }

  if (n_present > table->n_columns)
    {
      _mysql_binlog_set_corrupt (error, "Row of %s: %u columns present but the table has %u",
                                 table->qualified_name, n_present, table->n_columns);
      goto fail;
    }
  if ((gsize) (end - base) > G_MAXUINT32)
    {
      _mysql_binlog_set_corrupt (error, "Row of %s: event too large", table->qualified_name);
      goto fail;
    }

  if (partial_after)
    {
      /* The after image of a partial update starts with its value
       * options; with partial JSON updates, one bit per JSON column of
       * the table says whether that column holds diffs. */
      guint64 options = 0;
      guint n_json = 0;

      if (p >= end || *p >= 251)
        {
          /* Only bit 0 is defined: a one-byte value. */
          _mysql_binlog_set_corrupt (error, "Row of %s: malformed value options",
                                     table->qualified_name);
          goto fail;
        }
      options = *p++;
      if (options & ~(guint64) 1)
        {
          /* A value option of a later server version: what it changes in
           * the image is unknown, so no value of it can be trusted. */
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "Row of %s: unknown value options 0x%02x in a partial update "
                       "(only partial JSON updates, 0x01, are known)",
                       table->qualified_name, (guint) options);
          goto fail;
        }
      for (guint i = 0; i < table->n_columns; i++)
        if (table->columns[i].real_type == MYSQL_BINLOG_COLUMN_TYPE_JSON)
          n_json++;
      if (options & 1)
        {
          if ((gsize) (end - p) < (n_json + 7) / 8)
            {
              _mysql_binlog_set_corrupt (error, "Row of %s is truncated: no room for its "
                                         "partial update bitmap", table->qualified_name);
              goto fail;
            }
          partial_bits = p;
          p += (n_json + 7) / 8;
        }
    }

  null_bitmap_length = (n_present + 7) / 8;
  if ((gsize) (end - p) < null_bitmap_length)
    {
      _mysql_binlog_set_corrupt (error, "Row of %s is truncated: no room for its NULL bitmap",
                                 table->qualified_name);
      goto fail;
    }
  null_bitmap = p;
  p += null_bitmap_length;

  reused = reuse != NULL;
  if (reused)
    {
      row = g_steal_pointer (&reuse);
    }
  else
    {
      row = g_malloc (sizeof (MysqlBinlogRow) + n_present * sizeof (MysqlBinlogCell));
      g_atomic_ref_count_init (&row->ref_count);
      row->n_cells = n_present;
      row->table = NULL;
      row->bytes = NULL;
      row->data = base;
      row->block = NULL;
    }
  row->timestamp = timestamp;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const MysqlBinlogColumn *column = &table->columns[i];
      MysqlBinlogCell *c;
      gssize size;
      gsize available;
      gint32 frame;
      gboolean json_diff = FALSE;

      if (G_UNLIKELY (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_JSON))
        {
          json_diff = partial_bits != NULL &&
                      ((partial_bits[json_index / 8] >> (json_index % 8)) & 1);
          json_index++;
        }
      if ((present[i / 8] & (1u << (i % 8))) == 0)
        continue;
      if (G_UNLIKELY (cell == n_present))
        {
          _mysql_binlog_set_corrupt (error, "Row of %s: more columns present than announced",
                                     table->qualified_name);
          goto fail_row;
        }

      c = &row->cells[cell];
      c->column = i;
      c->offset = p - base;
      c->length = 0;
      c->is_null = (null_bitmap[cell / 8] >> (cell % 8)) & 1;
      c->is_json_diff = json_diff;
      cell++;

      if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_NULL)
        c->is_null = TRUE;
      if (c->is_null)
        {
          c->is_json_diff = FALSE;
          continue;
        }

      frame = framing != NULL ? framing[i] : MYSQL_BINLOG_FRAMING_CHECKED;
      available = end - p;
      if (frame >= 0 && (gsize) frame <= available)
        {
          size = frame;
        }
      else if (frame < 0 && frame >= -4 && (gsize) -frame <= available &&
               _mysql_binlog_le_length (p, -frame) <= available - (gsize) -frame)
        {
          size = -frame + (gsize) _mysql_binlog_le_length (p, -frame);
        }
      else
        {
          /* Other columns, and errors with their message. */
          size = checked_value_size (table, i, p, end, json_diff, error);
          if (size < 0)
            goto fail_row;
        }
      c->length = size;
      p += size;
    }

  if (cell != n_present)
    {
      _mysql_binlog_set_corrupt (error, "Row of %s: %u columns present but %u announced",
                                 table->qualified_name, cell, n_present);
      goto fail_row;
    }

  if (!reused)
    {
      row->table = _mysql_binlog_table_ref (table);
      row->bytes = g_bytes_ref (bytes);
    }
  *cursor = p;
  return row;

fail_row:
  if (reused)
    mysql_binlog_row_unref (row);
  else
    g_free (row);
  return NULL;

fail:
  g_clear_pointer (&reuse, mysql_binlog_row_unref);
  return NULL;
}

MysqlBinlogRow *
_mysql_binlog_row_build (MysqlBinlogTable  *table,
                         GBytes            *bytes,
                         const guint8      *present,
                         guint              n_present,
                         guint32            timestamp,
                         const guint8     **cursor,
                         const guint8      *end,
                         GError           **error)
{
  return _mysql_binlog_row_build_reusing (table, bytes, NULL, present, n_present, timestamp,
                                          FALSE, NULL, cursor, end, error);
}

/* Rows of one event side by side: the block holds the event and the table
 * once for all of them, and goes when its last row does.  Its places
 * follow the header. */
struct _MysqlBinlogRowBlock
{
  gatomicrefcount   ref_count;   /* one per row in it, and the builder's */
  guint             n_cells;
  guint             n_slots;
  guint             n_used;
  gsize             slot_size;
  MysqlBinlogTable *table;
  GBytes           *bytes;
};

#define ROW_BLOCK_ALIGN 16
#define ROW_BLOCK_ROUND(size) (((size) + ROW_BLOCK_ALIGN - 1) & ~(gsize) (ROW_BLOCK_ALIGN - 1))
#define ROW_BLOCK_HEADER ROW_BLOCK_ROUND (sizeof (MysqlBinlogRowBlock))

void
_mysql_binlog_row_block_release (MysqlBinlogRowBlock *block)
{
  if (!g_atomic_ref_count_dec (&block->ref_count))
    return;
  _mysql_binlog_table_unref (block->table);
  g_bytes_unref (block->bytes);
  g_free (block);
}

MysqlBinlogRow *
_mysql_binlog_row_block_copy (MysqlBinlogRowBlock **block,
                              MysqlBinlogRow       *row,
                              gsize                 bytes_left,
                              gsize                 row_bytes)
{
  gsize row_size = sizeof (MysqlBinlogRow) + row->n_cells * sizeof (MysqlBinlogCell);
  MysqlBinlogRowBlock *b = *block;
  MysqlBinlogRow *copy;

  if (b == NULL || b->n_used == b->n_slots || b->table != row->table || b->bytes != row->bytes ||
      b->n_cells != row->n_cells)
    {
      /* Room for this row and as many more of its size as the event
       * holds, up to 256. */
      guint n_slots = MIN (bytes_left / MAX (row_bytes, 1) + 1, 256);

      g_clear_pointer (block, _mysql_binlog_row_block_release);
      b = g_malloc (ROW_BLOCK_HEADER + (gsize) n_slots * ROW_BLOCK_ROUND (row_size));
      g_atomic_ref_count_init (&b->ref_count);
      b->n_cells = row->n_cells;
      b->n_slots = n_slots;
      b->n_used = 0;
      b->slot_size = ROW_BLOCK_ROUND (row_size);
      b->table = _mysql_binlog_table_ref (row->table);
      b->bytes = g_bytes_ref (row->bytes);
      *block = b;
    }

  copy = (MysqlBinlogRow *) (gpointer) ((guint8 *) b + ROW_BLOCK_HEADER + b->n_used * b->slot_size);
  b->n_used++;
  memcpy (copy, row, row_size);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->table = b->table;
  copy->bytes = b->bytes;
  copy->block = b;
  g_atomic_ref_count_inc (&b->ref_count);
  return copy;
}
