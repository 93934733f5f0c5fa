/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The table filters, for the events of the text format.  The stream takes
 * the filters as its only-schemas, ignored-schemas, only-tables and
 * ignored-tables properties and emits the rows of the tables they let
 * through, but it emits every event, and says of none whether its table
 * is filtered out: this gives the same verdict from the same lists, by
 * the stream's rule (a table passes every filter that is set), so that
 * the text shows the events of exactly the tables whose rows it shows. */

#include "config.h"

#include "mbg-filter.h"

#include "libmysqlbinlog-glib/mysql-binlog-name-private.h"

struct _MbgFilter
{
  GPtrArray *only_schemas;      /* MysqlBinlogNamePattern *; empty: every schema */
  GPtrArray *ignored_schemas;
  GPtrArray *only_tables;       /* matched part by part against (schema, table) */
  GPtrArray *ignored_tables;
};

/* A pattern that is not of the form schema.table is left out: the
 * stream refuses it when its run begins, before any event. */
static GPtrArray *
compile (char * const *names,
         gboolean      qualified)
{
  GPtrArray *patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) _mysql_binlog_name_pattern_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      MysqlBinlogNamePattern *pattern = _mysql_binlog_name_pattern_new (names[i], qualified, NULL);

      if (pattern != NULL)
        g_ptr_array_add (patterns, pattern);
    }
  return patterns;
}

static gboolean
matches (GPtrArray  *patterns,
         const char *schema,
         const char *table)
{
  for (guint i = 0; i < patterns->len; i++)
    if (_mysql_binlog_name_pattern_match (g_ptr_array_index (patterns, i), schema, table))
      return TRUE;
  return FALSE;
}

MbgFilter *
mbg_filter_new (char * const *only_schemas,
                char * const *ignored_schemas,
                char * const *only_tables,
                char * const *ignored_tables)
{
  MbgFilter *filter = g_new0 (MbgFilter, 1);

  filter->only_schemas = compile (only_schemas, FALSE);
  filter->ignored_schemas = compile (ignored_schemas, FALSE);
  filter->only_tables = compile (only_tables, TRUE);
  filter->ignored_tables = compile (ignored_tables, TRUE);
  return filter;
}

void
mbg_filter_free (MbgFilter *filter)
{
  g_ptr_array_unref (filter->only_schemas);
  g_ptr_array_unref (filter->ignored_schemas);
  g_ptr_array_unref (filter->only_tables);
  g_ptr_array_unref (filter->ignored_tables);
  g_free (filter);
}

/* Whether the stream emits the rows of @schema.@table. */
gboolean
mbg_filter_wants (MbgFilter  *filter,
                  const char *schema,
                  const char *table)
{
  if (filter->only_schemas->len > 0 && !matches (filter->only_schemas, schema, NULL))
    return FALSE;
  if (matches (filter->ignored_schemas, schema, NULL))
    return FALSE;
  if (filter->only_tables->len > 0 && !matches (filter->only_tables, schema, table))
    return FALSE;
  return !matches (filter->ignored_tables, schema, table);
}

/* Whether the schema filters let @schema through (the table filters are
 * not looked at). */
gboolean
mbg_filter_wants_schema (MbgFilter  *filter,
                         const char *schema)
{
  if (filter->only_schemas->len > 0 && !matches (filter->only_schemas, schema, NULL))
    return FALSE;
  return !matches (filter->ignored_schemas, schema, NULL);
}
