/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-table-model.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-name-private.h"
#include "mysql-binlog-record-private.h"
#include "mysql-binlog-row-private.h"

/**
 * MysqlBinlogTableModel:
 *
 * The current rows of one table as a [iface@Gio.ListModel] of
 * [class@MysqlBinlog.Record], kept current by a stream's changes.
 *
 * The model listens to the `rows-inserted`, `rows-updated` and
 * `rows-deleted` signals of its [property@MysqlBinlog.TableModel:stream]
 * for its [property@MysqlBinlog.TableModel:schema-table], and keys the rows
 * by the table's primary key:
 *
 * - an inserted row is appended as a new record (a row whose key the model
 *   already holds updates that record instead);
 * - an updated row replaces the row of its record, which notifies
 *   [property@MysqlBinlog.Record:row]; the model emits no
 *   [signal@Gio.ListModel::items-changed] for it, unless the update changed
 *   the primary key: then the record, at the same position, is reported as
 *   replaced, `items-changed (position, 1, 1)`, so that a sorter or filter
 *   on top sees it again.  An update of a row the model does not hold (it
 *   was inserted before the model started) appends it;
 * - a deleted row removes its record, `items-changed (position, 1, 0)`.
 *
 * Records stay in the order their keys first appeared, oldest first.  With
 * [property@MysqlBinlog.TableModel:max-items] the model holds at most that
 * many records: appending one more removes the oldest first.  Each change
 * is one `items-changed` emission, made once the model is consistent, so a
 * `GtkSortListModel` or `GtkFilterListModel` on top never sees a position
 * out of range.  Looking a key up costs the same for any number of rows,
 * and a change at any position costs O(log n).
 *
 * The model holds the rows changed since the stream started, plus, when
 * the stream reads a snapshot of the table first, the snapshot's rows
 * (`rows-read`, taken as inserts).  A `TRUNCATE`, `DROP`, `RENAME` or
 * `CREATE` of the table, which the binary log carries as a statement, not
 * as rows, empties the model when the stream reports it
 * (`schema-changed`); an `ALTER TABLE` keeps the records, with the rows
 * they had (their values as the table had them before the change).  It
 * changes on the thread that emits the stream's signals: with
 * [method@MysqlBinlog.Stream.run_async], the main context that was the
 * thread default when the stream was created, which is where a GTK
 * application wants it.
 *
 * The model needs whole rows keyed by a primary key.  At the first row of
 * a table without a primary key (or whose primary key is not known), or a
 * row image that lacks columns (`binlog_row_image` other than `FULL`, or a
 * partial JSON update), it fails the stream's run with that error, through
 * [method@MysqlBinlog.Stream.fail], so the run ends with it rather than the
 * model silently holding wrong rows; [method@MysqlBinlog.TableModel.get_error]
 * gives it too, and the model then changes no more.
 *
 * The model holds only a weak reference on the stream: keep the stream
 * alive as long as it runs.
 *
 * ```c
 * g_autoptr(MysqlBinlogTableModel) orders =
 *   mysql_binlog_table_model_new (stream, "shop.orders");
 * GtkSortListModel *sorted =
 *   gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (orders)), sorter);
 *
 * mysql_binlog_stream_run_async (stream, NULL, on_run_done, app);
 * ```
 *
 * In Python:
 *
 * ```python
 * orders = MysqlBinlog.TableModel.new(stream, 'shop.orders')
 * orders.connect('items-changed', lambda m, pos, removed, added: print(m.get_n_items()))
 * for record in orders:
 *     print(record.dup_string('id'), record.get_value('total').unpack())
 * ```
 *
 * Since: 1.0
 */

typedef struct
{
  MysqlBinlogRecord *record;
  GBytes            *key;     /* owned; the hash table's key points here */
} Item;

struct _MysqlBinlogTableModel
{
  GObject parent_instance;

  GWeakRef    stream;
  char       *schema_table;   /* as _mysql_binlog_name_qualify() writes it */
  char       *schema;         /* its parts; NULL: schema_table is not a table name */
  char       *table;
  guint       max_items;

  GSequence  *items;    /* of Item, oldest first */
  GHashTable *by_key;   /* GBytes key -> GSequenceIter of its item */

  gulong      handlers[5];
  gboolean    read_filtered;  /* rows-read is not detailed: compare tables */
  GError     *error;
};

enum {
  PROP_0,
  PROP_STREAM,
  PROP_SCHEMA_TABLE,
  PROP_MAX_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mysql_binlog_table_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MysqlBinlogTableModel, mysql_binlog_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mysql_binlog_table_model_list_model_init))

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->record);
  g_clear_pointer (&item->key, g_bytes_unref);
  g_free (item);
}

/* GListModel */

static GType
table_model_get_item_type (GListModel *list)
{
  return MYSQL_BINLOG_TYPE_RECORD;
}

static guint
table_model_get_n_items (GListModel *list)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (list);

  return (guint) g_sequence_get_length (self->items);
}

static gpointer
table_model_get_item (GListModel *list,
                      guint       position)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (list);
  GSequenceIter *iter;

  if (position >= (guint) g_sequence_get_length (self->items))
    return NULL;
  iter = g_sequence_get_iter_at_pos (self->items, (int) position);
  return g_object_ref (((Item *) g_sequence_get (iter))->record);
}

static void
mysql_binlog_table_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = table_model_get_item_type;
  iface->get_n_items = table_model_get_n_items;
  iface->get_item = table_model_get_item;
}

/* Keys and checks */

/* Fails the model with @error (transfer full): it keeps the error, changes
 * no more, and ends the stream's run with it. */
static void
table_model_fail (MysqlBinlogTableModel *self,
                  MysqlBinlogStream     *stream,
                  GError                *error)
{
  if (self->error != NULL)
    {
      g_error_free (error);
      return;
    }
  self->error = error;
  mysql_binlog_stream_fail (stream, self->error);
}

/* The primary key of @row as bytes that compare equal exactly when the
 * keys are equal: for each key column, its stored bytes for string-like
 * columns (exact, whatever the character set), its text for the others
 * (the same for an INT and the BIGINT an ALTER TABLE made of it), each
 * with its length.  NULL with an error when the table has no primary key,
 * it is not known, or @row lacks a key column. */
static GBytes *
row_key (MysqlBinlogTableModel  *self,
         MysqlBinlogRow         *row,
         GError                **error)
{
  const char * const *names = mysql_binlog_row_get_primary_key (row);
  g_autoptr(GByteArray) key = NULL;

  if (names == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "The primary key of table %s is not known (the binary log carries no "
                   "primary key metadata and the server did not describe the table), "
                   "so a table model cannot key its rows",
                   self->schema_table);
      return NULL;
    }
  if (names[0] == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "Table %s has no primary key: a table model keys its rows by the "
                   "primary key",
                   self->schema_table);
      return NULL;
    }

  key = g_byte_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      int column = mysql_binlog_row_get_column_index (row, names[i]);
      const guint8 *bytes;
      g_autofree char *text = NULL;
      gsize length = 0;
      guint32 framed;
      guint8 kind;

      if (column < 0)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "A row image of table %s lacks its primary key column %s: "
                       "a table model needs it to key the row",
                       self->schema_table, names[i]);
          return NULL;
        }
      bytes = mysql_binlog_row_peek_bytes (row, column, &length);
      if (bytes != NULL)
        kind = 'b';
      else if ((text = mysql_binlog_row_dup_string (row, column)) != NULL)
        {
          kind = 't';
          bytes = (const guint8 *) text;
          length = strlen (text);
        }
      else
        kind = 'n';
      framed = (guint32) length;
      g_byte_array_append (key, &kind, 1);
      g_byte_array_append (key, (const guint8 *) &framed, sizeof framed);
      if (length > 0)
        g_byte_array_append (key, bytes, length);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&key));
}

/* Whether @row holds every column of its table, each a whole value: what
 * a record needs to be the table's row. */
static gboolean
row_is_whole (MysqlBinlogTableModel  *self,
              MysqlBinlogRow         *row,
              GError                **error)
{
  if (row->n_cells != row->table->n_columns)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "A row image of table %s holds %u of its %u columns (the server "
                   "does not log with binlog_row_image=FULL): a table model needs "
                   "whole rows",
                   self->schema_table, row->n_cells, row->table->n_columns);
      return FALSE;
    }
  for (guint i = 0; i < row->n_cells; i++)
    if (row->cells[i].is_json_diff)
      {
        g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                     "A row image of table %s holds a partial JSON update of column %s "
                     "(binlog_row_value_options=PARTIAL_JSON): a table model needs "
                     "whole values",
                     self->schema_table, mysql_binlog_row_get_column_name (row, i));
        return FALSE;
      }
  return TRUE;
}

/* Changes */

static guint
item_position (GSequenceIter *iter)
{
  return (guint) g_sequence_iter_get_position (iter);
}

static void
remove_iter (MysqlBinlogTableModel *self,
             GSequenceIter         *iter)
{
  Item *item = g_sequence_get (iter);
  guint position = item_position (iter);

  g_hash_table_remove (self->by_key, item->key);
  g_sequence_remove (iter);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* Removes the oldest records beyond max-items, as one change. */
static void
evict (MysqlBinlogTableModel *self)
{
  guint n = (guint) g_sequence_get_length (self->items);
  guint removed = 0;

  if (self->max_items == 0 || n <= self->max_items)
    return;
  while (n - removed > self->max_items)
    {
      GSequenceIter *first = g_sequence_get_begin_iter (self->items);
      Item *item = g_sequence_get (first);

      g_hash_table_remove (self->by_key, item->key);
      g_sequence_remove (first);
      removed++;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}

static void
append (MysqlBinlogTableModel *self,
        MysqlBinlogRow        *row,
        GBytes                *key)
{
  Item *item = g_new0 (Item, 1);
  GSequenceIter *iter;

  item->record = _mysql_binlog_record_new (row);
  item->key = g_bytes_ref (key);
  iter = g_sequence_append (self->items, item);
  g_hash_table_insert (self->by_key, item->key, iter);
  g_list_model_items_changed (G_LIST_MODEL (self), item_position (iter), 0, 1);
  evict (self);
}

/* An inserted row, or one a snapshot read: a new record, or the new row of
 * the record of its key. */
static void
upsert (MysqlBinlogTableModel *self,
        MysqlBinlogStream     *stream,
        MysqlBinlogRow        *row)
{
  g_autoptr(GBytes) key = NULL;
  GError *error = NULL;
  GSequenceIter *iter;

  if (self->error != NULL)
    return;
  if (!row_is_whole (self, row, &error) || (key = row_key (self, row, &error)) == NULL)
    {
      table_model_fail (self, stream, error);
      return;
    }

  iter = g_hash_table_lookup (self->by_key, key);
  if (iter != NULL)
    _mysql_binlog_record_set_row (((Item *) g_sequence_get (iter))->record, row);
  else
    append (self, row, key);
}

static void
on_rows_inserted (MysqlBinlogStream     *stream,
                  MysqlBinlogRow        *row,
                  MysqlBinlogTableModel *self)
{
  upsert (self, stream, row);
}

static void
on_rows_read (MysqlBinlogStream     *stream,
              MysqlBinlogRow        *row,
              MysqlBinlogTableModel *self)
{
  if (self->read_filtered)
    {
      if (g_strcmp0 (self->schema, mysql_binlog_row_get_schema (row)) != 0 ||
          g_strcmp0 (self->table, mysql_binlog_row_get_table (row)) != 0)
        return;
    }
  upsert (self, stream, row);
}

static void
on_rows_updated (MysqlBinlogStream     *stream,
                 MysqlBinlogRow        *before,
                 MysqlBinlogRow        *after,
                 MysqlBinlogTableModel *self)
{
  g_autoptr(GBytes) old_key = NULL;
  g_autoptr(GBytes) new_key = NULL;
  GError *error = NULL;
  GSequenceIter *iter, *taken;
  Item *item;

  if (self->error != NULL)
    return;
  if ((old_key = row_key (self, before, &error)) == NULL ||
      !row_is_whole (self, after, &error) ||
      (new_key = row_key (self, after, &error)) == NULL)
    {
      table_model_fail (self, stream, error);
      return;
    }

  iter = g_hash_table_lookup (self->by_key, old_key);
  if (iter == NULL)
    {
      /* A row from before the model started. */
      upsert (self, stream, after);
      return;
    }
  item = g_sequence_get (iter);
  if (g_bytes_equal (old_key, new_key))
    {
      _mysql_binlog_record_set_row (item->record, after);
      return;
    }

  /* The primary key changed.  A record the model holds under the new key
   * is gone from the table (the server refuses a duplicate key), though
   * its delete did not reach the model: it goes first. */
  taken = g_hash_table_lookup (self->by_key, new_key);
  if (taken != NULL)
    remove_iter (self, taken);

  g_hash_table_remove (self->by_key, item->key);
  g_bytes_unref (item->key);
  item->key = g_bytes_ref (new_key);
  g_hash_table_insert (self->by_key, item->key, iter);
  _mysql_binlog_record_set_row (item->record, after);
  g_list_model_items_changed (G_LIST_MODEL (self), item_position (iter), 1, 1);
}

static void
on_rows_deleted (MysqlBinlogStream     *stream,
                 MysqlBinlogRow        *row,
                 MysqlBinlogTableModel *self)
{
  g_autoptr(GBytes) key = NULL;
  GError *error = NULL;
  GSequenceIter *iter;

  if (self->error != NULL)
    return;
  if ((key = row_key (self, row, &error)) == NULL)
    {
      table_model_fail (self, stream, error);
      return;
    }
  iter = g_hash_table_lookup (self->by_key, key);
  if (iter != NULL)
    remove_iter (self, iter);
}

/* Removes every record, as one change. */
static void
clear (MysqlBinlogTableModel *self)
{
  guint n = (guint) g_sequence_get_length (self->items);

  if (n == 0)
    return;
  g_hash_table_remove_all (self->by_key);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->items),
                           g_sequence_get_end_iter (self->items));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

/* The next word of @text at *@cursor, past blanks and comments, as an
 * upper-case copy; "" at the end. */
static char *
next_word (const char  *text,
           const char **cursor)
{
  const char *p = *cursor, *start;

  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          p = end != NULL ? end + 2 : p + strlen (p);
        }
      else if ((p[0] == '-' && p[1] == '-') || p[0] == '#')
        p += strcspn (p, "\n");
      else
        break;
    }
  start = p;
  while (g_ascii_isalpha (*p) || *p == '_')
    p++;
  *cursor = p;
  return g_ascii_strup (start, p - start);
}

/* Whether DDL @statement on the model's table leaves its rows in place:
 * an ALTER TABLE that does not rename it, or an index created or dropped.
 * A TRUNCATE, a DROP, a RENAME, a CREATE (OR REPLACE) leave the table
 * empty or gone under its name. */
static gboolean
statement_keeps_rows (const char *statement)
{
  const char *cursor = statement;
  g_autofree char *first = next_word (statement, &cursor);
  g_autofree char *second = next_word (statement, &cursor);

  if (strcmp (first, "ALTER") == 0)
    {
      /* ALTER [ONLINE] [IGNORE] TABLE t ... RENAME [TO|AS] ... */
      for (;;)
        {
          g_autofree char *word = NULL;

          if (*cursor == '\0')
            return TRUE;
          word = next_word (statement, &cursor);
          if (strcmp (word, "RENAME") == 0)
            return FALSE;
          if (*word == '\0' && *cursor != '\0')
            cursor++;   /* a name, a number, a quote, a parenthesis */
        }
    }
  if (strcmp (first, "CREATE") == 0 || strcmp (first, "DROP") == 0)
    {
      /* CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX, DROP INDEX */
      if (strcmp (second, "UNIQUE") == 0 || strcmp (second, "FULLTEXT") == 0 ||
          strcmp (second, "SPATIAL") == 0)
        {
          g_free (second);
          second = next_word (statement, &cursor);
        }
      if (strcmp (second, "OR") == 0)
        return FALSE;   /* CREATE OR REPLACE TABLE */
      return strcmp (second, "INDEX") == 0;
    }
  return strcmp (first, "TRUNCATE") != 0 && strcmp (first, "RENAME") != 0;
}

static void
on_schema_changed (MysqlBinlogStream     *stream,
                   const char            *schema_table,
                   const char            *statement,
                   MysqlBinlogTableModel *self)
{
  if (self->error != NULL || g_strcmp0 (schema_table, self->schema_table) != 0)
    return;
  if (statement == NULL || !statement_keeps_rows (statement))
    clear (self);
}

/* GObject */

static void
connect_stream (MysqlBinlogTableModel *self,
                MysqlBinlogStream     *stream)
{
  static const struct {
    const char *name;
    GCallback   handler;
  } signals[] = {
    { "rows-inserted", G_CALLBACK (on_rows_inserted) },
    { "rows-updated", G_CALLBACK (on_rows_updated) },
    { "rows-deleted", G_CALLBACK (on_rows_deleted) },
    /* Emitted by a stream that reads a snapshot of its tables first. */
    { "rows-read", G_CALLBACK (on_rows_read) },
    /* Emitted by a stream that follows its tables' definitions. */
    { "schema-changed", G_CALLBACK (on_schema_changed) },
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (signals) == G_N_ELEMENTS (self->handlers));

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      guint id = g_signal_lookup (signals[i].name, MYSQL_BINLOG_TYPE_STREAM);
      g_autofree char *detailed = NULL;
      GSignalQuery query;

      if (id == 0)
        continue;
      g_signal_query (id, &query);
      if ((signals[i].handler == G_CALLBACK (on_rows_read) &&
           (query.n_params != 1 ||
            (query.param_types[0] & ~G_SIGNAL_TYPE_STATIC_SCOPE) != MYSQL_BINLOG_TYPE_ROW)) ||
          (signals[i].handler == G_CALLBACK (on_schema_changed) &&
           (query.n_params != 2 ||
            (query.param_types[0] & ~G_SIGNAL_TYPE_STATIC_SCOPE) != G_TYPE_STRING ||
            (query.param_types[1] & ~G_SIGNAL_TYPE_STATIC_SCOPE) != G_TYPE_STRING)))
        {
          g_warning ("MysqlBinlogStream::%s has other arguments than a table model "
                     "knows: the model of %s leaves it out", signals[i].name,
                     self->schema_table);
          continue;
        }
      if (query.signal_flags & G_SIGNAL_DETAILED)
        detailed = g_strdup_printf ("%s::%s", signals[i].name, self->schema_table);
      else
        {
          /* The handlers compare the table. */
          detailed = g_strdup (signals[i].name);
          if (signals[i].handler == G_CALLBACK (on_rows_read))
            self->read_filtered = TRUE;
        }
      self->handlers[i] = g_signal_connect (stream, detailed, signals[i].handler, self);
    }
}

static void
mysql_binlog_table_model_constructed (GObject *object)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (object);
  g_autoptr(MysqlBinlogStream) stream = g_weak_ref_get (&self->stream);

  G_OBJECT_CLASS (mysql_binlog_table_model_parent_class)->constructed (object);

  if (stream == NULL || self->schema_table == NULL)
    {
      g_critical ("A MysqlBinlogTableModel needs a stream and a schema-table");
      return;
    }
  if (self->schema == NULL)
    {
      g_critical ("A MysqlBinlogTableModel of “%s”, which is not a table name schema.table "
                  "(a part with a dot, a backquote, `*` or `?` is written in backquotes, as "
                  "x.`y.z`): it follows no table", self->schema_table);
      return;
    }
  connect_stream (self, stream);
}

static void
mysql_binlog_table_model_dispose (GObject *object)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (object);
  g_autoptr(MysqlBinlogStream) stream = g_weak_ref_get (&self->stream);

  /* A stream already gone took its handlers with it. */
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    {
      if (stream != NULL && self->handlers[i] != 0)
        g_signal_handler_disconnect (stream, self->handlers[i]);
      self->handlers[i] = 0;
    }
  g_weak_ref_set (&self->stream, NULL);

  G_OBJECT_CLASS (mysql_binlog_table_model_parent_class)->dispose (object);
}

static void
mysql_binlog_table_model_finalize (GObject *object)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (object);

  g_weak_ref_clear (&self->stream);
  g_clear_pointer (&self->schema_table, g_free);
  g_clear_pointer (&self->schema, g_free);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->items, g_sequence_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mysql_binlog_table_model_parent_class)->finalize (object);
}

static void
mysql_binlog_table_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_take_object (value, g_weak_ref_get (&self->stream));
      break;
    case PROP_SCHEMA_TABLE:
      g_value_set_string (value, self->schema_table);
      break;
    case PROP_MAX_ITEMS:
      g_value_set_uint (value, self->max_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_table_model_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MysqlBinlogTableModel *self = MYSQL_BINLOG_TABLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_weak_ref_set (&self->stream, g_value_get_object (value));
      break;
    case PROP_SCHEMA_TABLE:
      g_clear_pointer (&self->schema_table, g_free);
      g_clear_pointer (&self->schema, g_free);
      g_clear_pointer (&self->table, g_free);
      /* The spelling of the stream's details, whichever one was given. */
      if (g_value_get_string (value) != NULL &&
          _mysql_binlog_name_split (g_value_get_string (value), &self->schema, &self->table))
        self->schema_table = _mysql_binlog_name_qualify (self->schema, self->table);
      else
        self->schema_table = g_value_dup_string (value);
      break;
    case PROP_MAX_ITEMS:
      mysql_binlog_table_model_set_max_items (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_table_model_class_init (MysqlBinlogTableModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mysql_binlog_table_model_constructed;
  object_class->dispose = mysql_binlog_table_model_dispose;
  object_class->finalize = mysql_binlog_table_model_finalize;
  object_class->get_property = mysql_binlog_table_model_get_property;
  object_class->set_property = mysql_binlog_table_model_set_property;

  /**
   * MysqlBinlogTableModel:stream:
   *
   * The stream whose changes the model follows.  The model holds a weak
   * reference on it: once the stream is finalized, the property is %NULL
   * and the model changes no more.
   *
   * Since: 1.0
   */
  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL, MYSQL_BINLOG_TYPE_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogTableModel:schema-table: (getter get_schema_table)
   *
   * The table, as `schema.table`: the detail of the stream's signals.  A
   * part that is empty or contains a dot, a backquote, `*` or `?` is
   * written in backquotes with its backquotes doubled (`` x.`y.z` ``,
   * `` `x.y`.z ``); a part may be in backquotes when it need not be.  The
   * property reads as the stream's details spell the table
   * (`` `shop`.`orders` `` reads as `shop.orders`).
   *
   * Since: 1.0
   */
  properties[PROP_SCHEMA_TABLE] =
    g_param_spec_string ("schema-table", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogTableModel:max-items: (getter get_max_items) (setter set_max_items)
   *
   * The most records the model holds, 0 for no bound.  Beyond it the
   * oldest records (those whose key appeared first) are removed first.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_ITEMS] =
    g_param_spec_uint ("max-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mysql_binlog_table_model_init (MysqlBinlogTableModel *self)
{
  g_weak_ref_init (&self->stream, NULL);
  self->items = g_sequence_new (item_free);
  self->by_key = g_hash_table_new (g_bytes_hash, g_bytes_equal);
}

/**
 * mysql_binlog_table_model_new:
 * @stream: the stream whose changes the model follows
 * @schema_table: the table, as `schema.table`, a part with a dot or a
 *   backquote in backquotes (see #MysqlBinlogTableModel:schema-table)
 *
 * Creates a model of the current rows of @schema_table, kept current by
 * the changes @stream delivers from now on.
 *
 * Returns: (transfer full): a new table model
 *
 * Since: 1.0
 */
MysqlBinlogTableModel *
mysql_binlog_table_model_new (MysqlBinlogStream *stream,
                              const char        *schema_table)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  g_return_val_if_fail (schema_table != NULL, NULL);

  return g_object_new (MYSQL_BINLOG_TYPE_TABLE_MODEL,
                       "stream", stream,
                       "schema-table", schema_table,
                       NULL);
}

/**
 * mysql_binlog_table_model_get_schema_table: (get-property schema-table)
 * @model: a table model
 *
 * Gets the table of the model.
 *
 * Returns: (transfer none): the table, as `schema.table`
 *
 * Since: 1.0
 */
const char *
mysql_binlog_table_model_get_schema_table (MysqlBinlogTableModel *model)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_TABLE_MODEL (model), NULL);

  return model->schema_table;
}

/**
 * mysql_binlog_table_model_get_max_items: (get-property max-items)
 * @model: a table model
 *
 * Gets the most records the model holds.
 *
 * Returns: the bound, 0 for none
 *
 * Since: 1.0
 */
guint
mysql_binlog_table_model_get_max_items (MysqlBinlogTableModel *model)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_TABLE_MODEL (model), 0);

  return model->max_items;
}

/**
 * mysql_binlog_table_model_set_max_items: (set-property max-items)
 * @model: a table model
 * @max_items: the most records to hold, 0 for no bound
 *
 * Bounds the number of records.  A model that holds more removes its
 * oldest records at once, as one [signal@Gio.ListModel::items-changed].
 *
 * Since: 1.0
 */
void
mysql_binlog_table_model_set_max_items (MysqlBinlogTableModel *model,
                                        guint                  max_items)
{
  g_return_if_fail (MYSQL_BINLOG_IS_TABLE_MODEL (model));

  if (model->max_items == max_items)
    return;
  model->max_items = max_items;
  evict (model);
  g_object_notify_by_pspec (G_OBJECT (model), properties[PROP_MAX_ITEMS]);
}

/**
 * mysql_binlog_table_model_get_error:
 * @model: a table model
 *
 * Gets why the model stopped following its table: its table has no
 * primary key (or it is not known), or a row image lacked columns.  The
 * model failed the stream's run with the same error when it happened.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL while the
 *   model follows its table
 *
 * Since: 1.0
 */
const GError *
mysql_binlog_table_model_get_error (MysqlBinlogTableModel *model)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_TABLE_MODEL (model), NULL);

  return model->error;
}
