/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-row-batch.h"
#include "mysql-binlog-row-batch-private.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-value-private.h"
#include "mysql-binlog-value-text-private.h"

/**
 * MysqlBinlogRowBatch:
 *
 * The changed rows of one rows event, all of one table, as the signals
 * [signal@MysqlBinlog.Stream::rows-inserted-batch],
 * [signal@MysqlBinlog.Stream::rows-updated-batch] and
 * [signal@MysqlBinlog.Stream::rows-deleted-batch] deliver them: one
 * emission per event instead of one per row, for bindings where a call
 * into the language costs more than decoding a row.
 *
 * A batch is immutable and reference counted.  Its rows are
 * [struct@MysqlBinlog.Row]s ([method@MysqlBinlog.RowBatch.get_row]); the
 * rows of an update batch come with their after images
 * ([method@MysqlBinlog.RowBatch.get_after]).
 *
 * The rows of a batch (and the after images of an update batch) have the
 * same columns, in the same order, with the same types: those of its
 * first row.  The column accessors give one column of every row at once,
 * as a native array a binding converts in one go:
 * [method@MysqlBinlog.RowBatch.get_int64_column] for the columns whose
 * [method@MysqlBinlog.Row.get_column_type_string] is `x`,
 * [method@MysqlBinlog.RowBatch.get_uint64_column] for `t`,
 * [method@MysqlBinlog.RowBatch.get_double_column] for `d` and
 * [method@MysqlBinlog.RowBatch.dup_string_column] for `s`, with
 * [method@MysqlBinlog.RowBatch.get_nulls] for SQL NULL.  Each value is the
 * one [method@MysqlBinlog.Row.get_value] gives.
 *
 * Since: 1.0
 */

/* The text of the `s` columns of a batch's rows: @offsets into @text,
 * -1 for NULL. */
typedef struct
{
  guint n_values;
  gssize *offsets;
  char *text;
} Strings;

static void
strings_free (Strings *strings)
{
  if (strings == NULL)
    return;
  g_free (strings->offsets);
  g_free (strings->text);
  g_free (strings);
}

struct _MysqlBinlogRowBatch
{
  gatomicrefcount ref_count;
  gboolean has_after;
  guint n_rows;
  GPtrArray *images;  /* the rows; with has_after, each followed by its after image */
  /* get_strings()'s text of the rows [0] and of the after images [1],
   * made on the first call (atomically: a batch may be read on several
   * threads) */
  Strings *strings[2];
};

G_DEFINE_BOXED_TYPE (MysqlBinlogRowBatch, mysql_binlog_row_batch,
                     mysql_binlog_row_batch_ref, mysql_binlog_row_batch_unref)

/* Image @index of @after's kind. */
static inline MysqlBinlogRow *
image (MysqlBinlogRowBatch *batch,
       gboolean             after,
       guint                index)
{
  return g_ptr_array_index (batch->images, batch->has_after ? 2 * index + (after ? 1 : 0) : index);
}

MysqlBinlogRowBatch *
_mysql_binlog_row_batch_new (gboolean has_after,
                             guint    reserved)
{
  MysqlBinlogRowBatch *batch = g_new0 (MysqlBinlogRowBatch, 1);

  g_atomic_ref_count_init (&batch->ref_count);
  batch->has_after = has_after;
  batch->images = g_ptr_array_new_full (has_after ? 2 * reserved : reserved,
                                        (GDestroyNotify) mysql_binlog_row_unref);
  return batch;
}

void
_mysql_binlog_row_batch_take (MysqlBinlogRowBatch *batch,
                              MysqlBinlogRow      *row,
                              MysqlBinlogRow      *after)
{
  g_assert ((after != NULL) == batch->has_after);
  /* The rows of one event: one table, and the columns its bitmaps name. */
  if (batch->n_rows > 0)
    {
      MysqlBinlogRow *first = image (batch, FALSE, 0);

      g_assert (row->table == first->table && row->n_cells == first->n_cells);
      for (guint j = 0; j < row->n_cells; j++)
        g_assert (row->cells[j].column == first->cells[j].column);
      if (after != NULL)
        {
          MysqlBinlogRow *first_after = image (batch, TRUE, 0);

          g_assert (after->table == first_after->table && after->n_cells == first_after->n_cells);
          for (guint j = 0; j < after->n_cells; j++)
            g_assert (after->cells[j].column == first_after->cells[j].column);
        }
    }

  g_ptr_array_add (batch->images, row);
  if (after != NULL)
    g_ptr_array_add (batch->images, after);
  batch->n_rows++;
}

void
_mysql_binlog_row_batch_add (MysqlBinlogRowBatch *batch,
                             MysqlBinlogRow      *row,
                             MysqlBinlogRow      *after)
{
  _mysql_binlog_row_batch_take (batch, mysql_binlog_row_ref (row),
                                after != NULL ? mysql_binlog_row_ref (after) : NULL);
}

/**
 * mysql_binlog_row_batch_ref:
 * @batch: a batch
 *
 * Acquires a reference on @batch.  Any thread may do so.
 *
 * Returns: (transfer full): @batch
 *
 * Since: 1.0
 */
MysqlBinlogRowBatch *
mysql_binlog_row_batch_ref (MysqlBinlogRowBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);

  g_atomic_ref_count_inc (&batch->ref_count);
  return batch;
}

/**
 * mysql_binlog_row_batch_unref:
 * @batch: a batch
 *
 * Releases a reference on @batch; the last one frees it (its rows live on
 * while other references hold them).
 *
 * Since: 1.0
 */
void
mysql_binlog_row_batch_unref (MysqlBinlogRowBatch *batch)
{
  g_return_if_fail (batch != NULL);

  if (!g_atomic_ref_count_dec (&batch->ref_count))
    return;
  g_ptr_array_unref (batch->images);
  strings_free (batch->strings[0]);
  strings_free (batch->strings[1]);
  g_free (batch);
}

/**
 * mysql_binlog_row_batch_get_schema:
 * @batch: a batch
 *
 * Gets the schema (database) of the batch's table.
 *
 * Returns: (transfer none): the schema name
 *
 * Since: 1.0
 */
const char *
mysql_binlog_row_batch_get_schema (MysqlBinlogRowBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (batch->n_rows > 0, NULL);

  return mysql_binlog_row_get_schema (image (batch, FALSE, 0));
}

/**
 * mysql_binlog_row_batch_get_table:
 * @batch: a batch
 *
 * Gets the name of the batch's table.
 *
 * Returns: (transfer none): the table name
 *
 * Since: 1.0
 */
const char *
mysql_binlog_row_batch_get_table (MysqlBinlogRowBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (batch->n_rows > 0, NULL);

  return mysql_binlog_row_get_table (image (batch, FALSE, 0));
}

/**
 * mysql_binlog_row_batch_get_n_rows:
 * @batch: a batch
 *
 * Gets the number of changed rows of the batch (an updated row counts
 * once, with its two images); never 0.
 *
 * Returns: the number of rows
 *
 * Since: 1.0
 */
guint
mysql_binlog_row_batch_get_n_rows (MysqlBinlogRowBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);

  return batch->n_rows;
}

/**
 * mysql_binlog_row_batch_has_after:
 * @batch: a batch
 *
 * Gets whether the rows come with after images: %TRUE for the batches of
 * [signal@MysqlBinlog.Stream::rows-updated-batch].
 *
 * Returns: whether [method@MysqlBinlog.RowBatch.get_after] gives rows
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_row_batch_has_after (MysqlBinlogRowBatch *batch)
{
  g_return_val_if_fail (batch != NULL, FALSE);

  return batch->has_after;
}

/**
 * mysql_binlog_row_batch_get_row:
 * @batch: a batch
 * @index: a row index, below [method@MysqlBinlog.RowBatch.get_n_rows]
 *
 * Gets a row of the batch, in binlog order: the inserted or deleted row,
 * or the row before an update.  Keep a reference on it to use it after the
 * batch is gone.
 *
 * Returns: (transfer none): the row
 *
 * Since: 1.0
 */
MysqlBinlogRow *
mysql_binlog_row_batch_get_row (MysqlBinlogRowBatch *batch,
                                guint                index)
{
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (index < batch->n_rows, NULL);

  return image (batch, FALSE, index);
}

/**
 * mysql_binlog_row_batch_get_after:
 * @batch: a batch
 * @index: a row index, below [method@MysqlBinlog.RowBatch.get_n_rows]
 *
 * Gets the row after the update of row @index of an update batch.
 *
 * Returns: (transfer none) (nullable): the after image, or %NULL when the
 *   batch is not one of updates
 *
 * Since: 1.0
 */
MysqlBinlogRow *
mysql_binlog_row_batch_get_after (MysqlBinlogRowBatch *batch,
                                  guint                index)
{
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (index < batch->n_rows, NULL);

  return batch->has_after ? image (batch, TRUE, index) : NULL;
}

/**
 * mysql_binlog_row_batch_get_rows:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 *
 * Gets every row of the batch, in binlog order, as
 * [method@MysqlBinlog.RowBatch.get_row] (or, with @after,
 * [method@MysqlBinlog.RowBatch.get_after]) gives them.
 *
 * Returns: (transfer container) (element-type MysqlBinlogRow): the rows;
 *   empty for @after when the batch is not one of updates
 *
 * Since: 1.0
 */
GPtrArray *
mysql_binlog_row_batch_get_rows (MysqlBinlogRowBatch *batch,
                                 gboolean             after)
{
  GPtrArray *rows;

  g_return_val_if_fail (batch != NULL, NULL);

  rows = g_ptr_array_sized_new (batch->n_rows);
  if (after && !batch->has_after)
    return rows;
  for (guint i = 0; i < batch->n_rows; i++)
    g_ptr_array_add (rows, image (batch, after, i));
  return rows;
}

/* Whether the rows of @after's kind have a column @column of @kind: the
 * rows of a batch have the columns of its first (_batch_add()). */
static gboolean
check_column (MysqlBinlogRowBatch  *batch,
              gboolean              after,
              guint                 column,
              MysqlBinlogValueKind  kind)
{
  MysqlBinlogRow *first;

  if ((after && !batch->has_after) || batch->n_rows == 0)
    return FALSE;
  first = image (batch, after, 0);
  return column < first->n_cells &&
         _mysql_binlog_value_kind (_mysql_binlog_row_cell_column (first, &first->cells[column])) == kind;
}

/**
 * mysql_binlog_row_batch_get_int64_column:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @column: the index of a column whose type string is `x` (signed integers,
 *   YEAR)
 * @n_rows: (out): where to store the number of values
 *
 * Gets the values of a column of every row of the batch, in row order, as
 * [method@MysqlBinlog.Row.get_value] gives them; a NULL value is 0 here:
 * [method@MysqlBinlog.RowBatch.get_nulls] tells it apart.
 *
 * Returns: (transfer full) (array length=n_rows): the values
 *
 * Since: 1.0
 */
gint64 *
mysql_binlog_row_batch_get_int64_column (MysqlBinlogRowBatch *batch,
                                         gboolean             after,
                                         guint                column,
                                         guint               *n_rows)
{
  gint64 *values;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);
  g_return_val_if_fail (check_column (batch, after, column, MYSQL_BINLOG_VALUE_KIND_INT64), NULL);

  values = g_new0 (gint64, MAX (batch->n_rows, 1));
  for (guint i = 0; i < batch->n_rows; i++)
    {
      MysqlBinlogRow *row = image (batch, after, i);
      const MysqlBinlogCell *cell = &row->cells[column];
      guint64 bits;
      gboolean is_signed;

      if (!cell->is_null &&
          _mysql_binlog_value_get_integer (_mysql_binlog_row_cell_column (row, cell),
                                           row->data + cell->offset, cell->length,
                                           &bits, &is_signed))
        values[i] = (gint64) bits;
    }
  *n_rows = batch->n_rows;
  return values;
}

/**
 * mysql_binlog_row_batch_get_uint64_column:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @column: the index of a column whose type string is `t` (UNSIGNED
 *   integers, BIT)
 * @n_rows: (out): where to store the number of values
 *
 * Gets the values of a column of every row of the batch, as
 * [method@MysqlBinlog.RowBatch.get_int64_column] does for signed ones.
 *
 * Returns: (transfer full) (array length=n_rows): the values
 *
 * Since: 1.0
 */
guint64 *
mysql_binlog_row_batch_get_uint64_column (MysqlBinlogRowBatch *batch,
                                          gboolean             after,
                                          guint                column,
                                          guint               *n_rows)
{
  guint64 *values;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);
  g_return_val_if_fail (check_column (batch, after, column, MYSQL_BINLOG_VALUE_KIND_UINT64), NULL);

  values = g_new0 (guint64, MAX (batch->n_rows, 1));
  for (guint i = 0; i < batch->n_rows; i++)
    {
      MysqlBinlogRow *row = image (batch, after, i);
      const MysqlBinlogCell *cell = &row->cells[column];
      guint64 bits;
      gboolean is_signed;

      if (!cell->is_null &&
          _mysql_binlog_value_get_integer (_mysql_binlog_row_cell_column (row, cell),
                                           row->data + cell->offset, cell->length,
                                           &bits, &is_signed))
        values[i] = bits;
    }
  *n_rows = batch->n_rows;
  return values;
}

/**
 * mysql_binlog_row_batch_get_double_column:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @column: the index of a column whose type string is `d` (FLOAT, DOUBLE)
 * @n_rows: (out): where to store the number of values
 *
 * Gets the values of a column of every row of the batch, as
 * [method@MysqlBinlog.RowBatch.get_int64_column] does for integers.
 *
 * Returns: (transfer full) (array length=n_rows): the values
 *
 * Since: 1.0
 */
double *
mysql_binlog_row_batch_get_double_column (MysqlBinlogRowBatch *batch,
                                          gboolean             after,
                                          guint                column,
                                          guint               *n_rows)
{
  double *values;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);
  g_return_val_if_fail (check_column (batch, after, column, MYSQL_BINLOG_VALUE_KIND_DOUBLE), NULL);

  values = g_new0 (double, MAX (batch->n_rows, 1));
  for (guint i = 0; i < batch->n_rows; i++)
    {
      MysqlBinlogRow *row = image (batch, after, i);
      const MysqlBinlogCell *cell = &row->cells[column];
      double number;

      if (!cell->is_null &&
          _mysql_binlog_value_get_double (_mysql_binlog_row_cell_column (row, cell),
                                          row->data + cell->offset, cell->length, &number))
        values[i] = number;
    }
  *n_rows = batch->n_rows;
  return values;
}

/**
 * mysql_binlog_row_batch_dup_string_column:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @column: the index of a column whose type string is `s` (DECIMAL, text,
 *   ENUM, dates and times, JSON)
 * @n_rows: (out): where to store the number of values
 *
 * Gets the values of a column of every row of the batch, in row order, as
 * [method@MysqlBinlog.Row.get_value] gives them: UTF-8 text, %NULL for SQL
 * NULL.  The array is also %NULL-terminated, after its @n_rows values.
 *
 * Returns: (transfer full) (array length=n_rows) (element-type utf8): the
 *   values, each one %NULL when it is NULL
 *
 * Since: 1.0
 */
char **
mysql_binlog_row_batch_dup_string_column (MysqlBinlogRowBatch *batch,
                                          gboolean             after,
                                          guint                column,
                                          guint               *n_rows)
{
  char **values;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);
  g_return_val_if_fail (check_column (batch, after, column, MYSQL_BINLOG_VALUE_KIND_STRING), NULL);

  values = g_new0 (char *, batch->n_rows + 1);
  for (guint i = 0; i < batch->n_rows; i++)
    values[i] = mysql_binlog_row_dup_string (image (batch, after, i), column);
  *n_rows = batch->n_rows;
  return values;
}

/* The value kind of each column of the rows of @after's kind. */
static MysqlBinlogValueKind
column_kind (MysqlBinlogRowBatch *batch,
             gboolean             after,
             guint                column)
{
  MysqlBinlogRow *first = image (batch, after, 0);

  return _mysql_binlog_value_kind (_mysql_binlog_row_cell_column (first, &first->cells[column]));
}

static Strings *
make_strings (MysqlBinlogRowBatch *batch,
              gboolean             after)
{
  Strings *strings = g_new0 (Strings, 1);
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (gssize));
  GString *text = g_string_sized_new (64 * batch->n_rows);
  MysqlBinlogRow *first = image (batch, after, 0);
  MysqlBinlogTextSink sink;

  for (guint j = 0; j < first->n_cells; j++)
    {
      if (column_kind (batch, after, j) != MYSQL_BINLOG_VALUE_KIND_STRING)
        continue;
      for (guint i = 0; i < batch->n_rows; i++)
        {
          MysqlBinlogRow *row = image (batch, after, i);
          const MysqlBinlogCell *cell = &row->cells[j];
          gssize offset = -1;

          if (!cell->is_null)
            {
              offset = text->len;
              if (cell->is_json_diff)
                {
                  g_autofree char *diff = _mysql_binlog_row_cell_json_diff (row, cell);

                  g_string_append (text, diff);
                }
              else
                {
                  /* What mysql_binlog_row_dup_string() returns, written
                   * after the others instead of allocated. */
                  _mysql_binlog_text_sink_init_string (&sink, text);
                  _mysql_binlog_value_write (_mysql_binlog_row_cell_column (row, cell),
                                             row->data + cell->offset, cell->length, &sink);
                }
              g_string_append_c (text, '\0');
            }
          g_array_append_val (offsets, offset);
        }
    }
  strings->n_values = offsets->len;
  strings->offsets = (gssize *) g_array_free (offsets, FALSE);
  strings->text = g_string_free (text, FALSE);
  return strings;
}

/**
 * mysql_binlog_row_batch_get_strings:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @length: (out): where to store the number of values
 *
 * Gets the values of every column whose type string is `s`, in one call:
 * the values of the first such column (as
 * [method@MysqlBinlog.RowBatch.dup_string_column] gives them, in row
 * order), then those of the next, in column order.  Bindings split the
 * array into columns; one call costs them less than one per column.  The
 * text is written once, in one piece, and belongs to the batch; the array
 * is also %NULL-terminated, after its @length values.
 *
 * Returns: (transfer container) (array length=length) (element-type utf8):
 *   the values, each one %NULL when it is NULL
 *
 * Since: 1.0
 */
const char **
mysql_binlog_row_batch_get_strings (MysqlBinlogRowBatch *batch,
                                    gboolean             after,
                                    guint               *length)
{
  Strings *strings;
  const char **values;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);
  g_return_val_if_fail (!after || batch->has_after, NULL);
  g_return_val_if_fail (batch->n_rows > 0, NULL);

  strings = g_atomic_pointer_get (&batch->strings[after ? 1 : 0]);
  if (strings == NULL)
    {
      Strings *fresh = make_strings (batch, after);

      if (g_atomic_pointer_compare_and_exchange (&batch->strings[after ? 1 : 0], NULL, fresh))
        strings = fresh;
      else
        {
          strings_free (fresh);
          strings = g_atomic_pointer_get (&batch->strings[after ? 1 : 0]);
        }
    }

  values = g_new (const char *, strings->n_values + 1);
  for (guint i = 0; i < strings->n_values; i++)
    values[i] = strings->offsets[i] < 0 ? NULL : strings->text + strings->offsets[i];
  values[strings->n_values] = NULL;
  *length = strings->n_values;
  return values;
}

/**
 * mysql_binlog_row_batch_dup_numbers:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @length: (out): where to store the length of the array in bytes
 * @any_null: (out) (optional): where to store whether any of the values is
 *   NULL ([method@MysqlBinlog.RowBatch.get_nulls] then tells which)
 *
 * Gets the values of every column whose type string is `x`, `t` or `d`,
 * in one call and packed: the values of the first such column (as
 * [method@MysqlBinlog.RowBatch.get_int64_column],
 * [method@MysqlBinlog.RowBatch.get_uint64_column] or
 * [method@MysqlBinlog.RowBatch.get_double_column] gives them, in row
 * order), then those of the next, in column order, each value a `gint64`,
 * `guint64` or `double` of 8 bytes in the machine's byte order; a NULL
 * value is 0.  Bindings turn such a buffer into numbers natively, faster
 * than they convert an array element by element: in Python
 * `memoryview(data).cast('q')` (`'Q'`, `'d'`) over a column's bytes, in
 * JavaScript a `BigInt64Array`, `BigUint64Array` or `Float64Array`.
 *
 * Returns: (transfer full) (array length=length): the values
 *
 * Since: 1.0
 */
guint8 *
mysql_binlog_row_batch_dup_numbers (MysqlBinlogRowBatch *batch,
                                    gboolean             after,
                                    gsize               *length,
                                    gboolean            *any_null)
{
  GByteArray *values;
  guint n_columns;
  gboolean nulls = FALSE;

  G_STATIC_ASSERT (sizeof (gint64) == 8 && sizeof (double) == 8);
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);
  g_return_val_if_fail (!after || batch->has_after, NULL);
  g_return_val_if_fail (batch->n_rows > 0, NULL);

  n_columns = image (batch, after, 0)->n_cells;
  values = g_byte_array_new ();
  for (guint j = 0; j < n_columns; j++)
    {
      MysqlBinlogValueKind kind = column_kind (batch, after, j);
      g_autofree gpointer column = NULL;
      guint n_rows = 0;

      if (kind == MYSQL_BINLOG_VALUE_KIND_INT64)
        column = mysql_binlog_row_batch_get_int64_column (batch, after, j, &n_rows);
      else if (kind == MYSQL_BINLOG_VALUE_KIND_UINT64)
        column = mysql_binlog_row_batch_get_uint64_column (batch, after, j, &n_rows);
      else if (kind == MYSQL_BINLOG_VALUE_KIND_DOUBLE)
        column = mysql_binlog_row_batch_get_double_column (batch, after, j, &n_rows);
      else
        continue;
      if (column == NULL)
        {
          g_byte_array_free (values, TRUE);
          return NULL;
        }
      g_byte_array_append (values, column, n_rows * 8);
      for (guint i = 0; i < batch->n_rows && !nulls; i++)
        nulls = image (batch, after, i)->cells[j].is_null;
    }
  *length = values->len;
  if (any_null != NULL)
    *any_null = nulls;
  return g_byte_array_free (values, FALSE);
}

/**
 * mysql_binlog_row_batch_get_nulls:
 * @batch: a batch
 * @after: %TRUE for the after images of an update batch
 * @length: (out): where to store the length of the array: the number of
 *   rows times the number of columns
 *
 * Gets which values of the batch are SQL NULL, row after row: byte
 * `i * n + j` is 1 when column `j` of row `i` is NULL (`n` being the
 * number of columns of the rows), 0 otherwise.
 *
 * Returns: (transfer full) (array length=length): the flags
 *
 * Since: 1.0
 */
guint8 *
mysql_binlog_row_batch_get_nulls (MysqlBinlogRowBatch *batch,
                                  gboolean             after,
                                  gsize               *length)
{
  guint n_columns;
  guint8 *nulls;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);
  g_return_val_if_fail (!after || batch->has_after, NULL);
  g_return_val_if_fail (batch->n_rows > 0, NULL);

  n_columns = image (batch, after, 0)->n_cells;
  nulls = g_new0 (guint8, MAX ((gsize) batch->n_rows * n_columns, 1));
  for (guint i = 0; i < batch->n_rows; i++)
    {
      MysqlBinlogRow *row = image (batch, after, i);

      g_return_val_if_fail (row->n_cells == n_columns, (g_free (nulls), NULL));
      for (guint j = 0; j < n_columns; j++)
        nulls[(gsize) i * n_columns + j] = row->cells[j].is_null;
    }
  *length = (gsize) batch->n_rows * n_columns;
  return nulls;
}
