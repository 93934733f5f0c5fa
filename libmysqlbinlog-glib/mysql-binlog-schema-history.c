/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-charset-private.h"
#include "mysql-binlog-column-private.h"
#include "mysql-binlog-ddl-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-name-private.h"
#include "mysql-binlog-schema-history-private.h"

struct _MysqlBinlogSchemaHistory
{
  MysqlBinlogMetadata      *metadata;   /* NULL: no server to ask */
  MysqlBinlogSchemaUnknown  unknown;
  const MysqlBinlogFilter  *filter;     /* the watched tables; NULL: all */
  /* qualified name (_mysql_binlog_name_qualify()) → MysqlBinlogDefinition:
   * the followed tables, exact where the stream is. */
  GHashTable               *followed;
  /* qualified name → the statement that made its definition unknown. */
  GHashTable               *unknown_since;
  /* "schema" → its default character set, from CREATE/ALTER DATABASE. */
  GHashTable               *schema_charsets;
  gboolean                  changed;    /* since the last snapshot */
  GBytes                   *snapshot;   /* the last one */
  /* Of a stream of a file: its name, and why no server or saved history
   * knows a definition the file does not give (NULL: not a file). */
  char                     *file;
  char                     *no_source;
};

MysqlBinlogSchemaHistory *
_mysql_binlog_schema_history_new (MysqlBinlogMetadata      *metadata,
                                  MysqlBinlogSchemaUnknown  unknown,
                                  const MysqlBinlogFilter  *filter)
{
  MysqlBinlogSchemaHistory *history = g_new0 (MysqlBinlogSchemaHistory, 1);

  history->metadata = metadata;
  history->unknown = unknown;
  history->filter = filter;
  history->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) _mysql_binlog_definition_unref);
  history->unknown_since = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  history->schema_charsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return history;
}

void
_mysql_binlog_schema_history_free (MysqlBinlogSchemaHistory *history)
{
  if (history == NULL)
    return;
  g_clear_pointer (&history->metadata, _mysql_binlog_metadata_free);
  g_hash_table_unref (history->followed);
  g_hash_table_unref (history->unknown_since);
  g_hash_table_unref (history->schema_charsets);
  g_clear_pointer (&history->snapshot, g_bytes_unref);
  g_free (history->file);
  g_free (history->no_source);
  g_free (history);
}

void
_mysql_binlog_schema_history_set_file (MysqlBinlogSchemaHistory *history,
                                       const char               *file,
                                       const char               *no_source)
{
  g_free (history->file);
  history->file = g_strdup (file);
  g_free (history->no_source);
  history->no_source = g_strdup (no_source);
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
        {
          _mysql_binlog_column_set_charset (column, "binary");
          /* What the row holds: a CHAR's value is not zero-padded. */
          column->unpadded = TRUE;
        }
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

  /* A file's table map that names the columns (binlog_row_metadata=FULL)
   * is read as it is: what else it lacks comes from a definition known to
   * hold, or stays unknown as the table map leaves it (ENUM/SET members
   * as numbers). */
  if (history->file != NULL && !(needs & MYSQL_BINLOG_TABLE_NEEDS_NAMES))
    {
      g_debug ("The rows of %s have what their table map names: %s", table->qualified_name, why);
      return TRUE;
    }
  if (history->unknown == MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL)
    {
      g_debug ("The rows of %s have positional column names: %s", table->qualified_name, why);
      make_positional (table, needs);
      return TRUE;
    }
  if (statement != NULL)
    after = g_strdup_printf (" since the statement “%.200s”", statement);
  if (history->file != NULL)
    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                 "The definition of %s%s is not known at this point of the binary log file "
                 "%s (%s), and its table map does not name the columns.  Set the stream's "
                 "schema-source to the server that wrote the file or to a saved "
                 ".schema-history file, write the binary log with binlog_row_metadata=FULL, "
                 "read it from before the table's CREATE TABLE, or set the stream's "
                 "schema-unknown to positional names",
                 table->qualified_name, after != NULL ? after : "", history->file, why);
  else
    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                 "The definition of %s%s is not known at this point of the binary log (%s), "
                 "and its table map does not name the columns.  Set binlog_row_metadata=FULL "
                 "on the server so that it logs them, start before the table's CREATE TABLE "
                 "(or after the change of the table, which leaves out the rows before it), "
                 "or set the stream's "
                 "schema-unknown to positional names",
                 table->qualified_name, after != NULL ? after : "", why);
  return FALSE;
}

/* The statements (pairs of default database and text) of the server's
 * binary log after @offset of @file: the rest of that file and every
 * later one.  NULL, with why in @why, when they cannot all be read. */
static GPtrArray *
later_statements (MysqlBinlogSchemaHistory  *history,
                  const char                *file,
                  guint64                    offset,
                  char                     **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) files = NULL;
  guint n_files = 0;
  gboolean complete = FALSE;

  if (history->metadata == NULL || file == NULL || offset == 0)
    {
      *why = g_strdup ("where the event is in the server's binary log is not known");
      return NULL;
    }
  files = _mysql_binlog_metadata_binary_logs (history->metadata, &error);
  for (guint f = 0; files != NULL && files[f] != NULL; f++)
    {
      g_autoptr(GPtrArray) part = NULL;

      if (n_files == 0 && strcmp (files[f], file) != 0)
        continue;
      if (n_files++ > 16 ||
          !_mysql_binlog_metadata_statements_after (history->metadata, files[f],
                                                    n_files == 1 ? offset : 4, 100000,
                                                    &part, &complete, &error) ||
          !complete)
        {
          complete = FALSE;
          break;
        }
      g_ptr_array_extend_and_steal (statements, g_steal_pointer (&part));
    }
  if (!complete)
    {
      *why = g_strdup_printf ("the rest of the binary log cannot be read (%s)",
                              error != NULL ? error->message : "too much of it");
      return NULL;
    }
  return g_steal_pointer (&statements);
}

/* Whether a DDL statement that may change @table follows @offset of
 * @file in the server's binary log: then a definition information_schema
 * wrote within the second of the event may be that statement's.  TRUE
 * also when that cannot be told: @why says which. */
static gboolean
changed_later (MysqlBinlogSchemaHistory  *history,
               const MysqlBinlogTable    *table,
               const char                *file,
               guint64                    offset,
               char                     **why)
{
  g_autofree char *unreadable = NULL;
  g_autoptr(GPtrArray) statements = later_statements (history, file, offset, &unreadable);

  if (statements == NULL)
    {
      *why = g_strdup_printf ("its definition in information_schema was written within the "
                              "second of this event, and whether a later statement wrote it "
                              "is not known: %s", unreadable);
      return TRUE;
    }
  for (guint i = 0; i + 1 < statements->len; i += 2)
    {
      const char *statement = g_ptr_array_index (statements, i + 1);
      g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (statement,
                                                              g_ptr_array_index (statements, i));
      gboolean touches = ddl->kind == MYSQL_BINLOG_DDL_UNKNOWN;

      /* An index added or dropped leaves the columns as they were. */
      if (!_mysql_binlog_ddl_changes_columns (ddl))
        continue;
      for (guint k = 0; !touches && k < ddl->tables->len; k++)
        touches = ddl->kind != MYSQL_BINLOG_DDL_TRUNCATE &&
                  g_ascii_strcasecmp (g_ptr_array_index (ddl->tables, k), table->qualified_name) == 0;
      if (!touches && ddl->kind == MYSQL_BINLOG_DDL_DROP_DATABASE)
        touches = g_strcmp0 (ddl->schema, table->schema) == 0;
      if (!touches && ddl->why != NULL && ddl->tables->len == 0 &&
          ddl->kind != MYSQL_BINLOG_DDL_CREATE_DATABASE)
        touches = TRUE;
      if (touches)
        {
          *why = g_strdup_printf ("the later statement “%.200s” changes it within the second "
                                  "of this event", statement);
          return TRUE;
        }
    }
  return FALSE;
}

/* A file's table map that names the columns: a definition that names
 * them otherwise is not the one it was written for. */
static char *
names_disagree (MysqlBinlogSchemaHistory    *history,
                const MysqlBinlogDefinition *definition,
                const MysqlBinlogTable      *table,
                MysqlBinlogTableNeeds        needs)
{
  if (history->file == NULL || (needs & MYSQL_BINLOG_TABLE_NEEDS_NAMES))
    return NULL;
  for (guint i = 0; i < table->n_columns && i < definition->n_columns; i++)
    {
      const char *logged = table->columns[i].name;
      const char *defined = definition->columns[i].name;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (logged == NULL || defined == NULL)
        continue;
      /* Column names are not case-sensitive. */
      a = g_utf8_casefold (logged, -1);
      b = g_utf8_casefold (defined, -1);
      if (strcmp (a, b) != 0)
        return g_strdup_printf ("column %u is %s in the table map, %s in the definition",
                                i + 1, logged, defined);
    }
  return NULL;
}

static gboolean watched (MysqlBinlogSchemaHistory *history,
                         const char               *qualified_name);
static void follow (MysqlBinlogSchemaHistory *history,
                    const char               *name,
                    MysqlBinlogDefinition    *definition);

gboolean
_mysql_binlog_schema_history_complete (MysqlBinlogSchemaHistory  *history,
                                       MysqlBinlogTable          *table,
                                       MysqlBinlogTableNeeds      needs,
                                       guint32                    timestamp,
                                       const char                *file,
                                       guint64                    offset,
                                       GError                   **error)
{
  g_autoptr(MysqlBinlogDefinition) definition = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *disagreement = NULL;

  const char *since;

  if (needs == 0)
    return TRUE;

  definition = g_hash_table_lookup (history->followed, table->qualified_name);
  if (definition != NULL)
    {
      _mysql_binlog_definition_ref (definition);
      disagreement = _mysql_binlog_definition_check (definition, table);
      if (disagreement == NULL)
        disagreement = names_disagree (history, definition, table, needs);
      if (disagreement != NULL)
        {
          g_autofree char *why = g_strdup_printf ("its table map does not match the definition "
                                                  "its DDL statements gave: %s", disagreement);

          return unknown_definition (history, table, needs, why, NULL, error);
        }
      if (!_mysql_binlog_definition_apply (definition, table, needs, &local_error))
        return unknown_definition (history, table, needs, local_error->message, NULL, error);
      return TRUE;
    }

  since = g_hash_table_lookup (history->unknown_since, table->qualified_name);
  if (history->metadata == NULL)
    return unknown_definition (history, table, needs,
                               history->no_source != NULL && since == NULL
                               ? history->no_source : "no server to read it from",
                               since, error);

  definition = _mysql_binlog_metadata_fetch (history->metadata, table->schema, table->name, error);
  if (definition == NULL)
    return FALSE;
  if (definition->n_columns == 0)
    {
      g_autofree char *why = g_strdup_printf ("the table map has %u columns, the server no "
                                              "longer has the table", table->n_columns);

      return unknown_definition (history, table, needs, why, since, error);
    }
  disagreement = _mysql_binlog_definition_check (definition, table);
  if (disagreement == NULL)
    disagreement = names_disagree (history, definition, table, needs);
  if (disagreement != NULL)
    {
      g_autofree char *why = g_strdup_printf ("its table map does not match its definition in "
                                              "information_schema: %s", disagreement);

      return unknown_definition (history, table, needs, why, since, error);
    }
  /* information_schema's definition was written after the event: another
   * one may have been in force then.  Within the same second, the binary
   * log after the event tells whether a statement wrote it. */
  if (!definition->written_at_unknown && (gint64) timestamp == definition->written_at)
    {
      g_autofree char *why = NULL;

      if (changed_later (history, table, file, offset, &why))
        return unknown_definition (history, table, needs, why, since, error);
    }
  if (definition->written_at_unknown || (gint64) timestamp < definition->written_at)
    {
      g_autofree char *why = NULL;

      if (definition->untimed_engine != NULL)
        why = g_strdup_printf ("information_schema does not say when its definition was "
                               "written: CREATE_TIME of a table of engine %s is not renewed "
                               "when its columns change", definition->untimed_engine);
      else if (definition->written_at_unknown)
        why = g_strdup ("information_schema does not say when its definition was written");
      else
        why = g_strdup_printf ("its definition in information_schema was written %" G_GINT64_FORMAT
                               " s after this event", definition->written_at - timestamp);
      return unknown_definition (history, table, needs, why, since, error);
    }
  if (!_mysql_binlog_definition_apply (definition, table, needs, &local_error))
    return unknown_definition (history, table, needs, local_error->message, since, error);
  /* Known to hold at this event: from here on the table is followed as
   * if its CREATE TABLE had been read, so that the state saved with a
   * later position has it, and a later DDL statement changes it there. */
  if (watched (history, table->qualified_name))
    {
      MysqlBinlogDefinition *exact = _mysql_binlog_definition_copy (definition);

      exact->written_at = 0;
      exact->written_at_unknown = FALSE;
      follow (history, table->qualified_name, exact);
    }
  return TRUE;
}

static gboolean
watched (MysqlBinlogSchemaHistory *history,
         const char               *qualified_name)
{
  g_autofree char *schema = NULL;
  g_autofree char *name = NULL;

  if (history->filter == NULL)
    return TRUE;
  /* Every name here is one _mysql_binlog_name_qualify() wrote. */
  if (!_mysql_binlog_name_split (qualified_name, &schema, &name))
    g_return_val_if_reached (TRUE);
  return _mysql_binlog_filter_wants_name (history->filter, schema, name);
}

/* Whether nothing follows the statement in the server's binary log: then
 * information_schema has the definitions as of this point. */
static gboolean
at_head (MysqlBinlogSchemaHistory *history,
         const char               *file,
         guint64                   end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head_file = NULL;
  guint64 head_end = 0;

  if (history->metadata == NULL || file == NULL || end == 0)
    return FALSE;
  if (!_mysql_binlog_metadata_end_of_log (history->metadata, &head_file, &head_end, &error))
    {
      g_debug ("Where the binary log ends is not known: %s", error->message);
      return FALSE;
    }
  return g_strcmp0 (head_file, file) == 0 && head_end == end;
}

static void forget (MysqlBinlogSchemaHistory *history,
                    const char               *name);

static void
follow (MysqlBinlogSchemaHistory *history,
        const char               *name,
        MysqlBinlogDefinition    *definition)
{
  /* Only a watched table is followed: the statements of the others are
   * skipped, and a definition kept for one of them (RENAME TABLE to an
   * unwatched name) would be saved, stale, for a later stream. */
  if (!watched (history, name))
    {
      g_autofree char *copy = g_strdup (name);

      _mysql_binlog_definition_unref (definition);
      forget (history, copy);
      return;
    }
  /* @name may be a key of either table, freed by its removal. */
  g_hash_table_replace (history->followed, g_strdup (name), definition);
  g_hash_table_remove (history->unknown_since, name);
  history->changed = TRUE;
}

static void
forget (MysqlBinlogSchemaHistory *history,
        const char               *name)
{
  if (g_hash_table_remove (history->followed, name) |
      g_hash_table_remove (history->unknown_since, name))
    history->changed = TRUE;
}

/* A statement changed the table in a way not read with certainty: its
 * definition is read from the server if the stream is at the end of the
 * binary log, otherwise it is unknown (and read from the server for a
 * later table map only where the definition there was written before
 * the event: see _mysql_binlog_schema_history_complete()). */
static void
make_unknown (MysqlBinlogSchemaHistory *history,
              const char               *name,
              const char               *statement,
              const char               *why,
              const char               *file,
              guint64                   end)
{
  g_autoptr(GError) error = NULL;

  g_autofree char *schema = NULL;
  g_autofree char *table = NULL;

  if (_mysql_binlog_name_split (name, &schema, &table) && at_head (history, file, end))
    {
      MysqlBinlogDefinition *definition;

      definition = _mysql_binlog_metadata_fetch (history->metadata, schema, table, &error);
      if (definition != NULL && definition->n_columns > 0)
        {
          MysqlBinlogDefinition *exact = _mysql_binlog_definition_copy (definition);

          g_debug ("%s: “%.200s” (%s) read again from the server at the end of the binary log",
                   name, statement, why);
          _mysql_binlog_definition_unref (definition);
          exact->written_at = 0;
          exact->written_at_unknown = FALSE;
          follow (history, name, exact);
          return;
        }
      g_clear_pointer (&definition, _mysql_binlog_definition_unref);
    }
  g_debug ("%s: the definition is unknown after “%.200s”: %s", name, statement, why);
  /* @name may be the followed table's own key, freed by its removal. */
  g_hash_table_replace (history->unknown_since, g_strdup (name), g_strdup (statement));
  g_hash_table_remove (history->followed, name);
  history->changed = TRUE;
}

/* make_unknown() for every followed table, each added to @changed: a
 * statement that may have changed any of them. */
static void
make_all_unknown (MysqlBinlogSchemaHistory *history,
                  GPtrArray                *changed,
                  const char               *statement,
                  const char               *why,
                  const char               *file,
                  guint64                   end)
{
  g_autofree char **names = (char **) g_hash_table_get_keys_as_array (history->followed, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_ptr_array_add (changed, g_strdup (names[i]));
      make_unknown (history, names[i], statement, why, file, end);
    }
}

/* The default character set of the database of table @name after the
 * statement ending at @end of @file: one a CREATE or ALTER DATABASE of
 * the binary log set, or the server's, when no later statement of the
 * binary log changes it. */
static const char *
schema_charset (MysqlBinlogSchemaHistory *history,
                const char               *name,
                const char               *file,
                guint64                   end)
{
  g_autofree char *schema = NULL;
  g_autofree char *table = NULL;
  const char *charset;

  if (!_mysql_binlog_name_split (name, &schema, &table))
    return NULL;
  charset = g_hash_table_lookup (history->schema_charsets, schema);
  if (charset == NULL && history->metadata != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autofree char *why = NULL;
      g_autofree char *fetched = _mysql_binlog_metadata_schema_charset (history->metadata, schema,
                                                                        &error);

      if (fetched == NULL)
        {
          g_debug ("The default character set of %s is not known: %s", schema,
                   error != NULL ? error->message : "no such database");
          return NULL;
        }
      /* The server has it as it is now: a later ALTER DATABASE may have
       * changed it since. */
      statements = later_statements (history, file, end, &why);
      for (guint i = 0; statements != NULL && i + 1 < statements->len; i += 2)
        {
          g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (g_ptr_array_index (statements, i + 1),
                                                                  g_ptr_array_index (statements, i));

          if ((ddl->kind == MYSQL_BINLOG_DDL_CREATE_DATABASE ||
               ddl->kind == MYSQL_BINLOG_DDL_DROP_DATABASE) &&
              g_strcmp0 (ddl->schema, schema) == 0)
            {
              why = g_strdup ("a later statement changes it");
              g_clear_pointer (&statements, g_ptr_array_unref);
            }
        }
      if (statements == NULL)
        {
          g_debug ("The default character set of %s is not known: %s", schema, why);
          return NULL;
        }
      g_hash_table_replace (history->schema_charsets, g_strdup (schema), g_strdup (fetched));
      history->changed = TRUE;
      charset = g_hash_table_lookup (history->schema_charsets, schema);
    }
  return charset;
}

/* The definition in force just before a DDL statement at @timestamp of a
 * table that is not followed: the server's, when it was written before
 * the statement (so the statement has not changed it yet). */
static MysqlBinlogDefinition *
definition_before (MysqlBinlogSchemaHistory *history,
                   const char               *name,
                   guint32                   timestamp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *table = NULL;
  MysqlBinlogDefinition *definition;

  if (history->metadata == NULL || !_mysql_binlog_name_split (name, &schema, &table))
    return NULL;
  definition = _mysql_binlog_metadata_fetch (history->metadata, schema, table, &error);
  if (definition == NULL || definition->n_columns == 0 || definition->written_at_unknown ||
      definition->written_at >= timestamp)
    {
      g_clear_pointer (&definition, _mysql_binlog_definition_unref);
      return NULL;
    }
  return definition;
}

/* Whether the statement is a CREATE (not an ALTER) one. */
static gboolean
is_create (const char *statement)
{
  while (g_ascii_isspace (*statement))
    statement++;
  return g_ascii_strncasecmp (statement, "CREATE", 6) == 0 && g_ascii_isspace (statement[6]);
}

GStrv
_mysql_binlog_schema_history_statement (MysqlBinlogSchemaHistory *history,
                                        const char               *schema,
                                        const char               *statement,
                                        gboolean                  exact,
                                        guint                     error_code,
                                        guint                     server_collation,
                                        guint32                   timestamp,
                                        const char               *file,
                                        guint64                   end)
{
  g_autoptr(MysqlBinlogDdl) ddl = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  const char *name = NULL;

  /* information_schema's definitions may have changed too. */
  if (history->metadata != NULL)
    _mysql_binlog_metadata_invalidate (history->metadata);

  ddl = _mysql_binlog_ddl_parse (statement, schema);
  if (ddl->tables->len > 0)
    name = g_ptr_array_index (ddl->tables, 0);

  /* A server with lower_case_table_names names one table in any case: a
   * followed table that the statement may name in another case is no
   * longer known. */
  for (guint i = 0; i < ddl->tables->len; i++)
    {
      const char *named = g_ptr_array_index (ddl->tables, i);
      g_autofree char **names = (char **) g_hash_table_get_keys_as_array (history->followed, NULL);

      for (guint k = 0; names[k] != NULL; k++)
        if (g_ascii_strcasecmp (names[k], named) == 0 && strcmp (names[k], named) != 0)
          {
            g_ptr_array_add (changed, g_strdup (names[k]));
            make_unknown (history, names[k], statement, "the statement may name it in another "
                          "case", file, end);
          }
    }

  /* Bytes of the statement that were no character of the session's set
   * (U+FFFD in @statement): a name read from it may not be the name the
   * server read, so any followed table may be the one it changed. */
  if (!exact && ddl->kind != MYSQL_BINLOG_DDL_NONE)
    {
      make_all_unknown (history, changed, statement, "its text is not valid in the character "
                        "set of the session that ran it: the names in it cannot be read with "
                        "certainty", file, end);
      goto out;
    }

  /* The server logs a statement that failed part way with its error
   * code (a replica then expects the same error): what it did to the
   * tables it names is not known (a TRUNCATE leaves the definition as it
   * was, whatever it did to the rows). */
  if (error_code != 0 && ddl->kind != MYSQL_BINLOG_DDL_NONE && ddl->kind != MYSQL_BINLOG_DDL_UNKNOWN &&
      ddl->kind != MYSQL_BINLOG_DDL_TRUNCATE && !ddl->temporary)
    {
      g_autofree char *why = g_strdup_printf ("the server logged it with error %u: it may have "
                                              "been done in part only", error_code);
      /* CREATE TABLE … LIKE names the table it copies second. */
      guint n_named = ddl->kind == MYSQL_BINLOG_DDL_CREATE_TABLE ? MIN (ddl->tables->len, 1)
                                                                  : ddl->tables->len;

      for (guint i = 0; i < n_named; i++)
        {
          const char *named = g_ptr_array_index (ddl->tables, i);

          if (!watched (history, named))
            {
              forget (history, named);
              continue;
            }
          g_ptr_array_add (changed, g_strdup (named));
          make_unknown (history, named, statement, why, file, end);
        }
      if (ddl->tables->len == 0 && ddl->schema != NULL &&
          (ddl->kind == MYSQL_BINLOG_DDL_DROP_DATABASE || ddl->kind == MYSQL_BINLOG_DDL_CREATE_DATABASE))
        {
          g_autofree char *prefix = g_strdup_printf ("%s.", ddl->schema);
          g_autofree char **names = (char **) g_hash_table_get_keys_as_array (history->followed, NULL);

          for (guint i = 0; ddl->kind == MYSQL_BINLOG_DDL_DROP_DATABASE && names[i] != NULL; i++)
            if (g_str_has_prefix (names[i], prefix))
              {
                g_ptr_array_add (changed, g_strdup (names[i]));
                make_unknown (history, names[i], statement, why, file, end);
              }
          /* Its default character set is read again where it is needed. */
          g_hash_table_remove (history->schema_charsets, ddl->schema);
          history->changed = TRUE;
        }
      else if (ddl->tables->len == 0)
        {
          /* Which tables it changed is not known. */
          make_all_unknown (history, changed, statement, why, file, end);
        }
      goto out;
    }

  switch (ddl->kind)
    {
    case MYSQL_BINLOG_DDL_NONE:
      break;

    case MYSQL_BINLOG_DDL_UNKNOWN:
      /* It may have changed any table: none is followed any more. */
      make_all_unknown (history, changed, statement, ddl->why, file, end);
      break;

    case MYSQL_BINLOG_DDL_CREATE_TABLE:
      if (ddl->temporary || name == NULL || !watched (history, name))
        break;
      g_ptr_array_add (changed, g_strdup (name));
      if (ddl->why != NULL)
        make_unknown (history, name, statement, ddl->why, file, end);
      else if (ddl->if_not_exists && g_hash_table_contains (history->followed, name))
        g_ptr_array_remove_index (changed, changed->len - 1);  /* it exists: nothing changes */
      else if (ddl->if_not_exists)
        make_unknown (history, name, statement, "the table may have existed before", file, end);
      else if (ddl->tables->len > 1)
        {
          MysqlBinlogDefinition *source = g_hash_table_lookup (history->followed,
                                                               g_ptr_array_index (ddl->tables, 1));

          if (source != NULL)
            follow (history, name, _mysql_binlog_definition_copy (source));
          else
            make_unknown (history, name, statement, "the definition of the table it copies is "
                          "not known", file, end);
        }
      else
        {
          g_autofree char *why = NULL;
          MysqlBinlogDefinition *definition = _mysql_binlog_ddl_apply (ddl, NULL,
                                                                       schema_charset (history, name, file, end),
                                                                       &why);

          if (definition != NULL)
            follow (history, name, definition);
          else
            make_unknown (history, name, statement, why, file, end);
        }
      break;

    case MYSQL_BINLOG_DDL_ALTER_TABLE:
      {
        const char *renamed = ddl->tables->len > 1 ? g_ptr_array_index (ddl->tables, 1) : NULL;
        const char *target = renamed != NULL ? renamed : name;
        g_autoptr(MysqlBinlogDefinition) before = NULL;
        g_autofree char *why = NULL;
        MysqlBinlogDefinition *after = NULL;

        if (name == NULL || (!watched (history, name) && (renamed == NULL || !watched (history, renamed))))
          {
            if (name != NULL)
              forget (history, name);
            break;
          }
        g_ptr_array_add (changed, g_strdup (name));
        if (renamed != NULL)
          g_ptr_array_add (changed, g_strdup (renamed));
        if (ddl->why != NULL)
          {
            forget (history, name);
            make_unknown (history, target, statement, ddl->why, file, end);
            break;
          }
        before = g_hash_table_lookup (history->followed, name);
        if (before != NULL)
          _mysql_binlog_definition_ref (before);
        else
          before = definition_before (history, name, timestamp);
        if (before == NULL)
          why = g_strdup ("the definition before it is not known");
        else
          after = _mysql_binlog_ddl_apply (ddl, before, NULL, &why);
        forget (history, name);
        if (after != NULL)
          follow (history, target, after);
        else
          make_unknown (history, target, statement, why, file, end);
      }
      break;

    case MYSQL_BINLOG_DDL_RENAME_TABLE:
      if (ddl->why != NULL)
        {
          /* Which tables it renames is not known. */
          make_all_unknown (history, changed, statement, ddl->why, file, end);
          break;
        }
      for (guint i = 0; i + 1 < ddl->tables->len; i += 2)
        {
          const char *from = g_ptr_array_index (ddl->tables, i);
          const char *to = g_ptr_array_index (ddl->tables, i + 1);
          MysqlBinlogDefinition *definition = g_hash_table_lookup (history->followed, from);

          if (watched (history, from))
            g_ptr_array_add (changed, g_strdup (from));
          if (watched (history, to))
            g_ptr_array_add (changed, g_strdup (to));
          if (definition != NULL)
            _mysql_binlog_definition_ref (definition);
          else
            definition = definition_before (history, from, timestamp);
          forget (history, from);
          forget (history, to);
          if (definition != NULL && watched (history, to))
            follow (history, to, definition);
          else
            {
              g_clear_pointer (&definition, _mysql_binlog_definition_unref);
              if (watched (history, to))
                make_unknown (history, to, statement, "the definition of the table it renames "
                              "is not known", file, end);
            }
        }
      break;

    case MYSQL_BINLOG_DDL_DROP_TABLE:
      if (ddl->temporary)
        break;
      if (ddl->why != NULL)
        {
          make_all_unknown (history, changed, statement, ddl->why, file, end);
          break;
        }
      for (guint i = 0; i < ddl->tables->len; i++)
        {
          const char *dropped = g_ptr_array_index (ddl->tables, i);

          if (watched (history, dropped))
            g_ptr_array_add (changed, g_strdup (dropped));
          forget (history, dropped);
        }
      break;

    case MYSQL_BINLOG_DDL_TRUNCATE:
      /* The rows go, the definition stays. */
      if (name != NULL && watched (history, name))
        g_ptr_array_add (changed, g_strdup (name));
      break;

    case MYSQL_BINLOG_DDL_CREATE_DATABASE:
      {
        const char *charset = ddl->charset;

        /* A database created without one has the character set of the
         * session's collation_server, which the event logs. */
        if (charset == NULL && !ddl->if_not_exists && server_collation != 0 &&
            is_create (statement))
          charset = _mysql_binlog_charset_for_collation (server_collation);
        if (ddl->schema != NULL && charset != NULL)
          g_hash_table_replace (history->schema_charsets, g_strdup (ddl->schema),
                                g_strdup (charset));
        else if (ddl->schema != NULL)
          g_hash_table_remove (history->schema_charsets, ddl->schema);
      }
      history->changed = TRUE;
      break;

    case MYSQL_BINLOG_DDL_DROP_DATABASE:
      if (ddl->schema != NULL)
        {
          g_autofree char **names = (char **) g_hash_table_get_keys_as_array (history->followed, NULL);

          for (guint i = 0; names[i] != NULL; i++)
            {
              g_autofree char *schema_of = NULL;
              g_autofree char *table_of = NULL;

              if (!_mysql_binlog_name_split (names[i], &schema_of, &table_of) ||
                  strcmp (schema_of, ddl->schema) != 0)
                continue;
              g_ptr_array_add (changed, g_strdup (names[i]));
              forget (history, names[i]);
            }
          g_hash_table_remove (history->schema_charsets, ddl->schema);
          history->changed = TRUE;
        }
      break;
    }

out:
  if (changed->len == 0)
    return NULL;
  g_ptr_array_add (changed, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&changed), FALSE);
}

/* Saving: the history as GVariant text, with its version, for a file
 * beside a file position store. */

#define HISTORY_TYPE "(ua(smsa(ssmsbbasbmsixxxx))a{ss}a{ss})"
#define HISTORY_VERSION 1

GBytes *
_mysql_binlog_schema_history_snapshot (MysqlBinlogSchemaHistory *history)
{
  GVariantBuilder tables, unknown, charsets;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GVariant) whole = NULL;
  char *text;

  if (!history->changed && history->snapshot != NULL)
    return g_bytes_ref (history->snapshot);

  g_variant_builder_init (&tables, G_VARIANT_TYPE ("a(smsa(ssmsbbasbmsixxxx))"));
  g_hash_table_iter_init (&iter, history->followed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const MysqlBinlogDefinition *definition = value;
      GVariantBuilder columns;

      g_variant_builder_init (&columns, G_VARIANT_TYPE ("a(ssmsbbasbmsixxxx)"));
      for (guint i = 0; i < definition->n_columns; i++)
        {
          const MysqlBinlogColumnDefinition *c = &definition->columns[i];

          static const char * const none[] = { NULL };

          g_variant_builder_add (&columns, "(ssmsbb^asbmsixxxx)", c->name,
                                 c->data_type != NULL ? c->data_type : "", c->charset,
                                 c->is_unsigned, c->is_primary_key,
                                 c->members != NULL ? (const char * const *) c->members : none,
                                 c->members != NULL, c->members_error,
                                 c->geometry_type, c->datetime_precision, c->octet_length,
                                 c->numeric_precision, c->numeric_scale);
        }
      g_variant_builder_add (&tables, "(smsa(ssmsbbasbmsixxxx))", (const char *) key,
                             definition->default_charset, &columns);
    }
  g_variant_builder_init (&unknown, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, history->unknown_since);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&unknown, "{ss}", key, value);
  g_variant_builder_init (&charsets, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, history->schema_charsets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&charsets, "{ss}", key, value);

  whole = g_variant_ref_sink (g_variant_new ("(ua(smsa(ssmsbbasbmsixxxx))a{ss}a{ss})",
                                             HISTORY_VERSION, &tables, &unknown, &charsets));
  text = g_variant_print (whole, FALSE);
  g_clear_pointer (&history->snapshot, g_bytes_unref);
  history->snapshot = g_bytes_new_take (text, strlen (text));
  history->changed = FALSE;
  return g_bytes_ref (history->snapshot);
}

gboolean
_mysql_binlog_schema_history_changed (MysqlBinlogSchemaHistory *history)
{
  return history->changed;
}

/* Whether @name is a qualified name as _mysql_binlog_name_qualify()
 * writes it: the one spelling of its table, as the keys must be. */
static gboolean
valid_name (const char *name)
{
  g_autofree char *canonical = _mysql_binlog_name_canonical (name);

  return canonical != NULL && strcmp (canonical, name) == 0;
}

gboolean
_mysql_binlog_schema_history_restore (MysqlBinlogSchemaHistory  *history,
                                      GBytes                    *snapshot,
                                      GError                   **error)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (snapshot, NULL), g_bytes_get_size (snapshot));
  g_autoptr(GVariant) whole = NULL;
  g_autoptr(GVariantIter) tables = NULL;
  g_autoptr(GVariantIter) unknown = NULL;
  g_autoptr(GVariantIter) charsets = NULL;
  const char *name, *default_charset;
  GVariantIter *columns;
  const char *key, *value;
  guint32 version;

  whole = g_variant_parse (G_VARIANT_TYPE (HISTORY_TYPE), text, NULL, NULL, error);
  if (whole == NULL)
    return FALSE;
  g_variant_get (whole, "(ua(smsa(ssmsbbasbmsixxxx))a{ss}a{ss})", &version, &tables, &unknown,
                 &charsets);
  if (version != HISTORY_VERSION)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "A schema history of version %u, not %u", version, HISTORY_VERSION);
      return FALSE;
    }
  while (g_variant_iter_next (tables, "(&sm&sa(ssmsbbasbmsixxxx))", &name, &default_charset,
                              &columns))
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      MysqlBinlogDefinition *definition;
      MysqlBinlogColumnDefinition c = { 0, };
      gboolean has_members;

      while (g_variant_iter_next (columns, "(ssmsbb^asbmsixxxx)", &c.name, &c.data_type,
                                  &c.charset, &c.is_unsigned, &c.is_primary_key, &c.members,
                                  &has_members, &c.members_error, &c.geometry_type,
                                  &c.datetime_precision, &c.octet_length, &c.numeric_precision,
                                  &c.numeric_scale))
        {
          if (!has_members)
            g_clear_pointer (&c.members, g_strfreev);
          g_ptr_array_add (list, g_memdup2 (&c, sizeof c));
        }
      g_variant_iter_free (columns);
      definition = _mysql_binlog_definition_new (list->len);
      for (guint i = 0; i < list->len; i++)
        {
          definition->columns[i] = *(MysqlBinlogColumnDefinition *) list->pdata[i];
          g_free (list->pdata[i]);
        }
      definition->default_charset = g_strdup (default_charset);
      /* Every name is a qualified one; a definition without columns is none. */
      if (!valid_name (name) || definition->n_columns == 0)
        {
          _mysql_binlog_definition_unref (definition);
          if (!valid_name (name))
            g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                         "A schema history with a table name “%s” that is not schema.table",
                         name);
          else
            g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                         "A schema history with a table “%s” of %u columns", name, list->len);
          g_hash_table_remove_all (history->followed);
          return FALSE;
        }
      /* A table this stream does not watch: the statements it skips
       * could change it unseen, should a later stream watch it again. */
      if (!watched (history, name))
        {
          _mysql_binlog_definition_unref (definition);
          continue;
        }
      g_hash_table_replace (history->followed, g_strdup (name), definition);
    }
  while (g_variant_iter_next (unknown, "{&s&s}", &key, &value))
    {
      /* A name of before qualified names were quoted that reads two ways
       * (x.y.z) is refused, not taken for one of the tables. */
      if (!valid_name (key))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                       "A schema history with a table name “%s” that is not schema.table",
                       key);
          g_hash_table_remove_all (history->followed);
          g_hash_table_remove_all (history->unknown_since);
          return FALSE;
        }
      g_hash_table_replace (history->unknown_since, g_strdup (key), g_strdup (value));
    }
  while (g_variant_iter_next (charsets, "{&s&s}", &key, &value))
    g_hash_table_replace (history->schema_charsets, g_strdup (key), g_strdup (value));
  history->changed = TRUE;
  return TRUE;
}
