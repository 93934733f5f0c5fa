/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-filter-private.h"

struct _MysqlBinlogFilter
{
  GPtrArray *only_schemas;     /* of GPatternSpec */
  GPtrArray *ignored_schemas;
  GPtrArray *only_tables;      /* matched against "schema.table" */
  GPtrArray *ignored_tables;
};

static GPtrArray *
compile_patterns (const char * const *names)
{
  GPtrArray *patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (patterns, g_pattern_spec_new (names[i]));
  return patterns;
}

static gboolean
name_matches (GPtrArray  *patterns,
              const char *text)
{
  for (guint i = 0; i < patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (patterns, i), text))
      return TRUE;
  return FALSE;
}

MysqlBinlogFilter *
_mysql_binlog_filter_new (const char * const *only_schemas,
                          const char * const *ignored_schemas,
                          const char * const *only_tables,
                          const char * const *ignored_tables)
{
  MysqlBinlogFilter *filter = g_new0 (MysqlBinlogFilter, 1);

  filter->only_schemas = compile_patterns (only_schemas);
  filter->ignored_schemas = compile_patterns (ignored_schemas);
  filter->only_tables = compile_patterns (only_tables);
  filter->ignored_tables = compile_patterns (ignored_tables);
  return filter;
}

void
_mysql_binlog_filter_free (MysqlBinlogFilter *filter)
{
  if (filter == NULL)
    return;
  g_ptr_array_unref (filter->only_schemas);
  g_ptr_array_unref (filter->ignored_schemas);
  g_ptr_array_unref (filter->only_tables);
  g_ptr_array_unref (filter->ignored_tables);
  g_free (filter);
}

gboolean
_mysql_binlog_filter_wants (const MysqlBinlogFilter *filter,
                            const MysqlBinlogTable  *table)
{
  if (filter->only_schemas->len > 0 && !name_matches (filter->only_schemas, table->schema))
    return FALSE;
  if (name_matches (filter->ignored_schemas, table->schema))
    return FALSE;
  if (filter->only_tables->len > 0 && !name_matches (filter->only_tables, table->qualified_name))
    return FALSE;
  if (name_matches (filter->ignored_tables, table->qualified_name))
    return FALSE;
  return TRUE;
}
