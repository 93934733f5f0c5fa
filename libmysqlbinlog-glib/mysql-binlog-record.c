/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-record.h"
#include "mysql-binlog-record-private.h"

/**
 * MysqlBinlogRecord:
 *
 * One row of a table as an object: the items of a
 * [class@MysqlBinlog.TableModel].
 *
 * A [struct@MysqlBinlog.Row] is an immutable boxed value, which a
 * [iface@Gio.ListModel] cannot hold; a record holds the current row of one
 * primary key and replaces it when the row is updated, notifying
 * [property@MysqlBinlog.Record:row], so a widget bound to the record (a
 * `GtkColumnView` cell, a `GtkExpression` on `row`) follows the change.
 *
 * ```c
 * static void
 * bind_total (GtkSignalListItemFactory *factory,
 *             GtkListItem              *item,
 *             gpointer                  user_data)
 * {
 *   MysqlBinlogRecord *record = gtk_list_item_get_item (item);
 *   g_autofree char *text = mysql_binlog_record_dup_string (record, "total");
 *
 *   gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
 *                       text != NULL ? text : "NULL");
 * }
 * ```
 *
 * A record changes on the thread that emits the stream's signals: with
 * [method@MysqlBinlog.Stream.run_async], the main context that was the
 * thread default when the stream was created.
 *
 * Since: 1.0
 */

struct _MysqlBinlogRecord
{
  GObject parent_instance;

  MysqlBinlogRow *row;
};

enum {
  PROP_0,
  PROP_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MysqlBinlogRecord, mysql_binlog_record, G_TYPE_OBJECT)

static void
mysql_binlog_record_finalize (GObject *object)
{
  MysqlBinlogRecord *self = MYSQL_BINLOG_RECORD (object);

  g_clear_pointer (&self->row, mysql_binlog_row_unref);

  G_OBJECT_CLASS (mysql_binlog_record_parent_class)->finalize (object);
}

static void
mysql_binlog_record_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MysqlBinlogRecord *self = MYSQL_BINLOG_RECORD (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_boxed (value, self->row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_record_class_init (MysqlBinlogRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mysql_binlog_record_finalize;
  object_class->get_property = mysql_binlog_record_get_property;

  /**
   * MysqlBinlogRecord:row: (getter get_row)
   *
   * The current row: the one last inserted, updated to or read for the
   * record's primary key.  Notified when an update replaces it.
   *
   * Since: 1.0
   */
  properties[PROP_ROW] =
    g_param_spec_boxed ("row", NULL, NULL, MYSQL_BINLOG_TYPE_ROW,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mysql_binlog_record_init (MysqlBinlogRecord *self)
{
}

MysqlBinlogRecord *
_mysql_binlog_record_new (MysqlBinlogRow *row)
{
  MysqlBinlogRecord *self = g_object_new (MYSQL_BINLOG_TYPE_RECORD, NULL);

  self->row = mysql_binlog_row_ref (row);
  return self;
}

void
_mysql_binlog_record_set_row (MysqlBinlogRecord *record,
                              MysqlBinlogRow    *row)
{
  MysqlBinlogRow *old = record->row;

  record->row = mysql_binlog_row_ref (row);
  g_clear_pointer (&old, mysql_binlog_row_unref);
  g_object_notify_by_pspec (G_OBJECT (record), properties[PROP_ROW]);
}

/**
 * mysql_binlog_record_get_row: (get-property row)
 * @record: a record
 *
 * Gets the record's current row.  An update replaces it: keep a reference
 * on the row to use it after the record changed.
 *
 * Returns: (transfer none) (nullable): the row; %NULL only for a record
 *   not made by a [class@MysqlBinlog.TableModel]
 *
 * Since: 1.0
 */
MysqlBinlogRow *
mysql_binlog_record_get_row (MysqlBinlogRecord *record)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_RECORD (record), NULL);

  return record->row;
}

/**
 * mysql_binlog_record_get_value:
 * @record: a record
 * @column_name: a column name
 *
 * Gets the value of a column of the current row by name, as
 * [method@MysqlBinlog.Row.lookup] does: SQL NULL is a maybe variant
 * holding nothing (`mv`), and a column the row does not hold (there is no
 * such column, or the row's table no longer has it) gives %NULL.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when the row
 *   holds no column of that name
 *
 * Since: 1.0
 */
GVariant *
mysql_binlog_record_get_value (MysqlBinlogRecord *record,
                               const char        *column_name)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_RECORD (record), NULL);
  g_return_val_if_fail (column_name != NULL, NULL);

  if (record->row == NULL)
    return NULL;
  return mysql_binlog_row_lookup (record->row, column_name);
}

/**
 * mysql_binlog_record_dup_string:
 * @record: a record
 * @column_name: a column name
 *
 * Gets the text of a value of the current row, what
 * [method@MysqlBinlog.Row.dup_string] gives and the command-line tool
 * prints: for a `GtkLabel`.  SQL NULL gives %NULL, and so does a column the
 * row does not hold; [method@MysqlBinlog.Record.get_value] tells the two
 * apart.
 *
 * Returns: (transfer full) (nullable): the value as UTF-8 text, or %NULL
 *   when it is NULL or the row holds no column of that name
 *
 * Since: 1.0
 */
char *
mysql_binlog_record_dup_string (MysqlBinlogRecord *record,
                                const char        *column_name)
{
  int index;

  g_return_val_if_fail (MYSQL_BINLOG_IS_RECORD (record), NULL);
  g_return_val_if_fail (column_name != NULL, NULL);

  if (record->row == NULL)
    return NULL;
  index = mysql_binlog_row_get_column_index (record->row, column_name);
  if (index < 0)
    return NULL;
  return mysql_binlog_row_dup_string (record->row, index);
}
