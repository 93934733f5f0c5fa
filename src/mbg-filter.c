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

struct _MbgFilter
{
  GPtrArray *only_schemas;      /* GPatternSpec *; empty: every schema */
  GPtrArray *ignored_schemas;
  GPtrArray *only_tables;       /* of "schema.table" */
  GPtrArray *ignored_tables;
};

static GPtrArray *
compile (char * const *names)
{
  GPtrArray *patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (patterns, g_pattern_spec_new (names[i]));
  return patterns;
}

static gboolean
matches (GPtrArray  *patterns,
         const char *name)
{
  for (guint i = 0; i < patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (patterns, i), name))
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

  filter->only_schemas = compile (only_schemas);
  filter->ignored_schemas = compile (ignored_schemas);
  filter->only_tables = compile (only_tables);
  filter->ignored_tables = compile (ignored_tables);
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
  g_autofree char *name = g_strdup_printf ("%s.%s", schema, table);

  if (filter->only_schemas->len > 0 && !matches (filter->only_schemas, schema))
    return FALSE;
  if (matches (filter->ignored_schemas, schema))
    return FALSE;
  if (filter->only_tables->len > 0 && !matches (filter->only_tables, name))
    return FALSE;
  return !matches (filter->ignored_tables, name);
}

/* Whether the schema filters let @schema through (the table filters are
 * not looked at). */
gboolean
mbg_filter_wants_schema (MbgFilter  *filter,
                         const char *schema)
{
  if (filter->only_schemas->len > 0 && !matches (filter->only_schemas, schema))
    return FALSE;
  return !matches (filter->ignored_schemas, schema);
}
