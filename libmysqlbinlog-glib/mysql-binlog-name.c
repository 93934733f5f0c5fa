/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

/* The whole public header: this file is also built into the tool. */
#include "mysqlbinlog-glib.h"
#include "mysql-binlog-name-private.h"

/* Whether a part is written in backquotes: where a plain one would read
 * as something else (a separator, a quote, a glob) or vanish. */
static gboolean
needs_quotes (const char *part)
{
  return *part == '\0' || strpbrk (part, ".`*?") != NULL;
}

static void
append_part (GString    *out,
             const char *part)
{
  if (!needs_quotes (part))
    {
      g_string_append (out, part);
      return;
    }
  g_string_append_c (out, '`');
  for (const char *p = part; *p != '\0'; p++)
    {
      if (*p == '`')
        g_string_append_c (out, '`');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '`');
}

char *
_mysql_binlog_name_qualify (const char *schema,
                            const char *table)
{
  GString *out = g_string_sized_new (strlen (schema) + strlen (table) + 1);

  append_part (out, schema);
  g_string_append_c (out, '.');
  append_part (out, table);
  return g_string_free (out, FALSE);
}

/* Reads one part at *@at: in backquotes (then *@quoted is TRUE) or plain
 * up to the next dot.  NULL when it is malformed. */
static char *
read_part (const char **at,
           gboolean    *quoted)
{
  const char *p = *at;
  GString *out;

  if (*p != '`')
    {
      gsize length = strcspn (p, ".`");

      if (length == 0 || p[length] == '`')
        return NULL;
      *quoted = FALSE;
      *at = p + length;
      return g_strndup (p, length);
    }
  out = g_string_new (NULL);
  for (p++; ; p++)
    {
      if (*p == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (*p == '`' && p[1] == '`')
        p++;
      else if (*p == '`')
        break;
      g_string_append_c (out, *p);
    }
  *quoted = TRUE;
  *at = p + 1;
  return g_string_free (out, FALSE);
}

static gboolean
split (const char  *text,
       char       **schema,
       gboolean    *schema_quoted,
       char       **table,
       gboolean    *table_quoted)
{
  const char *at = text;
  g_autofree char *first = read_part (&at, schema_quoted);
  g_autofree char *second = NULL;

  if (first == NULL || *at != '.')
    return FALSE;
  at++;
  second = read_part (&at, table_quoted);
  if (second == NULL || *at != '\0')
    return FALSE;
  *schema = g_steal_pointer (&first);
  *table = g_steal_pointer (&second);
  return TRUE;
}

gboolean
_mysql_binlog_name_split (const char  *qualified,
                          char       **schema,
                          char       **table)
{
  gboolean schema_quoted, table_quoted;

  return split (qualified, schema, &schema_quoted, table, &table_quoted);
}

char *
_mysql_binlog_name_canonical (const char *name)
{
  g_autofree char *schema = NULL;
  g_autofree char *table = NULL;

  if (!_mysql_binlog_name_split (name, &schema, &table))
    return NULL;
  return _mysql_binlog_name_qualify (schema, table);
}

typedef struct
{
  char         *literal;   /* a quoted part, or NULL */
  GPatternSpec *glob;      /* a plain one */
} Part;

struct _MysqlBinlogNamePattern
{
  Part schema;
  Part table;
  gboolean qualified;
};

static void
part_init (Part       *part,
           char       *text,
           gboolean    quoted)
{
  if (quoted)
    part->literal = text;
  else
    {
      part->glob = g_pattern_spec_new (text);
      g_free (text);
    }
}

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->literal, g_free);
  g_clear_pointer (&part->glob, g_pattern_spec_free);
}

static gboolean
part_matches (const Part *part,
              const char *name)
{
  if (part->literal != NULL)
    return strcmp (part->literal, name) == 0;
  return g_pattern_spec_match_string (part->glob, name);
}

MysqlBinlogNamePattern *
_mysql_binlog_name_pattern_new (const char  *pattern,
                                gboolean     qualified,
                                GError     **error)
{
  MysqlBinlogNamePattern *self = g_new0 (MysqlBinlogNamePattern, 1);
  char *schema = NULL, *table = NULL;
  gboolean schema_quoted = FALSE, table_quoted = FALSE;

  self->qualified = qualified;
  if (!qualified)
    {
      /* A schema: all of it, plain (dots and all) unless in backquotes. */
      const char *at = pattern;

      if (*pattern == '`' && (schema = read_part (&at, &schema_quoted)) != NULL && *at == '\0')
        part_init (&self->schema, schema, TRUE);
      else
        {
          g_free (schema);
          part_init (&self->schema, g_strdup (pattern), FALSE);
        }
      return self;
    }
  if (strcmp (pattern, "*") == 0)
    {
      schema = g_strdup ("*");
      table = g_strdup ("*");
    }
  else if (!split (pattern, &schema, &schema_quoted, &table, &table_quoted))
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a table pattern schema.table: each part is plain (without "
                   "a dot or a backquote; `*` and `?` are globs) or in backquotes (literal, "
                   "inner backquotes doubled), as in shop.* or x.`y.z`", pattern);
      g_free (self);
      return NULL;
    }
  part_init (&self->schema, schema, schema_quoted);
  part_init (&self->table, table, table_quoted);
  return self;
}

void
_mysql_binlog_name_pattern_free (MysqlBinlogNamePattern *pattern)
{
  if (pattern == NULL)
    return;
  part_clear (&pattern->schema);
  part_clear (&pattern->table);
  g_free (pattern);
}

gboolean
_mysql_binlog_name_pattern_match (const MysqlBinlogNamePattern *pattern,
                                  const char                   *schema,
                                  const char                   *table)
{
  if (!part_matches (&pattern->schema, schema))
    return FALSE;
  return !pattern->qualified || part_matches (&pattern->table, table);
}
