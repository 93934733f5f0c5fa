/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-filter-private.h"
#include "mysql-binlog-name-private.h"

struct _MysqlBinlogFilter
{
  GPtrArray *only_schemas;     /* of MysqlBinlogNamePattern */
  GPtrArray *ignored_schemas;
  GPtrArray *only_tables;      /* matched part by part against (schema, table) */
  GPtrArray *ignored_tables;
};

static GPtrArray *
compile_patterns (const char * const  *names,
                  gboolean             qualified,
                  GError             **error)
{
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) _mysql_binlog_name_pattern_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      MysqlBinlogNamePattern *pattern = _mysql_binlog_name_pattern_new (names[i], qualified, error);

      if (pattern == NULL)
        return NULL;
      g_ptr_array_add (patterns, pattern);
    }
  return g_steal_pointer (&patterns);
}

static gboolean
name_matches (GPtrArray  *patterns,
              const char *schema,
              const char *table)
{
  for (guint i = 0; i < patterns->len; i++)
    if (_mysql_binlog_name_pattern_match (g_ptr_array_index (patterns, i), schema, table))
      return TRUE;
  return FALSE;
}

MysqlBinlogFilter *
_mysql_binlog_filter_new (const char * const  *only_schemas,
                          const char * const  *ignored_schemas,
                          const char * const  *only_tables,
                          const char * const  *ignored_tables,
                          GError             **error)
{
  g_autoptr(MysqlBinlogFilter) filter = g_new0 (MysqlBinlogFilter, 1);

  if ((filter->only_schemas = compile_patterns (only_schemas, FALSE, error)) == NULL ||
      (filter->ignored_schemas = compile_patterns (ignored_schemas, FALSE, error)) == NULL ||
      (filter->only_tables = compile_patterns (only_tables, TRUE, error)) == NULL ||
      (filter->ignored_tables = compile_patterns (ignored_tables, TRUE, error)) == NULL)
    return NULL;
  return g_steal_pointer (&filter);
}

void
_mysql_binlog_filter_free (MysqlBinlogFilter *filter)
{
  if (filter == NULL)
    return;
  g_clear_pointer (&filter->only_schemas, g_ptr_array_unref);
  g_clear_pointer (&filter->ignored_schemas, g_ptr_array_unref);
  g_clear_pointer (&filter->only_tables, g_ptr_array_unref);
  g_clear_pointer (&filter->ignored_tables, g_ptr_array_unref);
  g_free (filter);
}

gboolean
_mysql_binlog_filter_wants_name (const MysqlBinlogFilter *filter,
                                 const char              *schema,
                                 const char              *table)
{
  if (filter->only_schemas->len > 0 && !name_matches (filter->only_schemas, schema, NULL))
    return FALSE;
  if (name_matches (filter->ignored_schemas, schema, NULL))
    return FALSE;
  if (filter->only_tables->len > 0 && !name_matches (filter->only_tables, schema, table))
    return FALSE;
  if (name_matches (filter->ignored_tables, schema, table))
    return FALSE;
  return TRUE;
}

gboolean
_mysql_binlog_filter_wants (const MysqlBinlogFilter *filter,
                            const MysqlBinlogTable  *table)
{
  return _mysql_binlog_filter_wants_name (filter, table->schema, table->name);
}
