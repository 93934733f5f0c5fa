/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-schema-history-private.h"

struct _MysqlBinlogSchemaHistory
{
  MysqlBinlogMetadata      *metadata;   /* NULL: no server to ask */
  MysqlBinlogSchemaUnknown  unknown;
};

MysqlBinlogSchemaHistory *
_mysql_binlog_schema_history_new (MysqlBinlogMetadata      *metadata,
                                  MysqlBinlogSchemaUnknown  unknown)
{
  MysqlBinlogSchemaHistory *history = g_new0 (MysqlBinlogSchemaHistory, 1);

  history->metadata = metadata;
  history->unknown = unknown;
  return history;
}

void
_mysql_binlog_schema_history_free (MysqlBinlogSchemaHistory *history)
{
  if (history == NULL)
    return;
  g_clear_pointer (&history->metadata, _mysql_binlog_metadata_free);
  g_free (history);
}

/* Only what the table map carries: see MysqlBinlogSchemaUnknown. */
static void
make_positional (MysqlBinlogTable      *table,
                 MysqlBinlogTableNeeds  needs)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      MysqlBinlogColumn *column = &table->columns[i];

      if (needs & MYSQL_BINLOG_TABLE_NEEDS_NAMES)
        {
          g_free (column->name);
          column->name = g_strdup_printf ("@%u", i + 1);
        }
      /* Text of no known character set: its bytes. */
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_CHARSETS) && _mysql_binlog_column_is_character (column))
        _mysql_binlog_column_set_charset (column, "binary");
    }
}

/* The table has no known definition: @why says what is wrong, @statement
 * (or NULL) the statement that made it so. */
static gboolean
unknown_definition (MysqlBinlogSchemaHistory  *history,
                    MysqlBinlogTable          *table,
                    MysqlBinlogTableNeeds      needs,
                    const char                *why,
                    const char                *statement,
                    GError                   **error)
{
  g_autofree char *after = NULL;

  if (history->unknown == MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL)
    {
      g_debug ("The rows of %s have positional column names: %s", table->qualified_name, why);
      make_positional (table, needs);
      return TRUE;
    }
  if (statement != NULL)
    after = g_strdup_printf (" since the statement “%.200s”", statement);
  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
               "The definition of %s%s is not known at this point of the binary log (%s), "
               "and its table map does not name the columns.  Set binlog_row_metadata=FULL "
               "on the server so that it logs them, start at a position after the change "
               "of the table (or before its CREATE TABLE), or set the stream's "
               "schema-unknown to positional names",
               table->qualified_name, after != NULL ? after : "", why);
  return FALSE;
}

gboolean
_mysql_binlog_schema_history_complete (MysqlBinlogSchemaHistory  *history,
                                       MysqlBinlogTable          *table,
                                       MysqlBinlogTableNeeds      needs,
                                       guint32                    timestamp,
                                       GError                   **error)
{
  g_autoptr(MysqlBinlogDefinition) definition = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *disagreement = NULL;

  if (needs == 0)
    return TRUE;
  if (history->metadata == NULL)
    return unknown_definition (history, table, needs, "no server to read it from", NULL, error);

  definition = _mysql_binlog_metadata_fetch (history->metadata, table->schema, table->name, error);
  if (definition == NULL)
    return FALSE;
  if (definition->n_columns == 0)
    {
      g_autofree char *why = g_strdup_printf ("the table map has %u columns, the server no "
                                              "longer has the table", table->n_columns);

      return unknown_definition (history, table, needs, why, NULL, error);
    }
  disagreement = _mysql_binlog_definition_check (definition, table);
  if (disagreement != NULL)
    {
      g_autofree char *why = g_strdup_printf ("its table map does not match its definition in "
                                              "information_schema: %s", disagreement);

      return unknown_definition (history, table, needs, why, NULL, error);
    }
  /* information_schema's definition was written after the event: another
   * one may have been in force then.  (Within the same second, only the
   * check above tells.) */
  if (definition->written_at_unknown || (gint64) timestamp < definition->written_at)
    {
      g_autofree char *why = NULL;

      if (definition->written_at_unknown)
        why = g_strdup ("information_schema does not say when its definition was written");
      else
        why = g_strdup_printf ("its definition in information_schema was written %" G_GINT64_FORMAT
                               " s after this event", definition->written_at - timestamp);
      return unknown_definition (history, table, needs, why, NULL, error);
    }
  if (!_mysql_binlog_definition_apply (definition, table, needs, &local_error))
    return unknown_definition (history, table, needs, local_error->message, NULL, error);
  return TRUE;
}

GStrv
_mysql_binlog_schema_history_statement (MysqlBinlogSchemaHistory *history,
                                        const char               *schema,
                                        const char               *statement)
{
  if (history->metadata != NULL)
    _mysql_binlog_metadata_invalidate (history->metadata);
  return NULL;
}
