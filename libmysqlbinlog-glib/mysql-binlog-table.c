/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-table-private.h"
#include "mysql-binlog-name-private.h"

/*
 * A table as a table map describes it, with its columns' names and type
 * details resolved.  Immutable once the decoder has filled it in, shared by
 * every row of the table through an atomic reference count.
 */

MysqlBinlogTable *
_mysql_binlog_table_new (guint64     id,
                         const char *schema,
                         const char *name,
                         guint       n_columns)
{
  MysqlBinlogTable *table = g_new0 (MysqlBinlogTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->id = id;
  table->schema = g_strdup (schema);
  table->name = g_strdup (name);
  table->qualified_name = _mysql_binlog_name_qualify (schema, name);
  /* Only a handler connected to "signal::schema.table" creates that
   * quark; names read from a binlog are never interned, so hostile input
   * cannot grow the process's quark table. */
  table->detail = g_quark_try_string (table->qualified_name);
  table->n_columns = n_columns;
  table->columns = g_new0 (MysqlBinlogColumn, MAX (n_columns, 1));

  return table;
}

MysqlBinlogTable *
_mysql_binlog_table_ref (MysqlBinlogTable *table)
{
  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
_mysql_binlog_table_unref (MysqlBinlogTable *table)
{
  if (!g_atomic_ref_count_dec (&table->ref_count))
    return;

  for (guint i = 0; i < table->n_columns; i++)
    {
      GVariant **shared = table->columns[i].shared_values;

      g_free (table->columns[i].name);
      g_strfreev (table->columns[i].members);
      for (guint v = 0; shared != NULL && v < MYSQL_BINLOG_SHARED_VALUES; v++)
        g_clear_pointer (&shared[v], g_variant_unref);
      g_free (shared);
    }
  g_free (table->columns);
  g_strfreev (table->primary_key_names);
  g_clear_error (&table->unknown);
  g_clear_pointer (&table->map_body, g_bytes_unref);
  g_free (table->schema);
  g_free (table->name);
  g_free (table->qualified_name);
  g_free (table);
}

const char * const *
_mysql_binlog_table_get_primary_key_names (MysqlBinlogTable *table)
{
  char **names;

  if (!table->primary_key_known)
    return NULL;

  names = g_atomic_pointer_get (&table->primary_key_names);
  if (names == NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < table->n_columns; i++)
        if (table->columns[i].is_primary_key)
          g_strv_builder_add (builder, table->columns[i].name);
      names = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
      /* Two threads may build it at once: the first one stored wins. */
      if (!g_atomic_pointer_compare_and_exchange (&table->primary_key_names, NULL, names))
        {
          g_strfreev (names);
          names = g_atomic_pointer_get (&table->primary_key_names);
        }
    }
  return (const char * const *) names;
}
