/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-row.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-value-private.h"

/*
 * A row's values as GVariants and GValues, the forms bindings unpack
 * natively: mysql_binlog_row_get_value(), _lookup(), _to_variant(),
 * _get_column_value(), _to_hash_table() and _dup_values().
 */

/* SQL NULL, `mv` holding nothing: one shared instance, as variants are
 * immutable. */
static GVariant *
null_variant (void)
{
  static GVariant *null;

  if (g_once_init_enter (&null))
    g_once_init_leave (&null, g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL)));
  return g_variant_ref (null);
}

/* The key of a value in its column's shared values, for the columns whose
 * values are few: TINYINT and YEAR by their byte, ENUM by member number,
 * SET of up to 8 members by its bits.  FALSE for every other value. */
static inline gboolean
shared_value_key (const MysqlBinlogColumn *info,
                  const guint8            *data,
                  gsize                    length,
                  guint                   *key)
{
  guint64 bits;
  gboolean is_signed;

  switch (info->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
      if (length < 1)
        return FALSE;
      *key = data[0];
      return TRUE;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      if (info->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET && info->n_members > 8)
        return FALSE;
      if (!_mysql_binlog_value_get_integer (info, data, length, &bits, &is_signed) ||
          bits >= MYSQL_BINLOG_SHARED_VALUES)
        return FALSE;
      *key = bits;
      return TRUE;
    default:
      return FALSE;
    }
}

/* A reference on the variant of a value that has a key in its column's
 * shared values: made once, then shared by every row of the table.  Rows
 * may be read on several threads, so the slots are filled atomically. */
static GVariant *
shared_value (const MysqlBinlogColumn *info,
              const guint8            *data,
              gsize                    length,
              guint                    key)
{
  /* The table is shared; only the cache inside it changes, atomically. */
  GVariant ***slots_pointer = (GVariant ***) &info->shared_values;
  GVariant **slots = g_atomic_pointer_get (slots_pointer);
  GVariant *value;

  if (G_UNLIKELY (slots == NULL))
    {
      GVariant **fresh = g_new0 (GVariant *, MYSQL_BINLOG_SHARED_VALUES);

      if (g_atomic_pointer_compare_and_exchange (slots_pointer, NULL, fresh))
        slots = fresh;
      else
        {
          g_free (fresh);
          slots = g_atomic_pointer_get (slots_pointer);
        }
    }

  value = g_atomic_pointer_get (&slots[key]);
  if (G_UNLIKELY (value == NULL))
    {
      GVariant *fresh = g_variant_take_ref (_mysql_binlog_value_to_variant (info, data, length));

      if (g_atomic_pointer_compare_and_exchange (&slots[key], NULL, fresh))
        value = fresh;
      else
        {
          g_variant_unref (fresh);
          value = g_atomic_pointer_get (&slots[key]);
        }
    }
  return g_variant_ref (value);
}

/* The value of @cell: a full reference, never floating (taking the
 * reference of a new variant costs less than sinking it). */
static GVariant *
cell_to_variant (MysqlBinlogRow        *row,
                 const MysqlBinlogCell *cell)
{
  const MysqlBinlogColumn *info = _mysql_binlog_row_cell_column (row, cell);
  const guint8 *data = row->data + cell->offset;
  gsize offset, length;
  guint key;

  if (cell->is_null)
    return null_variant ();
  if (cell->is_json_diff)
    return g_variant_take_ref (g_variant_new_take_string (_mysql_binlog_row_cell_json_diff (row,
                                                                                            cell)));

  if (shared_value_key (info, data, cell->length, &key))
    return shared_value (info, data, cell->length, key);

  /* Byte strings share the event's memory instead of copying it. */
  if (_mysql_binlog_value_kind (info) == MYSQL_BINLOG_VALUE_KIND_BYTES &&
      _mysql_binlog_value_get_payload (info, data, cell->length, &offset, &length))
    {
      g_autoptr(GBytes) bytes = _mysql_binlog_row_cell_payload_bytes (row, cell, info, offset,
                                                                      length);
      return g_variant_take_ref (g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE));
    }

  return g_variant_take_ref (_mysql_binlog_value_to_variant (info, data, cell->length));
}

/**
 * mysql_binlog_row_get_value:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets a value as a [struct@GLib.Variant]; the description of
 * [struct@MysqlBinlog.Row] gives its type for each column type.  SQL NULL
 * is a maybe variant holding nothing (`mv`): `None` in Python, `null` in
 * JavaScript.
 *
 * Returns: (transfer full): the value
 *
 * Since: 1.0
 */
GVariant *
mysql_binlog_row_get_value (MysqlBinlogRow *row,
                            guint           column)
{
  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);

  return cell_to_variant (row, &row->cells[column]);
}

/**
 * mysql_binlog_row_lookup:
 * @row: a row
 * @column_name: a column name
 *
 * Gets the value of a column by name, as [method@MysqlBinlog.Row.get_value]
 * does.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when the row holds
 *   no column of that name
 *
 * Since: 1.0
 */
GVariant *
mysql_binlog_row_lookup (MysqlBinlogRow *row,
                         const char     *column_name)
{
  int index;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column_name != NULL, NULL);

  index = mysql_binlog_row_get_column_index (row, column_name);
  if (index < 0)
    return NULL;
  return cell_to_variant (row, &row->cells[index]);
}

/**
 * mysql_binlog_row_to_variant:
 * @row: a row
 *
 * Gets the whole row as a dictionary (`a{sv}`) from column names to values,
 * the values as [method@MysqlBinlog.Row.get_value] gives them.  In Python,
 * `row.to_variant().unpack()` is a `dict`; in gjs,
 * `row.to_variant().recursiveUnpack()` an object.
 *
 * Returns: (transfer full): the row, of type `a{sv}`
 *
 * Since: 1.0
 */
GVariant *
mysql_binlog_row_to_variant (MysqlBinlogRow *row)
{
  GVariantBuilder builder;

  g_return_val_if_fail (row != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const MysqlBinlogCell *cell = &row->cells[i];
      g_autoptr(GVariant) value = cell_to_variant (row, cell);

      const char *name = _mysql_binlog_row_cell_column (row, cell)->name;

      g_variant_builder_add (&builder, "{sv}", name, value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Sets @value (unset) to the value of @cell. */
static void
cell_to_gvalue (MysqlBinlogRow        *row,
                const MysqlBinlogCell *cell,
                GValue                *value)
{
  const MysqlBinlogColumn *info = _mysql_binlog_row_cell_column (row, cell);
  const guint8 *data = row->data + cell->offset;
  guint64 bits;
  gboolean is_signed;
  double number;

  if (cell->is_null)
    {
      g_value_init (value, G_TYPE_POINTER);
      return;
    }
  /* A partial JSON update: its diffs as text, as get_value() gives them,
   * not the diff bytes read as a document. */
  if (cell->is_json_diff)
    {
      g_value_init (value, G_TYPE_STRING);
      g_value_take_string (value, _mysql_binlog_row_cell_json_diff (row, cell));
      return;
    }

  switch (_mysql_binlog_value_kind (info))
    {
    case MYSQL_BINLOG_VALUE_KIND_NONE:
      g_value_init (value, G_TYPE_POINTER);
      break;
    case MYSQL_BINLOG_VALUE_KIND_INT64:
      g_value_init (value, G_TYPE_INT64);
      if (_mysql_binlog_value_get_integer (info, data, cell->length, &bits, &is_signed))
        g_value_set_int64 (value, (gint64) bits);
      break;
    case MYSQL_BINLOG_VALUE_KIND_UINT64:
      g_value_init (value, G_TYPE_UINT64);
      if (_mysql_binlog_value_get_integer (info, data, cell->length, &bits, &is_signed))
        g_value_set_uint64 (value, bits);
      break;
    case MYSQL_BINLOG_VALUE_KIND_DOUBLE:
      g_value_init (value, G_TYPE_DOUBLE);
      if (_mysql_binlog_value_get_double (info, data, cell->length, &number))
        g_value_set_double (value, number);
      break;
    case MYSQL_BINLOG_VALUE_KIND_BYTES:
    case MYSQL_BINLOG_VALUE_KIND_DOUBLEV:
      /* A GVariant rather than a GBytes: bindings keep a reference on a
       * GVariant they take out of a GValue, not always on a boxed type. */
      g_value_init (value, G_TYPE_VARIANT);
      g_value_take_variant (value, cell_to_variant (row, cell));
      break;
    case MYSQL_BINLOG_VALUE_KIND_STRV:
      {
        g_autoptr(GVariant) members = cell_to_variant (row, cell);

        g_value_init (value, G_TYPE_STRV);
        g_value_take_boxed (value, g_variant_dup_strv (members, NULL));
      }
      break;
    case MYSQL_BINLOG_VALUE_KIND_STRING:
    default:
      g_value_init (value, G_TYPE_STRING);
      g_value_take_string (value, _mysql_binlog_value_to_string (info, data, cell->length));
      break;
    }
}

/**
 * mysql_binlog_row_get_column_value:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 * @value: (out caller-allocates): an uninitialized [struct@GObject.Value]
 *   to hold the value
 *
 * Gets a value as a [struct@GObject.Value], the fast path for bindings: the
 * value holds a `gint64` (signed integers, YEAR), a `guint64` (UNSIGNED
 * integers, BIT), a `double` (FLOAT, DOUBLE), a string (DECIMAL, text, ENUM,
 * dates and times, JSON, as [method@MysqlBinlog.Row.get_value] gives them),
 * a string array (`G_TYPE_STRV`: SET), or a [struct@GLib.Variant] of type
 * `ay` (binary strings, BLOB, GEOMETRY) or `ad` (VECTOR).
 * SQL NULL is a `G_TYPE_POINTER` value holding %NULL (`None` in Python,
 * `null` in JavaScript).
 *
 * Free it with g_value_unset().
 *
 * Since: 1.0
 */
void
mysql_binlog_row_get_column_value (MysqlBinlogRow *row,
                                   guint           column,
                                   GValue         *value)
{
  g_return_if_fail (row != NULL);
  g_return_if_fail (column < row->n_cells);
  g_return_if_fail (value != NULL && !G_IS_VALUE (value));

  cell_to_gvalue (row, &row->cells[column], value);
}

static void
free_gvalue (gpointer data)
{
  GValue *value = data;

  g_value_unset (value);
  g_free (value);
}

/**
 * mysql_binlog_row_to_hash_table:
 * @row: a row
 *
 * Gets the whole row as a hash table from column names to values, each
 * value as [method@MysqlBinlog.Row.get_column_value] gives it.  Bindings
 * turn the table into their own dictionary type natively: in Python it is
 * a `dict` of `int`, `float`, `str`, `list` and `None` values, binary values
 * being `GLib.Variant`s of type `ay`; `Row.to_dict()` of the Python overrides
 * turns those into `bytes` too, and keeps the columns in table order.
 *
 * Returns: (transfer full) (element-type utf8 GValue): the row
 *
 * Since: 1.0
 */
GHashTable *
mysql_binlog_row_to_hash_table (MysqlBinlogRow *row)
{
  GHashTable *table;

  g_return_val_if_fail (row != NULL, NULL);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_gvalue);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const MysqlBinlogCell *cell = &row->cells[i];
      GValue *value = g_new0 (GValue, 1);

      cell_to_gvalue (row, cell, value);
      g_hash_table_replace (table, g_strdup (_mysql_binlog_row_cell_column (row, cell)->name),
                            value);
    }
  return table;
}

/**
 * mysql_binlog_row_dup_values:
 * @row: a row
 *
 * Gets every value of the row, in column order, each as
 * [method@MysqlBinlog.Row.get_column_value] gives it.  With
 * [method@MysqlBinlog.Row.get_column_names], this is the fastest way for a
 * binding to turn a row into its own dictionary type: PyGObject converts
 * the values to Python objects in C (gjs 1.74 cannot convert this array:
 * use [method@MysqlBinlog.Row.to_hash_table] there).
 *
 * Returns: (transfer full) (element-type GValue): the values
 *
 * Since: 1.0
 */
GPtrArray *
mysql_binlog_row_dup_values (MysqlBinlogRow *row)
{
  GPtrArray *values;

  g_return_val_if_fail (row != NULL, NULL);

  values = g_ptr_array_new_full (row->n_cells, free_gvalue);
  for (guint i = 0; i < row->n_cells; i++)
    {
      GValue *value = g_new0 (GValue, 1);

      cell_to_gvalue (row, &row->cells[i], value);
      g_ptr_array_add (values, value);
    }
  return values;
}

/* Whether cell @a of @before and cell @b of @after hold the same value. */
static gboolean
cells_equal (MysqlBinlogRow        *before,
             const MysqlBinlogCell *a,
             MysqlBinlogRow        *after,
             const MysqlBinlogCell *b)
{
  const MysqlBinlogColumn *ca = _mysql_binlog_row_cell_column (before, a);
  const MysqlBinlogColumn *cb = _mysql_binlog_row_cell_column (after, b);

  if (a->is_null || b->is_null)
    return a->is_null && b->is_null;
  /* A partial JSON update says how the document changed. */
  if (a->is_json_diff || b->is_json_diff)
    return FALSE;
  /* Of one column definition, equal values are equal bytes. */
  if (ca->type == cb->type && ca->real_type == cb->real_type && ca->meta == cb->meta &&
      ca->is_unsigned == cb->is_unsigned && ca->charset_info == cb->charset_info)
    return a->length == b->length &&
           memcmp (before->data + a->offset, after->data + b->offset, a->length) == 0;
  /* Otherwise (rows of two definitions of the table) their text. */
  {
    g_autofree char *ta = mysql_binlog_row_dup_string (before, a - before->cells);
    g_autofree char *tb = mysql_binlog_row_dup_string (after, b - after->cells);

    return g_strcmp0 (ta, tb) == 0;
  }
}

/**
 * mysql_binlog_row_changed_columns:
 * @before: a row, the before image of an update
 * @after: a row of the same table, the after image
 *
 * Gets the names of the columns whose values differ between two images of
 * a row, in the order of @after's columns: a column that is NULL in one
 * and not in the other differs, and so does a column of a partial JSON
 * update.  Columns are matched by name.
 *
 * With `binlog_row_image=MINIMAL` the images hold only some columns: a
 * column @after lacks was not assigned by the statement and is not listed;
 * a column @after holds and @before lacks is listed, since its old value
 * is not known and the statement assigned it (it may have assigned the
 * same value).
 *
 * Returns: (transfer full) (array zero-terminated=1): the names of the
 *   changed columns; an empty array when none changed
 *
 * Since: 1.0
 */
GStrv
mysql_binlog_row_changed_columns (MysqlBinlogRow *before,
                                  MysqlBinlogRow *after)
{
  g_autoptr(GStrvBuilder) names = NULL;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  names = g_strv_builder_new ();
  for (guint i = 0; i < after->n_cells; i++)
    {
      const MysqlBinlogCell *cell = &after->cells[i];
      const char *name = _mysql_binlog_row_cell_column (after, cell)->name;
      int old;

      /* The same column is usually at the same index. */
      if (i < before->n_cells &&
          strcmp (_mysql_binlog_row_cell_column (before, &before->cells[i])->name, name) == 0)
        old = i;
      else
        old = mysql_binlog_row_get_column_index (before, name);
      if (old < 0 || !cells_equal (before, &before->cells[old], after, cell))
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}
