/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-row.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-value-private.h"

/**
 * MysqlBinlogRow:
 *
 * One row image of a rows event: the values of a row as it was inserted,
 * deleted, or as it was before or after an update.
 *
 * A row is immutable and reference counted, so it can be kept after the
 * signal that delivered it and handed to other threads.  It holds the bytes
 * of its event and decodes a value only when asked for it.
 *
 * Columns are numbered from 0 to [method@MysqlBinlog.Row.get_n_columns] - 1
 * in table order.  A row holds the columns its event carries: all of them
 * with the server's default `binlog_row_image=FULL`, only some of them with
 * `MINIMAL` (the primary key in a before image, the changed columns in an
 * after image).  Look columns up by name with
 * [method@MysqlBinlog.Row.get_column_index] or [method@MysqlBinlog.Row.lookup].
 *
 * Every value is available as a [struct@GLib.Variant]
 * ([method@MysqlBinlog.Row.get_value], [method@MysqlBinlog.Row.to_variant]):
 *
 * | column type | GVariant |
 * | --- | --- |
 * | SQL NULL | `mv` holding nothing |
 * | TINYINT to BIGINT, YEAR | `x` (`t` when UNSIGNED) |
 * | BIT | `t` |
 * | FLOAT, DOUBLE | `d` |
 * | DECIMAL | `s`, exact: `'-12.3400'` |
 * | CHAR, VARCHAR, TEXT | `s`, converted to UTF-8 |
 * | BINARY, VARBINARY, BLOB, GEOMETRY | `ay`, as stored |
 * | ENUM | `s`, the member |
 * | SET | `as`, the members in definition order |
 * | DATE, TIME, DATETIME, TIMESTAMP | `s`, as MySQL prints them (`'-838:59:59'`) |
 * | JSON | `s`, JSON text |
 * | VECTOR | `ad` |
 *
 * The typed accessors ([method@MysqlBinlog.Row.get_int64],
 * [method@MysqlBinlog.Row.dup_string], [method@MysqlBinlog.Row.get_bytes],
 * ...) avoid the GVariant.  [method@MysqlBinlog.Row.dup_string] works for
 * every type, and is the exact way to read BIGINT UNSIGNED and DECIMAL
 * values from languages whose numbers are doubles.
 *
 * ```c
 * static void
 * on_rows_inserted (MysqlBinlogStream *stream,
 *                   MysqlBinlogRow    *row,
 *                   gpointer           user_data)
 * {
 *   g_autoptr(GVariant) values = mysql_binlog_row_to_variant (row);
 *   g_autofree char *text = g_variant_print (values, FALSE);
 *   int id = mysql_binlog_row_get_column_index (row, "id");
 *
 *   g_print ("%s.%s: %s\n", mysql_binlog_row_get_schema (row),
 *            mysql_binlog_row_get_table (row), text);
 *   if (id >= 0 && !mysql_binlog_row_is_null (row, id))
 *     g_print ("id %" G_GINT64_FORMAT "\n", mysql_binlog_row_get_int64 (row, id));
 * }
 * ```
 *
 * Text is converted to UTF-8 from the column's character set; invalid
 * sequences become U+FFFD.  Where the character set is not known (the
 * server sent no metadata and the table could not be looked up) the text is
 * read as UTF-8.
 *
 * Since: 1.0
 */

G_DEFINE_BOXED_TYPE (MysqlBinlogRow, mysql_binlog_row,
                     mysql_binlog_row_ref, mysql_binlog_row_unref)

char *
_mysql_binlog_row_cell_json_diff (MysqlBinlogRow        *row,
                                  const MysqlBinlogCell *cell)
{
  gsize offset, length;
  char *text = NULL;

  if (_mysql_binlog_value_get_payload (_mysql_binlog_row_cell_column (row, cell),
                                       row->data + cell->offset, cell->length, &offset, &length))
    text = _mysql_binlog_json_diff_to_string (row->data + cell->offset + offset, length);
  /* Checked when the row was built. */
  return text != NULL ? text : g_strdup ("[]");
}

/**
 * mysql_binlog_row_ref:
 * @row: a row
 *
 * Acquires a reference on @row.  Any thread may do so.
 *
 * Returns: (transfer full): @row
 *
 * Since: 1.0
 */
MysqlBinlogRow *
mysql_binlog_row_ref (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  g_atomic_ref_count_inc (&row->ref_count);
  return row;
}

/**
 * mysql_binlog_row_unref:
 * @row: (transfer full): a row
 *
 * Releases a reference on @row, and frees it when that was the last one.
 *
 * Since: 1.0
 */
void
mysql_binlog_row_unref (MysqlBinlogRow *row)
{
  g_return_if_fail (row != NULL);

  if (!g_atomic_ref_count_dec (&row->ref_count))
    return;

  if (row->block != NULL)
    {
      _mysql_binlog_row_block_release (row->block);
      return;
    }
  _mysql_binlog_table_unref (row->table);
  g_bytes_unref (row->bytes);
  g_free (row);
}

/**
 * mysql_binlog_row_get_schema:
 * @row: a row
 *
 * Gets the schema (database) of the row's table.
 *
 * Returns: (transfer none): the schema name
 *
 * Since: 1.0
 */
const char *
mysql_binlog_row_get_schema (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  return row->table->schema;
}

/**
 * mysql_binlog_row_get_table:
 * @row: a row
 *
 * Gets the name of the row's table.
 *
 * Returns: (transfer none): the table name
 *
 * Since: 1.0
 */
const char *
mysql_binlog_row_get_table (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  return row->table->name;
}

/**
 * mysql_binlog_row_get_timestamp:
 * @row: a row
 *
 * Gets the time of the event that carried the row: when the statement
 * started on the server that first ran it.
 *
 * Returns: seconds since 1970-01-01 00:00:00 UTC
 *
 * Since: 1.0
 */
guint32
mysql_binlog_row_get_timestamp (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, 0);

  return row->timestamp;
}

/**
 * mysql_binlog_row_get_n_columns:
 * @row: a row
 *
 * Gets the number of columns the row holds.  That is every column of the
 * table, unless the server logs minimal row images
 * (`binlog_row_image=MINIMAL`): then only the columns the event carries.
 *
 * Returns: the number of columns
 *
 * Since: 1.0
 */
guint
mysql_binlog_row_get_n_columns (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, 0);

  return row->n_cells;
}

/* The column of cell @column, for the column getters: NULL, with the
 * critical of a failed precondition under the public function's name
 * @func, when @row is NULL or @column is not below its number of
 * columns. */
static inline const MysqlBinlogColumn *
row_column_info (MysqlBinlogRow *row,
                 guint           column,
                 const char     *func)
{
  if (G_UNLIKELY (row == NULL))
    {
      g_return_if_fail_warning (G_LOG_DOMAIN, func, "row != NULL");
      return NULL;
    }
  if (G_UNLIKELY (column >= row->n_cells))
    {
      g_return_if_fail_warning (G_LOG_DOMAIN, func, "column < row->n_cells");
      return NULL;
    }
  return _mysql_binlog_row_cell_column (row, &row->cells[column]);
}

/**
 * mysql_binlog_row_get_column_name:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the name of a column.  Names come from the table map when the server
 * logs them (`binlog_row_metadata=FULL`), otherwise from the server's
 * `information_schema`; when neither is available, columns are named `@1`,
 * `@2`, ... by their position in the table.
 *
 * Returns: (transfer none): the column name
 *
 * Since: 1.0
 */
const char *
mysql_binlog_row_get_column_name (MysqlBinlogRow *row,
                                  guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->name : NULL;
}

/**
 * mysql_binlog_row_get_column_index:
 * @row: a row
 * @column_name: a column name
 *
 * Finds a column of the row by name.  Names are compared exactly.
 *
 * Returns: the index of the column, or -1 when the row holds no column of
 *   that name
 *
 * Since: 1.0
 */
int
mysql_binlog_row_get_column_index (MysqlBinlogRow *row,
                                   const char     *column_name)
{
  g_return_val_if_fail (row != NULL, -1);
  g_return_val_if_fail (column_name != NULL, -1);

  for (guint i = 0; i < row->n_cells; i++)
    if (strcmp (_mysql_binlog_row_cell_column (row, &row->cells[i])->name, column_name) == 0)
      return i;
  return -1;
}

/**
 * mysql_binlog_row_get_column_type:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the storage type of a column.  ENUM and SET columns, which the
 * binary log describes as CHAR, are reported as
 * %MYSQL_BINLOG_COLUMN_TYPE_ENUM and %MYSQL_BINLOG_COLUMN_TYPE_SET.
 *
 * Returns: the column type
 *
 * Since: 1.0
 */
MysqlBinlogColumnType
mysql_binlog_row_get_column_type (MysqlBinlogRow *row,
                                  guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->real_type : MYSQL_BINLOG_COLUMN_TYPE_NULL;
}

/**
 * mysql_binlog_row_get_column_type_string:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the [struct@GLib.Variant] type of a column's values, as a type
 * string: what [method@MysqlBinlog.Row.get_value] holds when the value is
 * not NULL (`x`, `t`, `d`, `s`, `ay`, `as` or `ad`; see the table above),
 * and `mv` for a column of the NULL type, whose values are all NULL.  It
 * is the same for every row of a table definition, so a binding can pick
 * the accessor of a column once, for instance for the columns of a
 * [struct@MysqlBinlog.RowBatch].
 *
 * Returns: (transfer none): the type string
 *
 * Since: 1.0
 */
const char *
mysql_binlog_row_get_column_type_string (MysqlBinlogRow *row,
                                         guint           column)
{
  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);

  switch (_mysql_binlog_value_kind (_mysql_binlog_row_cell_column (row, &row->cells[column])))
    {
    case MYSQL_BINLOG_VALUE_KIND_NONE:
      return "mv";
    case MYSQL_BINLOG_VALUE_KIND_INT64:
      return "x";
    case MYSQL_BINLOG_VALUE_KIND_UINT64:
      return "t";
    case MYSQL_BINLOG_VALUE_KIND_DOUBLE:
      return "d";
    case MYSQL_BINLOG_VALUE_KIND_BYTES:
      return "ay";
    case MYSQL_BINLOG_VALUE_KIND_STRV:
      return "as";
    case MYSQL_BINLOG_VALUE_KIND_DOUBLEV:
      return "ad";
    case MYSQL_BINLOG_VALUE_KIND_STRING:
    default:
      return "s";
    }
}

/**
 * mysql_binlog_row_get_column_type_strings:
 * @row: a row
 *
 * Gets the [method@MysqlBinlog.Row.get_column_type_string] of every column
 * of the row, in column order, in one call.
 *
 * Returns: (transfer full): the type strings
 *
 * Since: 1.0
 */
GStrv
mysql_binlog_row_get_column_type_strings (MysqlBinlogRow *row)
{
  GStrv types;

  g_return_val_if_fail (row != NULL, NULL);

  types = g_new (char *, row->n_cells + 1);
  for (guint i = 0; i < row->n_cells; i++)
    types[i] = g_strdup (mysql_binlog_row_get_column_type_string (row, i));
  types[row->n_cells] = NULL;
  return types;
}

/**
 * mysql_binlog_row_get_column_is_unsigned:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets whether a numeric column is UNSIGNED.
 *
 * Returns: %TRUE for UNSIGNED numeric columns
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_row_get_column_is_unsigned (MysqlBinlogRow *row,
                                         guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->is_unsigned != 0 : FALSE;
}

/**
 * mysql_binlog_row_is_null:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets whether a value is SQL NULL.
 *
 * Returns: %TRUE if the value is NULL
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_row_is_null (MysqlBinlogRow *row,
                          guint           column)
{
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (column < row->n_cells, FALSE);

  return row->cells[column].is_null;
}

static gboolean
type_is_integer (guint8 type)
{
  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
type_is_number (guint8 type)
{
  return type_is_integer (type) ||
         type == MYSQL_BINLOG_COLUMN_TYPE_FLOAT ||
         type == MYSQL_BINLOG_COLUMN_TYPE_DOUBLE ||
         type == MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL;
}

/**
 * mysql_binlog_row_get_int64:
 * @row: a row
 * @column: the index of a TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, YEAR,
 *   BIT, ENUM or SET column
 *
 * Gets an integer value.  A YEAR is the year (0 for the zero year), an ENUM
 * the 1-based index of its member (0 for the empty error value), a SET the
 * bitmask of its members (the first member is bit 0).
 *
 * Unsigned values above %G_MAXINT64 (BIGINT UNSIGNED, BIT(64), SET) are
 * clamped to %G_MAXINT64: read them with
 * [method@MysqlBinlog.Row.get_uint64] or [method@MysqlBinlog.Row.dup_string].
 *
 * Returns: the value, or 0 when it is NULL
 *
 * Since: 1.0
 */
gint64
mysql_binlog_row_get_int64 (MysqlBinlogRow *row,
                            guint           column)
{
  const MysqlBinlogCell *cell;
  const MysqlBinlogColumn *info;
  guint64 value;
  gboolean is_signed;

  g_return_val_if_fail (row != NULL, 0);
  g_return_val_if_fail (column < row->n_cells, 0);
  cell = &row->cells[column];
  info = _mysql_binlog_row_cell_column (row, cell);
  g_return_val_if_fail (type_is_integer (info->real_type), 0);

  if (cell->is_null ||
      !_mysql_binlog_value_read_integer (info, row->data + cell->offset, cell->length,
                                         &value, &is_signed))
    return 0;
  if (is_signed)
    return (gint64) value;
  return value > G_MAXINT64 ? G_MAXINT64 : (gint64) value;
}

/**
 * mysql_binlog_row_get_uint64:
 * @row: a row
 * @column: the index of an integer, YEAR, BIT, ENUM or SET column
 *
 * Gets an integer value as unsigned: meant for UNSIGNED columns, BIT and SET
 * bitmasks.  Negative values of signed columns are clamped to 0.
 *
 * Returns: the value, or 0 when it is NULL
 *
 * Since: 1.0
 */
guint64
mysql_binlog_row_get_uint64 (MysqlBinlogRow *row,
                             guint           column)
{
  const MysqlBinlogCell *cell;
  const MysqlBinlogColumn *info;
  guint64 value;
  gboolean is_signed;

  g_return_val_if_fail (row != NULL, 0);
  g_return_val_if_fail (column < row->n_cells, 0);
  cell = &row->cells[column];
  info = _mysql_binlog_row_cell_column (row, cell);
  g_return_val_if_fail (type_is_integer (info->real_type), 0);

  if (cell->is_null ||
      !_mysql_binlog_value_read_integer (info, row->data + cell->offset, cell->length,
                                         &value, &is_signed))
    return 0;
  if (is_signed && (gint64) value < 0)
    return 0;
  return value;
}

/**
 * mysql_binlog_row_get_double:
 * @row: a row
 * @column: the index of a FLOAT, DOUBLE, DECIMAL or integer column
 *
 * Gets a numeric value as a double.  DECIMAL values and integers beyond
 * 2^53 may lose precision: [method@MysqlBinlog.Row.dup_string] gives them
 * exactly.
 *
 * Returns: the value, or 0.0 when it is NULL
 *
 * Since: 1.0
 */
double
mysql_binlog_row_get_double (MysqlBinlogRow *row,
                             guint           column)
{
  const MysqlBinlogCell *cell;
  const MysqlBinlogColumn *info;
  double value;

  g_return_val_if_fail (row != NULL, 0.0);
  g_return_val_if_fail (column < row->n_cells, 0.0);
  cell = &row->cells[column];
  info = _mysql_binlog_row_cell_column (row, cell);
  g_return_val_if_fail (type_is_number (info->real_type), 0.0);

  if (cell->is_null ||
      !_mysql_binlog_value_get_double (info, row->data + cell->offset, cell->length, &value))
    return 0.0;
  return value;
}

/**
 * mysql_binlog_row_dup_string:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets any value as text, the way MySQL prints it:
 *
 * - integers and BIT in decimal, DECIMAL exactly (`-12.3400`);
 * - FLOAT and DOUBLE as the shortest text that reads back as the same
 *   float or double (`0.1`, `1e20`);
 * - text converted to UTF-8;
 * - binary strings, BLOB and GEOMETRY values as `0x` followed by their bytes
 *   in upper-case hexadecimal (`0x00FF`), so that no byte is lost;
 * - ENUM as the member's name (the empty string for the error value 0),
 *   SET as its members' names joined by `,` in definition order; when the
 *   members are not known, their 1-based numbers instead;
 * - YEAR with four digits, dates and times as MySQL prints them
 *   (`2024-02-29`, `-838:59:59`, `2024-02-29 13:45:00.123456`, zero dates
 *   as `0000-00-00`); TIMESTAMP in UTC;
 * - JSON as JSON text (a malformed binary JSON document gives `null`);
 * - VECTOR as a list of floats: `[1,2.5]`.
 *
 * Returns: (transfer full) (nullable): the value as UTF-8 text, or %NULL
 *   when it is NULL
 *
 * Since: 1.0
 */
char *
mysql_binlog_row_dup_string (MysqlBinlogRow *row,
                             guint           column)
{
  const MysqlBinlogCell *cell;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);
  cell = &row->cells[column];

  if (cell->is_null)
    return NULL;
  if (cell->is_json_diff)
    return _mysql_binlog_row_cell_json_diff (row, cell);
  return _mysql_binlog_value_to_string (_mysql_binlog_row_cell_column (row, cell),
                                        row->data + cell->offset, cell->length);
}

/**
 * mysql_binlog_row_format_value: (skip)
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 * @buffer: (nullable): where to write the text, or %NULL when @size is 0
 * @size: the size of @buffer in bytes
 *
 * Writes the text of a value, the same as
 * [method@MysqlBinlog.Row.dup_string] returns, into @buffer, as snprintf()
 * does: nul-terminated, and, when it is longer than @size - 1 bytes, cut
 * after the last whole UTF-8 character that fits in @size - 1 bytes (so a
 * cut text is valid UTF-8 too, and may be up to 3 bytes shorter than
 * @size - 1).  Values of every type, text of any character set, binary
 * values in hexadecimal and JSON included, are written into @buffer
 * without any allocation (but for gb18030 text, which goes through
 * iconv); with a buffer of 96 bytes no integer, BIT,
 * YEAR, DECIMAL, FLOAT, DOUBLE, date or time is cut.  A NULL value writes
 * the empty string: tell it from an empty value with
 * [method@MysqlBinlog.Row.is_null].
 *
 * Returns: the length of the whole text in bytes, without the nul, even
 *   when it was cut; when it is @size or more, the text was cut
 *
 * Since: 1.0
 */
gsize
mysql_binlog_row_format_value (MysqlBinlogRow *row,
                               guint           column,
                               char           *buffer,
                               gsize           size)
{
  const MysqlBinlogCell *cell;
  const MysqlBinlogColumn *info;
  MysqlBinlogTextSink out;

  g_return_val_if_fail (row != NULL, 0);
  g_return_val_if_fail (column < row->n_cells, 0);
  g_return_val_if_fail (buffer != NULL || size == 0, 0);
  cell = &row->cells[column];

  if (cell->is_null)
    {
      if (size > 0)
        buffer[0] = '\0';
      return 0;
    }

  if (G_UNLIKELY (cell->is_json_diff))
    {
      gsize offset, length;

      _mysql_binlog_text_sink_init_buffer (&out, buffer, size);
      /* Checked when the row was built: "[]" only as dup_string() gives it. */
      if (!_mysql_binlog_value_get_payload (_mysql_binlog_row_cell_column (row, cell),
                                            row->data + cell->offset, cell->length,
                                            &offset, &length) ||
          !_mysql_binlog_json_diff_write (row->data + cell->offset + offset, length, &out))
        _mysql_binlog_text_sink_append_len (&out, "[]", 2);
      return _mysql_binlog_text_sink_finish (&out);
    }

  info = _mysql_binlog_row_cell_column (row, cell);
  switch (info->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
      {
        /* Text that is plain ASCII as it is (and cut as it is), without
         * _mysql_binlog_value_format (), which formats none of these
         * types. */
        gssize length = _mysql_binlog_value_copy_short_text (info, row->data + cell->offset,
                                                             cell->length, buffer, size);

        if (length >= 0)
          return length;
        _mysql_binlog_text_sink_init_buffer (&out, buffer, size);
        _mysql_binlog_value_write_unformatted (info, row->data + cell->offset, cell->length,
                                               &out);
        return _mysql_binlog_text_sink_finish (&out);
      }
    default:
      break;
    }

  /* Numbers, DECIMAL, dates and times straight into @buffer when it is
   * large enough for any of them. */
  if (size >= MYSQL_BINLOG_VALUE_TEXT_SIZE)
    {
      gssize length = _mysql_binlog_value_format (info, row->data + cell->offset, cell->length,
                                                  buffer);
      if (length >= 0)
        return length;
      _mysql_binlog_text_sink_init_buffer (&out, buffer, size);
      _mysql_binlog_value_write_unformatted (info, row->data + cell->offset, cell->length, &out);
      return _mysql_binlog_text_sink_finish (&out);
    }

  _mysql_binlog_text_sink_init_buffer (&out, buffer, size);
  _mysql_binlog_value_write (info, row->data + cell->offset, cell->length, &out);
  return _mysql_binlog_text_sink_finish (&out);
}

GBytes *
_mysql_binlog_row_cell_payload_bytes (MysqlBinlogRow          *row,
                                      const MysqlBinlogCell   *cell,
                                      const MysqlBinlogColumn *info,
                                      gsize                    offset,
                                      gsize                    length)
{
  gsize padded_length = 0;
  guint8 *padded = _mysql_binlog_value_pad_binary (info, row->data + cell->offset + offset,
                                                   length, &padded_length);

  if (padded != NULL)
    return g_bytes_new_take (padded, padded_length);
  return g_bytes_new_from_bytes (row->bytes, cell->offset + offset, length);
}

/**
 * mysql_binlog_row_get_bytes:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the bytes of a string-like value as the server stored them, without
 * copying them: CHAR, VARCHAR and TEXT values in the column's character set,
 * BINARY, VARBINARY and BLOB values, GEOMETRY values (a 4-byte SRID, then
 * WKB), MySQL JSON values in MySQL's binary JSON format.
 *
 * The bytes share the memory of the event, which stays alive as long as
 * they do.  A BINARY(n) value comes padded with zero bytes to n bytes, as
 * a `SELECT` returns it (the server logs it without them).
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL when the value is
 *   NULL or the column is of another type
 *
 * Since: 1.0
 */
GBytes *
mysql_binlog_row_get_bytes (MysqlBinlogRow *row,
                            guint           column)
{
  const MysqlBinlogCell *cell;
  const MysqlBinlogColumn *info;
  gsize offset, length;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);
  cell = &row->cells[column];
  info = _mysql_binlog_row_cell_column (row, cell);

  if (cell->is_null || info->real_type == MYSQL_BINLOG_COLUMN_TYPE_VECTOR ||
      !_mysql_binlog_value_get_payload (info, row->data + cell->offset, cell->length,
                                        &offset, &length))
    return NULL;
  return _mysql_binlog_row_cell_payload_bytes (row, cell, info, offset, length);
}

/**
 * mysql_binlog_row_peek_bytes:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 * @length: (out): return location for the number of bytes
 *
 * Gets the bytes of a string-like value where they are in the event,
 * without allocating anything: the same bytes as
 * [method@MysqlBinlog.Row.get_bytes], for the columns it accepts, except
 * that a BINARY(n) value comes as the server logged it, without the
 * trailing zero bytes it leaves out.  The bytes are not nul-terminated.
 *
 * This is the fastest way to read CHAR, VARCHAR, TEXT, BINARY, VARBINARY
 * and BLOB values in C.  The bytes stay valid as long as @row: keep a
 * reference on it to use them after the signal handler that received it
 * returns.
 *
 * Returns: (transfer none) (array length=length) (nullable): the bytes
 *   (of @length bytes), or %NULL (with @length set to 0) when the value
 *   is NULL or the column is of another type
 *
 * Since: 1.0
 */
const guint8 *
mysql_binlog_row_peek_bytes (MysqlBinlogRow *row,
                             guint           column,
                             gsize          *length)
{
  const MysqlBinlogCell *cell;
  const MysqlBinlogColumn *info;
  gsize offset, payload_length;

  g_return_val_if_fail (length != NULL, NULL);
  *length = 0;
  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < row->n_cells, NULL);
  cell = &row->cells[column];
  info = _mysql_binlog_row_cell_column (row, cell);

  if (cell->is_null || info->real_type == MYSQL_BINLOG_COLUMN_TYPE_VECTOR ||
      !_mysql_binlog_value_get_payload (info, row->data + cell->offset, cell->length,
                                        &offset, &payload_length))
    return NULL;
  *length = payload_length;
  return row->data + cell->offset + offset;
}

/**
 * mysql_binlog_row_get_column_names:
 * @row: a row
 * @n_columns: (out): where to store the number of columns
 *
 * Gets the names of the row's columns, in column order, as
 * [method@MysqlBinlog.Row.get_column_name] gives them.  The array is also
 * %NULL-terminated; free it (not the names) with g_free().
 *
 * Returns: (transfer container) (array length=n_columns): the names
 *
 * Since: 1.0
 */
const char **
mysql_binlog_row_get_column_names (MysqlBinlogRow *row,
                                   guint          *n_columns)
{
  const char **names;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (n_columns != NULL, NULL);

  names = g_new (const char *, row->n_cells + 1);
  for (guint i = 0; i < row->n_cells; i++)
    names[i] = _mysql_binlog_row_cell_column (row, &row->cells[i])->name;
  names[row->n_cells] = NULL;
  *n_columns = row->n_cells;
  return names;
}

/**
 * mysql_binlog_row_is_primary_key:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets whether a column is part of its table's primary key.
 *
 * The binary log says so when the server writes
 * `binlog_row_metadata=FULL` (MySQL 8.0.1 and later, MariaDB 10.5 and
 * later).  Otherwise a live stream reads it from `information_schema`
 * (the columns whose `COLUMN_KEY` is `PRI`, which for a table without a
 * primary key can be a UNIQUE index over NOT NULL columns); a stream over
 * a file has no other source and knows no primary key.  See
 * [method@MysqlBinlog.Row.get_primary_key] to tell "not a key column" from
 * "not known".
 *
 * Returns: %TRUE when the column is known to be part of the primary key
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_row_is_primary_key (MysqlBinlogRow *row,
                                 guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->is_primary_key != 0 : FALSE;
}

/**
 * mysql_binlog_row_get_primary_key_prefix:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the length of the prefix of a primary key column that the key
 * covers, as in `PRIMARY KEY (name(10))`.  Only the binary log's metadata
 * gives it; columns read from `information_schema` report 0.
 *
 * Returns: the prefix length in characters, or 0 when the key covers the
 *   whole column, the column is not part of the key, or it is not known
 *
 * Since: 1.0
 */
guint
mysql_binlog_row_get_primary_key_prefix (MysqlBinlogRow *row,
                                         guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL && info->is_primary_key ? info->key_prefix : 0;
}

/**
 * mysql_binlog_row_get_primary_key:
 * @row: a row
 *
 * Gets the names of the columns of the primary key of the row's table, in
 * table order, whether or not the row holds them (with
 * `binlog_row_image=MINIMAL` an after image may not).
 *
 * The result is %NULL when the primary key is not known: the binary log
 * has no primary key metadata (`binlog_row_metadata` is `MINIMAL` or
 * `NO_LOG`, or a server older than MySQL 8.0.1 or MariaDB 10.5 wrote it)
 * and the stream reads a file, or `information_schema` did not describe
 * the table as the event did.  It is an empty array for a table known to
 * have no primary key.  Some bindings turn %NULL into an empty list: there,
 * [method@MysqlBinlog.Row.is_primary_key_known] tells the two apart.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the
 *   primary key's column names, or %NULL
 *
 * Since: 1.0
 */
const char * const *
mysql_binlog_row_get_primary_key (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  return _mysql_binlog_table_get_primary_key_names (row->table);
}

/**
 * mysql_binlog_row_is_primary_key_known:
 * @row: a row
 *
 * Gets whether the primary key of the row's table is known, that is
 * whether [method@MysqlBinlog.Row.get_primary_key] returns a list (empty
 * for a table without a primary key) rather than %NULL.  See there for
 * where the key comes from.
 *
 * Returns: %TRUE when the primary key is known
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_row_is_primary_key_known (MysqlBinlogRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  return _mysql_binlog_table_get_primary_key_names (row->table) != NULL;
}

/**
 * mysql_binlog_row_get_column_is_invisible:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets whether a column is INVISIBLE (MySQL 8.0.23 and later), as the
 * binary log's `binlog_row_metadata=FULL` metadata says.  Invisible
 * columns are in the rows like any other.
 *
 * Returns: %TRUE when the column is known to be invisible
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_row_get_column_is_invisible (MysqlBinlogRow *row,
                                          guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->is_invisible != 0 : FALSE;
}

/**
 * mysql_binlog_row_get_column_geometry_type:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the declared type of a GEOMETRY column from the binary log's
 * metadata, with the values of MySQL's `geometry_type`: 0 GEOMETRY,
 * 1 POINT, 2 LINESTRING, 3 POLYGON, 4 MULTIPOINT, 5 MULTILINESTRING,
 * 6 MULTIPOLYGON, 7 GEOMETRYCOLLECTION.
 *
 * Returns: the geometry type, 0 for other columns or when not known
 *
 * Since: 1.0
 */
guint
mysql_binlog_row_get_column_geometry_type (MysqlBinlogRow *row,
                                           guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->geometry_type : 0;
}

/**
 * mysql_binlog_row_get_column_vector_dimensions:
 * @row: a row
 * @column: a column index, below [method@MysqlBinlog.Row.get_n_columns]
 *
 * Gets the number of dimensions of a VECTOR column (MySQL 9), as the
 * binary log's metadata declares it.
 *
 * Returns: the number of floats of the column, 0 for other columns or when
 *   not known
 *
 * Since: 1.0
 */
guint
mysql_binlog_row_get_column_vector_dimensions (MysqlBinlogRow *row,
                                               guint           column)
{
  const MysqlBinlogColumn *info = row_column_info (row, column, G_STRFUNC);

  return info != NULL ? info->vector_dimensions : 0;
}
